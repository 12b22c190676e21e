"""Every number the Classroom's answers state is the model's, at the precision stated
(explainer/data/classroom.yaml, `measured`).

Measured by `python -m explainer.model.measures` in a process of its own, which loads the
numba kernel from the cache as the app does (compiled in this process, it would run slightly
differently: see explainer/model/measures.py).
"""

import json
import subprocess
import sys
from typing import get_args

import pytest

from explainer.content import load_content
from explainer.content.interactive import Kv1Condition, MeasuredQuantity
from explainer.model import measures

STATED = [(e.id, name) for e in load_content().classroom.exercises for name in e.measured]


@pytest.fixture(scope="module")
def measured() -> dict[tuple[str, str], dict]:
    command = [sys.executable, "-m", "explainer.model.measures", "--json"]
    done = subprocess.run(command, check=False, capture_output=True, text=True, timeout=120)
    assert done.stdout, done.stderr
    return {(number["exercise"], number["name"]): number for number in json.loads(done.stdout)}


@pytest.mark.parametrize(("exercise", "name"), STATED, ids=[f"{e}.{n}" for e, n in STATED])
def test_the_answer_states_the_models_number(measured, exercise, name):
    number = measured[exercise, name]
    assert number["agrees"], (
        f"exercise {exercise!r}: {{{name}}} states {number['stated']:g}, the model measures "
        f"{number['measured']} (to state: {number['to_state']}); "
        "`python -m explainer.model.measures` lists every number"
    )


def test_the_content_schema_offers_exactly_what_the_model_measures():
    assert set(get_args(MeasuredQuantity)) == set(measures.QUANTITIES)
    assert set(get_args(Kv1Condition)) == set(measures.CONDITIONS)


def test_kv1_levels_step_down_the_lab_slider_to_the_floor():
    assert measures.kv1_levels(5, 15)[:3] == [1.0, 0.95, 0.9]
    assert measures.kv1_levels(5, 15)[-1] == 0.15
    assert measures.kv1_levels(10, 10) == [1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1]
