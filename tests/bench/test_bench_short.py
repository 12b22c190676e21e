"""The model benchmark in its short mode: it runs and reports ratios (no timing asserts)."""

import pytest

from tests.bench import bench_model


@pytest.mark.slow  # runs the NumPy reference too
def test_short_benchmark_reports_its_ratios(capsys):
    report = bench_model.main([])
    assert report["speedup_vs_numpy"] > 0
    assert report["spikes"]["kernel"] > 0
    assert "ratio" in capsys.readouterr().out
