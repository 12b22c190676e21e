"""The Nerve lab's views: one cached simulation → readout, charts, sound, downloads.

Every chart comes from the model run of the current settings; the grey/dashed comparison
is the same run with every channel intact. Each chart has a one-sentence text summary.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import streamlit as st

from explainer.content import Audience, Content
from explainer.content.interactive import LabLabels
from explainer.content.schema import for_audience
from explainer.diagrams import lab as figures
from explainer.diagrams.style import Trace
from explainer.model import sweeps
from explainer.model.pool import Scenario
from explainer.model.simulation import (
    ScenarioResult,
    as_json,
    readout_metrics,
    spikes_csv,
)
from explainer.ui.runs import emg_pair, healthy_of, simulate, sounds
from explainer.ui.text import citation_chips
from explainer.ui.updating_chart import updating_chart

PLOT_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}
VIEWS_HEIGHT_PX = 1100


def raster_words(labels: LabLabels, audience: Audience) -> figures.RasterWords:
    axis = for_audience(labels.raster_axis, audience)
    return figures.RasterWords(axis, labels.raster_hover, labels.no_spikes)


def template_values(result: ScenarioResult, metrics: dict[str, float], protocol: str) -> dict:
    summary, scenario = result.summary, result.scenario
    counts = summary.pattern_counts
    return {
        "rate": f"{summary.spontaneous_rate_hz:.1f}",
        "active_pct": f"{100 * summary.active_fraction:.0f}",
        "doublets": counts["doublet"],
        "multiplets": counts["multiplet"],
        "neuromyotonic": counts["neuromyotonic"],
        "max_hz": f"{summary.max_intraburst_hz:.0f}",
        "force": f"{summary.mean_force_pct_mvc:.1f}",
        "resting_force": f"{metrics['resting_force_pct_mvc']:.1f}",
        "kv1_pct": f"{100 * scenario.kv1:.0f}",
        "protocol": protocol,
        "units": scenario.units,
        "duration": f"{scenario.duration_s:g}",
    }


def _readout(content: Content, audience: Audience, metrics: dict[str, float]) -> None:
    lab = content.lab
    felt = [f for f in lab.feelings if metrics[f.metric] > f.above]
    with st.container(border=True):
        st.markdown(f"#### {lab.labels.readout}")
        if not felt:
            st.markdown(lab.calm.for_audience(audience))
        for feeling in felt:
            chips = citation_chips(content, feeling.refs)
            st.markdown(f"- {feeling.text.for_audience(audience).strip()} {chips}")


def _chart(content: Content, audience: Audience, name: str, figure, values: dict) -> None:
    words = content.lab.charts[name]
    summary = words.summary.for_audience(audience).format(**values)
    st.plotly_chart(figure, key=f"lab_chart_{name}", config=PLOT_CONFIG, alt=summary)
    st.caption(summary)


def _traces(result: ScenarioResult, healthy: ScenarioResult) -> pd.DataFrame:
    pool = result.pool
    t_s = np.arange(pool.v_node_mV.size) * pool.trace_dt_ms / 1000.0
    return pd.DataFrame(
        {"time_s": t_s, "v_node_mV": pool.v_node_mV, "v_internode_mV": pool.v_internode_mV,
         "v_node_healthy_mV": healthy.pool.v_node_mV}
    )  # fmt: skip


def render(content: Content, audience: Audience, scenario: Scenario, preset: str | None) -> None:
    """All views of one run, in the reading order of the chain: nerve → pool → EMG → force."""
    lab = content.lab
    with st.spinner(lab.labels.simulating):
        result, healthy = simulate(scenario), simulate(healthy_of(scenario))
    metrics = readout_metrics(result)
    protocol = next(c.label for c in lab.protocols if c.id == scenario.protocol)
    values = template_values(result, metrics, for_audience(protocol, audience))
    summary = result.summary

    _readout(content, audience, metrics)
    labels = lab.labels
    shown = {
        "rate": f"{summary.spontaneous_rate_hz:.1f} Hz",
        "active": f"{100 * summary.active_fraction:.0f} %",
        "fastest": f"{summary.max_intraburst_hz:.0f} Hz",
        "resting_force": f"{metrics['resting_force_pct_mvc']:.1f} %",
    }
    # A row that wraps: four columns cut the numbers to "64…" where the views are narrow
    # (a tablet with the sidebar open).
    numbers = st.container(horizontal=True, horizontal_alignment="distribute", gap="medium")
    for name, value in shown.items():
        numbers.metric(getattr(labels, name), value, help=getattr(labels, f"{name}_help"),
                       width="content")  # fmt: skip

    def title(name: str) -> str:
        return for_audience(lab.charts[name].title, audience)

    pool, calm = result.pool, healthy.pool
    traces = _traces(result, healthy)
    t_s = traces["time_s"].to_numpy()
    mine, theirs = labels.this_example, labels.healthy
    first_pulse = min((float(t[0]) for t in pool.pulse_times_s if t.size), default=None)
    names = {name: info.name for name, info in lab.patterns.items()}
    hover = {name: info.explanation.for_audience(audience) for name, info in lab.patterns.items()}
    emg, calm_emg = emg_pair(scenario)
    force = result.force
    # One figure, one time axis: zooming any row zooms all, so a spike can be followed from
    # the axon to the raster, the EMG and the force (and the browser draws one chart, not 4).
    panels = [
        figures.membrane_panel(Trace(t_s, pool.v_node_mV, mine),
                               Trace(t_s, calm.v_node_mV, theirs), title("membrane")),
        figures.raster_panel(pool.spike_times_s, summary.discharges, names, hover,
                             scenario.units, raster_words(labels, audience), title("raster")),
        *figures.emg_panels(
            Trace(emg.t_s, emg.emg_mV, labels.emg_panel.format(which=mine)),
            Trace(calm_emg.t_s, calm_emg.emg_mV, labels.emg_panel.format(which=theirs))),
        figures.force_panel(Trace(force.t_s, force.force_pct_mvc, mine),
                            Trace(healthy.force.t_s, healthy.force.force_pct_mvc, theirs),
                            for_audience(labels.force_axis, audience), title("force")),
    ]  # fmt: skip
    driven = None if first_pulse is None else (first_pulse, pool.drive_end_s)
    heading = labels.views.format(duration=f"{scenario.duration_s:g}")
    figure = figures.stacked_figure(panels, heading, VIEWS_HEIGHT_PX, driven, scenario.duration_s)
    summaries = {
        name: lab.charts[name].summary.for_audience(audience).format(**values)
        for name in ("membrane", "raster", "emg", "force")
    }
    updating_chart(figure, key="lab_views", config=PLOT_CONFIG, alt=" ".join(summaries.values()))
    st.caption("  \n".join(f"**{title(name)}.** {text}" for name, text in summaries.items()))
    _sounds(labels, scenario)

    st.markdown(f"#### {labels.downloads}")
    downloads = {
        "spikes_csv": (lambda: spikes_csv(result), "spikes.csv", "text/csv"),
        "traces_csv": (lambda: traces.to_csv(index=False), "traces.csv", "text/csv"),
        "summary_json": (
            lambda: json.dumps({**as_json(result, preset), "spikes": None, "readout": metrics}),
            "summary.json",
            "application/json",
        ),
    }
    for column, (name, (data, file_name, mime)) in zip(
        st.columns(len(downloads)), downloads.items(), strict=True
    ):
        column.download_button(
            getattr(labels, name),
            data,
            file_name,
            mime,
            icon=":material/download:",
            key=f"lab_{name}",
        )


def _sounds(labels: LabLabels, scenario: Scenario) -> None:
    """Both EMG rows as sound, made only once the reader asks to listen."""
    if not st.toggle(labels.listen_toggle, key="lab_listen", help=labels.listen_toggle_help):
        return
    for column, name, sound in zip(
        st.columns(2), ("listen", "listen_healthy"), sounds(scenario), strict=True
    ):
        column.markdown(f"**{getattr(labels, name)}**")
        column.audio(sound, format="audio/wav")


def dose_response(content: Content, audience: Audience, scenario: Scenario) -> None:
    """Spontaneous rate at rest across Kv1 levels, with and without the blocker (on demand)."""
    lab, labels = content.lab, content.lab.labels
    dose = scenario.na_block if scenario.na_block > 0 else 0.2
    if not st.button(
        labels.dose_response_button.format(count=sweeps.DOSE_RESPONSE_RUNS),
        key="lab_dose_response",
        icon=":material/play_arrow:",
    ):
        return
    progress = st.progress(0.0)

    def started(done: int, total: int, run: Scenario) -> None:
        progress.progress(
            done / total, labels.dose_response_progress.format(kv1_pct=round(100 * run.kv1))
        )

    kv1, without, with_blocker = sweeps.dose_response(scenario, dose, simulate, started)
    progress.empty()
    names = (labels.without_blocker, labels.with_blocker.format(dose=f"{dose:g}"))
    figure = figures.dose_response_figure(
        kv1, without, with_blocker, names, (labels.dose_axis, labels.dose_rate_axis),
        for_audience(lab.charts["dose_response"].title, audience),
    )  # fmt: skip
    _chart(content, audience, "dose_response", figure, {})


def equations(content: Content) -> None:
    """The model's equations, the Kv1 term in orange, each with what it means."""
    for equation in content.lab.equations:
        st.markdown(f"**{equation.label}** {citation_chips(content, equation.refs)}")
        st.latex(equation.latex)
        st.caption(equation.explanation)
