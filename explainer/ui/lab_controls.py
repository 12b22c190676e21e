"""The Nerve lab's controls: widgets ↔ URL state ↔ the model's `Scenario`.

Every control writes through `explainer.state`, so the URL always reproduces the view. A
preset sets the model inputs; moving any control afterwards leaves the preset.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import streamlit as st
from streamlit.runtime import Runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

from explainer import state
from explainer.content import Audience, Content
from explainer.content.schema import for_audience
from explainer.model.limits import SETTINGS
from explainer.model.pool import PROTOCOLS, Scenario
from explainer.model.scenarios import lab_scenario
from explainer.state import AppState
from explainer.ui import runs

_PREFIX = "lab_"
CUSTOM = ""
"""The preset choice that means "my own settings"."""


def _preset_values(content: Content, preset: str) -> dict[str, object]:
    """A preset's settings as lab state (the lab shows the endings, so not the site)."""
    return content.presets[preset].settings.model_dump(exclude={"site"})


def effective_state(content: Content) -> AppState:
    """The URL state with the preset's settings applied (a preset decides its own values)."""
    current = state.current()
    if current.preset is None:
        return current
    settings = _preset_values(content, current.preset)
    if any(getattr(current, name) != value for name, value in settings.items()):
        current = state.update(**settings)
    return current


def scenario_of(app_state: AppState) -> Scenario:
    return lab_scenario(
        kv1=app_state.kv1, kv7=app_state.kv7, na_block=app_state.na_block,
        temperature=app_state.temperature, protocol=app_state.protocol, seed=app_state.seed,
    )  # fmt: skip


def _key(name: str) -> str:
    return _PREFIX + name


_MOVED = _key("moved")
"""Session key: the slider moved last and its direction, e.g. ("kv1", -1)."""


def _on_change(name: str, from_widget: Callable[[object], object]) -> Callable[[], None]:
    def changed() -> None:
        before, after = getattr(state.current(), name), from_widget(st.session_state[_key(name)])
        if name in SETTINGS and after != before:
            st.session_state[_MOVED] = (name, 1 if after > before else -1)
        state.update(**{name: after, "preset": None})

    return changed


def _on_preset(content: Content) -> Callable[[], None]:
    def changed() -> None:
        preset = st.session_state[_key("preset")] or None
        if preset is None:
            state.update(preset=None)
        else:
            state.update(preset=preset, **_preset_values(content, preset))

    return changed


def _reset() -> None:
    defaults = AppState()
    state.update(**{name: getattr(defaults, name) for name in (
        "kv1", "kv7", "na_block", "temperature", "protocol", "preset", "seed")})  # fmt: skip


def _percent_slider(name: str, words: dict[str, str]) -> None:
    """A fraction (0–1) shown in whole percent, in the setting's own steps."""
    setting = SETTINGS[name]
    st.slider(
        min_value=round(100 * setting.low), max_value=round(100 * setting.high),
        step=round(100 * setting.step), format="%d %%",
        on_change=_on_change(name, lambda percent: setting.snap(percent / 100)), **words,
    )  # fmt: skip


def render(content: Content, audience: Audience, app_state: AppState) -> None:
    """Draw the controls for `audience`, showing `app_state`'s values."""
    lab = content.lab
    widget_values = {
        "preset": app_state.preset or CUSTOM,
        "kv1": round(app_state.kv1 * 100),
        "na_block": app_state.na_block,
        "kv7": round(app_state.kv7 * 100),
        "temperature": app_state.temperature,
        "protocol": app_state.protocol,
        "seed": app_state.seed,
    }
    for name, value in widget_values.items():
        st.session_state[_key(name)] = value

    def words(name: str) -> dict[str, str]:
        control = lab.controls[name]
        return {
            "label": for_audience(control.label, audience),
            "help": for_audience(control.help, audience),
            "key": _key(name),
        }

    presets = content.presets
    st.selectbox(
        options=[CUSTOM, *presets],
        format_func=lambda p: lab.labels.custom if p == CUSTOM else presets[p].label,
        on_change=_on_preset(content), **words("preset"),
    )  # fmt: skip
    if app_state.preset:
        st.caption(presets[app_state.preset].description)
    protocol_labels = {choice.id: for_audience(choice.label, audience) for choice in lab.protocols}
    st.radio(
        options=PROTOCOLS, format_func=protocol_labels.__getitem__,
        on_change=_on_change("protocol", str), **words("protocol"),
    )  # fmt: skip
    _percent_slider("kv1", words("kv1"))
    na_block = SETTINGS["na_block"]
    st.slider(
        min_value=na_block.low, max_value=na_block.high, step=na_block.step,
        on_change=_on_change("na_block", na_block.snap), **words("na_block"),
    )  # fmt: skip
    if audience == "patient":
        st.caption(content.site.medicine_safety)
    else:
        _percent_slider("kv7", words("kv7"))
        temperature, seed = SETTINGS["temperature"], SETTINGS["seed"]
        st.slider(
            min_value=temperature.low, max_value=temperature.high, step=temperature.step,
            format="%.1f °C", on_change=_on_change("temperature", temperature.snap),
            **words("temperature"),
        )  # fmt: skip
        st.number_input(
            min_value=seed.low, max_value=seed.high, step=seed.step,
            on_change=_on_change("seed", int), **words("seed"),
        )  # fmt: skip
    st.button(lab.labels.reset, on_click=_reset, icon=":material/restart_alt:")


def share_link() -> str:
    """The address of this page with every current setting in it."""
    base = (st.context.url or "").split("?")[0] or "./lab"
    query = "&".join(f"{key}={value}" for key, value in state.to_query(state.current()).items())
    return base + (f"?{query}" if query else "")


def neighbours(app_state: AppState, moved: tuple[str, int]) -> list[Scenario]:
    """The runs one step either side of the slider moved last, onward direction first."""
    name, direction = moved
    setting, value = SETTINGS[name], getattr(app_state, name)
    nearby = (setting.snap(value + sign * setting.step) for sign in (direction, -direction))
    return [scenario_of(replace(app_state, **{name: v})) for v in nearby if v != value]


def look_ahead(app_state: AppState) -> None:
    """After an answer is drawn: compute the neighbouring slider values in the background."""
    context = get_script_run_ctx()
    if context is None or not Runtime.exists():  # AppTest has no server: nothing to gain
        return
    runtime, session = Runtime.instance(), context.session_id
    moved = st.session_state.get(_MOVED, ("kv1", -1))
    runs.look_ahead(
        session, neighbours(app_state, moved), lambda: runtime.is_active_session(session)
    )
