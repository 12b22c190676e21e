"""Classroom through AppTest: the quiz is scored, exercises open valid lab states."""

import pytest

from explainer.content import load_content
from explainer.model.scenarios import lab_scenario
from explainer.state import parse_query
from explainer.ui.classroom_views import quiz_score
from explainer.ui.lab_controls import scenario_of

CONTENT = load_content()


def test_quiz_scores_every_right_answer(open_app):
    app = open_app("classroom", audience="student")
    for question in CONTENT.quiz:
        app.radio(key=f"quiz_{question.id}").set_value(question.answer)
    app.get("form_submit_button")[0].click().run()
    assert not app.exception
    expected = CONTENT.classroom.labels.score.format(
        right=len(CONTENT.quiz), total=len(CONTENT.quiz)
    )
    assert expected in [s.value for s in app.subheader]


def test_quiz_score_counts_only_correct_options():
    questions = CONTENT.quiz[:3]
    answers = {questions[0].id: questions[0].answer, questions[1].id: None,
               questions[2].id: (questions[2].answer + 1) % len(questions[2].options)}  # fmt: skip
    assert quiz_score(questions, answers) == 1


def test_the_quiz_is_big_enough_and_cited():
    assert len(CONTENT.quiz) >= 15
    assert all(question.refs for question in CONTENT.quiz)


@pytest.mark.parametrize("exercise", CONTENT.classroom.exercises, ids=lambda e: e.id)
def test_every_exercise_opens_a_valid_lab_state(open_app, exercise):
    _, notices = parse_query(exercise.lab, CONTENT.presets.keys())
    assert notices == []
    app = open_app("lab", **exercise.lab)
    assert not app.exception
    assert not [i for i in app.info if CONTENT.site.labels.url_notice in i.value]


@pytest.mark.parametrize("exercise", CONTENT.classroom.exercises, ids=lambda e: e.id)
def test_every_stated_number_is_measured_on_the_run_the_lab_shows(exercise):
    """tests/model/test_classroom_numbers.py measures `lab_scenario(...)`: the run the lab
    builds from the same settings in its URL."""
    for name, spec in exercise.measured.items():
        settings = spec.lab_settings()
        app_state, notices = parse_query({key: str(value) for key, value in settings.items()})
        assert notices == [], (exercise.id, name)
        assert scenario_of(app_state) == lab_scenario(**settings), (exercise.id, name)


def test_the_answers_show_their_numbers(open_app):
    app = open_app("classroom", audience="student")
    shown = " ".join(m.value for m in app.markdown)
    for exercise in CONTENT.classroom.exercises:
        if exercise.measured and "student" in exercise.audiences:
            assert exercise.answer_for("student") in shown, exercise.id


def test_teacher_notes_are_for_students_and_clinicians(open_app):
    notes = CONTENT.classroom.labels.teacher
    assert notes in [h.value for h in open_app("classroom", audience="student").header]
    assert notes not in [h.value for h in open_app("classroom", audience="patient").header]
