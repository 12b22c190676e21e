"""The muscle model behaves like Fuglevand's twitch-summation pool and like real EMG."""

from dataclasses import replace

import numpy as np
import pytest

from explainer.model.junction import JunctionParams
from explainer.model.muscle import (
    MuscleParams,
    emg_audio,
    emg_from_spikes,
    force_from_spikes,
    motor_unit_twitches,
)

N_UNITS = 100
PARAMS = MuscleParams()
QUIET = replace(
    PARAMS,
    needle=replace(PARAMS.needle, noise_mV=0.0),
    surface=replace(PARAMS.surface, noise_mV=0.0),
)
# One force or EMG sample: spike times are rounded to the grid, so timings agree to ±1 sample.
FORCE_DT_S = PARAMS.force_dt_ms / 1000.0
EMG_DT_S = 1.0 / PARAMS.emg_rate_hz


def silent_pool() -> list[np.ndarray]:
    return [np.array([]) for _ in range(N_UNITS)]


def one_unit_firing(unit: int, spikes_s: np.ndarray) -> list[np.ndarray]:
    pool = silent_pool()
    pool[unit] = spikes_s
    return pool


def peak_rate_pool(duration_s: float, seed: int = 0) -> list[np.ndarray]:
    """Every unit firing regularly at its Fuglevand peak rate, with a random phase."""
    rates_hz = PARAMS.peak_rate_first_hz - PARAMS.peak_rate_drop_hz * np.linspace(0, 1, N_UNITS)
    phases = np.random.default_rng(seed).random(N_UNITS)
    return [
        np.arange(phase / rate, duration_s, 1 / rate)
        for phase, rate in zip(phases, rates_hz, strict=True)
    ]


def mean_force_at_rate(unit: int, rate_hz: float) -> float:
    """Mean force of one unit firing regularly, over the second after a 1 s settling time."""
    force = force_from_spikes(one_unit_firing(unit, np.arange(0, 2, 1 / rate_hz)), 2.0)
    return float(force.force_pct_mvc[force.t_s >= 1.0].mean())


def spectral_centroid_hz(emg) -> float:
    power = np.abs(np.fft.rfft(emg.emg_mV)) ** 2
    freqs_hz = np.fft.rfftfreq(len(emg.emg_mV), 1 / emg.rate_hz)
    return float((freqs_hz * power).sum() / power.sum())


def test_twitch_forces_span_the_range_and_contraction_times_run_90_to_30_ms():
    peak_force, contraction_time_ms = motor_unit_twitches(N_UNITS, PARAMS)
    # Exact up to floating-point rounding: the exponent is chosen so the range is exact.
    assert peak_force[-1] / peak_force[0] == pytest.approx(PARAMS.twitch_force_range, rel=1e-12)
    assert contraction_time_ms[0] == pytest.approx(90.0, rel=1e-12)
    assert contraction_time_ms[-1] == pytest.approx(30.0, rel=1e-12)
    assert np.all(np.diff(peak_force) > 0)
    assert np.all(np.diff(contraction_time_ms) < 0)


def test_no_spikes_give_no_force():
    force = force_from_spikes(silent_pool(), 1.0)
    assert len(force.t_s) == len(force.force_pct_mvc) == round(1.0 / FORCE_DT_S)
    assert np.all(force.force_pct_mvc == 0.0)


@pytest.mark.parametrize("unit", [0, 50, N_UNITS - 1])
def test_one_spike_gives_a_twitch_peaking_at_the_contraction_time(unit):
    _, contraction_time_ms = motor_unit_twitches(N_UNITS, PARAMS)
    force = force_from_spikes(one_unit_firing(unit, np.array([0.1])), 1.0)
    peak_delay_s = force.t_s[np.argmax(force.force_pct_mvc)] - 0.1
    assert peak_delay_s == pytest.approx(contraction_time_ms[unit] / 1000.0, abs=FORCE_DT_S)
    # FFT convolution leaves round-off of ~1e-16 of the peak before the spike.
    assert force.force_pct_mvc[force.t_s < 0.1] == pytest.approx(0.0, abs=1e-9)


def test_force_rises_with_firing_rate_and_saturates():
    # The fastest unit (T = 30 ms) is far from fused at 5 Hz and nearly fused at 50 Hz.
    rates_hz = [5, 10, 20, 35, 50, 100]
    forces = [mean_force_at_rate(N_UNITS - 1, rate) for rate in rates_hz]
    assert np.all(np.diff(forces[:-1]) > 0)
    # Fused tetanus: doubling 50 → 100 Hz adds < 2 % (S(x) = 1 − exp(−2x³) ≈ 0.999 at x = 1.5).
    # Over a second of continuous 100 Hz firing the junction starts to fail a few fibres, so the
    # force may fall slightly instead (junction.py); it stays within 10 % of the 50 Hz force.
    force_50_hz = forces[rates_hz.index(50)]
    assert 0.9 * force_50_hz < forces[-1] < 1.02 * force_50_hz


def test_a_slow_unit_sums_far_less_than_linearly():
    # Linear summation would give 5× from 10 to 50 Hz; the slowest unit (T = 90 ms, T/ISI = 0.9
    # at 10 Hz) is already partly fused at 10 Hz, so the saturating gain gives under half that.
    assert mean_force_at_rate(0, 50) < 0.5 * 5 * mean_force_at_rate(0, 10)


def test_every_unit_at_its_peak_rate_gives_100_pct_mvc():
    force = force_from_spikes(peak_rate_pool(3.0), 3.0)
    plateau = force.force_pct_mvc[force.t_s >= 2.0].mean()
    # The MVC reference uses phase-aligned trains over a different window; random phases and
    # window edges shift a 1 s mean by well under 2 %.
    assert plateau == pytest.approx(100.0, abs=2.0)


def test_force_relaxes_after_the_last_spike():
    force = force_from_spikes([s[s < 1.0] for s in peak_rate_pool(1.0)], 2.0)
    peak = force.force_pct_mvc.max()
    five_slowest_contraction_times_s = 5 * PARAMS.contraction_time_longest_ms / 1000.0
    # A single twitch is at 5·e⁻⁴ ≈ 9 % of its peak after 5 T; a tetanus, dominated by the fast
    # large units, falls below 5 % of its peak by then.
    assert force.force_pct_mvc[force.t_s >= 1.0 + five_slowest_contraction_times_s].max() < (
        0.05 * peak
    )


@pytest.mark.parametrize("kind", ["needle", "surface"])
def test_emg_without_spikes_is_only_recording_noise(kind):
    emg = emg_from_spikes(silent_pool(), 2.0, kind, seed=3)
    noise_mV = getattr(PARAMS, kind).noise_mV
    assert len(emg.emg_mV) == len(emg.t_s) == 2 * PARAMS.emg_rate_hz
    # 20 000 samples: the sample SD is within ±0.5 % (1 SE) of σ; 5 % is ten standard errors.
    assert np.std(emg.emg_mV) == pytest.approx(noise_mV, rel=0.05)


def test_emg_is_deterministic_for_a_seed_and_changes_with_it():
    pool = peak_rate_pool(0.5)
    first = emg_from_spikes(pool, 0.5, seed=7)
    assert np.array_equal(first.emg_mV, emg_from_spikes(pool, 0.5, seed=7).emg_mV)
    assert not np.allclose(first.emg_mV, emg_from_spikes(pool, 0.5, seed=8).emg_mV)


def test_a_spike_places_a_muap_at_its_time():
    spike_s = 0.25
    needle = emg_from_spikes(
        one_unit_firing(N_UNITS - 1, np.array([spike_s])), 0.5, seed=1, params=QUIET
    )
    # The triphasic needle MUAP peaks at its centre, the spike time (±1 sample of rounding).
    assert needle.t_s[np.argmax(np.abs(needle.emg_mV))] == pytest.approx(spike_s, abs=EMG_DT_S)
    assert np.all(needle.emg_mV[np.abs(needle.t_s - spike_s) > 0.02] == pytest.approx(0.0))

    surface = emg_from_spikes(
        one_unit_firing(N_UNITS - 1, np.array([spike_s])), 0.5, "surface", seed=1, params=QUIET
    )
    # The biphasic surface MUAP is antisymmetric about the spike: its two phases straddle it.
    centre_s = (surface.t_s[np.argmax(surface.emg_mV)] + surface.t_s[np.argmin(surface.emg_mV)]) / 2
    assert centre_s == pytest.approx(spike_s, abs=EMG_DT_S)


def test_needle_emg_has_more_high_frequency_power_than_surface_emg():
    pool = peak_rate_pool(1.0)
    needle = emg_from_spikes(pool, 1.0, "needle", seed=2, params=QUIET)
    surface = emg_from_spikes(pool, 1.0, "surface", seed=2, params=QUIET)
    # Widths 0.8 vs 3 ms: the centroids differ several-fold; a factor 2 leaves ample margin.
    assert spectral_centroid_hz(needle) > 2 * spectral_centroid_hz(surface)


def rms_mV(emg, start_s: float, stop_s: float) -> float:
    window = (emg.t_s >= start_s) & (emg.t_s < stop_s)
    return float(np.sqrt(np.mean(emg.emg_mV[window] ** 2)))


@pytest.mark.parametrize(("rate_hz", "wanes"), [(20, False), (250, True)])
def test_muaps_wane_in_a_neuromyotonic_train_but_not_at_voluntary_rates(rate_hz, wanes):
    # One second of one unit from 0.1 s; the two 0.1 s windows start between spikes and hold
    # the same number of whole MUAPs, so their RMS ratio is the MUAPs' amplitude ratio.
    train_s = 0.1 + np.arange(0.0, 1.0, 1 / rate_hz)
    emg = emg_from_spikes(one_unit_firing(N_UNITS - 1, train_s), 1.2, seed=1, params=QUIET)
    first, last = rms_mV(emg, 0.125, 0.225), rms_mV(emg, 0.925, 1.025)
    if wanes:
        assert last < 0.8 * first  # 250 Hz: ≈ 0.7 of the fibres still fire after 0.9 s
    else:
        assert last == pytest.approx(first, rel=1e-6)


def test_fibres_that_fail_to_fire_do_not_pull():
    train_s = np.arange(0.0, 2.0, 1 / 250)
    never_fails = replace(PARAMS, junction=JunctionParams(0.0, 1.0, 0.0, 1.0))
    force = force_from_spikes(one_unit_firing(N_UNITS - 1, train_s), 2.0)
    intact = force_from_spikes(one_unit_firing(N_UNITS - 1, train_s), 2.0, params=never_fails)
    late = force.t_s >= 1.0
    # The MVC reference (≤ 35 Hz) is the same for both: transmission never fails there.
    assert force.force_pct_mvc[late].mean() < 0.8 * intact.force_pct_mvc[late].mean()


def test_audio_is_float32_at_the_audio_rate_and_peaks_at_0_9():
    emg = emg_from_spikes(peak_rate_pool(1.0), 1.0, seed=4)
    audio, rate_hz = emg_audio(emg, 22_050)
    assert rate_hz == 22_050
    assert audio.dtype == np.float32
    assert abs(len(audio) - 22_050) <= 1
    # float32 rounding of 0.9 is ~1e-8.
    assert np.abs(audio).max() == pytest.approx(0.9, abs=1e-6)


def test_silence_stays_silent_in_audio():
    audio, _ = emg_audio(emg_from_spikes(silent_pool(), 1.0, seed=4, params=QUIET))
    assert audio.dtype == np.float32
    assert np.all(audio == 0.0)


def test_audio_with_a_fixed_full_scale_keeps_noise_quiet():
    emg = emg_from_spikes(silent_pool(), 1.0, seed=4)
    audio, _ = emg_audio(emg, full_scale_mV=2.0)
    # Noise of 0.01 mV SD peaks near 0.05 mV in 10⁴ samples: < 0.05 of full scale.
    assert 0 < np.abs(audio).max() < 0.05
