"""`explainer-sim` prints the JSON of DESIGN.md "Contracts" and rejects bad input in one line."""

import json
import subprocess
import sys

import pytest

from explainer import cli


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "explainer.cli", *args], capture_output=True, text=True, check=False
    )


def test_preset_severe_prints_the_contract_json():
    done = run_cli("--preset", "severe", "--units", "20", "--duration", "0.5")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert {"params", "units", "duration_s", "spikes", "summary", "wall_time_s"} <= set(data)
    assert data["params"]["kv1"] == 0.1 and data["params"]["preset"] == "severe"
    assert data["units"] == 20 and len(data["spikes"]) == 20
    assert set(data["summary"]) >= {
        "spontaneous_rate_hz", "active_fraction", "pattern_counts", "max_intraburst_hz",
        "afterdischarge_s", "mean_force_pct_mvc",
    }  # fmt: skip
    assert set(data["summary"]["pattern_counts"]) == {
        "single", "doublet", "multiplet", "neuromyotonic"
    }  # fmt: skip


@pytest.mark.slow  # every curve of a nerve-excitability test, end to end
def test_excitability_protocol_prints_the_trunk_indices_and_curves(capsys):
    assert cli.main(["--protocol", "excitability", "--preset", "kcna1"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["params"]["protocol"] == "excitability" and data["params"]["site"] == "whole_axon"
    assert set(data["summary"]["excitability"]) >= {
        "sd_time_constant_ms", "rheobase_ratio", "rrp_ms", "superexcitability_pct",
        "superexcitability_at_ms", "late_subexcitability_pct", "ted_10_20_pct",
        "ted_90_100_pct", "teh_10_20_pct", "teh_90_100_pct", "iv_resting_slope",
    }  # fmt: skip
    curves = data["curves"]
    assert set(curves) >= {"strength_duration", "recovery_cycle", "current_threshold"}
    assert all(len(point) == 2 for curve in curves.values() for point in curve)


def test_excitability_protocol_refuses_csv_in_one_line():
    done = run_cli("--protocol", "excitability", "--format", "csv")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_options_override_the_preset(capsys):
    assert (
        cli.main(["--preset", "severe", "--kv1", "0.5", "--units", "5", "--duration", "0.1"]) == 0
    )
    assert json.loads(capsys.readouterr().out)["params"]["kv1"] == 0.5


def test_csv_lists_one_spike_per_row(capsys):
    assert cli.main(["--kv1", "0.2", "--units", "10", "--duration", "0.3", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "unit,spike_time_s"
    assert len(lines) > 1 and all(len(line.split(",")) == 2 for line in lines)


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--kv1", "1.5"], "--kv1"),
        (["--kv1", "nan"], "--kv1"),
        (["--units", "2.5"], "--units"),
        (["--temperature", "50"], "--temperature"),
        (["--protocol", "dance"], "--protocol"),
        (["--preset", "nosuch"], "--preset"),
        (["--duration", "-1"], "--duration"),
    ],
)
def test_bad_input_exits_2_with_one_line_naming_the_option(args, named):
    done = run_cli(*args)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and named in lines[0]


def test_a_broken_presets_file_gives_one_line_not_a_traceback(monkeypatch, capsys):
    from explainer.content import ContentError

    def broken():
        raise ContentError("explainer/data/presets.yaml: [0] (id 'healthy').settings.kv1: too big")

    monkeypatch.setattr(cli, "preset_settings", broken)
    assert cli.main(["--kv1", "0.5"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "presets.yaml" in err
