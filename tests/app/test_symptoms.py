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


def test_every_symptom_links_to_a_step_references_and_a_preset_if_the_model_shows_it():
    steps = {step.id for step in CONTENT.chain.steps}
    for symptom in SYMPTOMS:
        assert symptom.preset is None or symptom.preset in CONTENT.presets
        assert symptom.step in steps
        assert symptom.refs and set(symptom.refs) <= set(CONTENT.references)


def test_red_flags_are_shown_whatever_is_picked(open_app):
    app = open_app("symptoms", audience="patient", symptom="sweating")
    text = " ".join(m.value for m in app.markdown)
    assert CONTENT.site.red_flags.heading.patient in text
    assert all(item in text for item in CONTENT.site.red_flags.items_for("patient"))
    assert text.count(CONTENT.site.red_flags.heading.patient) == 1  # not again in the footer


@pytest.mark.slow  # one page run per symptom
def test_symptoms_the_model_cannot_show_offer_no_lab_link(open_app):
    for symptom in SYMPTOMS:
        app = open_app("symptoms", audience="patient", symptom=symptom.id)
        labels = [link.proto.label for link in app.get("page_link")]
        assert (CONTENT.symptoms.labels.see_in_lab in labels) == (symptom.preset is not None)
