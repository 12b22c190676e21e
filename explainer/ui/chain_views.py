"""The diagram beside each step of the chain walkthrough (anatomy from data, physiology from
the model), and the chain overview that Home shows."""

from __future__ import annotations

import numpy as np
import streamlit as st

from explainer import state
from explainer.content import Audience, Content
from explainer.content.interactive import ChainStep
from explainer.content.schema import for_audience
from explainer.diagrams import chain as figures
from explainer.diagrams import lab as lab_figures
from explainer.diagrams.style import Trace
from explainer.model import disease
from explainer.model.limits import SETTINGS
from explainer.model.pool import Scenario
from explainer.model.simulation import stimulus_response
from explainer.state import CHAIN_ANTIBODY, AppState
from explainer.ui.lab_views import PLOT_CONFIG, raster_words
from explainer.ui.navigation import page_script
from explainer.ui.runs import emg_pair, simulate, sounds
from explainer.ui.text import citation_chips

SEVERE_KV1 = 0.2
"""Kv1 left in the "most brakes gone" trace of step 3."""
POOL_SECONDS = 1.0


@st.cache_data(max_entries=32, show_spinner=False)
def _response(kv1: float) -> tuple[np.ndarray, np.ndarray]:
    return stimulus_response(kv1)


def _words(step: ChainStep, audience: Audience) -> dict[str, str]:
    """The words inside `step`'s diagram, for `audience`."""
    return {key: for_audience(text, audience) for key, text in step.labels.items()}


def _ap_figure(words: dict[str, str], kv1: float):
    t_ms, healthy = _response(1.0)
    _, reduced = _response(kv1)
    names = (words["healthy"], words["reduced"].format(kv1_pct=round(100 * kv1)))
    return figures.action_potential_figure(t_ms, healthy, reduced, names, "")


def _motor_unit(content: Content, step: ChainStep, audience: Audience) -> None:
    parts = {part.id: part for part in step.parts}
    chosen = st.session_state.get("chain_part")
    drawn = [figures.Part(p.id, p.name, p.x, p.y, p.label_x, p.label_y, p.label_anchor)
             for p in step.parts]  # fmt: skip
    figure = figures.motor_unit_figure(drawn, chosen, "")
    event = st.plotly_chart(
        figure, key="chain_motor_unit", on_select="rerun", selection_mode="points",
        config=PLOT_CONFIG, alt=content.chain.labels.pick_part,
    )  # fmt: skip
    points = event.selection.points if event else []
    if points:
        chosen = st.session_state["chain_part"] = points[0]["customdata"]
    if chosen in parts:
        part = parts[chosen]
        st.info(f"**{part.name}.** {for_audience(part.role, audience)} "
                f"{citation_chips(content, part.refs)}")  # fmt: skip
    else:
        st.caption(content.chain.labels.pick_part)


def _kv1_from(level: float) -> float:
    return SETTINGS["kv1"].snap(float(disease.kv1_remaining_from_antibody(level)))


def _levels(content: Content) -> tuple[float, float]:
    """(antibody level, Kv1 left) of steps 4–6. Until the reader sets an antibody level here
    or a Kv1 level elsewhere (the Nerve lab), the walkthrough's illustrative default."""
    app_state = state.current()
    if app_state.antibody is None and app_state.kv1 == AppState().kv1:
        level = CHAIN_ANTIBODY.snap(content.chain.default_antibody)
        return level, _kv1_from(level)
    kv1 = app_state.kv1
    if app_state.antibody is not None and _kv1_from(app_state.antibody) == kv1:
        return app_state.antibody, kv1
    # A Kv1 set elsewhere: the slider shows the level nearest it (snapped, so not always
    # exact), or its top if antibodies alone cannot remove that much.
    level = disease.antibody_from_kv1_remaining(kv1)
    return (CHAIN_ANTIBODY.snap(level) if level is not None else CHAIN_ANTIBODY.high), kv1


def _on_antibody() -> None:
    level = st.session_state["chain_antibody"]
    state.update(antibody=level, kv1=_kv1_from(level), preset=None)


def _antibodies(content: Content, words: dict[str, str]) -> None:
    level, kv1 = _levels(content)
    st.session_state["chain_antibody"] = level
    st.slider(words["slider"], CHAIN_ANTIBODY.low, CHAIN_ANTIBODY.high,
              step=CHAIN_ANTIBODY.step, key="chain_antibody",
              help=words["slider_help"], on_change=_on_antibody)  # fmt: skip
    st.markdown(words["kv1_left"].format(kv1_pct=round(100 * kv1)))
    node = figures.node_figure(kv1, level, words, "")
    st.plotly_chart(node, key="chain_node_antibodies", config=PLOT_CONFIG, alt=words["kv1"])
    ap = _ap_figure(words, kv1)
    st.plotly_chart(ap, key="chain_ap_antibodies", config=PLOT_CONFIG, alt=words["reduced"])


def _pool_run(kv1: float):
    return simulate(Scenario(kv1=kv1, duration_s=POOL_SECONDS))


def _firing(content: Content, audience: Audience) -> None:
    _, kv1 = _levels(content)
    with st.spinner(content.lab.labels.simulating):
        result = _pool_run(kv1)
    pool, lab = result.pool, content.lab
    if not any(times.size for times in pool.spike_times_s):
        st.info(content.chain.labels.quiet)
    names = {name: info.name for name, info in lab.patterns.items()}
    hover = {name: info.explanation.for_audience(audience) for name, info in lab.patterns.items()}
    raster = lab_figures.raster_figure(
        pool.spike_times_s, result.summary.discharges, names, hover, None,
        for_audience(lab.charts["raster"].title, audience), pool.scenario.units, POOL_SECONDS,
        raster_words(lab.labels, audience),
    )  # fmt: skip
    st.plotly_chart(raster, key="chain_raster", config=PLOT_CONFIG, alt=lab.labels.no_spikes)
    emg, calm = emg_pair(pool.scenario)
    figure = lab_figures.emg_figure(
        Trace(emg.t_s, emg.emg_mV, lab.labels.this_example),
        Trace(calm.t_s, calm.emg_mV, lab.labels.healthy),
        for_audience(lab.charts["emg"].title, audience),
    )
    st.plotly_chart(figure, key="chain_emg", config=PLOT_CONFIG, alt=lab.labels.listen)
    st.markdown(f"**{lab.labels.listen}**")
    st.audio(sounds(pool.scenario)[0], format="audio/wav")


def _stages(content: Content, step: ChainStep, audience: Audience) -> None:
    for stage in step.stages:
        chips = citation_chips(content, stage.refs)
        st.markdown(f"- **{for_audience(stage.name, audience)}** — "
                    f"{for_audience(stage.note, audience)} {chips}")  # fmt: skip


def _muscle(content: Content, audience: Audience) -> None:
    _, kv1 = _levels(content)
    labels = content.lab.labels
    with st.spinner(labels.simulating):
        result, healthy = _pool_run(kv1), _pool_run(1.0)
    figure = lab_figures.force_figure(
        Trace(result.force.t_s, result.force.force_pct_mvc, labels.this_example),
        Trace(healthy.force.t_s, healthy.force.force_pct_mvc, labels.healthy),
        for_audience(content.lab.charts["force"].title, audience),
        for_audience(labels.force_axis, audience),
    )
    st.plotly_chart(figure, key="chain_force", config=PLOT_CONFIG, alt=labels.resting_force)


def _links(step: ChainStep, audience: Audience) -> None:
    current = state.to_query(state.current())
    for link in step.links:
        query = {**current, "preset": link.preset} if link.preset else current
        st.page_link(str(page_script(link.page)), label=for_audience(link.label, audience),
                     query_params=query, icon=":material/arrow_forward:")  # fmt: skip


def render_diagram(content: Content, step: ChainStep, audience: Audience) -> None:
    """Draw the diagram of `step` (dispatch on its `diagram` kind)."""
    title = for_audience(step.title, audience)  # the figure's screen-reader label
    if step.diagram == "motor_unit":
        _motor_unit(content, step, audience)
    elif step.diagram == "node":
        figure = figures.node_figure(1.0, 0.0, _words(step, audience), "")
        st.plotly_chart(figure, key="chain_node", config=PLOT_CONFIG, alt=title)
    elif step.diagram == "action_potential":
        st.plotly_chart(_ap_figure(_words(step, audience), SEVERE_KV1), key="chain_ap",
                        config=PLOT_CONFIG, alt=title)  # fmt: skip
    elif step.diagram == "antibodies":
        _antibodies(content, _words(step, audience))
    elif step.diagram == "firing":
        _firing(content, audience)
    elif step.diagram == "muscle":
        _muscle(content, audience)
        _stages(content, step, audience)
    else:
        stages = [
            (for_audience(s.name, audience), for_audience(s.note, audience)) for s in step.stages
        ]
        st.plotly_chart(figures.vertical_chain_figure(stages, ""), key="chain_treatments",
                        config=PLOT_CONFIG, alt=title)  # fmt: skip
        cited = sorted({key for stage in step.stages for key in stage.refs})
        st.caption(citation_chips(content, cited))
        _links(step, audience)


def overview(content: Content) -> None:
    """The chain as a row of steps that wraps on a narrow screen; choosing one (by mouse,
    touch or keyboard) opens The chain at that step."""
    chain = content.chain
    number = st.pills(
        chain.labels.overview,
        range(1, len(chain.steps) + 1),
        format_func=lambda n: f"{n}\\. {chain.steps[n - 1].label}",  # "\\.": not a list
        key="home_chain",
    )
    if number is not None:
        chosen = state.update(step=number)
        st.switch_page(str(page_script("chain")), query_params=state.to_query(chosen))
