"""The numbers the Classroom's answers state, measured with the model as the Nerve lab runs it.

Each exercise in explainer/data/classroom.yaml writes its numbers as `{placeholders}` and
says in `measured` how the model gives each (:class:`explainer.content.interactive.Measured`):
a quantity of the lab's run at some settings (seed 1, as the exercise's link opens the lab),
or a Kv1 threshold on the grid a student steps through. :func:`measure` computes one;
tests/model/test_classroom_numbers.py checks every stated value against it. After a model
change, print them all beside the stated values and copy what changed into the YAML::

    python -m explainer.model.measures          # a table; exit status 1 if any is stale
    python -m explainer.model.measures --json

The kernel is compiled with fastmath, and a freshly compiled kernel and the same kernel loaded
from numba's cache run slightly differently (README, "Performance": e.g. 38.4 against 38.6 Hz
at Kv1 30 %, 33 °C). The app loads it from the cache (`make run` compiles it first), so the
command, like the Makefile, has another process compile and cache the kernel first.
"""

from __future__ import annotations

import argparse
import functools
import json
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass

from explainer.content import load_content
from explainer.content.interactive import Exercise, Measured
from explainer.model import kernel
from explainer.model.limits import SETTINGS
from explainer.model.patterns import Summary
from explainer.model.scenarios import lab_scenario
from explainer.model.simulation import readout_metrics, run_scenario
from explainer.model.sweeps import Run, kv1_threshold

QUANTITIES: dict[str, tuple[str, float]] = {
    "spontaneous_rate_hz": ("spontaneous_rate_hz", 1.0),
    "afterdischarge_ms": ("afterdischarge_s", 1000.0),
}
"""Each quantity an answer states: its number in :func:`readout_metrics`, and the factor to
the unit the answer uses."""


def _trains_most_common(counts: dict[str, int]) -> bool:
    trains = counts["neuromyotonic"]
    return all(trains > n for pattern, n in counts.items() if pattern != "neuromyotonic")


CONDITIONS: dict[str, Callable[[Summary], bool]] = {
    "any_fibre_fires": lambda s: s.active_fraction > 0.0,
    "half_the_pool_fires": lambda s: s.active_fraction >= 0.5,
    "doublets": lambda s: s.pattern_counts["doublet"] > 0,
    "multiplets": lambda s: s.pattern_counts["multiplet"] > 0,
    "neuromyotonic_trains": lambda s: s.pattern_counts["neuromyotonic"] > 0,
    "more_multiplets_than_doublets": lambda s: (
        s.pattern_counts["multiplet"] > s.pattern_counts["doublet"]
    ),
    "trains_most_common": lambda s: _trains_most_common(s.pattern_counts),
}
"""What a run shows (its summary: spontaneous firing and the raster's discharge types), for
the Kv1 thresholds."""


def kv1_levels(step_pct: float, down_to_pct: float) -> list[float]:
    """Kv1 from 100 % down to `down_to_pct` in `step_pct` steps, as the lab's slider sets it."""
    steps = round((100.0 - down_to_pct) / step_pct)
    return [SETTINGS["kv1"].snap((100.0 - i * step_pct) / 100.0) for i in range(steps + 1)]


def measure(spec: Measured, run: Run = run_scenario) -> float | None:
    """The number `spec` states, from the model (None: a threshold met at no level)."""
    base = lab_scenario(**spec.lab_settings())
    if spec.quantity is not None:
        metric, factor = QUANTITIES[spec.quantity]
        return factor * readout_metrics(run(base))[metric]
    holds = CONDITIONS[spec.highest_kv1_pct_where]
    levels = kv1_levels(spec.precision, spec.down_to_pct)
    level = kv1_threshold(base, lambda result: holds(result.summary), levels, run)
    return None if level is None else round(100.0 * level, 6)


@dataclass(frozen=True)
class StatedNumber:
    exercise: str
    name: str
    """The placeholder."""
    stated: float
    measured: float | None
    to_state: float | None
    """What the answer should state for `measured` (None: an `under` bound it breaks)."""
    agrees: bool


def stated_numbers(exercises: Iterable[Exercise], run: Run | None = None) -> list[StatedNumber]:
    """Every number the `exercises` state, measured; the runs are shared between them."""
    run = run or functools.cache(run_scenario)
    numbers = []
    for exercise in exercises:
        for name, spec in exercise.measured.items():
            measured = measure(spec, run)
            numbers.append(StatedNumber(exercise.id, name, spec.value, measured,
                                        spec.to_state(measured), spec.agrees(measured)))  # fmt: skip
    return numbers


def _cache_kernel() -> None:
    """Compile the kernel into numba's cache in another process, as `make` does, so that
    this one loads it from there, as the app does."""
    warm = [sys.executable, "-m", "explainer.cli", "--units", "2", "--duration", "0.01"]
    subprocess.run(warm, check=True, stdout=subprocess.DEVNULL)


def _shown(number: float | None) -> str:
    return "—" if number is None else f"{number:.4g}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m explainer.model.measures",
        description="Measure every number the Classroom's answers state (classroom.yaml).",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    _cache_kernel()
    numbers = stated_numbers(load_content().classroom.exercises)
    if args.json:
        print(json.dumps([asdict(number) for number in numbers], indent=1))
    else:
        print(f"{'exercise':26}{'placeholder':26}{'stated':>8}{'measured':>10}{'to state':>10}")
        for n in numbers:
            print(f"{n.exercise:26}{n.name:26}{n.stated:>8g}{_shown(n.measured):>10}"
                  f"{_shown(n.to_state):>10}{'' if n.agrees else '  ← stale'}")  # fmt: skip
    if kernel.integrate_axons.stats.cache_misses:
        print("numba could not cache the kernel: these runs used a fresh compile, which the "
              "app does not", file=sys.stderr)  # fmt: skip
    return 0 if all(number.agrees for number in numbers) else 1


if __name__ == "__main__":
    sys.exit(main())
