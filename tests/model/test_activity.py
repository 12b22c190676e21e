"""T8: activity-dependent hyperpolarisation of the healthy trunk node (issue 12).

A minute of firing at 25 Hz must raise the 1-ms threshold, and the threshold must recover
over minutes, within the bands of explainer/data/excitability_norms.yaml (Vagg et al. 1998;
Kiernan, Lin & Burke 2004). Nothing in the model is set for it: the rise comes from Na⁺
loading and the electrogenic pump (explainer/model/activity.py).
"""

from functools import cache

from explainer.content import load_content
from explainer.model import activity, excitability
from explainer.model.pool import Scenario

NORMS = {norm.id: norm for norm in load_content().excitability_norms}


@cache
def tracked() -> activity.ActivityThresholds:
    return activity.threshold_after_activity(excitability.trunk_params(Scenario()))


def test_the_train_fires_the_trunk_once_per_pulse():
    assert tracked().train_spikes == tracked().train_pulses == 1500


def test_a_minute_at_25_hz_raises_the_threshold_as_in_healthy_human_axons():
    norm = NORMS["activity_threshold_rise_pct"]
    rise = tracked().threshold_change_pct[0]
    assert norm.low <= rise <= norm.high, rise


def test_the_threshold_recovers_over_minutes():
    norm = NORMS["activity_recovery_time_s"]
    change = tracked().threshold_change_pct
    assert all(change[1:] < change[:-1])  # falls all the way back towards rest
    assert norm.low <= tracked().recovery_time_s <= norm.high, tracked().recovery_time_s


def test_a_shorter_train_raises_it_less():
    # Vagg et al. 1998: contractions of 15 s, 30 s and 1 min, deeper the longer.
    trunk = excitability.trunk_params(Scenario())
    rises = [
        activity.threshold_after_activity(
            trunk, duration_s=seconds, after_s=(1.0,)
        ).threshold_change_pct[0]
        for seconds in (15.0, 30.0)
    ]
    assert 0.0 < rises[0] < rises[1] < tracked().threshold_change_pct[0], rises
