"""A virtual nerve-excitability test of the trunk node (threshold tracking, as in clinic).

The protocols follow the TROND recording of human motor axons (Kiernan, Burke, Andersen &
Bostock 2000, Muscle Nerve 23:399–409; consensus: Kiernan et al. 2020, Clin Neurophysiol
131:308–323): the threshold of a test pulse is the current that just fires the axon, found
by bisection on many copies of the axon at once (one copy per test), with no noise and no
drive, after 200 ms at rest.

* **Strength–duration**: thresholds of 0.2–1 ms pulses; charge = threshold × width is a
  straight line of width (Weiss' law) whose intercept / slope is the strength–duration time
  constant and whose slope is the rheobase.
* **Recovery cycle**: a 1-ms conditioning pulse at twice its threshold, then the 1-ms test
  at intervals of 1–200 ms; the threshold change (%) against interval shows refractoriness,
  superexcitability and late subexcitability.
* **Threshold electrotonus**: a 100-ms conditioning current of ±40 % of the 1-ms threshold;
  the threshold reduction (%) of the 1-ms test at delays from its onset (TEd depolarising,
  TEh hyperpolarising), and whether the conditioning alone fires the axon (it must not).
* **Current–threshold (I/V)**: 200-ms conditioning currents from +50 % to −100 % of the
  1-ms threshold, the test ending with them; the resting slope is the slope of conditioning
  current against threshold reduction around zero.

Example::

    sd = strength_duration(trunk_params(Scenario()))
    sd.time_constant_ms
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

import numpy as np

from explainer.model import axon, disease
from explainer.model.pool import Scenario

SETTLE_MS = 200.0
DT_MS = 0.025
BISECTION_STEPS = 20
TOP_PA = 20000.0
SD_WIDTHS_MS = (0.2, 0.4, 0.6, 0.8, 1.0)
TEST_WIDTH_MS = 1.0
TEST_ONSET_MS = 5.0
RECOVERY_INTERVALS_MS = (
    1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 5.0, 6.0, 7.0, 8.0, 10.0, 13.0, 16.0, 20.0, 25.0,
    30.0, 40.0, 50.0, 70.0, 100.0, 150.0, 200.0,
)  # fmt: skip
CONDITIONING_MS = 100.0
TE_DELAYS_MS = (
    0.0, 2.0, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0, 95.0, 98.0,
    100.0, 102.0, 105.0, 110.0, 120.0, 140.0, 160.0, 180.0, 200.0,
)  # fmt: skip
IV_MS = 200.0
IV_LEVELS = (0.5, 0.4, 0.3, 0.2, 0.1, 0.0, -0.1, -0.2, -0.3, -0.4, -0.5, -0.6, -0.7, -0.8,
             -0.9, -1.0)  # fmt: skip

Pieces = list[tuple[float, float, float]]
"""(start ms, stop ms, amplitude pA) of the current into one copy of the axon."""


def trunk_params(scenario: Scenario) -> np.ndarray:
    """The trunk node's parameter row: healthy, unless the scenario's channel changes are
    inherited (``site == "whole_axon"``), when they reach the trunk too."""
    row = axon.AxonParams.trunk().as_row()[None, :]
    if scenario.site == "whole_axon":
        row = disease.apply_channel_fractions(row, scenario.kv1, scenario.kv7)
    return row


def _spikes_after(
    params: np.ndarray, pieces: list[Pieces], after_ms: list[float], duration_ms: float,
    temperature_C: float, start: np.ndarray | None = None,
) -> np.ndarray:  # fmt: skip
    """Spike count of each copy after its own ``after_ms`` (one copy per list of pieces).
    ``start``: each copy's state (copies × ``axon.STATE_ROWS``) to begin from, instead of
    settling at rest."""
    steps = [[(round(a / DT_MS), round(b / DT_MS), amp) for a, b, amp in p] for p in pieces]
    run = axon.Run(
        temperature_C=temperature_C, dt_ms=DT_MS, duration_ms=duration_ms,
        settle_ms=SETTLE_MS if start is None else 0.0, noise=axon.Noise(sd_pA=0.0),
    )  # fmt: skip
    rows = np.repeat(params, len(pieces), axis=0)
    state = None if start is None else start.copy()  # the run overwrites it
    recording = axon.integrate(rows, run, axon.Stimulus.waveforms(steps), state=state)
    late = recording.spike_time_ms >= np.asarray(after_ms)[recording.spike_axon]
    return np.bincount(recording.spike_axon[late], minlength=len(pieces))


def thresholds_pA(
    params: np.ndarray, make_pieces: Callable[[float, int], Pieces], n_tests: int,
    after_ms: list[float], duration_ms: float, temperature_C: float = 37.0,
    start: np.ndarray | None = None,
) -> np.ndarray:  # fmt: skip
    """Bisection on each test's amplitude: ``make_pieces(amplitude, test)`` builds the current;
    ``start`` as in :func:`_spikes_after`."""
    low, high = np.zeros(n_tests), np.full(n_tests, TOP_PA)
    for _ in range(BISECTION_STEPS):
        middle = (low + high) / 2
        pieces = [make_pieces(float(middle[i]), i) for i in range(n_tests)]
        fired = _spikes_after(params, pieces, after_ms, duration_ms, temperature_C, start) > 0
        high = np.where(fired, middle, high)
        low = np.where(fired, low, middle)
    return high


def pulse_piece(
    amplitude_pA: float, onset_ms: float = TEST_ONSET_MS, width_ms: float = TEST_WIDTH_MS
) -> tuple:
    """One square current pulse as a (start ms, stop ms, amplitude pA) piece."""
    return (onset_ms, onset_ms + width_ms, amplitude_pA)


def threshold_1ms_pA(params: np.ndarray, temperature_C: float = 37.0) -> float:
    """Threshold of a lone 1-ms test pulse."""
    return float(thresholds_1ms_pA(params, temperature_C)[0])


def thresholds_1ms_pA(
    params: np.ndarray, temperature_C: float = 37.0, start: np.ndarray | None = None
) -> np.ndarray:
    """Threshold of a lone 1-ms test pulse from each state of ``start`` (states ×
    ``axon.STATE_ROWS``), or once from rest."""
    n_tests = 1 if start is None else start.shape[0]
    return thresholds_pA(
        params, lambda amp, _: [pulse_piece(amp)], n_tests, [0.0] * n_tests, 15.0,
        temperature_C, start,
    )  # fmt: skip


@dataclass(frozen=True)
class StrengthDuration:
    widths_ms: np.ndarray
    thresholds_pA: np.ndarray
    time_constant_ms: float
    rheobase_pA: float

    @property
    def rheobase_ratio(self) -> float:
        """Rheobase over the 1-ms threshold."""
        return self.rheobase_pA / float(self.thresholds_pA[list(self.widths_ms).index(1.0)])


def strength_duration(params: np.ndarray, temperature_C: float = 37.0) -> StrengthDuration:
    widths = np.array(SD_WIDTHS_MS)
    found = thresholds_pA(
        params,
        lambda amp, i: [pulse_piece(amp, width_ms=widths[i])],
        widths.size, [0.0] * widths.size, 15.0, temperature_C,
    )  # fmt: skip
    slope, intercept = np.polyfit(widths, found * widths, 1)
    return StrengthDuration(widths, found, float(intercept / slope), float(slope))


@dataclass(frozen=True)
class RecoveryCycle:
    intervals_ms: np.ndarray
    threshold_change_pct: np.ndarray
    """Test threshold after the conditioning pulse, relative to the lone test (%)."""

    @property
    def relative_refractory_period_ms(self) -> float:
        """First interval at which the threshold is back to its resting value (interpolated)."""
        x, y = self.intervals_ms, self.threshold_change_pct
        crossing = int(np.argmax(y <= 0.0))
        if y[crossing] > 0.0 or crossing == 0:
            return float("nan")
        x0, x1, y0, y1 = x[crossing - 1], x[crossing], y[crossing - 1], y[crossing]
        return float(x0 + (x1 - x0) * y0 / (y0 - y1))

    def _after_refractoriness(self) -> tuple[np.ndarray, np.ndarray]:
        keep = self.intervals_ms >= max(self.relative_refractory_period_ms, 1.5)
        return self.intervals_ms[keep], self.threshold_change_pct[keep]

    @property
    def superexcitability_pct(self) -> float:
        """Lowest threshold change after refractoriness (negative: easier to fire)."""
        return float(self._after_refractoriness()[1][:12].min())

    @property
    def superexcitability_at_ms(self) -> float:
        x, y = self._after_refractoriness()
        return float(x[:12][np.argmin(y[:12])])

    @property
    def late_subexcitability_pct(self) -> float:
        """Highest threshold change from 10 ms on."""
        return float(self.threshold_change_pct[self.intervals_ms >= 10.0].max())


def recovery_cycle(
    params: np.ndarray, temperature_C: float = 37.0, alone_pA: float | None = None
) -> RecoveryCycle:
    """``alone_pA``: the lone 1-ms threshold, if already known (else found here)."""
    alone = threshold_1ms_pA(params, temperature_C) if alone_pA is None else alone_pA
    conditioning = 2.0 * alone
    intervals = np.array(RECOVERY_INTERVALS_MS)
    onsets = TEST_ONSET_MS + intervals
    found = thresholds_pA(
        params,
        lambda amp, i: [pulse_piece(conditioning), pulse_piece(amp, onsets[i])],
        intervals.size, list(onsets), float(onsets.max() + 10.0), temperature_C,
    )  # fmt: skip
    return RecoveryCycle(intervals, 100.0 * (found / alone - 1.0))


def conditioning_spikes(
    params: np.ndarray, fraction: float, temperature_C: float = 37.0,
    alone_pA: float | None = None,
) -> int:  # fmt: skip
    """Spikes fired by a 100-ms conditioning current of ``fraction`` × the 1-ms threshold
    alone (threshold electrotonus uses ±0.4; it must stay sub-threshold)."""
    alone = threshold_1ms_pA(params, temperature_C) if alone_pA is None else alone_pA
    amplitude = fraction * alone
    pieces = [[pulse_piece(amplitude, width_ms=CONDITIONING_MS)]]
    run_ms = TEST_ONSET_MS + CONDITIONING_MS + 20.0
    return int(_spikes_after(params, pieces, [0.0], run_ms, temperature_C)[0])


@dataclass(frozen=True)
class Electrotonus:
    delays_ms: np.ndarray
    depolarising_pct: np.ndarray
    """Threshold reduction (%) during and after +40 % conditioning (TEd)."""
    hyperpolarising_pct: np.ndarray
    """The same for −40 % (TEh; negative: the threshold rises)."""

    def mean_over(self, curve: np.ndarray, start_ms: float, stop_ms: float) -> float:
        window = (self.delays_ms >= start_ms) & (self.delays_ms <= stop_ms)
        return float(curve[window].mean())


def threshold_electrotonus(
    params: np.ndarray, fraction: float = 0.4, temperature_C: float = 37.0,
    alone_pA: float | None = None,
) -> Electrotonus:  # fmt: skip
    alone = threshold_1ms_pA(params, temperature_C) if alone_pA is None else alone_pA
    delays = np.array(TE_DELAYS_MS)
    onsets = TEST_ONSET_MS + delays
    curves = []
    for sign in (1.0, -1.0):
        conditioning = pulse_piece(sign * fraction * alone, width_ms=CONDITIONING_MS)
        found = thresholds_pA(
            params,
            lambda amp, i, c=conditioning: [c, pulse_piece(amp, onsets[i])],
            delays.size, list(onsets), float(onsets.max() + 10.0), temperature_C,
        )  # fmt: skip
        curves.append(100.0 * (1.0 - found / alone))
    return Electrotonus(delays, *curves)


@dataclass(frozen=True)
class CurrentThreshold:
    conditioning_pct: np.ndarray
    """Conditioning current as % of the resting 1-ms threshold (+ depolarising)."""
    threshold_reduction_pct: np.ndarray

    @property
    def resting_slope(self) -> float:
        """Slope of conditioning current against threshold reduction from −10 % to +10 %."""
        near = np.abs(self.conditioning_pct) <= 10.0 + 1e-9
        slope, _ = np.polyfit(self.threshold_reduction_pct[near], self.conditioning_pct[near], 1)
        return float(slope)


def current_threshold(
    params: np.ndarray, temperature_C: float = 37.0, alone_pA: float | None = None
) -> CurrentThreshold:
    """Levels whose 200-ms conditioning alone fires the axon are left out, as in a recording."""
    alone = threshold_1ms_pA(params, temperature_C) if alone_pA is None else alone_pA
    end = TEST_ONSET_MS + IV_MS
    conditioning = [[(TEST_ONSET_MS, end, level * alone)] for level in IV_LEVELS]
    fires = _spikes_after(params, conditioning, [0.0] * len(IV_LEVELS), end + 10.0,
                          temperature_C) > 0  # fmt: skip
    levels = np.array(IV_LEVELS)[~fires]
    found = thresholds_pA(
        params,
        lambda amp, i: [pulse_piece(levels[i] * alone, width_ms=IV_MS), pulse_piece(amp, end - TEST_WIDTH_MS)],
        levels.size, [end - TEST_WIDTH_MS] * levels.size, end + 10.0, temperature_C,
    )  # fmt: skip
    return CurrentThreshold(100.0 * levels, 100.0 * (1.0 - found / alone))


def _points(x: np.ndarray, y: np.ndarray) -> list[list[float]]:
    return [[round(float(a), 4), round(float(b), 3)] for a, b in zip(x, y, strict=True)]


def excitability_report(scenario: Scenario) -> dict[str, object]:
    """The whole virtual test of the trunk node for one scenario, as JSON-ready data:
    ``summary.excitability`` (the indices) and ``curves`` (lists of [x, y] points)."""
    started = time.perf_counter()
    trunk = trunk_params(scenario)
    temperature = scenario.temperature
    alone = threshold_1ms_pA(trunk, temperature)  # found once, used by every protocol
    sd = strength_duration(trunk, temperature)
    cycle = recovery_cycle(trunk, temperature, alone)
    te = threshold_electrotonus(trunk, 0.4, temperature, alone)
    iv = current_threshold(trunk, temperature, alone)
    indices = {
        "sd_time_constant_ms": sd.time_constant_ms,
        "rheobase_pA": sd.rheobase_pA,
        "rheobase_ratio": sd.rheobase_ratio,
        "rrp_ms": cycle.relative_refractory_period_ms,
        "superexcitability_pct": cycle.superexcitability_pct,
        "superexcitability_at_ms": cycle.superexcitability_at_ms,
        "late_subexcitability_pct": cycle.late_subexcitability_pct,
        "ted_10_20_pct": te.mean_over(te.depolarising_pct, 10.0, 20.0),
        "ted_90_100_pct": te.mean_over(te.depolarising_pct, 90.0, 98.0),
        "teh_10_20_pct": te.mean_over(te.hyperpolarising_pct, 10.0, 20.0),
        "teh_90_100_pct": te.mean_over(te.hyperpolarising_pct, 90.0, 98.0),
        "iv_resting_slope": iv.resting_slope,
        "conditioning_alone_spikes": conditioning_spikes(trunk, 0.4, temperature, alone)
        + conditioning_spikes(trunk, -0.4, temperature, alone),
    }
    return {
        "params": {**asdict(scenario), "measured_at": "trunk node"},  # the pool is not run
        "summary": {"excitability": {k: round(float(v), 4) for k, v in indices.items()}},
        "curves": {
            "strength_duration": _points(sd.widths_ms, sd.thresholds_pA),
            "recovery_cycle": _points(cycle.intervals_ms, cycle.threshold_change_pct),
            "threshold_electrotonus_depolarising": _points(te.delays_ms, te.depolarising_pct),
            "threshold_electrotonus_hyperpolarising": _points(te.delays_ms, te.hyperpolarising_pct),
            "current_threshold": _points(iv.threshold_reduction_pct, iv.conditioning_pct),
        },
        "wall_time_s": time.perf_counter() - started,
    }
