"""Figures of the chain walkthrough: anatomy drawn from data, physiology passed in from the model.

Pure functions: words and numbers in, a plotly figure out. Parts that can be clicked are
markers carrying their id in `customdata`, so `st.plotly_chart(on_select=…)` reports them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from explainer.diagrams.style import (
    BLUE,
    GREEN,
    GREEN_TEXT,
    GREY,
    ORANGE,
    PINK,
    SKY,
    VERMILLION,
    laid_out,
    wrapped,
)

MYELIN = "#F3E3B5"
AXON = "#7F7F7F"
STAGE_LINE_CHARS = 34
"""Names and notes beside the vertical chain wrap at this many characters: at 46 a note ran
past the right edge of a phone (≈ 360 px of figure)."""
KV1_PER_JUXTAPARANODE = 10
"""Kv1 channels drawn in each juxtaparanode (a drawing, not a count of real channels)."""


def _blank(figure: go.Figure, x_range: tuple[float, float], y_range: tuple[float, float]) -> None:
    figure.update_xaxes(visible=False, range=x_range, fixedrange=True)
    figure.update_yaxes(visible=False, range=y_range, fixedrange=True, scaleanchor=None)
    figure.update_layout(plot_bgcolor="white", showlegend=False, dragmode=False)


@dataclass(frozen=True)
class Part:
    """A clickable part of the motor unit: its dot, and its name in clear space with a line
    to the dot (`anchor`: which end of the name sits at the label point)."""

    id: str
    name: str
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str = "center"


def motor_unit_figure(parts: Sequence[Part], selected: str | None, title: str) -> go.Figure:
    """A motor neuron, its myelinated axon, terminal branches and muscle fibres; `parts` are
    the clickable dots, the selected one highlighted. Drawn in x −0.3–10.7, y 0.5–3.5."""
    figure = go.Figure()
    below = {"layer": "below"}  # the dots stay on top of the drawing
    figure.add_shape(type="circle", x0=0.1, y0=1.6, x1=0.9, y1=2.4, fillcolor=SKY,
                     line_color=BLUE, **below)  # fmt: skip
    figure.add_shape(type="line", x0=0.9, y0=2.0, x1=6.6, y1=2.0,
                     line={"color": AXON, "width": 3}, **below)  # fmt: skip
    for start in np.arange(1.2, 6.4, 1.15):  # myelin segments with nodes between them
        figure.add_shape(type="rect", x0=start, y0=1.85, x1=start + 1.0, y1=2.15,
                         fillcolor=MYELIN, line={"color": ORANGE, "width": 1}, **below)  # fmt: skip
    fibres = np.linspace(1.1, 2.9, 6)
    for y in fibres:  # terminal branches fanning out to the fibres
        figure.add_shape(type="line", x0=6.6, y0=2.0, x1=8.0, y1=y,
                         line={"color": AXON, "width": 1.5}, **below)  # fmt: skip
        figure.add_shape(type="rect", x0=8.0, y0=y - 0.1, x1=10.4, y1=y + 0.1,
                         fillcolor="#F4C7C3", line={"color": VERMILLION, "width": 1}, **below)  # fmt: skip
    ids = [part.id for part in parts]
    figure.add_trace(
        go.Scatter(
            x=[part.x for part in parts], y=[part.y for part in parts], mode="markers",
            text=[part.name for part in parts], customdata=ids,
            hovertemplate="%{text}<extra></extra>",
            marker={"size": 16, "symbol": "circle",
                    "color": [ORANGE if i == selected else BLUE for i in ids],
                    "line": {"width": 2, "color": "white"}},
        )
    )  # fmt: skip
    for part in parts:
        figure.add_annotation(x=part.x, y=part.y, ax=part.label_x, ay=part.label_y, xref="x",
                              yref="y", axref="x", ayref="y", text=f"<b>{part.name}</b>",
                              showarrow=True, arrowhead=0, arrowcolor=GREY, standoff=8,
                              xanchor=part.anchor, font={"size": 13})  # fmt: skip
    _blank(figure, (-0.3, 10.7), (0.5, 3.5))
    laid_out(figure, title, 300)
    figure.update_layout(margin={"l": 10, "r": 10, "t": 10, "b": 10})  # no axes to make room for
    return figure


def node_figure(
    kv1_fraction: float, antibody_level: float, labels: dict[str, str], title: str
) -> go.Figure:
    """A longitudinal section of one node of Ranvier and its neighbours, one side mirrored.

    Kv1 channels in the juxtaparanodes: filled if working, hollow if lost (their share is
    1 − `kv1_fraction`); antibodies (▽) sit on CASPR2 when `antibody_level` > 0.
    """
    figure = go.Figure()
    for sign in (-1, 1):
        figure.add_shape(type="rect", x0=sign * 0.6, y0=1.0, x1=sign * 10, y1=2.2,
                         fillcolor=MYELIN, line={"color": ORANGE, "width": 1}, layer="below")  # fmt: skip
        figure.add_shape(type="rect", x0=sign * 0.6, y0=-2.2, x1=sign * 10, y1=-1.0,
                         fillcolor=MYELIN, line={"color": ORANGE, "width": 1}, layer="below")  # fmt: skip
    figure.add_shape(type="rect", x0=-10, y0=-1.0, x1=10, y1=1.0, fillcolor="#EEF2F6",
                     line={"color": AXON, "width": 1}, layer="below")  # fmt: skip
    # Region names on the right half only, one step higher each and ending at their arrow,
    # so they never overlap, even on a phone; arrows point in.
    regions = [("node", 0.0, 2.6), ("paranode", 1.5, 3.3), ("juxtaparanode", 3.8, 4.0),
               ("internode", 7.0, 4.7)]  # fmt: skip
    for name, x, height in regions:
        figure.add_annotation(x=x, y=1.0, ax=x, ay=height, xref="x", yref="y", axref="x",
                              ayref="y", text=labels[name], showarrow=True, arrowhead=0,
                              xanchor="right", arrowcolor=GREY, font={"size": 12})  # fmt: skip
    figure.add_trace(go.Scatter(  # Na channels at the node
        x=np.zeros(5), y=np.linspace(-0.8, 0.8, 5), mode="markers", name=labels["na"],
        marker={"symbol": "square", "size": 11, "color": BLUE}, hoverinfo="name"))  # fmt: skip
    positions = np.linspace(2.6, 5.0, KV1_PER_JUXTAPARANODE // 2)
    x = np.concatenate([s * positions for s in (-1, 1) for _ in (0, 1)])
    y = np.concatenate([np.full(positions.size, level) for _ in (-1, 1) for level in (0.75, -0.75)])
    working = np.arange(x.size) < round(kv1_fraction * x.size)
    rng = np.random.default_rng(0)  # which drawn channels are lost: fixed, so the picture is calm
    order = rng.permutation(x.size)
    x, y = x[order], y[order]
    figure.add_trace(go.Scatter(
        x=x[working], y=y[working], mode="markers", name=labels["kv1"],
        marker={"symbol": "circle", "size": 12, "color": GREEN}, hoverinfo="name"))  # fmt: skip
    figure.add_trace(go.Scatter(
        x=x[~working], y=y[~working], mode="markers", name=labels["kv1_lost"],
        marker={"symbol": "circle-open", "size": 12, "color": GREY, "line": {"width": 2}},
        hoverinfo="name"))  # fmt: skip
    caspr = np.concatenate([s * positions for s in (-1, 1)])
    figure.add_trace(go.Scatter(
        x=caspr, y=np.full(caspr.size, 0.0), mode="markers", name=labels["caspr2"],
        marker={"symbol": "diamond", "size": 9, "color": PINK}, hoverinfo="name"))  # fmt: skip
    bound = caspr[: round(antibody_level * caspr.size)]
    if bound.size:
        figure.add_trace(go.Scatter(
            x=bound, y=np.full(bound.size, 0.35), mode="markers", name=labels["antibody"],
            marker={"symbol": "y-down", "size": 14, "line": {"width": 2.5, "color": VERMILLION}},
            hoverinfo="name"))  # fmt: skip
    _blank(figure, (-10, 10), (-2.6, 5.1))
    figure.update_layout(showlegend=True)
    return laid_out(figure, title, 400)


def action_potential_figure(
    t_ms: np.ndarray,
    healthy_mV: np.ndarray,
    reduced_mV: np.ndarray,
    names: tuple[str, str],
    title: str,
) -> go.Figure:
    """One stimulus, two axon endings: all Kv1 working, and fewer."""
    # The healthy trace goes on top, dashed: its one spike coincides with the first of the burst.
    figure = go.Figure([
        go.Scatter(x=t_ms, y=reduced_mV, name=names[1], line={"color": BLUE, "width": 1.5}),
        go.Scatter(x=t_ms, y=healthy_mV, name=names[0],
                   line={"color": "#3A3A3A", "width": 2, "dash": "dash"}),
    ])  # fmt: skip
    figure.update_xaxes(title="time (ms)")
    figure.update_yaxes(title="membrane potential (mV)")
    return laid_out(figure, title, 330)


def vertical_chain_figure(
    stages: Sequence[tuple[str, str]], title: str, highlight: int | None = None
) -> go.Figure:
    """Links of the chain from top to bottom, a note beside each (e.g. what treats it);
    link number `highlight` (from 1) in orange."""
    n = len(stages)
    texts = [
        f"<b>{wrapped(name, STAGE_LINE_CHARS)}</b>"
        + (f"<br><span style='color:{GREEN_TEXT}'>{wrapped(note, STAGE_LINE_CHARS)}</span>"
           if note else "")
        for name, note in stages
    ]  # fmt: skip
    lines = max(text.count("<br>") + 1 for text in texts)
    row_px = max(55, 18 * lines + 24)  # the tallest text and a gap for the arrow
    y = np.arange(n, 0, -1, dtype=float)
    figure = go.Figure()
    for i in range(n - 1):
        figure.add_annotation(x=0, y=y[i + 1] + 0.25, ax=0, ay=y[i] - 0.25, xref="x", yref="y",
                              axref="x", ayref="y", showarrow=True, arrowhead=3, arrowwidth=2,
                              arrowcolor=GREY, text="")  # fmt: skip
    colours = [ORANGE if i + 1 == highlight else BLUE for i in range(n)]
    figure.add_trace(go.Scatter(x=np.zeros(n), y=y, mode="markers", hoverinfo="skip",
                                marker={"size": 24, "color": colours}))  # fmt: skip
    for i, text in enumerate(texts):
        figure.add_annotation(x=0.12, y=y[i], xanchor="left", showarrow=False, align="left",
                              font={"size": 13, "color": "#1F2933"}, text=text)  # fmt: skip
    _blank(figure, (-0.15, 1.6), (0.5, n + 0.5))
    laid_out(figure, title, row_px * n + 60)
    figure.update_layout(margin={"l": 8, "r": 8})  # no axes to make room for
    return figure
