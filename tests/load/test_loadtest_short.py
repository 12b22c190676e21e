"""The load test in its short mode: 3 sessions, 3 presses each. No speed is asserted (the
machine is shared); what must hold at any speed is asserted: no errors, every press
answered, and the server drops the work of sessions that leave.

It runs as its own process, as `make loadtest` does: its asyncio client then never meets an
event loop that another test (Playwright's sync API) left running in this one."""

import json
import subprocess
import sys

import pytest

from tests.load import loadtest

LEFT_WORK_FRACTION = 0.25
"""Leaving mid-run costs a simulation or two per session, not the whole 20-run job."""


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_three_readers_press_without_errors_and_work_of_leavers_is_dropped():
    run = subprocess.run(
        [sys.executable, "-m", "tests.load.loadtest", "--short"],
        check=False, capture_output=True, text=True, timeout=280, cwd=loadtest.ARTIFACTS.parent,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    assert "| N | round |" in run.stdout
    (report,) = json.loads((loadtest.ARTIFACTS / "loadtest-short.json").read_text())
    warm, (round_,) = report["warm"], report["rounds"]
    assert warm["errors"] == []
    assert round_["errors"] == []
    assert round_["presses_finished"] == round_["presses_expected"] == 9
    assert round_["idle_after_s"] is not None, "server still busy 30 s after every session left"
    if_left_running_s = round_["sessions"] * warm["dose_response_cpu_s"]
    assert round_["cpu_after_leaving_s"] < LEFT_WORK_FRACTION * if_left_running_s
