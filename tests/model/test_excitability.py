"""The virtual nerve-excitability test of the trunk node against human normal values.

The bands come from explainer/data/excitability_norms.yaml (with their sources); the tests set only
public inputs (Kv1, site) and read the trunk's indices.
"""

from functools import cache

import numpy as np
import pytest

from explainer.content import load_content
from explainer.model import excitability
from explainer.model.pool import Scenario
from explainer.model.simulation import run_scenario

RESTING_INDICES = (
    "sd_time_constant_ms", "rheobase_ratio", "rrp_ms", "superexcitability_pct",
    "superexcitability_at_ms", "late_subexcitability_pct",
)  # fmt: skip
"""What :func:`indices` measures; the norms after activity are tested in test_activity.py."""
NORMS = {norm.id: norm for norm in load_content().excitability_norms if norm.id in RESTING_INDICES}


@cache
def indices(kv1: float = 1.0, site: str = "ending") -> dict[str, float]:
    trunk = excitability.trunk_params(Scenario(kv1=kv1, site=site))
    sd = excitability.strength_duration(trunk)
    cycle = excitability.recovery_cycle(trunk)
    measured = (
        sd.time_constant_ms, sd.rheobase_ratio, cycle.relative_refractory_period_ms,
        cycle.superexcitability_pct, cycle.superexcitability_at_ms,
        cycle.late_subexcitability_pct,
    )  # fmt: skip
    return dict(zip(RESTING_INDICES, measured, strict=True))


@pytest.mark.parametrize("index", sorted(NORMS))
def test_healthy_trunk_is_within_the_published_normal_band(index):
    norm = NORMS[index]
    assert norm.low <= indices()[index] <= norm.high, (index, indices()[index])


@pytest.mark.parametrize("fraction", [0.4, -0.4])
def test_threshold_electrotonus_conditioning_alone_stays_below_threshold(fraction):
    trunk = excitability.trunk_params(Scenario())
    assert excitability.conditioning_spikes(trunk, fraction) == 0


def test_weiss_law_fits_and_long_pulses_need_less_current():
    sd = excitability.strength_duration(excitability.trunk_params(Scenario()))
    assert np.all(np.diff(sd.thresholds_pA) < 0)
    charge = sd.thresholds_pA * sd.widths_ms
    fit = np.polyval(np.polyfit(sd.widths_ms, charge, 1), sd.widths_ms)
    assert np.max(np.abs(fit - charge) / charge) < 0.05
    # τSD 0.43 ms means the 1-ms threshold is 1.43 × rheobase (Weiss): ratio ≈ 0.7.
    assert 0.55 < sd.rheobase_ratio < 0.85


def test_antibodies_at_the_endings_leave_the_trunk_normal_while_the_endings_fire():
    # Kiernan, Hart & Bostock 2001: normal τSD and fast-K indices at the wrist in acquired
    # neuromyotonia, whose discharges arise distally.
    healthy, acquired = indices(), indices(kv1=0.3)
    assert acquired["sd_time_constant_ms"] == pytest.approx(
        healthy["sd_time_constant_ms"], rel=0.10
    )
    for index, norm in NORMS.items():
        assert norm.low <= acquired[index] <= norm.high, index
    assert run_scenario(Scenario(kv1=0.3)).summary.spontaneous_rate_hz > 1.0


def test_an_inherited_loss_along_the_whole_axon_changes_the_trunk():
    # The KCNA1 contrast: with Kv1 lost everywhere, the wrist's recovery cycle changes (a
    # little in this model: its Kv1 is nearly shut at the trunk's resting potential).
    healthy, inherited = indices(), indices(kv1=0.3, site="whole_axon")
    assert inherited["rrp_ms"] > 1.05 * healthy["rrp_ms"]
    assert indices(kv1=0.3) == healthy


@pytest.mark.slow  # four conditioning protocols, each a threshold search
def test_threshold_electrotonus_and_current_threshold_have_the_human_shape():
    # Kiernan et al. 2000: depolarising conditioning lowers the threshold, then accommodation
    # (slow K⁺) brings part of it back; hyperpolarising conditioning raises it; the I/V
    # relation slopes up, and antibodies at the endings leave all of it unchanged.
    te = excitability.threshold_electrotonus(excitability.trunk_params(Scenario()))
    ted_early = te.mean_over(te.depolarising_pct, 10.0, 20.0)
    ted_late = te.mean_over(te.depolarising_pct, 90.0, 98.0)
    assert ted_early > ted_late > 0.0
    assert te.mean_over(te.hyperpolarising_pct, 90.0, 98.0) < 0.0
    iv = excitability.current_threshold(excitability.trunk_params(Scenario()))
    assert iv.resting_slope > 0.0
    acquired = excitability.threshold_electrotonus(excitability.trunk_params(Scenario(kv1=0.3)))
    np.testing.assert_array_equal(acquired.depolarising_pct, te.depolarising_pct)
