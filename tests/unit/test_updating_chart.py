"""The chart updated in place: its files are where the browser will ask for them."""

import json
import tomllib
from pathlib import Path

import plotly
import plotly.graph_objects as go

from explainer.ui import updating_chart

ROOT = Path(__file__).resolve().parents[2]


def test_the_theme_is_a_valid_plotly_template():
    go.layout.Template(updating_chart.theme())  # raises on any unknown or invalid property


def test_the_script_asks_for_plotly_where_streamlit_serves_it():
    served = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    assert served.stat().st_size > 1_000_000
    script = (updating_chart._WEB / "updating_chart.js").read_text()
    assert f'"../{updating_chart.PLOTLY_JS}/plotly.min.js"' in script
    assert f'"{updating_chart.CHART_CLASS}"' in script


def test_a_figure_is_themed_and_its_title_bold():
    figure = go.Figure(go.Scatter(x=[0.0, 1.0], y=[2.0, 3.0]), layout={"title": {"text": "T"}})
    spec = json.loads(updating_chart.themed_json(figure))
    assert spec["layout"]["title"]["text"] == "<b>T</b>"
    assert spec["layout"]["template"] == updating_chart.theme()
    assert spec["data"][0]["type"] == "scatter"


def test_the_theme_matches_the_apps_theme_settings():
    """plotly_theme.json was read from a chart Streamlit drew for .streamlit/config.toml's
    theme: after a change of theme there, draw one with st.plotly_chart and read it again."""
    settings = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["theme"]
    layout = updating_chart.theme()["layout"]
    assert settings["base"] == "light"
    assert layout["colorway"] == settings["chartCategoricalColors"]
    assert layout["paper_bgcolor"] == layout["plot_bgcolor"] == settings["backgroundColor"]
    assert layout["title"]["font"]["color"] == settings["textColor"]
