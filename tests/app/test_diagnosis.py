"""Diagnosis & treatment through AppTest: simulated EMG patterns and the treatment timeline."""

import re

from explainer.content import load_content

DIAGNOSIS = load_content().diagnosis


def captions(app) -> str:
    return " ".join(c.value for c in app.caption)


def test_every_emg_pattern_is_simulated_and_audible(open_app):
    app = open_app("diagnosis", audience="student")
    assert not app.exception
    subheaders = [s.value for s in app.subheader]
    for pattern in DIAGNOSIS.emg_patterns:
        assert pattern.name in subheaders
    # One chart per pattern, the four excitability panels, the blocker pair, the timeline.
    assert len(app.get("plotly_chart")) == len(DIAGNOSIS.emg_patterns) + 6
    assert len(app.get("audio")) == len(DIAGNOSIS.emg_patterns)


def test_treatment_schedule_changes_the_timeline(open_app):
    app = open_app("diagnosis", audience="patient")
    with_course = captions(app)
    app.radio(key="timeline_schedule").set_value("none").run()
    assert not app.exception
    untreated = captions(app)
    assert untreated != with_course
    # Without treatment the antibodies around the nerves stay at 100 % of the start.
    assert "100 % of the starting level" in untreated


def test_excitability_test_for_students_and_clinicians_not_patients(open_app):
    view = DIAGNOSIS.excitability
    patient = open_app("diagnosis", audience="patient")
    assert view.heading not in [h.value for h in patient.header]
    app = open_app("diagnosis", audience="clinician")
    assert not app.exception
    assert view.heading in [h.value for h in app.header]
    acquired = captions(app)
    app.radio(key="diagnosis_excitability").set_value("kcna1").run()
    assert not app.exception
    inherited = captions(app)
    # Antibodies at the endings leave the trunk as healthy; the inherited loss moves it.
    assert re.search(r"relative refractory period (\d\.\d) ms \(\1\)", acquired)
    assert inherited != acquired
    # The legend promises a grey healthy curve only where it differs from this setting's.
    cases = {case.id: case.label for case in view.cases}
    assert view.legend_same.format(case=cases["acquired"]) in acquired
    assert view.legend.format(case=cases["kcna1"]) in inherited
    assert "-" not in re.search(r"superexcitability (\S+) %", acquired).group(1)
