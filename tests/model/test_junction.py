"""The neuromuscular junction transmits voluntary and myokymic firing and fails in fast trains."""

from dataclasses import replace

import numpy as np
import pytest

from explainer.model import muscle
from explainer.model.junction import JunctionParams, available_fraction, transmitted_fractions
from explainer.model.pool import PoolResult, Scenario
from explainer.model.simulation import transmitted

PARAMS = JunctionParams()


def transmitted_fraction(spikes_s: np.ndarray) -> np.ndarray:
    return transmitted_fractions([spikes_s], PARAMS)[0]


def regular(rate_hz: float, duration_s: float, start_s: float = 0.0) -> np.ndarray:
    return start_s + np.arange(round(rate_hz * duration_s)) / rate_hz


def last_share(rate_hz: float, duration_s: float) -> float:
    return float(transmitted_fraction(regular(rate_hz, duration_s))[-1])


def test_the_recurrence_matches_a_spike_by_spike_loop():
    spikes_s = np.array([0.0, 0.0, 0.002, 0.004, 0.5, 0.5001, 30.0, 30.003])
    u, tau_s = 0.2, 0.1
    expected, x = [], 1.0
    for k, t in enumerate(spikes_s):
        if k:
            x = 1.0 - (1.0 - (1.0 - u) * x) * np.exp(-(t - spikes_s[k - 1]) / tau_s)
        expected.append(x)
    isi_s = np.diff(spikes_s, prepend=-np.inf)
    np.testing.assert_allclose(available_fraction(isi_s, u, tau_s), expected, rtol=1e-12)


def test_units_are_independent():
    fast, slow = regular(300, 1.0), regular(10, 1.0, start_s=0.5)
    together = transmitted_fractions([fast, np.array([]), slow], PARAMS)
    alone = [transmitted_fraction(train) for train in (fast, np.array([]), slow)]
    for both, one in zip(together, alone, strict=True):
        np.testing.assert_allclose(both, one, rtol=1e-12)


def test_a_long_fast_train_stays_finite_and_reaches_the_steady_state():
    # 40 s at 300 Hz: 12 000 spikes; the store's steady state is (1 − a)/(1 − (1 − u)·a).
    isi_s = np.diff(regular(300, 40.0), prepend=-np.inf)
    share = available_fraction(isi_s, 0.003, 3.0)
    a = np.exp(-1 / 300 / 3.0)
    assert np.all(np.isfinite(share))
    assert share[-1] == pytest.approx((1 - a) / (1 - (1 - 0.003) * a), rel=1e-9)


def test_coincident_spikes_exhaust_the_junction_without_numerical_warnings():
    # 10 000 spikes at one instant: no time to refill, the EPP underflows (warnings are errors).
    share = transmitted_fraction(np.zeros(10_000))
    assert share[0] == 1.0
    assert share[-1] == 0.0


def test_no_spikes_no_shares():
    assert [len(share) for share in transmitted_fractions([np.array([])] * 3)] == [0, 0, 0]


@pytest.mark.parametrize(("rate_hz", "duration_s"), [(3, 10 / 3), (20, 2.0), (35, 2.0), (50, 2.0)])
def test_healthy_rates_fire_every_fibre(rate_hz, duration_s):
    # 3 Hz × 10 is clinical repetitive nerve stimulation: a decrement ≥ 10 % is abnormal
    # (Abraham et al. 2017); voluntary firing peaks at 25–35 Hz (Fuglevand 1993).
    assert np.all(transmitted_fraction(regular(rate_hz, duration_s)) == 1.0)


def test_myokymic_bursts_do_not_wane():
    # Five spikes 8 ms apart (125 Hz), recurring at 5 Hz for 2 s.
    bursts_s = np.concatenate([t0 + 0.008 * np.arange(5) for t0 in np.arange(0.0, 2.0, 0.2)])
    assert transmitted_fraction(bursts_s).min() > 0.95


def test_waning_grows_with_rate_in_neuromyotonic_trains():
    shares = [last_share(rate, 1.0) for rate in (100, 150, 200, 300)]
    assert np.all(np.diff(shares) < 0)
    assert shares[1] < 0.95  # 150 Hz: visibly smaller after a second
    assert shares[-1] < 0.6  # 300 Hz: fewer than 60 % of the fibres still fire


def test_waning_goes_on_through_a_long_train():
    share = transmitted_fraction(regular(250, 2.0))
    at_s = [share[round(250 * t) - 1] for t in (0.1, 0.5, 1.0, 2.0)]
    assert np.all(np.diff(at_s) < 0)
    assert at_s[-1] < 0.5 * at_s[0]


def test_the_junction_recovers_after_a_pause():
    train_s = regular(250, 1.0)
    last = transmitted_fraction(train_s)[-1]
    after_s = [transmitted_fraction(np.r_[train_s, 1.0 + pause])[-1] for pause in (0.1, 1.0)]
    assert last < after_s[0] < after_s[1]
    assert after_s[1] > 0.95


# Junctions that start where the unit's earlier firing left them (before_s, period_s).


def burst_every_2_s(rate_hz: float, burst_s: float) -> np.ndarray:
    """A burst at rate_hz for burst_s, then silence until 2 s: one period of a pattern."""
    return regular(rate_hz, burst_s, start_s=0.3)


def steady(spikes_s: np.ndarray, period_s: float = 2.0) -> np.ndarray:
    return transmitted_fractions([spikes_s], PARAMS, before_s=[spikes_s], period_s=period_s)[0]


def test_the_steady_start_is_where_repeating_the_pattern_leads():
    # The store refills with τ 3 s, so 40 rested repetitions (80 s) forget their start.
    period_s = burst_every_2_s(250, 0.5)
    repeated = np.concatenate([period_s + 2.0 * k for k in range(40)])
    np.testing.assert_allclose(
        steady(period_s), transmitted_fraction(repeated)[-period_s.size :], rtol=1e-9
    )


@pytest.mark.parametrize("pattern_s", [regular(235, 2.0), burst_every_2_s(250, 0.5)])
def test_a_stationary_pattern_transmits_the_same_from_its_first_period(pattern_s):
    two_periods_s = np.r_[pattern_s, pattern_s + 2.0]
    share = steady(two_periods_s, period_s=4.0)
    np.testing.assert_allclose(share[: pattern_s.size], share[pattern_s.size :], rtol=1e-9)
    rested = transmitted_fraction(two_periods_s)  # from rest, the first period fires more
    assert rested[pattern_s.size - 1] > rested[-1] + 0.05


def test_a_fast_burst_still_wanes_after_its_pause():
    burst_s = burst_every_2_s(250, 0.5)
    share = steady(burst_s)
    assert share[-1] < 0.9 * share[0]
    # 1.5 s of pause does not refill the τ 3 s store: the burst ends lower than from rest.
    assert share[-1] < transmitted_fraction(burst_s)[-1] - 0.05


@pytest.mark.parametrize("before_s", [np.array([]), regular(20, 2.0), regular(3, 2.0)])
def test_a_silent_or_slow_history_leaves_the_junction_rested(before_s):
    train_s = regular(250, 1.0)
    after = transmitted_fractions([train_s], PARAMS, before_s=[before_s], period_s=2.0)[0]
    if before_s.size:
        assert after[0] == 1.0
    else:
        np.testing.assert_array_equal(after, transmitted_fraction(train_s))


def test_histories_of_units_are_independent():
    trains = [regular(300, 1.0), np.array([]), regular(10, 1.0, start_s=0.5), np.array([])]
    before = [regular(200, 0.5), regular(250, 0.5), np.array([]), np.array([])]
    together = transmitted_fractions(trains, PARAMS, before_s=before, period_s=2.0)
    for train, history, both in zip(trains, before, together, strict=True):
        alone = transmitted_fractions([train], PARAMS, before_s=[history], period_s=2.0)[0]
        np.testing.assert_allclose(both, alone, rtol=1e-12)


def test_a_history_outside_its_period_is_refused():
    with pytest.raises(ValueError, match="period"):
        transmitted_fractions([regular(10, 1.0)], PARAMS, before_s=[regular(3, 3.0)], period_s=2.0)


def test_a_steadily_firing_unit_pulls_and_shows_the_same_from_the_first_second():
    # The largest of 100 units at 250 Hz for 2 s; the windows 0.5–1 s and 1–1.5 s hold 125
    # MUAPs each, and as many reaching in from either side.
    spikes = [np.array([])] * 99 + [regular(250, 2.0)]
    defaults = muscle.MuscleParams()
    quiet = replace(defaults, needle=replace(defaults.needle, noise_mV=0.0))

    def late_over_early(fired) -> list[float]:
        force = muscle.force_from_spikes(spikes, 2.0, transmitted=fired)
        emg = muscle.emg_from_spikes(spikes, 2.0, seed=1, params=quiet, transmitted=fired)
        ratios = []
        for t_s, trace in ((force.t_s, force.force_pct_mvc), (emg.t_s, np.abs(emg.emg_mV))):
            early, late = (trace[(t_s >= a) & (t_s < a + 0.5)].mean() for a in (0.5, 1.0))
            ratios.append(late / early)
        return ratios

    steady = transmitted_fractions(spikes, PARAMS, before_s=spikes, period_s=2.0)
    assert late_over_early(steady) == pytest.approx([1.0, 1.0], rel=1e-4)
    assert max(late_over_early(None)) < 0.8  # from rested junctions the first second is more


def one_unit_pool(spikes_s: np.ndarray, protocol: str, pulses_s: np.ndarray) -> PoolResult:
    """A pool of one unit with the given spikes, as if simulated with this protocol."""
    drive_end_s = float(pulses_s[-1]) if pulses_s.size else 0.0
    scenario = Scenario(protocol=protocol, units=1, duration_s=2.0)
    empty = np.zeros(0)
    return PoolResult(scenario, [spikes_s], empty, 0, empty, empty, 0.1, [pulses_s], drive_end_s)


def test_firing_while_a_protocol_drives_the_unit_is_no_history():
    # The same 0.5 s at 250 Hz from 0.2 s: inside a stimulation train's stretch it did not go
    # on before the run, so the junction starts rested; at rest it did, and starts run down.
    burst_s = regular(250, 0.5, start_s=0.2)
    stim = one_unit_pool(burst_s, "stim", regular(50, 0.2, start_s=0.2))
    rest = one_unit_pool(burst_s, "rest", np.zeros(0))
    np.testing.assert_array_equal(transmitted(stim, PARAMS)[0], transmitted_fraction(burst_s))
    assert transmitted(rest, PARAMS)[0][-1] < transmitted_fraction(burst_s)[-1] - 0.05
