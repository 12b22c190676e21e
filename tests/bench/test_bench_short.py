"""The model benchmark in its short mode: it runs and reports ratios (no timing asserts)."""

from tests.bench import bench_model


def test_short_benchmark_reports_its_ratios(capsys):
    report = bench_model.main([])
    assert report["speedup_vs_numpy"] > 0
    assert report["spikes"]["kernel"] > 0
    assert "ratio" in capsys.readouterr().out
