"""Two app sessions may run the model at the same time: same results as one after the other."""

from concurrent.futures import ThreadPoolExecutor

import numpy as np

from explainer.model.pool import Scenario
from explainer.model.simulation import run_scenario

SCENARIOS = [Scenario(kv1=kv1, units=20, duration_s=0.5, seed=7) for kv1 in (0.2, 0.1, 0.3, 0.15)]


def spikes(scenario: Scenario) -> list[np.ndarray]:
    """Spike times (s) of each unit, and the recorded axon's node voltage (mV)."""
    pool = run_scenario(scenario).pool
    return [*pool.spike_times_s, pool.v_node_mV]


def test_runs_from_several_threads_match_runs_one_after_another():
    alone = [spikes(s) for s in SCENARIOS]
    with ThreadPoolExecutor(max_workers=4) as threads:
        together = list(threads.map(spikes, SCENARIOS))
    assert all(sum(train.size for train in run[:-1]) > 0 for run in alone)
    for run_alone, run_together in zip(alone, together, strict=True):
        for alone_part, together_part in zip(run_alone, run_together, strict=True):
            np.testing.assert_array_equal(alone_part, together_part)
