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

Where the stores start. A nerve that fires on its own has been firing long before anyone
records it, so a junction that starts rested overstates the first second of a run (with rested
starts the severe preset's force rose to 64 % MVC and fell to 18 % by 2 s). Instead each
unit's stores may start where its own earlier firing left them: that firing (``before_s``,
one period of it) is taken to have repeated for ever before t = 0, and the stores start at the
fixed point of one period. Each store's update is linear in what it starts from, so one pass
over a period starting full gives the fixed point exactly: if z is the store just before the
period's last spike, one period later it is z₁ − (1 − z)·C, where z₁ is what a full store
gives and C = (1 − u)^m·exp(−period/τ) for m spikes; so z = (z₁ − C)/(1 − C). (Repeating the
period instead would take many passes: the store's τ, 3 s, is longer than a 2-s run.) No
history, or firing slow enough to refill between spikes, leaves the junction rested; what
came before is the caller's choice (:func:`explainer.model.simulation.transmitted`: the
unit's spontaneous firing, not the spikes a protocol evokes).

Example::

    [share] = transmitted_fractions([np.arange(0.0, 1.0, 1 / 250)])  # one unit, 250 Hz, 1 s
    share[0], share[-1]                                               # 1.0, 0.64
    train = np.arange(0.0, 2.0, 1 / 250)                              # ... going on for ever
    [share] = transmitted_fractions([train], before_s=[train], period_s=2.0)  # 0.11 throughout
"""

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


def available_fraction(
    isi_s: np.ndarray, release_fraction: float, refill_s: float, start: np.ndarray | float = 1.0
) -> np.ndarray:
    """Share of a store available just before each spike (1 = rested).

    ``isi_s`` is the interval before each spike, inf at a unit's first spike (trains of
    several units may be concatenated); ``start`` is the share available at each first spike
    (1: the store is full). x_k = 1 − (1 − (1 − u)·x_{k−1})·exp(−Δ_k/τ) is the linear
    recurrence x_k = b_k + c_k·x_{k−1}, solved for every spike at once in log space,
    log x_k = L_k + log Σ_{j≤k} b_j·exp(−L_j) with L_k = Σ_{i≤k} log c_i, which stays finite
    for trains of any length. L only falls, so at a first spike (b = start, log c = −100) all
    earlier terms are ≥ e¹⁰⁰ times smaller than the new one and drop out.
    """
    first = np.isinf(isi_s)
    log_c = np.log1p(-release_fraction) - isi_s / refill_s
    log_c[first] = _RESET_LOG
    log_total = np.cumsum(log_c)
    with np.errstate(divide="ignore"):  # b = 0 for coincident spikes: log b = −inf is exact
        log_b = np.log(-np.expm1(-isi_s / refill_s))
        log_b[first] = np.log(start)
    return np.exp(log_total + np.logaddexp.accumulate(log_b - log_total))


def _intervals_s(trains_s: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Intervals before each spike of the trains laid end to end (inf at each unit's first),
    each train's length, and where each non-empty train starts in the concatenation."""
    lengths = np.array([len(train) for train in trains_s], dtype=np.int64)
    isi_s = np.diff(np.concatenate([np.zeros(0), *trains_s]), prepend=-np.inf)
    firsts = (np.cumsum(lengths) - lengths)[lengths > 0]
    isi_s[firsts] = np.inf
    return isi_s, lengths, firsts


def transmitted_fractions(
    spike_trains_s: Sequence[np.ndarray],
    params: JunctionParams = JunctionParams(),
    *,
    before_s: Sequence[np.ndarray] | None = None,
    period_s: float = 0.0,
) -> list[np.ndarray]:
    """Share of each unit's muscle fibres that fire for each of its spikes (trains sorted, s).

    ``before_s``: each unit's firing over one period (times in [0, period_s)) that has gone on,
    repeated, for ever before t = 0; the stores start where it leaves them (module
    docstring). None: every junction starts rested.
    """
    if len(spike_trains_s) == 0:
        return []
    history_s = before_s if before_s is not None else [np.zeros(0)] * len(spike_trains_s)
    if any(h.size and not 0.0 <= h[0] <= h[-1] < period_s for h in history_s):
        raise ValueError("history spikes must lie in [0, period_s)")
    # The previous period's last spike, at which each store is at its fixed point z.
    last_s = [history[-1:] - period_s for history in history_s]
    cycle_isi_s, cycle_lengths, _ = _intervals_s(
        [np.r_[last, history] for last, history in zip(last_s, history_s, strict=True)]
    )
    isi_s, lengths, firsts = _intervals_s(
        [np.r_[last, train] for last, train in zip(last_s, spike_trains_s, strict=True)]
    )
    had_history = np.array([last.size > 0 for last in last_s], dtype=bool)
    period_ends = np.cumsum(cycle_lengths)[had_history] - 1
    spikes_a_period = cycle_lengths[had_history] - 1
    epp = np.ones(isi_s.size)
    for u, tau_s in (
        (params.pool_release_fraction, params.pool_refill_s),
        (params.store_release_fraction, params.store_refill_s),
    ):
        # z = (z₁ − C)/(1 − C), the fixed point of one period (module docstring).
        from_full = available_fraction(cycle_isi_s, u, tau_s)[period_ends]
        contraction = (1.0 - u) ** spikes_a_period * np.exp(-period_s / tau_s)
        start = np.ones(len(lengths))
        start[had_history] = (from_full - contraction) / (1.0 - contraction)
        epp *= available_fraction(isi_s, u, tau_s, start[lengths > 0])
    keep = np.ones(isi_s.size, dtype=bool)
    keep[firsts[had_history[lengths > 0]]] = False  # the previous period's spike is not this run's
    low, high = params.safety_factor_min, params.safety_factor_max
    # A fibre fires if its safety factor ≥ 1/EPP; safety factors are uniform on [low, high].
    share = np.clip((high - 1.0 / np.maximum(epp[keep], _TINY)) / (high - low), 0.0, 1.0)
    return np.split(share, np.cumsum([len(train) for train in spike_trains_s])[:-1])
