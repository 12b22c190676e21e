"""Figures of the Nerve lab: pure functions from model output to a plotly figure.

Each view is a :class:`Panel` (a row); :func:`stacked_figure` stacks rows on one time axis,
so the lab draws membrane, raster, EMG and force as one figure, and the other pages reuse
single rows. Palette, base layout and lines: :mod:`explainer.diagrams.style`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from explainer.diagrams.style import (
    BLUE,
    GREEN,
    GREY,
    ORANGE,
    PINK,
    SKY,
    VERMILLION,
    Trace,
    base_layout,
    laid_out,
    line,
    wrapped,
)
from explainer.model.muscle import TYPICAL_MUAP_MV
from explainer.model.patterns import Discharge

PATTERN_COLOURS = {
    "single": SKY,
    "doublet": GREEN,
    "multiplet": PINK,
    "neuromyotonic": VERMILLION,
    "evoked": GREY,
}
MEMBRANE_RANGE_MV = (-90.0, 40.0)
"""Fixed membrane axis (from E_K to above the spike peak): noise at rest stays a flat line."""
EMG_FLOOR_MV = TYPICAL_MUAP_MV
"""Smallest EMG half-range: about one motor-unit potential, so the noise of a resting muscle
looks like the flat line it is instead of filling the row."""
FORCE_FLOOR_PCT_MVC = 10.0
"""Smallest force span: a few % MVC of twitching shows as small, as it is."""


def fixed_range(low: float, high: float, traces: Sequence[Trace]) -> list[float]:
    """[low, high], widened only if a trace goes beyond it (then with a 5 % margin)."""
    lowest = min(float(trace.values.min()) for trace in traces if trace.values.size)
    highest = max(float(trace.values.max()) for trace in traces if trace.values.size)
    span = highest - lowest
    return [min(low, lowest - 0.05 * span), max(high, highest + 0.05 * span)]


@dataclass(frozen=True)
class Panel:
    """One row of a time-aligned figure: plotly trace dicts, its y-axis, a name, a height share.

    Trace dicts may carry ``legendgroup``; across the rows of one figure only the first trace
    of each group shows in the legend, so one legend click hides e.g. every healthy trace.
    """

    name: str
    traces: list[dict]
    yaxis: dict
    weight: float = 1.0
    note: str = ""
    """Written in the middle of the row (e.g. "nothing fired")."""
    shapes: tuple[dict, ...] = ()
    """Layout shapes in this row's data coordinates (its axes are filled in)."""


THIS, HEALTHY = "this", "healthy"
"""Legend groups: the run of the current settings, and the same run with every channel intact."""

TICK_HALF_HEIGHT = 0.45
HOVER_BIN_S = 0.01
"""At most one hover point per unit in this much time (a few pixels of a 2-s axis; hover
reaches 20 px): a fast train's spikes share their discharge's numbers anyway."""
"""Half the height of a spike's tick in the raster, in rows (units)."""

PANEL_GAP_PX = 34
"""Vertical space between rows: room for the lower row's name (one line)."""
PANEL_NAME_CHARS = 40
"""Row names wrap at this many characters, so they fit a phone's width."""
PANEL_NAME_LINE_PX = 16


def stacked_figure(
    panels: Sequence[Panel],
    title: str,
    height: int,
    driven_s: tuple[float, float] | None = None,
    duration_s: float | None = None,
) -> go.Figure:
    """Rows sharing one time axis (zoom one, zoom all); the protocol's driven stretch shaded.

    Built from plain dicts without plotly's validation (tests validate every figure): that
    validation cost more than the whole EMG of a slider answer.
    """
    data: list[dict] = []
    named = len(panels) > 1
    names = [wrapped(panel.name, PANEL_NAME_CHARS) for panel in panels]
    gap_px = PANEL_GAP_PX + PANEL_NAME_LINE_PX * max(name.count("<br>") for name in names)
    # Room for the first row's name above the top row, and for longer gaps between rows.
    first_name_px = PANEL_NAME_LINE_PX * (names[0].count("<br>") + 1) if named else 0
    extra_px = first_name_px + (gap_px - PANEL_GAP_PX) * (len(panels) - 1)
    layout = base_layout(title, height + extra_px)
    height = layout["height"]
    layout["margin"]["t"] += first_name_px
    layout["annotations"], layout["shapes"] = [], []
    if driven_s is not None:
        layout["shapes"].append({"type": "rect", "xref": "x", "yref": "paper", "x0": driven_s[0],
                                 "x1": driven_s[1], "y0": 0, "y1": 1, "fillcolor": GREY,
                                 "opacity": 0.12, "line": {"width": 0}, "layer": "below"})  # fmt: skip
    if named:  # the legend in the bottom margin, whatever the figure's height
        layout["legend"] = {"orientation": "h", "x": 0, "y": 0, "yref": "container",
                            "yanchor": "bottom"}  # fmt: skip
        layout["margin"]["b"] = 120  # ticks, then up to three legend rows on a phone
    total = sum(p.weight for p in panels)
    gap = gap_px / (height - layout["margin"]["t"] - layout["margin"]["b"])
    usable = 1.0 - gap * (len(panels) - 1)
    top, shown_groups = 1.0, set()
    for row, (panel, name) in enumerate(zip(panels, names, strict=True), start=1):
        bottom = max(0.0, top - usable * panel.weight / total)
        suffix = "" if row == 1 else str(row)
        # Fixed margins (no automargin) and time labels on the bottom row only: measuring and
        # re-fitting tick labels was most of the browser's drawing time. Axes declared linear:
        # left unset, plotly scans the data of every axis on every draw to guess its type.
        layout[f"yaxis{suffix}"] = {"nticks": 4, **panel.yaxis, "domain": [bottom, top],
                                    "automargin": False, "type": "linear"}  # fmt: skip
        xaxis: dict = {"anchor": f"y{suffix}", "automargin": False, "type": "linear"}
        if row == 1 and duration_s is not None:
            xaxis["range"] = [0, duration_s]
        if row > 1:
            xaxis["matches"] = "x"
        if row == len(panels):  # the unit on the labels: a title would need automargin
            xaxis["ticksuffix"] = " s"
        else:
            xaxis["showticklabels"] = False
        layout[f"xaxis{suffix}"] = xaxis
        for trace in panel.traces:
            group = trace.get("legendgroup")
            show = trace.get("showlegend", True) and (group is None or group not in shown_groups)
            shown_groups.add(group)
            data.append({**trace, "xaxis": f"x{suffix}", "yaxis": f"y{suffix}", "showlegend": show})
        layout["shapes"] += [
            {**shape, "xref": f"x{suffix}", "yref": f"y{suffix}"} for shape in panel.shapes
        ]
        if named:
            layout["annotations"].append({"text": f"<b>{name}</b>", "xref": "paper",
                                          "yref": "paper", "x": 0, "y": top, "xanchor": "left",
                                          "yanchor": "bottom", "showarrow": False,
                                          "align": "left", "font": {"size": 13}})  # fmt: skip
        if panel.note:
            layout["annotations"].append({"text": panel.note, "xref": "paper", "x": 0.5,
                                          "yref": "paper", "y": (top + bottom) / 2,
                                          "showarrow": False})  # fmt: skip
        top = bottom - gap
    return go.Figure(data=data, layout=layout, _validate=False)


def membrane_panel(trace: Trace, ghost: Trace, name: str = "") -> Panel:
    """One axon's membrane potential, with the healthy axon's as a grey ghost behind it."""
    return Panel(
        name,
        [{**line(ghost, GREY, width=1.0), "legendgroup": HEALTHY},
         {**line(trace, BLUE), "legendgroup": THIS}],
        {"title": {"text": "mV"}, "range": fixed_range(*MEMBRANE_RANGE_MV, (trace, ghost))},
    )  # fmt: skip


@dataclass(frozen=True)
class RasterWords:
    """The raster's words: its axis title, the numbers on hover (a template over {unit},
    {spikes}, {rate} and {time}) and the note shown when nothing fired."""

    axis: str
    hover: str
    empty: str


def raster_panel(
    spike_times_s: Sequence[np.ndarray],
    discharges: Sequence[Discharge],
    pattern_names: Mapping[str, str],
    pattern_hover: Mapping[str, str],
    n_units: int,
    words: RasterWords,
    name: str = "",
) -> Panel:
    """Every spike of every unit as a tick, coloured by the discharge it belongs to.

    Each unit's spike times are sorted (as the model gives them). Spikes not in `discharges`
    were evoked by the protocol (drawn grey). All ticks of one
    pattern are one line broken by gaps (one SVG path, not one element per spike); hover on a
    tick names its pattern and explains it, with numbers (unit, spikes, rate) as custom data.
    """
    numbers = words.hover.format(unit="%{customdata[0]:.0f}", spikes="%{customdata[1]:.0f}",
                                 rate="%{customdata[2]:.0f}", time="%{x:.3f}")  # fmt: skip
    # Every spike as a row (time, unit, spikes in its discharge, rate), unit by unit in time
    # order; a spike in no discharge was evoked: one spike, rate 0.
    times = np.concatenate([np.zeros(0), *spike_times_s])
    units = np.repeat(np.arange(len(spike_times_s)), [t.size for t in spike_times_s])
    table = np.column_stack([times, units, np.ones(times.size), np.zeros(times.size)])
    # Each discharge is a run of rows, found by bisection on a key that grows through the table.
    span = float(times.max(initial=0.0)) + 1.0
    unit, start, end, n_spikes, rate = np.array(
        [(d.unit, d.start_s, d.end_s, d.n_spikes, d.rate_hz) for d in discharges], dtype=float
    ).reshape(-1, 5).T  # fmt: skip
    key = units * span + times
    first = np.searchsorted(key, unit * span + start, "left")
    counts = np.searchsorted(key, unit * span + end, "right") - first
    which = np.repeat(np.arange(len(discharges)), counts)  # the discharge of each row in one
    rows = np.arange(counts.sum()) + np.repeat(first - np.cumsum(counts) + counts, counts)
    table[rows, 2], table[rows, 3] = n_spikes[which], rate[which]
    evoked = np.ones(times.size, dtype=bool)
    evoked[rows] = False
    named = np.array([d.pattern for d in discharges], dtype=str)[which]
    points = {name: table[rows[named == name]] for name in PATTERN_COLOURS if name != "evoked"}
    points["evoked"] = table[evoked]
    traces, shapes = [], []
    for pattern, spikes in points.items():
        if not spikes.size:
            continue
        # The ticks: one SVG path per pattern, drawn as a shape (cheap for the browser, unlike
        # a line broken by thousands of gaps or one marker element per spike).
        ticks = np.column_stack([spikes[:, 0], spikes[:, 1] - TICK_HALF_HEIGHT,
                                 spikes[:, 1] + TICK_HALF_HEIGHT])  # fmt: skip
        group = {"legendgroup": pattern, "name": pattern_names[pattern]}
        shapes.append({
            "type": "path", "path": ("M%.4f,%.2fV%.2f" * len(ticks)) % tuple(ticks.ravel()),
            "line": {"width": 1.6, "color": PATTERN_COLOURS[pattern]}, **group,
        })  # fmt: skip
        # The legend entry (a shape's own entry would be a hexagon); a click on it hides the
        # pattern's ticks and hover points too, as they share its legend group.
        traces.append({"type": "scatter", "mode": "lines", "x": [None], "y": [None], **group,
                       "line": {"width": 3, "color": PATTERN_COLOURS[pattern]}})  # fmt: skip
        # Hover: points with no marks (nothing to draw) at the ticks' middles name and explain
        # the pattern; the line colour colours the hover label.
        bins = np.floor(spikes[:, 0] / HOVER_BIN_S)
        bins += spikes[:, 1] * (bins.max() + 1)  # one number per (unit, bin)
        hover = spikes[np.sort(np.unique(bins, return_index=True)[1])]
        traces.append({
            "type": "scatter", "mode": "none", "showlegend": False, **group,
            "x": hover[:, 0].astype(np.float32), "y": hover[:, 1].astype(np.int16),
            "line": {"color": PATTERN_COLOURS[pattern]},
            # Unit, spikes and rate in whole numbers, as the hover shows them: half the bytes.
            "customdata": np.rint(hover[:, 1:]).astype(np.int16),
            "hovertemplate": f"<b>{pattern_names[pattern]}</b> — {numbers}<br>"
            f"{pattern_hover[pattern]}<extra></extra>",
        })  # fmt: skip
    axis = {"title": {"text": words.axis}, "range": [-1, n_units]}
    return Panel(name, traces, axis, 2.0, "" if traces else words.empty, tuple(shapes))


def emg_panels(emg: Trace, healthy: Trace) -> list[Panel]:
    """The EMG of this run above the healthy pool's, on the same scale (at least ±1 MUP)."""
    peak = max(float(np.abs(emg.values).max()), float(np.abs(healthy.values).max()))
    reach = max(EMG_FLOOR_MV, 1.05 * peak)
    axis = {"title": {"text": "mV"}, "range": [-reach, reach]}
    return [
        Panel(emg.name, [{**line(emg, BLUE, width=0.8), "legendgroup": THIS}], axis, 0.7),
        Panel(healthy.name, [{**line(healthy, GREY, width=0.8), "legendgroup": HEALTHY}], axis, 0.7),
    ]  # fmt: skip


def force_panel(force: Trace, healthy: Trace, axis: str, name: str = "") -> Panel:
    """Force (% MVC) and the healthy pool's; `axis` is the y-axis title."""
    return Panel(
        name,
        [{**line(healthy, GREY, dash="dash"), "legendgroup": HEALTHY},
         {**line(force, BLUE, width=2.0), "legendgroup": THIS}],
        {"title": {"text": axis},
         "range": fixed_range(0.0, FORCE_FLOOR_PCT_MVC, (force, healthy))},
    )  # fmt: skip


def membrane_figure(trace: Trace, ghost: Trace, title: str) -> go.Figure:
    return stacked_figure([membrane_panel(trace, ghost)], title, 320)


def raster_figure(
    spike_times_s: Sequence[np.ndarray],
    discharges: Sequence[Discharge],
    pattern_names: Mapping[str, str],
    pattern_hover: Mapping[str, str],
    driven_s: tuple[float, float] | None,
    title: str,
    n_units: int,
    duration_s: float,
    words: RasterWords,
) -> go.Figure:
    panel = raster_panel(spike_times_s, discharges, pattern_names, pattern_hover, n_units, words)
    return stacked_figure([panel], title, 380, driven_s, duration_s)


def emg_figure(emg: Trace, healthy: Trace, title: str) -> go.Figure:
    return stacked_figure(emg_panels(emg, healthy), title, 380)


def force_figure(force: Trace, healthy: Trace, title: str, axis: str) -> go.Figure:
    return stacked_figure([force_panel(force, healthy, axis)], title, 300)


def dose_response_figure(
    kv1_remaining: np.ndarray,
    rate_without_hz: np.ndarray,
    rate_with_hz: np.ndarray,
    names: tuple[str, str],
    axis_titles: tuple[str, str],
    title: str,
) -> go.Figure:
    """Spontaneous rate against Kv1 remaining, without and with the blocker; `axis_titles`
    are (x, y)."""
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
    figure.update_xaxes(title=axis_titles[0], autorange="reversed")
    figure.update_yaxes(title=axis_titles[1], rangemode="tozero")
    return laid_out(figure, title, 340)
