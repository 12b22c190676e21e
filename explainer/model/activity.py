"""Activity-dependent hyperpolarisation of the trunk node, measured by threshold tracking.

A minute of voluntary contraction raises the threshold of human motor axons by about a
quarter, waning over about 15 minutes (Vagg, Mogyoros, Kiernan & Burke 1998, J Physiol
507:919–925); 10 minutes of 8-Hz stimulation raise the 1-ms threshold by 16 % (Kiernan,
Lin & Burke 2004, J Physiol 558:341–349). In the model nothing is added for it: each impulse
loads the axoplasm with Na⁺, the electrogenic Na⁺/K⁺ pump's outward current grows with
[Na⁺]ᵢ (:mod:`explainer.model.axon`), the axon hyperpolarises and its threshold rises; after
the train the pump clears the Na⁺ and the threshold falls back.

Protocol, on the trunk node with the kernel of every other run (no noise, no drive):

1. the axon settles at rest and its 1-ms threshold is found by bisection, as in
   :mod:`explainer.model.excitability`;
2. a train of 0.1-ms pulses at twice their own threshold (a supramaximal clinical stimulus,
   and brief, so that the stimulus adds little Na⁺ to each spike's own) fires it at
   ``rate_hz`` for ``duration_s``, standing in for the impulses of a voluntary contraction;
3. the axon rests, and the 1-ms threshold is found again at each of ``after_s`` after the
   train's end, by bisection on copies of the axon that start from its state at that moment
   (so the tracking itself loads nothing).

Example::

    tracked = threshold_after_activity(excitability.trunk_params(Scenario()))
    tracked.threshold_change_pct[0]
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from explainer.model import axon, excitability

TRAIN_PULSE_MS = 0.1
TRAIN_STRENGTH = 2.0
"""Train pulses at this multiple of their resting threshold (supramaximal)."""
AFTER_S = (1.0, 30.0, 60.0, 120.0, 180.0, 240.0, 300.0, 450.0, 600.0)
"""Times after the train's end at which the 1-ms threshold is tracked."""


@dataclass(frozen=True)
class ActivityThresholds:
    resting_threshold_pA: float
    train_pulses: int
    train_spikes: int
    """Spikes during the train: one per pulse if it fired the axon reliably."""
    after_s: np.ndarray
    threshold_change_pct: np.ndarray
    """1-ms threshold at each of ``after_s``, relative to rest (%)."""

    @property
    def recovery_time_s(self) -> float:
        """Time after the train at which the threshold change has fallen to 1/e of its first
        value (log-interpolated between tracked times; nan if it has not within them)."""
        first = self.threshold_change_pct[0]
        below = np.flatnonzero(self.threshold_change_pct <= first / math.e)
        if first <= 0.0 or below.size == 0:
            return float("nan")
        i = int(below[0])
        t0, t1 = self.after_s[i - 1], self.after_s[i]
        y0, y1 = (math.log(max(y, 1e-9)) for y in self.threshold_change_pct[i - 1 : i + 1])
        return float(t0 + (t1 - t0) * (y0 - (math.log(first) - 1.0)) / (y0 - y1))


def _continue(params: np.ndarray, state: np.ndarray, duration_ms: float, temperature_C: float,
              stimulus: axon.Stimulus | None = None, settle_ms: float = 0.0) -> axon.Recording:  # fmt: skip
    """Run the axon on from ``state`` (updated in place), without noise."""
    run = axon.Run(
        temperature_C=temperature_C, dt_ms=excitability.DT_MS, duration_ms=duration_ms,
        settle_ms=settle_ms, noise=axon.Noise(sd_pA=0.0),
    )  # fmt: skip
    return axon.integrate(params, run, stimulus, state=state)


def threshold_after_activity(
    params: np.ndarray, rate_hz: float = 25.0, duration_s: float = 60.0,
    after_s: tuple[float, ...] = AFTER_S, temperature_C: float = 37.0,
) -> ActivityThresholds:  # fmt: skip
    """Track the 1-ms threshold of one axon (``params``: one row) after a train of impulses."""
    state = axon.initial_state(params, temperature_C)
    _continue(params, state, 0.0, temperature_C, settle_ms=excitability.SETTLE_MS)
    resting = float(excitability.thresholds_1ms_pA(params, temperature_C, state)[0])
    pulse = excitability.thresholds_pA(
        params, lambda amp, _: [excitability.pulse_piece(amp, width_ms=TRAIN_PULSE_MS)], 1,
        [0.0], 15.0, temperature_C, state,
    )[0]  # fmt: skip
    period_steps = round(1000.0 / rate_hz / excitability.DT_MS)
    n_pulses = round(duration_s * rate_hz)
    train = axon.Stimulus.pulses(
        [np.arange(n_pulses) * period_steps], round(TRAIN_PULSE_MS / excitability.DT_MS),
        TRAIN_STRENGTH * pulse,
    )  # fmt: skip
    spikes = _continue(params, state, 1000.0 * duration_s, temperature_C, train).spike_time_ms.size
    snapshots, now_s = [], 0.0
    for then_s in after_s:
        _continue(params, state, 1000.0 * (then_s - now_s), temperature_C)
        snapshots.append(state[0].copy())
        now_s = then_s
    tracked = excitability.thresholds_1ms_pA(params, temperature_C, np.array(snapshots))
    return ActivityThresholds(
        resting, n_pulses, spikes, np.array(after_s), 100.0 * (tracked / resting - 1.0)
    )
