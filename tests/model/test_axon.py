"""One axon ending: rest, threshold, refractoriness, and the numba kernel against NumPy."""

from dataclasses import replace

import numpy as np
import pytest

from explainer.model import axon, disease, reference
from explainer.model.patterns import PATTERNS
from explainer.model.pool import PoolParams, Scenario
from explainer.model.simulation import run_scenario

DT_MS = 0.025
HEALTHY = axon.AxonParams.ending().as_row()[None, :]
QUIET = axon.Noise(sd_pA=0.0)


def pulses(*times_ms: float, amplitude_pA: float, width_ms: float = 0.1) -> axon.Stimulus:
    steps = np.round(np.array(times_ms) / DT_MS).astype(np.int64)
    return axon.Stimulus.pulses([steps], round(width_ms / DT_MS), amplitude_pA)


def spike_count(params, stimulus=None, duration_ms=100.0, noise=QUIET) -> int:
    run = axon.Run(duration_ms=duration_ms, noise=noise)
    return axon.integrate(params, run, stimulus).spike_axon.size


def threshold_pA(params, width_ms=0.1) -> float:
    low, high = 0.0, 20000.0
    for _ in range(25):
        middle = (low + high) / 2
        if spike_count(params, pulses(10.0, amplitude_pA=middle, width_ms=width_ms)):
            high = middle
        else:
            low = middle
    return high


def test_healthy_axon_rests_near_minus_85_mV():
    run = axon.Run(duration_ms=20.0, noise=QUIET)
    recording = axon.integrate(HEALTHY, run, record_axons=np.array([0]))
    # Gaines et al. 2018 start their motor axon at −85.9 mV; our ending settles close to it.
    assert -90.0 < recording.v_node_mV[0, -1] < -83.0
    assert np.ptp(recording.v_node_mV[0, -100:]) < 0.01


def test_healthy_axon_is_silent_with_noise():
    assert spike_count(HEALTHY, duration_ms=2000.0, noise=axon.Noise(sd_pA=2.5)) == 0


def test_one_stimulus_gives_one_spike_and_a_train_one_spike_per_pulse():
    amplitude = 2 * threshold_pA(HEALTHY)
    assert spike_count(HEALTHY, pulses(10.0, amplitude_pA=amplitude)) == 1
    train = pulses(*(10.0 + 20.0 * np.arange(20)), amplitude_pA=amplitude)  # 50 Hz
    assert spike_count(HEALTHY, train, duration_ms=500.0) == 20


def test_absolute_refractory_period_is_about_a_millisecond():
    amplitude = 2 * threshold_pA(HEALTHY)
    # Human motor axons at 37 °C: about 0.6–1 ms (MODEL-SOURCES); 2× threshold pulses.
    assert spike_count(HEALTHY, pulses(10.0, 10.6, amplitude_pA=amplitude)) == 1
    assert spike_count(HEALTHY, pulses(10.0, 11.5, amplitude_pA=amplitude)) == 2


@pytest.mark.slow  # a threshold search per pulse width
def test_longer_pulses_need_less_current():
    thresholds = [threshold_pA(HEALTHY, width) for width in (0.05, 0.1, 0.5, 1.0)]
    assert thresholds == sorted(thresholds, reverse=True)


def test_losing_kv1_turns_one_stimulus_into_a_burst():
    # An ending with three quarters of the pool's largest steady drive, no noise.
    ending = HEALTHY.copy()
    ending[:, axon.P["drive_pA"]] = 0.75 * PoolParams().drive_max_pA
    amplitude = 2 * threshold_pA(ending)
    counts = [
        spike_count(
            disease.apply_channel_fractions(ending, kv1, 1.0), pulses(10.0, amplitude_pA=amplitude),
            duration_ms=300.0,
        )
        for kv1 in (1.0, 0.8, 0.4, 0.2)
    ]  # fmt: skip
    assert counts[:2] == [1, 1]
    assert counts[2] >= 2  # an after-discharge: doublet or more
    # At 20 % this ending also fires on its own, so how many spikes 300 ms hold depends on
    # where its spontaneous bursts fall, not only on Kv1 (dt 2.5 µs: 18 at 40 %, 17 at 20 %;
    # the old gate step at dt 25 µs gave 14 and 22). Firing that rises as Kv1 falls is
    # tested on the pool (test_behaviours).
    assert counts[3] >= 2


def test_healthy_axon_accommodates_to_steady_current_but_not_without_kv1():
    params = np.repeat(HEALTHY, 3, axis=0)
    params[:, axon.P["drive_pA"]] = np.array([0.5, 0.75, 1.0]) * PoolParams().drive_max_pA
    assert spike_count(params, duration_ms=1000.0) == 0
    assert spike_count(disease.apply_channel_fractions(params, 0.4, 1.0), duration_ms=1000.0) > 10


# The NumPy reference integrates a full second in pure Python loops: over a minute here.
@pytest.mark.slow
def test_numba_kernel_matches_the_numpy_reference():
    params = disease.apply_channel_fractions(np.repeat(HEALTHY, 3, axis=0), 0.3, 1.0)
    # The third ending fires on its own (12 spikes), below the drive (9 pA) at which its
    # noise-timed spikes turn chaotic: there the two integrators' rounding moved one crossing
    # by 1.8 ms and every spike after it.
    params[:, axon.P["drive_pA"]] = (4.0, 7.0, 8.0)
    run = axon.Run(duration_ms=1000.0, settle_ms=20.0, seed=3, noise=axon.Noise(sd_pA=1.0))
    stimulus = axon.Stimulus.pulses(
        [np.array([4000, 20000]), np.array([], np.int64), np.array([12000])], 4, 1000.0
    )
    fast = axon.integrate(params, run, stimulus, record_axons=np.array([0, 2]))
    slow = reference.integrate_reference(params, run, stimulus, record_axons=np.array([0, 2]))
    assert fast.spike_axon.size > 20  # the comparison covers real firing
    np.testing.assert_array_equal(fast.spike_axon, slow.spike_axon)
    # The bar: spike times within 0.1 ms over 1 s.
    np.testing.assert_allclose(fast.spike_time_ms, slow.spike_time_ms, atol=0.1)
    # Traces: within 1 mV except on the few samples of spike upstrokes, where a shift far
    # below 0.1 ms (table interpolation) moves the potential by tens of mV.
    close = np.abs(fast.v_node_mV - slow.v_node_mV) < 1.0
    assert close.mean() > 0.99


def test_a_run_continued_from_its_state_is_the_same_run():
    # What the pool's burn-in relies on: the state carries everything, a spike under way at
    # the cut included (counted once, not again when the next part starts).
    params = disease.apply_channel_fractions(np.repeat(HEALTHY, 3, axis=0), 0.1, 1.0)
    params[:, axon.P["drive_pA"]] = (10.0, 16.0, 22.0)
    whole = axon.integrate(params, axon.Run(duration_ms=200.0, noise=QUIET))
    state = axon.initial_state(params, 37.0)
    first = axon.integrate(params, axon.Run(duration_ms=100.0, noise=QUIET), state=state)
    second = axon.integrate(
        params, axon.Run(duration_ms=100.0, settle_ms=0.0, noise=QUIET), state=state
    )
    assert whole.spike_axon.size > 20
    np.testing.assert_array_equal(
        whole.spike_axon, np.concatenate([first.spike_axon, second.spike_axon])
    )
    np.testing.assert_allclose(
        whole.spike_time_ms,
        np.concatenate([first.spike_time_ms, second.spike_time_ms + 100.0]),
        atol=1e-6,
    )


def test_same_seed_same_output_and_other_seed_other_output():
    params = disease.apply_channel_fractions(np.repeat(HEALTHY, 4, axis=0), 0.3, 1.0)
    params[:, axon.P["drive_pA"]] = 7.0
    run = axon.Run(duration_ms=500.0, noise=axon.Noise(sd_pA=1.0))
    first, again = axon.integrate(params, run), axon.integrate(params, run)
    other = axon.integrate(params, replace(run, seed=2))
    np.testing.assert_array_equal(first.spike_time_ms, again.spike_time_ms)
    assert not np.array_equal(first.spike_time_ms, other.spike_time_ms)


@pytest.mark.slow  # six 1-s runs at a ten times finer step
def test_crank_nicolson_at_the_app_step_counts_spikes_like_a_ten_times_finer_step():
    # Issue 12 T9: spike counts within 5 % of a dt 2.5 µs run. Pooled over three seeds (300
    # endings): whether an ending near its firing threshold fires at all in a 1-s run flips
    # with any small change, so one seed alone swings more (Kv1 10 %: −2.4, −0.1, −1.6 %).
    # Measured pooled: −0.9 % at Kv1 40 %, −1.4 % at 10 % (README).
    for kv1 in (0.4, 0.1):
        app, fine = (
            sum(
                times.size
                for seed in (1, 2, 3)
                for times in run_scenario(
                    Scenario(kv1=kv1, dt_ms=dt_ms, duration_s=1.0, seed=seed)
                ).pool.spike_times_s
            )
            for dt_ms in (0.025, 0.0025)
        )
        assert app == pytest.approx(fine, rel=0.05)


def pooled_pattern_counts(kv1: float, dt_ms: float, seeds: range) -> dict[str, int]:
    counts = [
        run_scenario(Scenario(kv1=kv1, dt_ms=dt_ms, duration_s=1.0, seed=seed)).summary
        for seed in seeds
    ]
    return {name: sum(summary.pattern_counts[name] for summary in counts) for name in PATTERNS}


@pytest.mark.slow  # 48 1-s runs, half of them at a ten times finer step: ≈ 25 s here
@pytest.mark.parametrize(
    ("kv1", "patterns"),
    [(0.4, ("single", "doublet", "multiplet")), (0.2, ("single", "multiplet", "neuromyotonic"))],
)
def test_the_app_step_counts_discharge_patterns_like_a_ten_times_finer_step(kv1, patterns):
    # Issue 12 T9: pattern counts within 10 % of a dt 2.5 µs run. Both steps see the same
    # noise and start from the same burn-in, but trains are chaotic: which discharge a spike
    # joins differs, so the counts are compared pooled over 24 seeds (2 400 endings × 1 s).
    # Measured on these seeds (app/fine − 1), Kv1 40 %: singles +0.7 %, doublets +1.4 %,
    # multiplets −0.9 %; Kv1 20 %: singles +6.7 %, multiplets −0.0 %, trains −1.3 %. Left
    # out, too few to tell: doublets at 20 % (≈ 21 per seed: −0.6 % here) and trains at 40 %
    # (about one per run since runs start from the burn-in: 28 against 34).
    seeds = range(1, 25)
    app, fine = (pooled_pattern_counts(kv1, dt_ms, seeds) for dt_ms in (0.025, 0.0025))
    for name in patterns:
        assert app[name] == pytest.approx(fine[name], rel=0.10), name
