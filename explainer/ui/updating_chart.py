"""A plotly chart that stays the same chart across reruns: a Streamlit component (v2).

Streamlit 1.67's ``st.plotly_chart`` derives the element's identity from the figure, so each
new figure unmounts the chart and mounts another, which plotly draws twice (``newPlot``, then
``react`` with the theme applied). A keyed v2 component keeps its identity, and its script
(``web/updating_chart.js``) hands each rerun's figure to ``Plotly.react`` on the chart that is
already there: one draw per rerun (measured in README, Speed).

What ``st.plotly_chart`` gave is kept: the chart's accessible name (``role="figure"`` and the
``alt`` text as its label), the mode bar with the PNG download and a fullscreen button, the
container's width, and Streamlit's look: ``web/plotly_theme.json`` is the plotly template
Streamlit's browser code builds for this app's light theme (``.streamlit/config.toml``), read
from a chart it drew. The page then needs plotly.js itself: the plotly package's own
``plotly.min.js`` (4.8 MB, the size of Streamlit's plotly code, which a page without
``st.plotly_chart`` no longer loads), served by Streamlit's component route.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from pathlib import Path

import plotly
import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st
from streamlit.components.v2.manifest_scanner import ComponentConfig, ComponentManifest
from streamlit.runtime import Runtime

PROJECT = "isaac-explainer"
NAME = f"{PROJECT}.updating_chart"
"""The component; its files are this package's ``web`` folder."""
PLOTLY_JS = f"{PROJECT}.plotly_js"
"""Files only: the plotly package's ``package_data`` folder, with ``plotly.min.js``."""
CHART_CLASS = "explainer-chart"
"""The chart's class in the page (browser tests find it by this)."""
_WEB = resources.files("explainer.ui") / "web"


def _serve_files() -> None:
    """Let Streamlit serve the component's script and plotly's own ``plotly.min.js``.

    Scripts must come from the app's own server (the deployment's Content-Security-Policy
    allows no inline or blob: scripts), and Streamlit serves a component's files only from
    an ``asset_dir`` declared in an installed package's pyproject.toml, which it finds by
    scanning installed packages at start; an editable install (as in development) is not
    found that way, and plotly declares none. So the two folders are declared here, once
    per runtime (AppTest starts one per app): nothing is copied.
    """
    if not Runtime.exists():
        return
    manager = Runtime.instance().bidi_component_registry
    for name, root, folder in (
        (NAME, Path(str(_WEB)).parent, "web"),
        (PLOTLY_JS, Path(plotly.__file__).parent, "package_data"),
    ):
        if manager.get_component_path(name) is None:
            entry = ComponentConfig(name=name.removeprefix(f"{PROJECT}."), asset_dir=folder)
            manager.register_from_manifest(ComponentManifest(PROJECT, "1", [entry]), root)


@functools.lru_cache(maxsize=1)
def theme() -> dict:
    """Streamlit's plotly template for this app's theme, as its browser code applies it."""
    return json.loads((_WEB / "plotly_theme.json").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def _component():
    # Streamlit loads the script as a module; it finds plotly.min.js next to itself.
    return st.components.v2.component(
        NAME,
        js="updating_chart.js",
        css="updating_chart.css",
        isolate_styles=False,  # plotly styles its mode bar and hover labels page-wide
    )


def themed_json(figure: go.Figure) -> str:
    """The figure as plotly.js takes it, styled as ``st.plotly_chart`` styles it: Streamlit's
    template, and the title in bold."""
    spec = figure.to_dict()
    layout = spec["layout"]
    layout["template"] = theme()
    title = layout.get("title")
    if isinstance(title, dict) and title.get("text"):
        layout["title"] = {**title, "text": f"<b>{title['text']}</b>"}
    return pio.to_json(spec, validate=False)


def updating_chart(figure: go.Figure, *, key: str, alt: str, config: dict) -> None:
    """Draw `figure` as the chart `key`, updating that chart in place on later reruns.

    `alt` is the chart's accessible name; `config` is plotly's (as for ``st.plotly_chart``).
    """
    _serve_files()
    config = {**config, "displaylogo": False, "showSendToCloud": False,
              "modeBarButtonsToRemove": ["lasso2d", "select2d", "sendChartToCloud"]}  # fmt: skip
    _component()(
        key=key,
        data={"figure": themed_json(figure), "alt": alt, "config": config},
    )
