"""The sweeps list the runs they promise and reduce them, without Streamlit or a real model."""

from types import SimpleNamespace

import numpy as np

from explainer.model import disease, sweeps
from explainer.model.pool import Scenario


def fake_run(scenario: Scenario):
    """A "rate" that encodes the run: Kv1 lost, plus 100 with the blocker."""
    rate = (1.0 - scenario.kv1) + 100 * scenario.na_block
    return SimpleNamespace(summary=SimpleNamespace(spontaneous_rate_hz=rate))


def test_dose_response_runs_every_level_at_rest_without_then_with_the_blocker():
    seen = []
    base = Scenario(kv1=0.3, protocol="stim", temperature=30.0, seed=4)
    kv1, without, with_blocker = sweeps.dose_response(
        base, 0.2, fake_run, lambda done, total, s: seen.append((done, total, s))
    )
    assert list(kv1) == list(sweeps.DOSE_RESPONSE_KV1)
    assert np.allclose(without, 1.0 - kv1) and np.allclose(with_blocker, 1.0 - kv1 + 20)
    assert [done for done, _, _ in seen] == list(range(2 * len(kv1)))
    runs = [s for _, _, s in seen]
    assert {(s.protocol, s.temperature, s.seed) for s in runs} == {("rest", 30.0, 4)}


def test_treatment_timeline_runs_one_pool_a_week_following_the_antibodies():
    levels = disease.antibody_timeline(7.0 * 4, (7.0, 9.0))
    seen = []
    days, rates = sweeps.treatment_timeline(
        levels, 0.8, 4, fake_run, lambda done, total, s: seen.append(s)
    )
    assert list(days) == [0.0, 7.0, 14.0, 21.0, 28.0] and rates.shape == (5,)
    assert {s.duration_s for s in seen} == {sweeps.TIMELINE_POOL_S}
    assert np.allclose(rates, [1.0 - s.kv1 for s in seen])


def test_kv1_threshold_is_the_highest_level_from_which_it_holds_all_the_way_down():
    seen = []

    def run(scenario: Scenario):
        seen.append(scenario)
        return fake_run(scenario)

    def holds(result):  # true at 0.1–0.4 and at 0.6: "from 40 % down"
        return round(1.0 - result.summary.spontaneous_rate_hz, 2) in {0.1, 0.2, 0.3, 0.4, 0.6}

    levels = [0.6, 0.5, 0.4, 0.3, 0.2, 0.1]
    assert sweeps.kv1_threshold(Scenario(temperature=33.0), holds, levels, run) == 0.4
    assert [s.kv1 for s in seen] == [0.1, 0.2, 0.3, 0.4, 0.5]  # from the floor up, to a failure
    assert {s.temperature for s in seen} == {33.0}
    assert sweeps.kv1_threshold(Scenario(), lambda result: False, levels, run) is None
