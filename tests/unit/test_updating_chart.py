"""The chart updated in place: its files are where the browser will ask for them."""

import json
from pathlib import Path

import plotly
import plotly.graph_objects as go

from explainer.ui import updating_chart


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
