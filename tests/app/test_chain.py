"""The chain walkthrough through AppTest: every step in every audience, and its navigation."""

import pytest

from explainer.content import AUDIENCES, load_content
from explainer.content.schema import for_audience

CHAIN = load_content().chain
STEPS = range(1, len(CHAIN.steps) + 1)


def headers(app) -> list[str]:
    return [h.value for h in app.header]


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("number", STEPS)
def test_every_step_renders_in_every_audience(open_app, number, audience):
    app = open_app("chain", audience=audience, step=str(number), kv1="0.3")
    assert not app.exception, app.exception
    step = CHAIN.steps[number - 1]
    title = for_audience(step.title, audience)
    assert title in headers(app)
    assert number == 1 or app.query_params["step"] == str(number)


def test_next_and_previous_move_and_keep_the_step_in_the_url(open_app):
    app = open_app("chain", audience="student", step="5")
    next_button = next(b for b in app.button if b.label == CHAIN.labels.next)
    next_button.click().run()
    assert app.query_params["step"] == "6"
    previous = next(b for b in app.button if b.label == CHAIN.labels.previous)
    previous.click().run()
    previous = next(b for b in app.button if b.label == CHAIN.labels.previous)
    previous.click().run()
    assert app.query_params["step"] == "4"
    assert not app.exception


def test_antibody_slider_sets_kv1_through_the_documented_mapping(open_app):
    app = open_app("chain", audience="patient", step="4")
    app.slider(key="chain_antibody").set_value(1.0).run()
    # kv1 = 1 − 0.9 · 1² / (1² + 0.5²) = 0.28 (explainer/model/disease.py)
    assert app.query_params["kv1"] == "0.28"
    assert app.query_params["antibody"] == "1.0"
    assert not app.exception


def test_the_walkthrough_shows_the_disease_until_the_reader_sets_a_level(open_app):
    app = open_app("chain", audience="patient", step="4")
    assert app.slider(key="chain_antibody").value == CHAIN.default_antibody
    next(b for b in app.button if b.label == CHAIN.labels.next).click().run()
    assert not app.exception, app.exception
    assert CHAIN.labels.quiet not in [info.value for info in app.info]


def test_antibody_level_zero_shows_the_quiet_nerve_and_is_kept(open_app):
    app = open_app("chain", audience="patient", step="4")
    app.slider(key="chain_antibody").set_value(0.0).run()
    assert app.query_params["antibody"] == "0.0"
    next(b for b in app.button if b.label == CHAIN.labels.next).click().run()
    assert not app.exception, app.exception
    assert CHAIN.labels.quiet in [info.value for info in app.info]
    next(b for b in app.button if b.label == CHAIN.labels.previous).click().run()
    assert app.slider(key="chain_antibody").value == 0.0


def test_home_overview_opens_the_chosen_step(open_app):
    app = open_app("home", audience="clinician")
    app.button_group(key="home_chain").set_value(4).run()
    assert not app.exception, app.exception
    assert for_audience(CHAIN.steps[3].title, "clinician") in headers(app)
    assert app.query_params["step"] == "4"
    assert app.query_params["audience"] == "clinician"
