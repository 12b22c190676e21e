"""Figures of the Diagnosis & treatment page: an EMG with its pattern pointed out, and the
treatment timeline (antibodies and nerve firing over weeks). Pure functions."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from explainer.diagrams.style import (
    BLUE,
    GREY,
    GREY_TEXT,
    ORANGE,
    VERMILLION,
    VERMILLION_TEXT,
    Trace,
    laid_out,
    line,
    wrapped,
)

MARK_SPAN_S = 0.005
"""The arrow points at the highest sample this long after the marked time: the discharge's
own peak (a needle MUAP lasts a few ms)."""
MARK_LINE_CHARS = 24
"""The arrow's words wrap at this many characters, so they fit beside it on a phone."""
MARK_ROOM_PX = 30


def emg_marked_figure(
    emg: Trace, mark_s: float | None, mark_text: str, driven_s: tuple[float, float] | None,
    title: str, driven_text: str = "",
) -> go.Figure:  # fmt: skip
    """One needle EMG from its first to its last sample; an arrow at `mark_s` names the
    pattern; the stimulated stretch shaded and named `driven_text` above the plot."""
    figure = go.Figure([line(emg, BLUE, width=0.8)])
    low, high = float(emg.values.min()), float(emg.values.max())
    # Set, not automatic: plotly would stretch it to the arrow's tail, drawn at its top.
    y_range = [low - 0.05 * (high - low), high + 0.05 * (high - low)]
    if driven_s is not None:
        figure.add_vrect(x0=driven_s[0], x1=driven_s[1], fillcolor=GREY, opacity=0.15, line_width=0)
        figure.add_annotation(x=driven_s[0], y=1.0, yref="paper", text=driven_text,
                              showarrow=False, xanchor="left", yanchor="bottom",
                              font={"color": GREY_TEXT})  # fmt: skip
    if mark_s is not None:
        near = (emg.t_s >= mark_s) & (emg.t_s <= mark_s + MARK_SPAN_S)
        peak = float(emg.values[near].max()) if near.any() else high
        # The arrow runs from above the plot down to the discharge's own peak, at a
        # slant, so it is not read as pointing at a bigger spike just before it. Its words
        # start at its tail and run into the wider side of the plot: centred on it, they
        # reached past the time axis, which plotly widened to fit them (to −1 s on a phone).
        side = 1 if mark_s < (emg.t_s[0] + emg.t_s[-1]) / 2 else -1
        anchor = "left" if side > 0 else "right"
        figure.add_annotation(x=mark_s, y=peak, text=wrapped(mark_text, MARK_LINE_CHARS),
                              showarrow=True, arrowhead=2, axref="pixel", ax=24 * side,
                              ayref="y", ay=y_range[1], xanchor=anchor,
                              yanchor="bottom", align=anchor, font={"color": VERMILLION_TEXT},
                              arrowcolor=VERMILLION)  # fmt: skip
    figure.update_xaxes(title="time (s)", range=[float(emg.t_s[0]), float(emg.t_s[-1])])
    figure.update_yaxes(title="mV", range=y_range)
    figure.update_layout(showlegend=False)
    laid_out(figure, title, 260)
    # Room above the plot for the arrow's words and the stimulated stretch's name.
    return figure.update_layout(margin={"t": figure.layout.margin.t + MARK_ROOM_PX})


RECOVERY_RANGE_PCT = [-45.0, 110.0]
RECOVERY_TICKS_PCT = [-25.0, 0.0, 50.0, 100.0]
"""[design] The recovery cycle's y axis: superexcitability (≈ −25 %) has a number beside it."""
RECOVERY_X_TICKS_MS = [1, 2, 5, 10, 20, 50, 100, 200]
"""Every tick of the log time axis written in full (plotly's default writes 20 as "2")."""
AXIS_TITLE_CHARS = 24
"""A long rotated axis title wraps at this many characters, so it stays within its row."""


COURSE_GAP_DAYS = 7.0
"""Sessions at most this far apart are drawn as one course."""


def courses(exchange_days: Sequence[float]) -> list[tuple[float, float]]:
    """First and last day of each course: sessions no more than COURSE_GAP_DAYS apart."""
    spans: list[tuple[float, float]] = []
    for day in sorted(exchange_days):
        if spans and day - spans[-1][1] <= COURSE_GAP_DAYS:
            spans[-1] = (spans[-1][0], day)
        else:
            spans.append((day, day))
    return spans


def timeline_figure(
    t_days: np.ndarray,
    plasma: np.ndarray,
    tissue: np.ndarray,
    sample_days: np.ndarray,
    firing_hz: np.ndarray,
    exchange_days: Sequence[float],
    names: dict[str, str],
    title: str,
) -> go.Figure:
    """Antibodies (% of the starting level) above, spontaneous firing below, against weeks."""
    weeks = np.asarray(t_days) / 7.0
    figure = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.1)
    figure.add_trace(go.Scatter(x=weeks, y=100 * plasma, name=names["plasma"],
                                line={"color": GREY, "dash": "dot"}), row=1, col=1)  # fmt: skip
    figure.add_trace(go.Scatter(x=weeks, y=100 * tissue, name=names["tissue"],
                                line={"color": ORANGE, "width": 2.5}), row=1, col=1)  # fmt: skip
    figure.add_trace(go.Scatter(x=np.asarray(sample_days) / 7.0, y=firing_hz, name=names["firing"],
                                mode="lines+markers", line={"color": BLUE, "width": 2}),
                     row=2, col=1)  # fmt: skip
    # One shaded band per course of sessions, named once: a dashed line per session crossed
    # out the name and hid the curves under it.
    for number, (first, last) in enumerate(courses(exchange_days)):
        figure.add_vrect(x0=first / 7.0, x1=max(last, first + 1.0) / 7.0, row="all", col=1,
                         fillcolor=VERMILLION, opacity=0.15, line_width=0, layer="below")  # fmt: skip
        if number == 0:
            figure.add_annotation(x=first / 7.0, y=1.0, yref="paper", yanchor="bottom",
                                  xanchor="left", text=names["exchange"], showarrow=False,
                                  font={"color": VERMILLION_TEXT})  # fmt: skip
    figure.update_yaxes(title="% of start", range=[0, 105], row=1, col=1)
    figure.update_yaxes(title=wrapped(names["firing_axis"], AXIS_TITLE_CHARS),
                        rangemode="tozero", automargin=True, row=2, col=1)  # fmt: skip
    figure.update_xaxes(range=[0.0, float(weeks[-1])])
    figure.update_xaxes(title=names["weeks"], row=2, col=1)
    return laid_out(figure, title, 460)


Band = tuple[float, float, float, float]
"""A normal range drawn as a box: x from, x to, y from, y to."""


def excitability_figure(
    curve_id: str, curves: dict[str, list[list[float]]], healthy: dict[str, list[list[float]]],
    titles: tuple[str, str, str], bands: Sequence[Band], names: dict[str, str],
) -> go.Figure:  # fmt: skip
    """One panel of a nerve-excitability test, this setting (blue) against the healthy model
    (grey, dashed), with normal ranges as shaded boxes. ``titles``: title, x and y titles.
    The threshold electrotonus panel draws its depolarising and hyperpolarising curves."""
    title, x_title, y_title = titles
    parts = ([f"{curve_id}_depolarising", f"{curve_id}_hyperpolarising"]
             if curve_id == "threshold_electrotonus" else [curve_id])  # fmt: skip
    figure = go.Figure()
    for part in parts:
        label = names.get(part.removeprefix(f"{curve_id}_"), names["this"])
        for source, colour, dash, name in ((healthy, GREY, "dash", names["healthy"]),
                                           (curves, BLUE, "solid", label)):  # fmt: skip
            x, y = np.array(source[part]).T
            figure.add_trace(go.Scatter(x=x, y=y, name=name, mode="lines+markers",
                                        line={"color": colour, "dash": dash, "width": 2},
                                        marker={"size": 4}))  # fmt: skip
    for x0, x1, y0, y1 in bands:
        figure.add_shape(type="rect", x0=x0, x1=x1, y0=y0, y1=y1, fillcolor=ORANGE,
                         opacity=0.2, line_width=0)  # fmt: skip
    figure.update_xaxes(title=x_title)
    figure.update_yaxes(title=y_title)
    if curve_id == "recovery_cycle":
        # As threshold-tracking software plots it: the supernormal dip and late subnormality
        # in view, the first points (refractoriness, several hundred %) running off the top.
        figure.update_xaxes(type="log", tickvals=RECOVERY_X_TICKS_MS)
        figure.update_yaxes(range=RECOVERY_RANGE_PCT, tickvals=RECOVERY_TICKS_PCT,
                            zeroline=True, zerolinecolor=GREY, zerolinewidth=1)  # fmt: skip
    figure.update_layout(showlegend=False)
    return laid_out(figure, title, 300)
