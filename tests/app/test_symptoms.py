"""The symptom navigator through AppTest: every symptom, every audience, links that exist."""

import pytest

from explainer.content import AUDIENCES, load_content

CONTENT = load_content()
SYMPTOMS = CONTENT.symptoms.symptoms


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("symptom", SYMPTOMS, ids=lambda symptom: symptom.id)
def test_every_symptom_renders_with_its_mechanism(open_app, symptom, audience):
    app = open_app("symptoms", audience=audience, symptom=symptom.id)
    assert not app.exception, app.exception
    assert symptom.name in [s.value for s in app.subheader]
    text = " ".join(m.value for m in app.markdown)
    assert symptom.mechanism.for_audience(audience).split()[0] in text
    assert app.query_params["symptom"] == symptom.id


def test_picking_a_symptom_writes_the_url(open_app):
    app = open_app("symptoms", audience="patient")
    assert not app.subheader
    app.get("button_group")[0].set_value("cramps").run()
    assert not app.exception
    assert app.query_params["symptom"] == "cramps"
    assert "Cramps" in [s.value for s in app.subheader]


def test_every_symptom_links_to_a_preset_a_step_and_references():
    steps = {step.id for step in CONTENT.chain.steps}
    for symptom in SYMPTOMS:
        assert symptom.preset in CONTENT.presets
        assert symptom.step in steps
        assert symptom.refs and set(symptom.refs) <= set(CONTENT.references)


def test_red_flags_are_shown_whatever_is_picked(open_app):
    red_flags = next(s for s in CONTENT.pages["symptoms"].sections if s.id == "red_flags")
    app = open_app("symptoms", audience="patient", symptom="sweating")
    assert red_flags.heading_for("patient") in " ".join(m.value for m in app.markdown)
