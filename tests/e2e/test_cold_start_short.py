"""The cold-start benchmark in its short mode: it runs and reports (no timing asserts)."""

import pytest

from tests.bench import bench_cold_start

pytestmark = [pytest.mark.e2e, pytest.mark.slow]  # three server starts


def test_cold_start_benchmark_reports_ratios(browser, capsys):
    report = bench_cold_start.run(browser, rounds=1)
    assert report["home"]["ratio"] > 0 and report["lab"]["ratio"] > 0
    assert "first view" in capsys.readouterr().out
