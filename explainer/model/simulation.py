"""One scenario end to end: axon pool → spikes → force, and the summary numbers.

EMG and its audio are computed on demand from the spikes (:mod:`explainer.model.muscle`),
since not every client needs them. Example::

    result = run_scenario(Scenario(kv1=0.3))
    result.summary.spontaneous_rate_hz
"""

from __future__ import annotations

from dataclasses import dataclass

from explainer.model import muscle, patterns
from explainer.model.pool import PoolResult, Scenario, simulate_pool


@dataclass(frozen=True)
class ScenarioResult:
    pool: PoolResult
    force: muscle.ForceTrace
    summary: patterns.Summary

    @property
    def scenario(self) -> Scenario:
        return self.pool.scenario


def run_scenario(scenario: Scenario) -> ScenarioResult:
    """Simulate the pool and the muscle for one scenario and summarise what happened."""
    result = simulate_pool(scenario)
    force = muscle.force_from_spikes(result.spike_times_s, scenario.duration_s)
    summary = patterns.summarize(
        result.spike_times_s,
        scenario.duration_s,
        result.pulse_times_s,
        result.drive_end_s,
        float(force.force_pct_mvc.mean()),
    )
    return ScenarioResult(result, force, summary)
