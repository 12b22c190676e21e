"""Sweeps: the spontaneous rate across Kv1 levels, and over a course of treatment; the Kv1
level from which something shows.

Each sweep lists its runs and reduces their results; the caller passes how one run is
computed (``run``, e.g. a cache in front of :func:`~explainer.model.simulation.run_scenario`)
and what to do as each starts (``started``, e.g. move a progress bar). Example::

    kv1, without, with_blocker = dose_response(Scenario(), dose=0.2)
    kv1_threshold(Scenario(), lambda r: r.summary.active_fraction > 0, [0.1, 0.2, 0.3])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

import numpy as np

from explainer.model import disease
from explainer.model.pool import Scenario
from explainer.model.simulation import ScenarioResult, run_scenario

Run = Callable[[Scenario], ScenarioResult]
Started = Callable[[int, int, Scenario], None]
"""Called as run `done` of `total` starts, with its scenario."""

DOSE_RESPONSE_KV1 = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1)
DOSE_RESPONSE_RUNS = 2 * len(DOSE_RESPONSE_KV1)
"""Every Kv1 level without and with the blocker."""
TIMELINE_POOL_S = 1.0
"""Length of each weekly run of the treatment timeline (a rate needs no more)."""


def _nothing(done: int, total: int, scenario: Scenario) -> None:
    del done, total, scenario


def _rates(scenarios: list[Scenario], run: Run, started: Started) -> np.ndarray:
    rates = []
    for done, scenario in enumerate(scenarios):
        started(done, len(scenarios), scenario)
        rates.append(run(scenario).summary.spontaneous_rate_hz)
    return np.array(rates)


def dose_response(
    base: Scenario, dose: float, run: Run = run_scenario, started: Started = _nothing
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Kv1 levels, and the rate at rest at each without and with `dose` of the blocker.

    Everything but Kv1 and the blocker comes from `base`, at rest.
    """
    scenarios = [
        replace(base, protocol="rest", kv1=kv1, na_block=blocked)
        for blocked in (0.0, dose)
        for kv1 in DOSE_RESPONSE_KV1
    ]
    without, with_blocker = np.reshape(_rates(scenarios, run, started), (2, -1))
    return np.array(DOSE_RESPONSE_KV1), without, with_blocker


def treatment_timeline(
    levels: disease.Timeline,
    baseline: float,
    weeks: int,
    run: Run = run_scenario,
    started: Started = _nothing,
) -> tuple[np.ndarray, np.ndarray]:
    """Days of each week, and the rate at rest then, as the tissue antibodies fall and rise.

    `baseline` is the tissue antibody level before treatment (as a share of a level that
    removes every Kv1); each week's Kv1 follows from it and `levels`.
    """
    sample_days = 7.0 * np.arange(weeks + 1)
    index = np.round(sample_days / (levels.t_days[1] - levels.t_days[0])).astype(int)
    scenarios = [
        Scenario(
            kv1=round(float(disease.kv1_remaining_from_antibody(baseline * tissue)), 2),
            duration_s=TIMELINE_POOL_S,
        )
        for tissue in levels.tissue[index]
    ]
    return sample_days, _rates(scenarios, run, started)


def kv1_threshold(
    base: Scenario,
    holds: Callable[[ScenarioResult], bool],
    levels: Iterable[float],
    run: Run = run_scenario,
) -> float | None:
    """The highest of the Kv1 `levels` from which `holds` is true at every lower level: what
    "from about X % down" means. None if it fails at the lowest.

    Runs from the lowest level up and stops at the first that fails; everything but Kv1
    comes from `base`.
    """
    found = None
    for kv1 in sorted(levels):
        if not holds(run(replace(base, kv1=kv1))):
            break
        found = kv1
    return found
