"""Classify each unit's discharges the way an electromyographer names them.

Spikes of one unit closer than :attr:`PatternRules.burst_gap_ms` belong to one discharge
(burst). A discharge of one spike is a *single*, of two a *doublet*, of three or more a
*multiplet*; one of at least :attr:`PatternRules.neuromyotonic_min_spikes` spikes firing at
≥ 150 Hz is *neuromyotonic* (Maddison 2006, Clin Neurophysiol 117:2118–2127: neuromyotonic
discharges 150–300 Hz; myokymic doublets/multiplets 30–300 Hz, hence the 35 ms gap).
Voluntary firing (≤ 35 Hz, intervals ≥ 28 ms) stays in singles.

*After-discharge*: once a protocol stops driving the axons, how long each unit keeps firing
in one run of discharges with no gap longer than :attr:`PatternRules.afterdischarge_gap_ms`;
the pool value is the mean over units.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

PATTERNS = ("single", "doublet", "multiplet", "neuromyotonic")


@dataclass(frozen=True)
class PatternRules:
    burst_gap_ms: float = 35.0
    neuromyotonic_min_spikes: int = 10
    neuromyotonic_min_hz: float = 150.0
    afterdischarge_gap_ms: float = 50.0
    evoked_window_ms: float = 3.0
    """Spikes up to this long after the last pulse count as evoked, not as discharges."""


@dataclass(frozen=True)
class Discharge:
    """One discharge of one unit."""

    unit: int
    start_s: float
    end_s: float
    n_spikes: int
    pattern: str
    rate_hz: float
    """Mean intraburst rate ((n − 1)/duration); 0 for a single spike."""


def discharges(
    spike_times_s: Sequence[np.ndarray], rules: PatternRules = PatternRules()
) -> list[Discharge]:
    """Every discharge of every unit, in unit then time order."""
    sizes = [times.size for times in spike_times_s]
    times = np.concatenate([np.zeros(0), *spike_times_s])
    if not times.size:
        return []
    units = np.repeat(np.arange(len(sizes)), sizes)
    # A discharge starts at a unit's first spike and after every gap longer than the rule's.
    starts = np.ones(times.size, dtype=bool)
    starts[1:] = (units[1:] != units[:-1]) | (np.diff(times) * 1000.0 > rules.burst_gap_ms)
    first = np.flatnonzero(starts)
    last = np.append(first[1:], times.size) - 1
    n = last - first + 1
    span = times[last] - times[first]
    rate = np.divide(n - 1, span, out=np.zeros(n.size), where=(n > 1) & (span > 0))
    neuromyotonic = (n >= rules.neuromyotonic_min_spikes) & (rate >= rules.neuromyotonic_min_hz)
    kind = np.where(neuromyotonic, len(PATTERNS) - 1, np.minimum(n, 3) - 1)
    return [
        Discharge(unit, start, end, count, PATTERNS[k], r)
        for unit, start, end, count, k, r in zip(
            units[first].tolist(), times[first].tolist(), times[last].tolist(), n.tolist(),
            kind.tolist(), rate.tolist(), strict=True,
        )
    ]  # fmt: skip


def afterdischarge_s(
    spike_times_s: Sequence[np.ndarray],
    drive_end_s: float,
    rules: PatternRules = PatternRules(),
) -> float:
    """Mean over units of how long firing carries on, unbroken, after the drive ends."""
    gap_s = rules.afterdischarge_gap_ms / 1000.0
    lengths = []
    for times in spike_times_s:
        after = times[times > drive_end_s]
        last = drive_end_s
        for t in after:
            if t - last > gap_s:
                break
            last = t
        lengths.append(last - drive_end_s)
    return float(np.mean(lengths)) if lengths else 0.0


@dataclass(frozen=True)
class Summary:
    """The numbers the app and the CLI report for one run (DESIGN.md "Contracts")."""

    spontaneous_rate_hz: float
    """Mean rate per unit while no protocol drives the axons."""
    active_fraction: float
    """Fraction of units that fired on their own at least once."""
    pattern_counts: dict[str, int]
    max_intraburst_hz: float
    afterdischarge_s: float
    mean_force_pct_mvc: float
    discharges: tuple[Discharge, ...] = field(repr=False)
    """Every discharge of the spikes the protocol did not evoke (what `pattern_counts`
    counts), in unit then time order: the raster colours these. Not part of the contract."""

    def as_dict(self) -> dict[str, object]:
        return {
            "spontaneous_rate_hz": self.spontaneous_rate_hz,
            "active_fraction": self.active_fraction,
            "pattern_counts": dict(self.pattern_counts),
            "max_intraburst_hz": self.max_intraburst_hz,
            "afterdischarge_s": self.afterdischarge_s,
            "mean_force_pct_mvc": self.mean_force_pct_mvc,
        }


def spontaneous_windows(
    duration_s: float, pulse_times_s: Sequence[np.ndarray], drive_end_s: float
) -> list[tuple[float, float]]:
    """Stretches of the run with no protocol drive: before the first pulse and after the end."""
    firsts = [float(times[0]) for times in pulse_times_s if times.size]
    if not firsts:
        return [(0.0, duration_s)]
    return [(0.0, min(firsts)), (drive_end_s + 0.5, duration_s)]


def undriven_spikes(
    spike_times_s: Sequence[np.ndarray],
    duration_s: float,
    pulse_times_s: Sequence[np.ndarray],
    drive_end_s: float,
    rules: PatternRules = PatternRules(),
) -> list[np.ndarray]:
    """Each unit's spikes that the protocol did not evoke (before its first pulse, or more
    than :attr:`PatternRules.evoked_window_ms` after its last)."""
    first_pulse = min((float(t[0]) for t in pulse_times_s if t.size), default=duration_s)
    evoked_until = drive_end_s + rules.evoked_window_ms / 1000.0
    return [t[(t < first_pulse) | (t > evoked_until)] for t in spike_times_s]


def summarize(
    spike_times_s: Sequence[np.ndarray],
    duration_s: float,
    pulse_times_s: Sequence[np.ndarray],
    drive_end_s: float,
    mean_force_pct_mvc: float,
    rules: PatternRules = PatternRules(),
) -> Summary:
    """Spontaneous rate, active units, discharge patterns and after-discharge of one run.

    Spontaneous firing is counted only where the protocol does not drive the axons (before
    its first pulse, and from 0.5 s after it ends, past any after-discharge). Discharge
    patterns are counted on the spikes the protocol did not evoke.
    """
    windows = [
        (a, b) for a, b in spontaneous_windows(duration_s, pulse_times_s, drive_end_s) if b > a
    ]
    window_s = sum(b - a for a, b in windows)
    counts = np.array(
        [sum(int(np.count_nonzero((t >= a) & (t < b))) for a, b in windows) for t in spike_times_s]
    )
    undriven = undriven_spikes(spike_times_s, duration_s, pulse_times_s, drive_end_s, rules)
    found = discharges(undriven, rules)
    pattern_counts = dict.fromkeys(PATTERNS, 0)
    for discharge in found:
        pattern_counts[discharge.pattern] += 1
    n_units = max(len(spike_times_s), 1)
    return Summary(
        spontaneous_rate_hz=float(counts.sum() / n_units / window_s) if window_s > 0 else 0.0,
        active_fraction=float(np.count_nonzero(counts) / n_units),
        pattern_counts=pattern_counts,
        max_intraburst_hz=max((d.rate_hz for d in found), default=0.0),
        afterdischarge_s=afterdischarge_s(spike_times_s, drive_end_s, rules)
        if drive_end_s
        else 0.0,
        mean_force_pct_mvc=mean_force_pct_mvc,
        discharges=tuple(found),
    )
