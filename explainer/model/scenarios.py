"""Named scenarios (healthy, mild, …, KCNA1, KCNQ2): data in explainer/data/presets.yaml, not code;
and the scenario the Nerve lab runs for its settings.

A preset only sets model inputs (Kv1 and Kv7 remaining, blocker dose, temperature); it
never reaches into the equations. Example::

    scenario = preset_scenario("severe", Scenario(protocol="stim"))
    lab_scenario(kv1=0.3, protocol="stim")  # what the lab runs at Kv1 30 %, nerve pulses
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from explainer.content.loader import load_presets
from explainer.model.pool import Scenario


@lru_cache(maxsize=1)
def preset_settings() -> dict[str, dict[str, float]]:
    """Model settings of every preset, by id (validated by the content schema)."""
    return {name: preset.settings.model_dump() for name, preset in load_presets().items()}


def preset_scenario(name: str, base: Scenario | None = None) -> Scenario:
    """``base`` with the settings of preset ``name`` (KeyError if there is no such preset)."""
    return replace(base or Scenario(), **preset_settings()[name])


LAB_UNITS = 100
LAB_DURATION_S = 2.0


def lab_scenario(**settings: object) -> Scenario:
    """The run the Nerve lab shows for `settings` (its controls' names: kv1, kv7, na_block,
    temperature, protocol, seed): its pool size and run length, at the axon endings."""
    return Scenario(units=LAB_UNITS, duration_s=LAB_DURATION_S, **settings)
