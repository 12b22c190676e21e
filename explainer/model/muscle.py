"""Muscle: twitch force and synthetic EMG from motor-unit spike trains.

Force follows Fuglevand, Winter & Patla (1993), "Models of recruitment and rate coding
organization in motor-unit pools", J Neurophysiol 70:2470–2488, doi:10.1152/jn.1993.70.6.2470:
each spike of unit i adds a twitch f_i(t) = P_i·(t/T_i)·exp(1 − t/T_i), scaled by a gain that
saturates as the unit's instantaneous rate rises (x = T_i/ISI); peak forces spread
exponentially over a 100-fold range, contraction times from 90 ms (smallest) to 30 ms
(largest). The pool's force is given in % of maximal voluntary contraction (MVC): the mean
plateau force with every unit firing regularly at its own peak rate, computed by running the
same summation.

Neuromuscular transmission (:mod:`explainer.model.junction`): each spike fires only the share
of its unit's muscle fibres whose end-plate potential still reaches threshold; transmitter
runs down in trains faster than about 100 Hz, so the share falls. That share scales both the
twitch and the MUAP of the spike: the same fibres that fail neither pull nor show in the EMG.
So the MUAPs of a neuromyotonic train (150–300 Hz) wane, and those of voluntary firing or
myokymic bursts do not; nothing in this module looks at the firing rate to decide it.
The shares can be passed in (``transmitted``), so that a run computes them once for force
and EMG (:func:`explainer.model.simulation.run_scenario`, whose junctions start from the
pool's burn-in); otherwise every junction starts rested at a unit's first spike.

Spikes before 0 s (firing before the shown window) count too: their twitches and MUAPs
still show where they reach into the window.

EMG: each spike places its unit's motor-unit action potential (MUAP), a Hermite–Rodriguez
function (Lo Conte, Merletti & Sandri 1994, IEEE Trans Biomed Eng 41:1147–1159,
doi:10.1109/10.335863) — second order (triphasic, narrow) for a needle electrode, first order
(biphasic, wider, hence more low-pass) for a surface electrode. Amplitude grows exponentially
with unit size; each unit gets a seeded random distance d to the electrode, which scales
amplitude by exp(−d/k) and width by (1 + k_dur·d), so a needle sees a handful of nearby units
and a surface electrode sums them all. Seeded Gaussian recording noise is added.

Units are indexed 0..n−1 in recruitment order (0 = smallest). Example::

    spikes = [np.arange(0.0, 2.0, 1 / 20)] * 100           # every unit at 20 Hz for 2 s
    force = force_from_spikes(spikes, duration_s=2.0)       # force.force_pct_mvc
    emg = emg_from_spikes(spikes, 2.0, "needle", seed=1)    # emg.emg_mV at 10 kHz
    audio, rate_hz = emg_audio(emg)                         # st.audio(audio, sample_rate=rate_hz)
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

import numpy as np

from explainer.model.junction import JunctionParams, transmitted_fractions

ElectrodeKind = Literal["needle", "surface"]

TYPICAL_MUAP_MV = 1.0
"""About one motor-unit potential at a needle (0.5–2 mV): the smallest full scale an EMG is
shown or played at, so the noise of a resting muscle stays as quiet as it is."""


@dataclass(frozen=True)
class ElectrodeParams:
    """How one kind of electrode sees MUAPs ([design] = our choice within the cited ranges)."""

    hermite_order: int  # 2 = triphasic (needle), 1 = biphasic (surface); Lo Conte et al. 1994
    width_ms: float  # Hermite–Rodriguez λ of a unit at the electrode; [design] MODEL-NOTES §3
    amplitude_largest_mV: float  # peak of the largest unit at distance 0; [design]
    amplitude_range: float  # largest/smallest unit amplitude; surface 100-fold (JN 2017 eq 4–5)
    radius_mm: float  # units scattered uniformly over a disc of this radius; [design]
    amplitude_decay_mm: float  # amplitude × exp(−d/k) (volume conduction, NeMu `vc_filter`)
    width_growth_per_mm: float  # λ × (1 + k_dur·d) (NeMu `vc_filter`); [design] values
    noise_mV: float  # Gaussian recording noise, standard deviation; [design]


@dataclass(frozen=True)
class MuscleParams:
    """Constants of the force and EMG models (sources per field; see module docstring)."""

    twitch_force_range: float = 100.0  # RP, largest/smallest peak twitch; Fuglevand 1993
    contraction_time_longest_ms: float = 90.0  # T_L, smallest unit; Fuglevand 1993
    contraction_time_range: float = 3.0  # RT, so T runs 90 → 30 ms; Fuglevand 1993
    saturation_knee: float = 0.4  # T/ISI below which twitches sum linearly; Fuglevand 1993
    peak_rate_first_hz: float = 35.0  # PFR1, peak rate of unit 0 (MVC only); Fuglevand 1993
    peak_rate_drop_hz: float = 10.0  # PFRD, last unit peaks at 25 Hz (MVC only); Fuglevand 1993
    force_dt_ms: float = 1.0  # force grid; [numerical] ≪ 30 ms shortest contraction time
    twitch_span: float = 10.0  # twitch kernel length in units of T_L (tail < 0.2 %); [numerical]
    emg_rate_hz: int = 10_000  # EMG sampling rate, as in clinical needle EMG; [design]
    muap_width_step: float = 0.05  # widths rounded to a 5 % geometric grid; [numerical]
    needle: ElectrodeParams = field(
        default=ElectrodeParams(
            hermite_order=2,
            width_ms=0.8,
            amplitude_largest_mV=3.0,
            amplitude_range=10.0,
            radius_mm=5.0,
            amplitude_decay_mm=0.5,
            width_growth_per_mm=0.2,
            noise_mV=0.01,
        )
    )
    surface: ElectrodeParams = field(
        default=ElectrodeParams(
            hermite_order=1,
            width_ms=3.0,
            amplitude_largest_mV=0.5,
            amplitude_range=100.0,
            radius_mm=10.0,
            amplitude_decay_mm=10.0,
            width_growth_per_mm=0.05,
            noise_mV=0.005,
        )
    )
    junction: JunctionParams = field(default=JunctionParams())  # which fibres each spike fires


@dataclass(frozen=True)
class ForceTrace:
    t_s: np.ndarray
    force_pct_mvc: np.ndarray


@dataclass(frozen=True)
class EmgTrace:
    t_s: np.ndarray
    emg_mV: np.ndarray
    kind: str
    rate_hz: int


_MVC_SETTLE_S = 1.0  # > 10 × T_L: the regular-train force has reached its plateau
_MVC_AVERAGE_S = 1.0  # plateau mean over ≥ 25 periods of every unit's ripple


def _pool_position(n_units: int) -> np.ndarray:
    """0 for the smallest unit, 1 for the largest (0 alone if n = 1)."""
    return np.linspace(0.0, 1.0, n_units)


def motor_unit_twitches(n_units: int, params: MuscleParams) -> tuple[np.ndarray, np.ndarray]:
    """Peak twitch forces P_i (arbitrary units, P_0 = 1) and contraction times T_i in ms.

    P_i = exp(b·i) with b = ln(RP)/(n − 1), so P spans exactly RP; T_i = T_L·(1/P_i)^(1/c),
    c = ln RP / ln RT (Fuglevand 1993).
    """
    peak_force = params.twitch_force_range ** _pool_position(n_units)
    c = np.log(params.twitch_force_range) / np.log(params.contraction_time_range)
    contraction_time_ms = params.contraction_time_longest_ms * (1.0 / peak_force) ** (1.0 / c)
    return peak_force, contraction_time_ms


def _sorted_trains(spike_times_s: Sequence[np.ndarray]) -> list[np.ndarray]:
    return [np.sort(np.asarray(spikes, dtype=float)) for spikes in spike_times_s]


def _previous_isi_s(spikes_s: np.ndarray) -> np.ndarray:
    """Interval before each spike; inf for the first (it has no predecessor).

    Floored at 1 µs so that coincident spikes cannot divide by zero.
    """
    return np.maximum(np.diff(spikes_s, prepend=-np.inf), 1e-6)


def _saturation_gain(x: np.ndarray, knee: float) -> np.ndarray:
    """Fuglevand 1993: gain 1 up to x = T/ISI = knee, then [S(x)/x]/[S(knee)/knee]."""

    def s_over_x(v: np.ndarray) -> np.ndarray:
        return -np.expm1(-2.0 * v**3) / v

    x_fast = np.maximum(x, knee)  # the where() below discards values at or below the knee
    return np.where(x <= knee, 1.0, s_over_x(x_fast) / s_over_x(np.asarray(knee)))


def _sum_convolutions(
    trains: np.ndarray, kernels: np.ndarray, offset: int, n_out: int
) -> np.ndarray:
    """Σ_rows trains ∗ kernels, samples offset..offset+n_out of the linear convolution.

    Summing in the frequency domain needs one inverse FFT for all rows.
    """
    fft_len = 1 << (trains.shape[1] + kernels.shape[1] - 2).bit_length()  # power of 2 ≥ N + K − 1
    spectrum = np.einsum(
        "ij,ij->j", np.fft.rfft(trains, n=fft_len), np.fft.rfft(kernels, n=fft_len)
    )
    return np.fft.irfft(spectrum, n=fft_len)[offset : offset + n_out]


def _impulse_train(
    spikes_s: np.ndarray, weights: np.ndarray, rate_hz: float, n_samples: int, n_before: int
) -> np.ndarray:
    """Weighted impulses on a grid of n_before + n_samples at rate_hz, its sample n_before at
    0 s; spikes outside it are dropped."""
    index = np.rint(spikes_s * rate_hz).astype(np.int64) + n_before
    inside = (index >= 0) & (index < n_before + n_samples)
    return np.bincount(index[inside], weights=weights[inside], minlength=n_before + n_samples)


def _fired(
    sorted_s: list[np.ndarray], transmitted: Sequence[np.ndarray] | None, params: MuscleParams
) -> Sequence[np.ndarray]:
    """Share of its unit's fibres each spike fires: as given, or from rested junctions."""
    if transmitted is not None:
        return transmitted
    return transmitted_fractions(sorted_s, params.junction)


def _raw_force(
    spike_times_s: Sequence[np.ndarray],
    n_samples: int,
    params: MuscleParams,
    transmitted: Sequence[np.ndarray] | None = None,
) -> np.ndarray:
    """Summed twitch force (arbitrary units) on the force grid, from 0 s; spikes up to a
    twitch's length before 0 s count."""
    peak_force, contraction_time_ms = motor_unit_twitches(len(spike_times_s), params)
    rate_hz = 1000.0 / params.force_dt_ms
    n_kernel = int(params.twitch_span * params.contraction_time_longest_ms / params.force_dt_ms)
    trains = np.zeros((len(spike_times_s), n_kernel + n_samples))
    sorted_s = _sorted_trains(spike_times_s)
    fired = _fired(sorted_s, transmitted, params)  # fibres that fail do not twitch
    for unit, spikes_s in enumerate(sorted_s):
        x = contraction_time_ms[unit] / (1000.0 * _previous_isi_s(spikes_s))
        gain = _saturation_gain(x, params.saturation_knee)
        trains[unit] = _impulse_train(spikes_s, gain * fired[unit], rate_hz, n_samples, n_kernel)
    u = np.arange(n_kernel) * params.force_dt_ms / contraction_time_ms[:, None]
    kernels = peak_force[:, None] * u * np.exp(1.0 - u)
    active = trains.any(axis=1)
    if not active.any():
        return np.zeros(n_samples)
    return _sum_convolutions(trains[active], kernels[active], n_kernel, n_samples)


@lru_cache(maxsize=32)
def _mvc_force(n_units: int, params: MuscleParams) -> float:
    """Mean plateau force with every unit firing regularly at its peak rate (Fuglevand 1993)."""
    peak_rate_hz = params.peak_rate_first_hz - params.peak_rate_drop_hz * _pool_position(n_units)
    duration_s = _MVC_SETTLE_S + _MVC_AVERAGE_S
    trains = [np.arange(0.0, duration_s, 1.0 / rate) for rate in peak_rate_hz]
    n_samples = round(duration_s * 1000.0 / params.force_dt_ms)
    force = _raw_force(trains, n_samples, params)
    return float(force[round(_MVC_SETTLE_S * 1000.0 / params.force_dt_ms) :].mean())


def force_from_spikes(
    spike_times_s: Sequence[np.ndarray],
    duration_s: float,
    params: MuscleParams = MuscleParams(),
    *,
    transmitted: Sequence[np.ndarray] | None = None,
) -> ForceTrace:
    """Total muscle force in % MVC on a grid of params.force_dt_ms, from 0 to duration_s.

    ``transmitted``: share of its unit's fibres each spike fires, per unit in time order
    (:func:`~explainer.model.junction.transmitted_fractions`); None: junctions rested before
    each unit's first spike. Spikes before 0 s add the rest of their twitches.
    """
    n_samples = round(duration_s * 1000.0 / params.force_dt_ms)
    t_s = np.arange(n_samples) * params.force_dt_ms / 1000.0
    if len(spike_times_s) == 0:
        return ForceTrace(t_s, np.zeros(n_samples))
    force = _raw_force(spike_times_s, n_samples, params, transmitted)
    return ForceTrace(t_s, 100.0 * force / _mvc_force(len(spike_times_s), params))


def _hermite_rodriguez(u: np.ndarray, order: int) -> np.ndarray:
    """First (biphasic) or second (triphasic) order Hermite–Rodriguez function, peak |H| = 1."""
    if order == 1:
        return np.sqrt(2.0 * np.e) * u * np.exp(-(u**2))
    return (1.0 - 2.0 * u**2) * np.exp(-(u**2))


def emg_from_spikes(
    spike_times_s: Sequence[np.ndarray],
    duration_s: float,
    kind: ElectrodeKind = "needle",
    *,
    seed: int,
    params: MuscleParams = MuscleParams(),
    transmitted: Sequence[np.ndarray] | None = None,
) -> EmgTrace:
    """Needle- or surface-like EMG in mV at params.emg_rate_hz; MUAPs centred on the spikes.

    ``transmitted`` as in :func:`force_from_spikes`.
    """
    electrode = {"needle": params.needle, "surface": params.surface}[kind]
    rate_hz = params.emg_rate_hz
    n_samples = round(duration_s * rate_hz)
    n_units = len(spike_times_s)
    rng = np.random.default_rng(seed)
    distance_mm = electrode.radius_mm * np.sqrt(rng.random(n_units))  # uniform over the disc
    noise_mV = rng.normal(0.0, electrode.noise_mV, n_samples)
    size = electrode.amplitude_range ** (_pool_position(n_units) - 1.0)
    amplitude_mV = (
        electrode.amplitude_largest_mV * size * np.exp(-distance_mm / electrode.amplitude_decay_mm)
    )
    # Rounding each unit's width to a geometric grid lets units that share a width share one
    # convolution (≤ ~15 FFTs instead of one per unit); the shape error is < 2.5 % of λ.
    width_ms = electrode.width_ms * (1.0 + electrode.width_growth_per_mm * distance_mm)
    step = np.log1p(params.muap_width_step)
    width_class = np.rint(np.log(width_ms / electrode.width_ms) / step).astype(np.int64)

    classes = np.unique(width_class)
    class_width_ms = electrode.width_ms * np.exp(classes * step)
    half = int(np.ceil(4.0 * class_width_ms.max() * rate_hz / 1000.0))  # |H| < 1e-6 beyond 4λ
    trains = np.zeros((len(classes), half + n_samples))  # MUAPs of spikes up to 4λ before 0 s
    sorted_s = _sorted_trains(spike_times_s)
    fired = _fired(sorted_s, transmitted, params)  # MUAP ∝ fibres that fire
    for unit, spikes_s in enumerate(sorted_s):
        row = np.searchsorted(classes, width_class[unit])
        weights = amplitude_mV[unit] * fired[unit]
        trains[row] += _impulse_train(spikes_s, weights, rate_hz, n_samples, half)
    active = trains.any(axis=1)
    if not active.any():
        return EmgTrace(np.arange(n_samples) / rate_hz, noise_mV, kind, rate_hz)

    t_ms = np.arange(-half, half + 1) * 1000.0 / rate_hz
    kernels = _hermite_rodriguez(t_ms / class_width_ms[:, None], electrode.hermite_order)
    emg_mV = _sum_convolutions(trains[active], kernels[active], 2 * half, n_samples) + noise_mV
    return EmgTrace(np.arange(n_samples) / rate_hz, emg_mV, kind, rate_hz)


def emg_audio(
    emg: EmgTrace, sample_rate_hz: int = 22_050, *, full_scale_mV: float | None = None
) -> tuple[np.ndarray, int]:
    """EMG resampled to an audio rate, float32, peak 0.9, ready for st.audio.

    full_scale_mV=None scales the trace's own peak to 0.9; a value maps that many mV to 0.9
    (clipped), so quiet recordings stay quiet when traces are compared by ear.
    """
    n_out = round(len(emg.emg_mV) * sample_rate_hz / emg.rate_hz)
    audio = np.interp(np.arange(n_out) / sample_rate_hz, emg.t_s, emg.emg_mV)
    reference = np.max(np.abs(audio), initial=0.0) if full_scale_mV is None else full_scale_mV
    if reference <= 1e-12:
        return np.zeros(n_out, dtype=np.float32), sample_rate_hz
    scaled = np.clip(0.9 * audio / reference, -0.9, 0.9)
    return scaled.astype(np.float32), sample_rate_hz
