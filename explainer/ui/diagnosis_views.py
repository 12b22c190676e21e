"""Diagnosis & treatment: EMG patterns simulated by the model, the blocker live, and the
treatment timeline (IgG kinetics → Kv1 → nerve model, sampled week by week)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import streamlit as st

from explainer.content import Audience, Content
from explainer.content.interactive import EmgPattern
from explainer.diagrams import diagnosis as figures
from explainer.diagrams import lab as lab_figures
from explainer.diagrams.style import Trace
from explainer.model import disease, excitability, muscle, patterns, sweeps
from explainer.model.pool import Scenario
from explainer.model.scenarios import preset_scenario
from explainer.ui.lab_views import PLOT_CONFIG
from explainer.ui.runs import emg_of, simulate, wav_bytes
from explainer.ui.text import citation_chips


@st.cache_resource(max_entries=16, show_spinner=False)
def _recording(
    preset: str, protocol: str, kv1: float | None = None
) -> tuple[muscle.EmgTrace, bytes, object]:
    scenario = preset_scenario(preset, Scenario(protocol=protocol))
    scenario = scenario if kv1 is None else replace(scenario, kv1=kv1)
    result, emg = simulate(scenario), emg_of(scenario)
    return emg, wav_bytes(*muscle.emg_audio(emg)), result


BEFORE_PULSES_S, AFTER_PULSES_S = 0.1, 0.5
"""How much of the run before the first pulse and after the last an after-discharge chart
shows: drawn whole, a 2-s run made a discharge 5 ms after the pulses look like their end."""


def _mark(pattern: EmgPattern, result) -> float | None:
    pool, found = result.pool, result.summary.discharges
    if pattern.pattern == "after":  # the first spike the pulses did not evoke, after them
        after = [d.start_s for d in found if d.start_s > pool.drive_end_s]
        return min(after, default=None)
    starts = [d.start_s for d in found if d.pattern == pattern.pattern]
    # Runs start from the firing's own steady state, so a discharge within one burst gap of
    # 0 s may have begun before it: point at the first one seen to begin, if there is one.
    begun = [start for start in starts if start >= patterns.PatternRules().burst_gap_ms / 1000.0]
    return min(begun or starts, default=None)


def emg_gallery(content: Content, audience: Audience) -> None:
    labels = content.diagnosis.labels
    st.header(labels.emg_heading)
    st.caption(labels.emg_intro)
    for pattern in content.diagnosis.emg_patterns:
        with st.spinner(labels.simulating):
            emg, sound, result = _recording(pattern.preset, pattern.protocol, pattern.kv1)
        pool = result.pool
        first = min((float(t[0]) for t in pool.pulse_times_s if t.size), default=None)
        driven = None if first is None else (first, pool.drive_end_s)
        shown = np.ones(emg.t_s.size, dtype=bool)
        if pattern.pattern == "after" and driven is not None:
            shown = (emg.t_s >= first - BEFORE_PULSES_S) & (emg.t_s <= driven[1] + AFTER_PULSES_S)
        st.subheader(pattern.name)
        refs = pattern.refs + (pattern.model_refs if audience != "patient" else ())
        st.markdown(f"{pattern.description.for_audience(audience)} "
                    f"{citation_chips(content, refs)}")  # fmt: skip
        figure = figures.emg_marked_figure(
            Trace(emg.t_s[shown], emg.emg_mV[shown], pattern.name), _mark(pattern, result),
            f"{pattern.name}: {labels.first}", driven, "", labels.stimulus,
        )  # fmt: skip
        st.plotly_chart(figure, key=f"emg_{pattern.id}", config=PLOT_CONFIG,
                        alt=pattern.description.for_audience(audience))  # fmt: skip
        st.audio(sound, format="audio/wav")


def blocker_demo(content: Content) -> None:
    labels = content.diagnosis.labels
    with st.spinner(labels.simulating):
        without, _, _ = _recording("moderate", "rest")
        with_blocker, _, _ = _recording("carbamazepine", "rest")
    st.subheader(labels.blocker_heading)
    figure = lab_figures.emg_figure(
        Trace(without.t_s, without.emg_mV, content.presets["moderate"].label),
        Trace(with_blocker.t_s, with_blocker.emg_mV,
                          content.presets["carbamazepine"].label), "",
    )  # fmt: skip
    st.plotly_chart(figure, key="emg_blocker", config=PLOT_CONFIG, alt=labels.blocker_caption)
    st.caption(labels.blocker_caption)


@st.cache_data(max_entries=8, show_spinner=False)
def _levels(exchange_days: tuple[float, ...], weeks: int) -> disease.Timeline:
    return disease.antibody_timeline(7.0 * weeks, exchange_days)


def timeline(content: Content) -> None:
    diagnosis = content.diagnosis
    labels = diagnosis.labels
    st.header(labels.timeline_heading)
    st.warning(labels.timeline_warning, icon=":material/info:")
    schedules = {schedule.id: schedule for schedule in diagnosis.schedules}
    left, right = st.columns(2)
    baseline_pct = left.slider(labels.baseline, 20, 100, 80, 5, format="%d %%",
                               key="timeline_baseline")  # fmt: skip
    chosen = right.radio(labels.schedule, list(schedules), key="timeline_schedule",
                         format_func=lambda i: schedules[i].label)  # fmt: skip
    days = schedules[chosen].exchange_days
    levels = _levels(days, diagnosis.timeline_weeks)
    progress = st.progress(0.0)

    def started(week: int, total: int, _: Scenario) -> None:
        progress.progress(week / total, labels.progress.format(week=week))

    sample_days, rates = sweeps.treatment_timeline(
        levels, baseline_pct / 100, diagnosis.timeline_weeks, simulate, started
    )
    progress.empty()
    figure = figures.timeline_figure(levels.t_days, levels.plasma, levels.tissue, sample_days,
                                     rates, days, labels.model_dump(), "")  # fmt: skip
    lowest = int(np.argmin(levels.tissue))
    summary = labels.summary.format(
        lowest=round(100 * levels.tissue[lowest]), day=round(levels.t_days[lowest]),
        before=f"{rates[0]:.1f}", least=f"{min(rates):.1f}", after=f"{rates[-1]:.1f}",
        weeks=diagnosis.timeline_weeks,
    )  # fmt: skip
    st.plotly_chart(figure, key="treatment_timeline", config=PLOT_CONFIG, alt=summary)
    st.caption(summary)
    st.caption(citation_chips(content, diagnosis.refs))


def _number(value: float, decimals: int = 0) -> str:
    """`value` rounded, written with a true minus sign (−), not a hyphen."""
    return f"{value:.{decimals}f}".replace("-", "\N{MINUS SIGN}")


@st.cache_data(max_entries=8, show_spinner=False)
def _excitability(kv1: float, site: str) -> dict:
    return excitability.excitability_report(Scenario(kv1=kv1, site=site))


def _normal_bands(content: Content) -> dict[str, list[figures.Band]]:
    norms = {norm.id: norm for norm in content.excitability_norms}
    at, se, late = (norms[key] for key in
                    ("superexcitability_at_ms", "superexcitability_pct", "late_subexcitability_pct"))  # fmt: skip
    return {"recovery_cycle": [(at.low, at.high, se.low, se.high),
                               (30.0, 50.0, late.low, late.high)]}  # fmt: skip


def excitability_test(content: Content, audience: Audience) -> None:
    """The virtual nerve-excitability test of the trunk node, for students and clinicians."""
    view = content.diagnosis.excitability
    st.header(view.heading)
    st.markdown(f"{getattr(view.intro, audience)} {citation_chips(content, view.refs)}")
    cases = {case.id: case for case in view.cases}
    chosen = cases[st.radio(view.case_label, list(cases), format_func=lambda c: cases[c].label,
                            horizontal=True, key="diagnosis_excitability")]  # fmt: skip
    with st.spinner(view.simulating):
        report = _excitability(chosen.kv1, chosen.site)
        healthy = _excitability(1.0, "ending")
    names = {"this": chosen.label, "healthy": view.healthy, "depolarising": view.depolarising,
             "hyperpolarising": view.hyperpolarising}  # fmt: skip
    bands = _normal_bands(content)
    columns = st.columns(2) + st.columns(2)  # two by two; stacked on a phone
    for column, panel in zip(columns, view.panels, strict=True):
        figure = figures.excitability_figure(
            panel.id, report["curves"], healthy["curves"],
            (panel.title, panel.x_title, panel.y_title), bands.get(panel.id, []), names,
        )  # fmt: skip
        column.plotly_chart(figure, key=f"excitability_{panel.id}", config=PLOT_CONFIG,
                            alt=f"{panel.title}: {getattr(panel.explanation, audience)}")  # fmt: skip
    ours, base = report["summary"]["excitability"], healthy["summary"]["excitability"]
    summary = view.summary.format(
        sd=_number(ours["sd_time_constant_ms"], 2), sd_healthy=_number(base["sd_time_constant_ms"], 2),
        rrp=_number(ours["rrp_ms"], 1), rrp_healthy=_number(base["rrp_ms"], 1),
        se=_number(ours["superexcitability_pct"]), se_healthy=_number(base["superexcitability_pct"]),
        ted=_number(ours["ted_90_100_pct"]), ted_healthy=_number(base["ted_90_100_pct"]),
    )  # fmt: skip
    # The healthy curves lie under this setting's when they are the same (antibodies at the
    # endings leave the trunk as it was): say so, rather than promise a grey line.
    same = all(
        np.array_equal(report["curves"][key], healthy["curves"][key]) for key in report["curves"]
    )
    legend = view.legend_same if same else view.legend
    st.caption(f"{summary} {legend.format(case=chosen.label)}")
    for panel in view.panels:
        st.markdown(f"**{panel.title}.** {getattr(panel.explanation, audience)}")
