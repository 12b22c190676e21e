"""What every figure of the app shares: the palette, the base layout, and thinned lines.

Colours: Okabe–Ito, distinguishable with the common forms of colour blindness. Long traces
are thinned for display with min-max-preserving LTTB (tsdownsample), so every spike peak
survives while a rerun ships a few thousand points instead of 80 000.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
from tsdownsample import MinMaxLTTBDownsampler

BLUE, ORANGE, GREEN, PINK = "#0072B2", "#E69F00", "#009E73", "#CC79A7"
SKY, VERMILLION, GREY = "#56B4E9", "#D55E00", "#8C8C8C"
GREEN_TEXT, VERMILLION_TEXT, GREY_TEXT = "#00704F", "#A84300", "#595959"
"""GREEN, VERMILLION and GREY darkened for words on a chart: on white they have a contrast of
3.4, 3.9 and 3.4:1, these 6.1, 6.0 and 7.0:1 (WCAG AA asks 4.5:1 for text). Lines, markers
and bands keep the Okabe–Ito colours."""

MAX_POINTS = 800
"""Points per line after thinning [design]: about one per pixel of the lab's plot on a laptop
(≈ 750 px wide), and min-max thinning keeps every peak. More cost the browser on every rerun:
drawing the lines, and Streamlit's JSON copies of the whole figure grow with them."""


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


def wrapped(text: str, width: int) -> str:
    """Plotly text broken into lines of at most `width` characters (plotly never wraps)."""
    return "<br>".join(textwrap.wrap(text, width))


TITLE_LINE_CHARS = 36
"""Titles wrap at this many characters: on a phone (≈ 360 px of figure) a longer line ran
off the edge and under plotly's toolbar."""
TITLE_LINE_PX = 22


def base_layout(title: str, height: int) -> dict:
    """The layout every figure of the app starts from; a long title wraps onto more lines
    (the figure grows by their height)."""
    text = wrapped(title, TITLE_LINE_CHARS)
    extra_px = TITLE_LINE_PX * text.count("<br>")
    return {
        "title": {
            "text": text,
            "font": {"size": 16},
            "y": 1.0,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 14},
        },
        "height": height + extra_px,
        "margin": {"l": 60, "r": 20, "t": (50 if title else 30) + extra_px, "b": 45},
        "hovermode": "closest",
        "legend": {"orientation": "h", "y": -0.25, "x": 0},
    }


def laid_out(figure: go.Figure, title: str, height: int) -> go.Figure:
    """`figure` with the app's base layout, titled `title`."""
    figure.update_layout(base_layout(title, height))
    return figure


def line(trace: Trace, colour: str, **style: object) -> dict:
    """`trace` as a thinned plotly line (a plain dict: validated by the tests, not per rerun)."""
    keep = thin(trace.t_s, trace.values)
    return {
        "type": "scatter", "mode": "lines", "name": trace.name,
        "x": trace.t_s[keep].astype(np.float32), "y": trace.values[keep].astype(np.float32),
        "line": {"color": colour, "width": 1.2, **style},
    }  # fmt: skip
