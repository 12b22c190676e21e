"""One input budget (explainer.model.limits): ranges and steps shared by the CLI, the URL and
the widgets, and runs too big to answer refused before they allocate anything."""

import json
import subprocess
import sys

import pytest

from explainer import cli
from explainer.content.loader import load_presets
from explainer.model.limits import MAX_NEURON_STEPS, SETTINGS, memory_bytes, over_budget
from explainer.model.pool import Scenario
from explainer.state import parse_query


def test_a_crawler_asking_for_every_temperature_reaches_only_the_sliders_values():
    asked = [30 + i / 1000 for i in range(10_001)]
    reached = {parse_query({"temperature": str(t)})[0].temperature for t in asked}
    assert len(reached) == 21  # 30, 30.5, …, 40


def test_a_value_between_steps_is_snapped_with_a_notice():
    state, notices = parse_query({"kv1": "0.333"})
    assert state.kv1 == 0.33
    assert notices == ["“kv1=0.333” goes in steps of 0.01; 0.33 is used."]


@pytest.mark.parametrize("name", ["kv1", "kv7", "na_block", "temperature", "seed"])
def test_a_value_on_the_grid_passes_unchanged(name):
    setting = SETTINGS[name]
    for value in (setting.low, setting.high, setting.snap((setting.low + setting.high) / 3)):
        state, notices = parse_query({name: str(value)})
        assert (getattr(state, name), notices) == (value, [])


def test_every_preset_is_on_the_widgets_grid():
    for name, preset in load_presets().items():
        for field, value in preset.settings.model_dump(exclude={"site"}).items():
            assert SETTINGS[field].on_grid(value), f"preset {name}: {field}={value}"


def test_an_oversized_run_is_refused_at_once_with_one_line_naming_the_limit(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--units", "1000", "--duration", "60", "--dt-ms", "0.005"])
    assert exit_.value.code == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert "neuron-steps" in line and f"{MAX_NEURON_STEPS:.0e}" in line


def test_a_run_within_the_steps_but_too_big_for_memory_names_memory():
    refusal = over_budget(Scenario(units=1000, duration_s=20, dt_ms=0.05))
    assert refusal is not None and "GiB of memory" in refusal


def test_the_labs_run_and_the_cli_defaults_are_within_budget():
    assert over_budget(Scenario()) is None
    assert over_budget(Scenario(units=300, duration_s=10)) is None


MEASURE = """
import json, re, sys
from pathlib import Path
from explainer.model.pool import Scenario
from explainer.model.simulation import run_scenario

def status_MB(field):
    return int(re.search(field + r":\\s+(\\d+) kB", Path("/proc/self/status").read_text())[1]) / 1024

run_scenario(Scenario(units=2, duration_s=0.05))  # imports, compiled kernel, caches
Path("/proc/self/clear_refs").write_text("5")  # the peak (VmHWM) starts again from now
before_MB = status_MB("VmRSS")
run_scenario(Scenario(**json.loads(sys.argv[1])))
print(status_MB("VmHWM") - before_MB)
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    "size", [{"units": 300, "duration_s": 2.0}, {"units": 100, "duration_s": 8.0}]
)
def test_the_memory_estimate_is_near_what_a_run_takes(size):
    """The process's peak memory grows by about the estimate (0.6–1.6×; seen 1.05–1.2×)."""
    output = subprocess.run(
        [sys.executable, "-c", MEASURE, json.dumps({**size, "kv1": 0.1})],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    grown_MB = float(output)
    estimate_MB = memory_bytes(Scenario(**size)) / 2**20
    assert 0.6 * estimate_MB < grown_MB < 1.6 * estimate_MB
