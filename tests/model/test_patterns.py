"""Discharge classification on hand-made spike trains."""

import numpy as np
import pytest

from explainer.model import patterns


def train(*times_ms: float) -> np.ndarray:
    return np.array(times_ms) / 1000.0


def test_singles_doublets_multiplets_and_neuromyotonic_trains():
    spikes = [
        train(100.0, 400.0),  # two singles (300 ms apart)
        train(100.0, 110.0),  # a doublet at 100 Hz
        train(100.0, 104.0, 108.0, 112.0),  # a multiplet at 250 Hz
        train(*(100.0 + 4.0 * np.arange(20))),  # 20 spikes at 250 Hz: neuromyotonic
        train(*(100.0 + 20.0 * np.arange(20))),  # 20 spikes at 50 Hz: a multiplet, too slow
    ]
    kinds = [d.pattern for d in patterns.discharges(spikes)]
    assert kinds == ["single", "single", "doublet", "multiplet", "neuromyotonic", "multiplet"]


def test_voluntary_rates_stay_singles():
    # 35 Hz, the peak voluntary rate of Fuglevand's pool: intervals 28.6 ms < the 35 ms gap…
    # …so use 25 Hz (40 ms), a typical voluntary rate, which must not group.
    spikes = [train(*(40.0 * np.arange(10)))]
    assert {d.pattern for d in patterns.discharges(spikes)} == {"single"}


def test_afterdischarge_measures_unbroken_firing_after_the_drive():
    spikes = [train(510.0, 530.0, 560.0, 900.0), train(100.0), np.zeros(0)]
    # Unit 0 runs on to 560 ms (gaps ≤ 50 ms), then stops; the others add nothing.
    assert patterns.afterdischarge_s(spikes, drive_end_s=0.5) == pytest.approx(0.060 / 3)


def test_summary_counts_spontaneous_firing_outside_the_driven_stretch():
    pulses = [train(200.0, 220.0)] * 2
    spikes = [train(50.0, 210.0, 221.0, 1500.0), train(221.0)]
    summary = patterns.summarize(spikes, 2.0, pulses, drive_end_s=0.22, mean_force_pct_mvc=0.0)
    # Undriven windows: 0–0.2 s and 0.72–2.0 s (1.48 s in all); unit 0 fired twice there.
    assert summary.spontaneous_rate_hz == pytest.approx(2 / 2 / 1.48)
    assert summary.active_fraction == 0.5
    # The spike 10 ms into the train and those within 3 ms of its end were evoked.
    assert sum(summary.pattern_counts.values()) == 2
