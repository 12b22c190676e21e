"""Everything that can live in the URL, as one typed object.

Names follow the `explainer-sim` options (DESIGN.md, "Contracts"): `audience`, `kv1`,
`kv7`, `na_block`, `temperature`, `protocol`, `preset`, `seed`, plus `step` and `antibody` (chain
walkthrough) and `symptom` (Symptoms page).
Parsing never raises: a malformed value is replaced by its default, an out-of-range value
is clamped, a number between the widgets' steps is snapped to the nearest one (ranges and
steps: :data:`explainer.model.limits.SETTINGS`), and each fix produces a plain-language
notice for the page to show.

Only this module touches `st.query_params`. Streamlit clears query params when the reader
moves between pages, so the last good settings are kept in the session and written back.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, fields, replace

import streamlit as st

from explainer.content.schema import AUDIENCES, Audience
from explainer.model.limits import SETTINGS, Setting
from explainer.model.pool import PROTOCOLS, ProtocolName

CHAIN_STEP = Setting(1, 7, 1, integer=True)
"""The chain walkthrough's steps (data/chain.yaml has 7; tests/unit/test_state.py checks)."""
CHAIN_ANTIBODY = Setting(0.0, 1.0, 0.05)
"""The chain's antibody slider (an illustrative 0–1 scale, explainer/model/disease.py)."""
# Streamlit's own URL options; they are not app settings and are left alone.
STREAMLIT_KEYS = frozenset({"embed", "embed_options"})


@dataclass(frozen=True)
class AppState:
    """Settings shared by URL, pages and (later) the simulation."""

    audience: Audience = "patient"
    kv1: float = 1.0
    """Fraction of Kv1 conductance that remains (1.0 healthy, 0.0 none)."""
    kv7: float = 1.0
    """Fraction of Kv7 (slow K) conductance that remains (KCNQ2 variants)."""
    na_block: float = 0.0
    """Sodium-channel blocker dose, 0 (none) to 1 (maximal)."""
    temperature: float = 37.0
    """Temperature in °C."""
    protocol: ProtocolName = "rest"
    preset: str | None = None
    seed: int = 1
    step: int = 1
    """Step of the chain walkthrough (1-based)."""
    antibody: float | None = None
    """Antibody level set on the chain walkthrough (0–1); None until the reader sets it, and
    the walkthrough shows its illustrative default (data/chain.yaml)."""
    symptom: str | None = None
    """The symptom picked on the Symptoms page."""


@dataclass(frozen=True)
class _Number:
    setting: Setting

    def parse(self, name: str, raw: str) -> tuple[float | int | None, str | None]:
        setting = self.setting
        try:
            value = float(raw)
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or (setting.integer and value != int(value)):
            kind = "a whole number" if setting.integer else "a number"
            return (
                None,
                f"“{name}={raw}” is not {kind} ({setting.describe()}); the default is used.",
            )
        if setting.clamp(value) != value:
            used = setting.snap(value)
            return used, f"“{name}={raw}” is outside {setting.describe()}; {used} is used."
        used = setting.snap(value)
        if used != value:
            return used, f"“{name}={raw}” goes in steps of {setting.step}; {used} is used."
        return used, None


@dataclass(frozen=True)
class _Choice:
    options: Callable[[], Collection[str]]

    def parse(self, name: str, raw: str) -> tuple[str | None, str | None]:
        value = raw.strip().lower()
        allowed = self.options()
        if value in allowed:
            return value, None
        shown = ", ".join(sorted(allowed)) or "none yet"
        return None, f"“{name}={raw}” is not one of: {shown}; the default is used."


def _fields(
    preset_names: Collection[str], symptom_names: Collection[str]
) -> dict[str, _Number | _Choice]:
    return {
        "audience": _Choice(lambda: AUDIENCES),
        **{name: _Number(SETTINGS[name]) for name in ("kv1", "kv7", "na_block", "temperature")},
        "protocol": _Choice(lambda: PROTOCOLS),
        "preset": _Choice(lambda: preset_names),
        "symptom": _Choice(lambda: symptom_names),
        "seed": _Number(SETTINGS["seed"]),
        "step": _Number(CHAIN_STEP),
        "antibody": _Number(CHAIN_ANTIBODY),
    }


def parse_query(
    params: Mapping[str, str | list[str]],
    preset_names: Collection[str] = (),
    symptom_names: Collection[str] = (),
) -> tuple[AppState, list[str]]:
    """Read URL parameters into an `AppState`, plus notices for every value that was fixed."""
    specs = _fields(preset_names, symptom_names)
    values: dict[str, object] = {}
    notices: list[str] = []
    for name, raw in params.items():
        if name in STREAMLIT_KEYS:
            continue
        if name not in specs:
            notices.append(f"The setting “{name}” is unknown and was ignored.")
            continue
        text = raw[-1] if isinstance(raw, list) else raw
        value, notice = specs[name].parse(name, str(text))
        if value is not None:
            values[name] = value
        if notice:
            notices.append(notice)
    return AppState(**values), notices


def to_query(state: AppState) -> dict[str, str]:
    """URL parameters for `state`: only the settings that differ from the defaults."""
    default = AppState()
    return {
        field.name: str(getattr(state, field.name))
        for field in fields(AppState)
        if getattr(state, field.name) != getattr(default, field.name)
    }


# --- Streamlit side -----------------------------------------------------------------------
_STATE_KEY = "_app_state"
_QUERY_KEY = "_app_query"


def sync_from_url(
    preset_names: Collection[str], symptom_names: Collection[str] = ()
) -> tuple[AppState, list[str]]:
    """Parse the URL (falling back to this session's last settings) and write it back clean."""
    remembered: dict[str, str] = st.session_state.get(_QUERY_KEY, {})
    state, notices = parse_query(
        {**remembered, **st.query_params.to_dict()}, preset_names, symptom_names
    )
    _store(state)
    return state, notices


def current() -> AppState:
    """The state of this run, as parsed by `sync_from_url` in app.py."""
    return st.session_state.get(_STATE_KEY, AppState())


def update(**changes: object) -> AppState:
    """Change some settings; the URL follows."""
    state = replace(current(), **changes)
    _store(state)
    return state


def _store(state: AppState) -> None:
    query = to_query(state)
    st.session_state[_STATE_KEY] = state
    st.session_state[_QUERY_KEY] = query
    if st.query_params.to_dict() != query:
        st.query_params.from_dict(query)
