"""Figures of the Nerve lab: pure functions from model output to a plotly figure.

Long traces are thinned for display with min-max-preserving LTTB (tsdownsample), so every
spike peak survives while a rerun ships a few thousand points instead of 80 000.
Colours: Okabe–Ito, distinguishable with the common forms of colour blindness.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots
from tsdownsample import MinMaxLTTBDownsampler

from explainer.model.patterns import Discharge

BLUE, ORANGE, GREEN, PINK = "#0072B2", "#E69F00", "#009E73", "#CC79A7"
SKY, VERMILLION, GREY = "#56B4E9", "#D55E00", "#8C8C8C"
PATTERN_COLOURS = {
    "single": SKY,
    "doublet": GREEN,
    "multiplet": PINK,
    "neuromyotonic": VERMILLION,
    "evoked": GREY,
}
MAX_POINTS = 1500
"""Points per line after thinning."""


@dataclass(frozen=True)
class Trace:
    """A time series to draw: time in s, values, and what they are."""

    t_s: np.ndarray
    values: np.ndarray
    name: str


def thin(t_s: np.ndarray, values: np.ndarray, max_points: int = MAX_POINTS) -> np.ndarray:
    """Indices of the samples to draw (all of them when there are few)."""
    if t_s.size <= max_points:
        return np.arange(t_s.size)
    return MinMaxLTTBDownsampler().downsample(t_s, values, n_out=max_points)


def _layout(figure: go.Figure, title: str, height: int) -> go.Figure:
    figure.update_layout(
        title={"text": title, "font": {"size": 16}},
        height=height,
        margin={"l": 60, "r": 20, "t": 50, "b": 45},
        hovermode="closest",
        legend={"orientation": "h", "y": -0.25, "x": 0},
    )
    return figure


def _line(trace: Trace, colour: str, **style: object) -> go.Scatter:
    keep = thin(trace.t_s, trace.values)
    return go.Scatter(
        x=trace.t_s[keep].astype(np.float32), y=trace.values[keep].astype(np.float32),
        name=trace.name, mode="lines",
        line={"color": colour, "width": 1.2, **style},
    )  # fmt: skip


def membrane_figure(trace: Trace, ghost: Trace, title: str) -> go.Figure:
    """One axon's membrane potential, with the healthy axon's as a grey ghost behind it."""
    figure = go.Figure([_line(ghost, GREY, width=1.0), _line(trace, BLUE)])
    figure.update_xaxes(title="time (s)")
    figure.update_yaxes(title="membrane potential (mV)")
    return _layout(figure, title, 320)


def raster_figure(
    spike_times_s: Sequence[np.ndarray],
    discharges: Sequence[Discharge],
    pattern_names: Mapping[str, str],
    pattern_hover: Mapping[str, str],
    driven_s: tuple[float, float] | None,
    title: str,
    n_units: int,
    duration_s: float,
    empty_note: str,
) -> go.Figure:
    """Every spike of every unit, coloured by the discharge it belongs to (hover: what it is).

    Spikes not in `discharges` were evoked by the protocol (drawn grey). Hover data are
    numbers (unit, spikes in the discharge, its rate), so the figure stays small.
    """
    points: dict[str, list[np.ndarray]] = {name: [] for name in PATTERN_COLOURS}
    classified = [np.zeros(times.size, dtype=bool) for times in spike_times_s]
    for d in discharges:
        times = spike_times_s[d.unit]
        inside = (times >= d.start_s) & (times <= d.end_s)
        classified[d.unit] |= inside
        n = int(inside.sum())
        points[d.pattern].append(
            np.column_stack([times[inside], np.full((n, 3), (d.unit, d.n_spikes, d.rate_hz))])
        )
    for unit, times in enumerate(spike_times_s):
        evoked = times[~classified[unit]]
        points["evoked"].append(np.column_stack([evoked, np.full((evoked.size, 3), (unit, 1, 0))]))
    figure = go.Figure()
    if driven_s is not None:
        figure.add_vrect(x0=driven_s[0], x1=driven_s[1], fillcolor=GREY, opacity=0.12, line_width=0)
    for pattern, chunks in points.items():
        data = np.concatenate(chunks) if chunks else np.zeros((0, 4))
        if not data.size:
            continue
        figure.add_trace(
            go.Scatter(
                x=data[:, 0].astype(np.float32), y=data[:, 1].astype(np.int16),
                mode="markers", name=pattern_names[pattern],
                marker={"symbol": "line-ns", "size": 7,
                        "line": {"width": 1.6, "color": PATTERN_COLOURS[pattern]}},
                customdata=data[:, 1:].astype(np.float32),
                hovertemplate=f"<b>{pattern_names[pattern]}</b> — unit %{{customdata[0]}}, "
                "%{customdata[1]} spike(s), %{customdata[2]:.0f} Hz<br>t = %{x:.3f} s<br>"
                f"{pattern_hover[pattern]}<extra></extra>",
            )
        )  # fmt: skip
    if not figure.data:
        figure.add_annotation(text=empty_note, x=duration_s / 2, y=n_units / 2, showarrow=False)
    figure.update_xaxes(title="time (s)", range=[0, duration_s])
    figure.update_yaxes(title="motor unit (small → large)", range=[-1, n_units])
    return _layout(figure, title, 380)


def emg_figure(emg: Trace, healthy: Trace, title: str) -> go.Figure:
    """The EMG of this run above the healthy pool's, on the same scale."""
    figure = make_subplots(rows=2, cols=1, shared_xaxes=True,
                           vertical_spacing=0.08, subplot_titles=(emg.name, healthy.name))  # fmt: skip
    figure.add_trace(_line(emg, BLUE, width=0.8), row=1, col=1)
    figure.add_trace(_line(healthy, GREY, width=0.8), row=2, col=1)
    # Both on one scale, so the healthy trace looks as quiet as it is.
    reach = 1.05 * float(max(np.abs(emg.values).max(), np.abs(healthy.values).max()))
    figure.update_xaxes(title="time (s)", row=2, col=1)
    figure.update_yaxes(title="mV", range=[-reach, reach])
    figure.update_layout(showlegend=False)
    return _layout(figure, title, 380)


def force_figure(force: Trace, healthy: Trace, title: str) -> go.Figure:
    figure = go.Figure([_line(healthy, GREY, dash="dash"), _line(force, ORANGE, width=2.0)])
    figure.update_xaxes(title="time (s)")
    figure.update_yaxes(title="force (% MVC)", rangemode="tozero")
    return _layout(figure, title, 300)


def dose_response_figure(
    kv1_remaining: np.ndarray,
    rate_without_hz: np.ndarray,
    rate_with_hz: np.ndarray,
    names: tuple[str, str],
    title: str,
) -> go.Figure:
    """Spontaneous rate against Kv1 remaining, without and with the blocker."""
    percent = 100 * np.asarray(kv1_remaining)
    figure = go.Figure(
        [
            go.Scatter(x=percent, y=rate_without_hz, name=names[0], mode="lines+markers",
                       line={"color": BLUE, "width": 2}, marker={"symbol": "circle"}),
            go.Scatter(x=percent, y=rate_with_hz, name=names[1], mode="lines+markers",
                       line={"color": ORANGE, "width": 2, "dash": "dash"},
                       marker={"symbol": "diamond"}),
        ]
    )  # fmt: skip
    figure.update_xaxes(title="Kv1 conductance remaining (%)", autorange="reversed")
    figure.update_yaxes(title="spontaneous rate (Hz per unit)", rangemode="tozero")
    return _layout(figure, title, 340)
