"""The lab's figures are built without plotly's validation (for speed): validate them here."""

import numpy as np
import plotly.graph_objects as go
import pytest

from explainer.diagrams import lab as figures
from explainer.model import patterns
from explainer.model.pool import Scenario
from explainer.model.simulation import run_scenario

NAMES = {name: name for name in figures.PATTERN_COLOURS}
WORDS = figures.RasterWords("unit", "unit {unit}, {spikes} spikes, {rate} Hz, {time} s", "none")


@pytest.fixture(scope="module")
def run():
    return run_scenario(Scenario(kv1=0.3, protocol="stim", units=20, duration_s=0.5))


def _panels(result):
    pool = result.pool
    t_s = np.arange(pool.v_node_mV.size) * pool.trace_dt_ms / 1000.0
    trace = figures.Trace(t_s, pool.v_node_mV, "this")
    ghost = figures.Trace(t_s, pool.v_node_mV - 1.0, "healthy")
    discharges = patterns.discharges(pool.spike_times_s)
    return [
        figures.membrane_panel(trace, ghost, "membrane"),
        figures.raster_panel(pool.spike_times_s, discharges, NAMES, NAMES, 20, WORDS, "raster"),
        *figures.emg_panels(trace, ghost),
        figures.force_panel(trace, ghost, "% MVC", "force"),
    ]


def test_the_stacked_figure_is_valid_plotly_with_one_shared_time_axis(run):
    panels = _panels(run)
    figure = figures.stacked_figure(panels, "title", 900, (0.1, 0.2), 0.5)
    go.Figure(figure.to_dict())  # raises on any invalid property
    layout = figure.to_dict()["layout"]
    axes = [name for name in layout if name.startswith("xaxis")]
    assert len(axes) == len(panels)
    assert all(layout[name].get("matches") == "x" for name in axes if name != "xaxis")
    assert layout["xaxis"]["range"] == [0, 0.5]
    # Each legend group ("this", "healthy") shows once; every pattern shows.
    shown = [t.name for t in figure.data if t.showlegend]
    assert shown.count("this") + shown.count("healthy") == 2
    assert len(shown) == len(set(shown))
    # Row names, and the driven stretch shaded across every row.
    assert {a["text"] for a in layout["annotations"]} >= {"<b>membrane</b>", "<b>force</b>"}
    assert layout["shapes"][0]["x0"] == 0.1 and layout["shapes"][0]["yref"] == "paper"


def test_raster_ticks_are_one_path_per_pattern_with_unmarked_hover_points(run):
    panel = _panels(run)[1]
    spikes = sum(times.size for times in run.pool.spike_times_s)
    assert sum(shape["path"].count("M") for shape in panel.shapes) == spikes
    hover = [trace for trace in panel.traces if "hovertemplate" in trace]
    legend = [trace for trace in panel.traces if "hovertemplate" not in trace]
    # One hover point per unit and bin, wherever the unit fired in that bin.
    busy_bins = {(unit, int(t // figures.HOVER_BIN_S))
                 for unit, times in enumerate(run.pool.spike_times_s) for t in times}  # fmt: skip
    assert sum(trace["x"].size for trace in hover) == len(busy_bins) < spikes
    groups = [shape["legendgroup"] for shape in panel.shapes]
    assert [t["legendgroup"] for t in hover] == [t["legendgroup"] for t in legend] == groups
    for trace in hover:
        assert trace["mode"] == "none" and not trace["showlegend"]
        assert trace["name"] in trace["hovertemplate"]


def test_an_empty_raster_says_so():
    panel = figures.raster_panel([np.zeros(0)] * 3, [], NAMES, NAMES, 3, WORDS)
    assert panel.traces == [] and panel.note == WORDS.empty
    go.Figure(figures.stacked_figure([panel], "", 300).to_dict())


@pytest.mark.parametrize("build", ["membrane_figure", "emg_figure", "force_figure"])
def test_single_view_figures_are_valid(run, build):
    t_s = np.linspace(0, 0.5, 50)
    words = ("t", "% MVC") if build == "force_figure" else ("t",)
    figure = getattr(figures, build)(
        figures.Trace(t_s, np.sin(t_s), "this"), figures.Trace(t_s, np.cos(t_s), "healthy"), *words
    )
    go.Figure(figure.to_dict())


def test_a_quiet_healthy_nerve_looks_quiet_on_fixed_physiological_scales():
    rng = np.random.default_rng(1)
    t_s = np.linspace(0.0, 1.0, 2000)
    rest = figures.Trace(t_s, -85.0 + rng.normal(0.0, 0.5, t_s.size), "rest")
    noise = figures.Trace(t_s, rng.normal(0.0, 0.01, t_s.size), "emg noise")
    still = figures.Trace(t_s, np.zeros(t_s.size), "no force")
    assert figures.membrane_panel(rest, rest).yaxis["range"] == list(figures.MEMBRANE_RANGE_MV)
    emg = figures.emg_panels(noise, noise)[0].yaxis["range"]
    assert emg == [-figures.EMG_FLOOR_MV, figures.EMG_FLOOR_MV]
    assert figures.force_panel(still, still, "% MVC").yaxis["range"] == [
        0.0,
        figures.FORCE_FLOOR_PCT_MVC,
    ]


def test_scales_widen_to_show_everything_that_goes_beyond_them():
    t_s = np.linspace(0.0, 1.0, 3)
    big = figures.Trace(t_s, np.array([-95.0, 0.0, 55.0]), "big")
    low, high = figures.membrane_panel(big, big).yaxis["range"]
    assert low < -95.0 and high > 55.0
    strong = figures.Trace(t_s, np.array([0.0, 40.0, 80.0]), "force")
    assert figures.force_panel(strong, strong, "% MVC").yaxis["range"][1] > 80.0
