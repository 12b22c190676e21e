"""Shared runs of the model: each scenario is simulated once per test session."""

from functools import cache

import pytest

from explainer.model.pool import Scenario
from explainer.model.simulation import ScenarioResult, run_scenario


@cache
def _run(scenario: Scenario) -> ScenarioResult:
    return run_scenario(scenario)


@pytest.fixture(scope="session")
def simulate():
    """`simulate(kv1=0.3, protocol="stim")` → the (cached) result of that scenario."""
    return lambda **settings: _run(Scenario(**settings))
