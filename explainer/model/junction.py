"""Neuromuscular junction: which share of a motor unit's muscle fibres each nerve spike fires.

Each spike releases transmitter from what the unit's nerve terminals have ready, and the
end-plate potential (EPP) it makes is proportional to what is released. Two stores run down
and refill, as in Tsodyks, Pawelzik & Markram (1998), "Neural networks with dynamic synapses",
Neural Comput 10:821–835, doi:10.1162/089976698300017502: a spike releases a fraction u of
what is available, x → (1 − u)·x, and x recovers towards 1 as 1 − x ∝ exp(−t/τ).

* the readily releasable pool (u 0.1, refilled with τ 30 ms) makes the EPP fall within a few
  spikes of a fast train and recover within a tenth of a second;
* the store that feeds it (u 0.003, τ 3 s) runs down only over hundreds of spikes, so a
  long high-frequency train keeps losing EPP for as long as it lasts.

The EPP relative to a rested junction is the product of the two. A fibre fires when its EPP
reaches threshold, i.e. when EPP × safety factor ≥ 1; the safety factors of a unit's fibres
are spread uniformly over [design] 1.5–6, so every fibre fires at rest and the share that fires
falls gradually as the EPP runs down. Human junctions are among the smallest known and
release the fewest transmitter quanta; deep postsynaptic folds amplify what they release
(Slater 2017, Int J Mol Sci 18:2183, doi:10.3390/ijms18102183).

All six numbers are [design] choices (no human value of u or τ could be confirmed here),
picked by hand from a few candidates to match what is measured:

* a healthy 3 Hz train of 10 stimuli loses no fibres (clinical repetitive nerve stimulation:
  a decrement ≥ 10 % is abnormal; Abraham et al. 2017, Muscle Nerve 55:166–170,
  doi:10.1002/mus.25214), and neither do voluntary rates (≤ 35 Hz) or a 50 Hz train;
* in rat diaphragm, EPPs run down during continuous 5–100 Hz stimulation, fast at first and
  then slowly, and recover substantially within a pause; EPPs dropped out only at 100 Hz
  (Moyer & van Lunteren 1999, J Neurophysiol 82:3030–3040; abstract read). Here fibres
  start to fail near 100 Hz;
* neuromyotonic discharges (150–300 Hz for 0.5–2 s) wane in amplitude (Maddison 2006): the
  candidates whose 250 Hz trains failed completely within a second were set aside, so how
  much the model's trains wane is partly a fit.

A run's junctions start at the steady state of the firing before it
(:func:`steady_transmitted_fractions`), not rested.

Example::

    [share] = transmitted_fractions([np.arange(0.0, 1.0, 1 / 250)])  # one unit, 250 Hz, 1 s
    share[0], share[-1]                                               # 1.0, 0.64
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class JunctionParams:
    """Transmitter stores and fibre safety factors of every unit ([design], module docstring)."""

    pool_release_fraction: float = 0.1  # u of the readily releasable pool
    pool_refill_s: float = 0.03  # τ of the readily releasable pool
    store_release_fraction: float = 0.003  # u of the store that feeds the pool
    store_refill_s: float = 3.0  # τ of the store
    safety_factor_min: float = 1.5  # weakest fibre of a unit (> 1: all fire at rest)
    safety_factor_max: float = 6.0  # strongest fibre of a unit


_TINY = np.finfo(float).tiny  # floor of the EPP (underflows only after ~7000 coincident spikes)
_RESET_LOG = -100.0
"""log c at a unit's first spike: weighs everything before it by e⁻¹⁰⁰, i.e. exactly 0."""


def available_fraction(isi_s: np.ndarray, release_fraction: float, refill_s: float) -> np.ndarray:
    """Share of a store available just before each spike (1 = rested).

    ``isi_s`` is the interval before each spike, inf at a unit's first spike (trains of
    several units may be concatenated: the store is full again at each first spike).
    x_k = 1 − (1 − (1 − u)·x_{k−1})·exp(−Δ_k/τ) is the linear recurrence
    x_k = b_k + c_k·x_{k−1}, solved for every spike at once in log space,
    log x_k = L_k + log Σ_{j≤k} b_j·exp(−L_j) with L_k = Σ_{i≤k} log c_i, which stays finite
    for trains of any length. L only falls, so at a first spike (b = 1, log c = −100) all
    earlier terms are ≥ e¹⁰⁰ times smaller than the new one and drop out.
    """
    log_c = np.log1p(-release_fraction) - isi_s / refill_s
    log_c[np.isinf(isi_s)] = _RESET_LOG
    log_total = np.cumsum(log_c)
    with np.errstate(divide="ignore"):  # b = 0 for coincident spikes: log b = −inf is exact
        log_b = np.log(-np.expm1(-isi_s / refill_s))
    return np.exp(log_total + np.logaddexp.accumulate(log_b - log_total))


def transmitted_fractions(
    spike_trains_s: Sequence[np.ndarray], params: JunctionParams = JunctionParams()
) -> list[np.ndarray]:
    """Share of each unit's muscle fibres that fire for each of its spikes (trains sorted, s)."""
    lengths = np.array([len(train) for train in spike_trains_s], dtype=np.int64)
    if lengths.sum() == 0:
        return [np.zeros(0) for _ in lengths]
    isi_s = np.diff(np.concatenate(spike_trains_s), prepend=-np.inf)
    firsts = np.cumsum(lengths) - lengths  # an empty unit's "first" is the next unit's
    isi_s[firsts[firsts < isi_s.size]] = np.inf
    epp = available_fraction(isi_s, params.pool_release_fraction, params.pool_refill_s)
    epp *= available_fraction(isi_s, params.store_release_fraction, params.store_refill_s)
    low, high = params.safety_factor_min, params.safety_factor_max
    # A fibre fires if its safety factor ≥ 1/EPP; safety factors are uniform on [low, high].
    share = np.clip((high - 1.0 / np.maximum(epp, _TINY)) / (high - low), 0.0, 1.0)
    return np.split(share, np.cumsum(lengths)[:-1])


SETTLED_TIME_CONSTANTS = 4.0
"""How many of the store's refill times the recurring firing is taken to have lasted: its
rested start is then e⁻⁴ ≈ 2 % of the way from the steady state, or less."""


def steady_transmitted_fractions(
    before_s: Sequence[np.ndarray],
    after_s: Sequence[np.ndarray],
    period_s: float,
    params: JunctionParams = JunctionParams(),
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Shares of fibres fired by the spikes ``before_s`` (per unit, s in [−period_s, 0)) and
    ``after_s`` (s ≥ 0), each junction at the steady state of the ``before_s`` firing.

    ``before_s`` (the stationary firing of the pool's burn-in) is taken to have recurred,
    period after period, for :data:`SETTLED_TIME_CONSTANTS` refill times of the slow store:
    with 1 s of it recurring, the shares at the start of the run came within 0.02 of those
    after 10 s of the model's own firing (Kv1 10–30 %, seeds 1–3), and the force of its first
    0.25 s within 2 % MVC; the last 1 or 2 s alone left the junctions too rested (shares
    0.54–0.59 instead of 0.37–0.45 at Kv1 10 %).
    """
    settled_s = SETTLED_TIME_CONSTANTS * params.store_refill_s
    repeats = math.ceil(settled_s / period_s) if period_s > 0.0 else 1
    shifts_s = period_s * np.arange(repeats - 1, -1, -1)
    pairs = list(zip(before_s, after_s, strict=True))
    shares = transmitted_fractions(
        [
            np.concatenate([*(before - shift for shift in shifts_s), after])
            for before, after in pairs
        ],
        params,
    )
    before_shares, after_shares = [], []
    for (before, after), share in zip(pairs, shares, strict=True):
        start = share.size - after.size  # where ``after`` begins
        before_shares.append(share[start - before.size : start])
        after_shares.append(share[start:])
    return before_shares, after_shares
