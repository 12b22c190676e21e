"""The lab latency benchmark in its short mode: it runs and reports (no timing asserts)."""

import pytest

from tests.bench import bench_lab_latency

pytestmark = pytest.mark.e2e


def test_latency_benchmark_reports_ratio_and_bytes(browser, capsys):
    report = bench_lab_latency.run(browser, presses=4)
    assert report["p95_ratio"] > 0
    # Bytes are a size, not a time: the 1 MB per rerun holds on any machine.
    assert report["lab"]["max_bytes_per_rerun"] < 1_000_000
    assert "p95" in capsys.readouterr().out
