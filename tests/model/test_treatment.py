"""The antibody timeline after plasma exchange behaves like IgG kinetics (Kaplan 2008)."""

import numpy as np
import pytest

from explainer.model.disease import AntibodyKinetics, antibody_timeline

KINETICS = AntibodyKinetics()
DT = 0.05


def at(timeline, day: float, pool: str = "plasma") -> float:
    return float(getattr(timeline, pool)[round(day / DT)])


def total(timeline, day: float) -> float:
    f = KINETICS.intravascular_fraction
    return f * at(timeline, day) + (1 - f) * at(timeline, day, "tissue")


def test_without_treatment_the_level_stays_at_baseline():
    timeline = antibody_timeline(60, [])
    np.testing.assert_allclose(timeline.plasma, 1.0, atol=1e-9)
    np.testing.assert_allclose(timeline.tissue, 1.0, atol=1e-9)


def test_one_exchange_removes_63_percent_of_plasma_igg():
    timeline = antibody_timeline(10, [1.0])
    # One step after the exchange: only 0.05 days of refilling and production.
    assert at(timeline, 1.0 + DT) == pytest.approx(1 - KINETICS.removal_per_exchange, abs=0.03)


def test_plasma_refills_from_tissue_within_days():
    timeline = antibody_timeline(20, [1.0])
    assert at(timeline, 5.0) > at(timeline, 1.0 + DT) + 0.2


def test_the_deficit_halves_in_one_igg_half_life():
    timeline = antibody_timeline(80, [0.0])
    # Once plasma and tissue are back in balance the whole-body deficit decays with t½.
    ratio = (1 - total(timeline, 50.0)) / (1 - total(timeline, 29.0))
    assert ratio == pytest.approx(0.5, rel=0.05)


def test_after_a_course_levels_fall_then_come_back_unless_maintained():
    course = [0, 2, 4, 6, 8]
    alone = antibody_timeline(112, course)
    maintained = antibody_timeline(112, [*course, 36, 64, 92])
    lowest = min(alone.tissue)
    assert lowest < 0.5
    after = alone.tissue[round(12 / DT) :]
    assert np.all(np.diff(after) >= -1e-12)  # monotone recovery once the course is over
    assert at(alone, 112, "tissue") > 0.9
    assert at(maintained, 100, "tissue") < at(alone, 100, "tissue") - 0.2
