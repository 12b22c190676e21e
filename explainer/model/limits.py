"""The input budget, defined once: each setting's range and step, and what one run may cost.

The CLI's options, the URL parser (:mod:`explainer.state`), the lab's widgets and the
presets' schema all take their ranges from :data:`SETTINGS`, so they cannot disagree. The
URL's continuous settings are snapped to the widgets' steps, so a crawler asking for 10 000
temperatures reaches the 21 the slider offers, and the caches behind them stay bounded.

:func:`over_budget` refuses a run that would take too long or too much memory, before it
allocates anything::

    over_budget(Scenario(units=1000, duration_s=60, dt_ms=0.005))
    # 'this run needs 1.2e+10 neuron-steps (units × time steps); the limit is 5e+08'
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from explainer.model import axon
from explainer.model.muscle import MuscleParams
from explainer.model.pool import RECORD_EVERY, PoolParams, Scenario, burn_in_runs


@dataclass(frozen=True)
class Setting:
    """A numeric setting: its range, the step the widgets move in, and its unit."""

    low: float
    high: float
    step: float | None = None
    """Widget step; None for settings no widget or URL sets (CLI only)."""
    integer: bool = False
    unit: str = ""

    def clamp(self, value: float) -> float:
        clamped = min(max(value, self.low), self.high)
        return int(clamped) if self.integer else clamped

    def snap(self, value: float) -> float:
        """The nearest value the widget can show, inside the range."""
        value = self.clamp(value)
        if self.step is None:
            return value
        snapped = self.low + round((value - self.low) / self.step) * self.step
        if self.integer:
            return int(snapped)
        decimals = -int(Decimal(str(self.step)).as_tuple().exponent)
        return round(min(snapped, self.high), decimals)

    def on_grid(self, value: float) -> bool:
        return self.snap(value) == value

    def describe(self) -> str:
        """The range in words, e.g. '30–40 °C' or '0–1 in steps of 0.05'."""
        low, high = (_plain(x) for x in (self.low, self.high))
        steps = "" if self.step in (None, 1) else f" in steps of {_plain(self.step)}"
        return f"{low}–{high}{self.unit}{steps}"


def _plain(x: float) -> str:
    return str(int(x)) if x == int(x) else str(x)


SETTINGS: dict[str, Setting] = {
    "kv1": Setting(0.0, 1.0, 0.01),
    "kv7": Setting(0.0, 1.0, 0.05),
    "na_block": Setting(0.0, 1.0, 0.05),
    "temperature": Setting(30.0, 40.0, 0.5, unit=" °C"),
    "seed": Setting(0, 2**31 - 1, 1, integer=True),
    "units": Setting(1, 1000, 1, integer=True),
    "duration_s": Setting(0.01, 60.0, unit=" s"),
    "dt_ms": Setting(0.0025, 0.05, unit=" ms"),
}
"""Names as the `explainer-sim` options and :class:`Scenario`'s fields."""

MAX_NEURON_STEPS = 5e8
"""Units × time steps of one run, burn-in included: about 30 s on this 2-core machine (the
lab's run: 1.2e7, of which the burn-in 4.2e6)."""
MAX_MEMORY_BYTES = 2**30
"""What one run may allocate (1 GiB); the lab's run needs about 40 MB."""
FLOAT_BYTES = 8
FORCE_COPIES = 3
"""The force model holds a unit × sample impulse matrix and its spectrum while convolving."""


def _runs(scenario: Scenario) -> tuple[axon.Run, ...]:
    """The shown run and the burn-in's phases before it."""
    pool = PoolParams()
    burn_in = burn_in_runs(scenario, pool) if pool.burn_in.duration_s > 0.0 else ()
    return (_run(scenario), *burn_in)


def neuron_steps(scenario: Scenario) -> float:
    return float(scenario.units) * sum(run.n_steps for run in _runs(scenario))


def memory_bytes(scenario: Scenario) -> float:
    """What a pool run (burn-in included: its noise stays cached) and its force trace
    allocate at their peak, estimated from sizes."""
    runs = _runs(scenario)
    run = runs[0]
    per_unit = sum(
        math.ceil(each.n_steps / each.steps_per_noise) + axon.spike_capacity(each) for each in runs
    )
    force_samples = scenario.duration_s * 1000.0 / MuscleParams().force_dt_ms
    per_unit += FORCE_COPIES * force_samples
    traces = 2 * run.n_steps / RECORD_EVERY
    return FLOAT_BYTES * (scenario.units * per_unit + traces)


def over_budget(scenario: Scenario) -> str | None:
    """Why ``scenario`` is refused (one line naming the limit), or None if it may run."""
    steps = neuron_steps(scenario)
    if steps > MAX_NEURON_STEPS:
        return (
            f"this run needs {steps:.2g} neuron-steps (units × time steps); the limit is "
            f"{MAX_NEURON_STEPS:.0e}: use fewer units, a shorter duration or a larger dt-ms"
        )
    memory = memory_bytes(scenario)
    if memory > MAX_MEMORY_BYTES:
        return (
            f"this run needs about {memory / 2**30:.1f} GiB of memory; the limit is "
            f"{MAX_MEMORY_BYTES / 2**30:.0f} GiB: use fewer units or a shorter duration"
        )
    return None


def _run(scenario: Scenario) -> axon.Run:
    return axon.Run(
        dt_ms=scenario.dt_ms, duration_ms=scenario.duration_s * 1000.0, noise=PoolParams().noise
    )
