"""The neuromuscular junction transmits voluntary and myokymic firing and fails in fast trains."""

import numpy as np
import pytest

from explainer.model.junction import JunctionParams, available_fraction, transmitted_fractions

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
