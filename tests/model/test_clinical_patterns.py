"""The discharges the model makes, against the clinical EMG (issue 12, targets T1–T3).

Neuromyotonic discharges fire at 150–300 Hz for about 0.5–2 s, slowing towards their end
(Maddison 2006, Clin Neurophysiol 117:2118; Bednarik & Kadanka 2001); myokymic discharges
are doublets and multiplets with intervals of a few to tens of ms that recur every few
hundred ms (Gutmann 1991). Only public inputs are set; the numbers come out of the run.
Neuromyotonic motor-unit potentials wane (Maddison 2006; issue 12 T2): here because the
neuromuscular junction (model/junction.py) fires fewer of the unit's fibres.
"""

import numpy as np
import pytest

from explainer.model import patterns

SEVERE, MODERATE = 0.1, 0.4


DURATION_S = 20.0
"""Long, so that long trains are seen whole about as often as short ones: in 4-s runs a 2-s
train fits whole a third as often as a 0.4-s one, and the sample's median length was 0.40 s
where 20-s runs give 0.47 s (seeds 1–2; 0.48 s in 4-s runs weighted for that bias)."""
EDGE_S = 0.05
"""A train that fires this close to the run's start or end may have begun before it or go on
after it: its start, length or end is not seen."""


@pytest.fixture(scope="module")
def severe_trains(simulate):
    """Neuromyotonic trains seen whole in two 20-s runs (seeds 1 and 2), each with its unit's
    spikes and the share of the unit's fibres each spike fires. Runs start from the firing's
    own steady state (the pool's burn-in), so trains under way at 0 s or still firing at the
    end are cut by the run and left out."""
    trains = []
    for seed in (1, 2):
        result = simulate(kv1=SEVERE, duration_s=DURATION_S, seed=seed)
        spike_times = result.pool.spike_times_s
        trains += [(d, spike_times[d.unit], result.transmitted[d.unit])
                   for d in patterns.discharges(spike_times)
                   if d.pattern == "neuromyotonic"
                   and d.start_s >= EDGE_S and d.end_s <= DURATION_S - EDGE_S]  # fmt: skip
    assert len(trains) >= 10
    return trains


def muap_last_over_first(
    discharge: patterns.Discharge, times: np.ndarray, share: np.ndarray
) -> float:
    """Last over first MUAP amplitude of a discharge (the share of fibres that fire)."""
    inside = share[(times >= discharge.start_s) & (times <= discharge.end_s)]
    return float(inside[-1] / inside[0])


def test_neuromyotonic_trains_fire_at_150_to_300_hz(severe_trains):
    in_band = [150.0 <= train.rate_hz <= 300.0 for train, _, _ in severe_trains]
    assert np.mean(in_band) >= 0.9


@pytest.mark.xfail(
    strict=True,
    reason="T2 not met: trains at the firing's steady state last a median 0.47 s (20-s runs, "
    "seeds 1-4: 0.46-0.48 s), below the clinical 0.5-2 s; started from rest they had lasted 0.62 s",
)
def test_neuromyotonic_trains_last_about_half_a_second_to_two_seconds(severe_trains):
    assert 0.5 <= np.median([train.end_s - train.start_s for train, _, _ in severe_trains]) <= 2.0


def test_neuromyotonic_trains_slow_down_before_they_stop(severe_trains):
    # Waning: the last five intervals against the fastest five in a row of the same train
    # (a train's first intervals are often still speeding up, so not against those).
    ratios = []
    for train, times, _ in severe_trains:
        intervals = np.diff(times[(times >= train.start_s) & (times <= train.end_s)])
        fastest = np.convolve(intervals, np.ones(5) / 5, mode="valid").min()
        ratios.append(intervals[-5:].mean() / fastest)
    assert np.median(ratios) >= 1.2


def test_myokymic_discharges_have_clinical_intervals(simulate):
    spike_times = simulate(kv1=MODERATE).pool.spike_times_s
    grouped = [d for d in patterns.discharges(spike_times) if d.pattern in ("doublet", "multiplet")]
    intervals_ms = np.concatenate([
        1000.0 * np.diff(spike_times[d.unit][(spike_times[d.unit] >= d.start_s)
                                             & (spike_times[d.unit] <= d.end_s)])
        for d in grouped
    ])  # fmt: skip
    assert np.mean(intervals_ms >= 6.7) >= 0.25  # below 150 Hz
    assert intervals_ms.min() >= 3.3  # never above 300 Hz


def test_myokymic_bursts_recur_a_few_times_a_second(simulate):
    # Burst recurrence 2–10 Hz per active unit (Gutmann 1991; issue 12 T3).
    grouped = [d for d in patterns.discharges(simulate(kv1=MODERATE).pool.spike_times_s)
               if d.pattern in ("doublet", "multiplet")]  # fmt: skip
    starts: dict[int, list[float]] = {}
    for discharge in grouped:
        starts.setdefault(discharge.unit, []).append(discharge.start_s)
    rates_hz = [(len(s) - 1) / (s[-1] - s[0]) for s in starts.values() if len(s) >= 3]
    assert len(rates_hz) >= 10
    assert 2.0 <= np.median(rates_hz) <= 10.0


def test_neuromyotonic_motor_unit_potentials_wane(severe_trains):
    # Seeds 1–2, 20-s runs: median 0.82, 25th percentile 0.75 (4-s runs, seeds 1–2, 3–4, 5–6:
    # 0.82, 0.82, 0.83; 0.77, 0.77, 0.76). The
    # junctions start at the steady state of the firing before 0 s, so a train that follows a
    # pause starts with its fibres partly refilled, not rested (from rest: 0.79 and 0.62).
    ratios = [muap_last_over_first(*train) for train in severe_trains]
    assert np.median(ratios) <= 0.9
    assert np.percentile(ratios, 25) <= 0.8


def test_myokymic_bursts_barely_wane(simulate):
    result = simulate(kv1=MODERATE)
    spike_times = result.pool.spike_times_s
    ratios = [muap_last_over_first(d, spike_times[d.unit], result.transmitted[d.unit])
              for d in patterns.discharges(spike_times)
              if d.pattern in ("doublet", "multiplet")]  # fmt: skip
    # Median 0.98 and 5th percentile 0.89 (seed 1): a burst loses a few per cent at most,
    # against ≈ 18 % for a neuromyotonic train (above).
    assert np.median(ratios) >= 0.95
    assert np.percentile(ratios, 5) >= 0.8
