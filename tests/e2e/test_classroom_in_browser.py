"""A student answers the quiz in real Chromium and sees the score; an exercise opens the lab."""

import pytest
from playwright.sync_api import expect

from explainer.content import load_content

pytestmark = pytest.mark.e2e
CONTENT = load_content()


def test_answer_the_quiz_and_see_the_score(app_page):
    app_page.open("classroom", audience="student")
    form = app_page.page.get_by_test_id("stForm")
    for number, question in enumerate(CONTENT.quiz, start=1):
        group = form.get_by_role("radiogroup", name=f"{number}. {question.question}")
        group.get_by_text(question.options[question.answer], exact=True).click()
    labels = CONTENT.classroom.labels
    app_page.act(form.get_by_role("button", name=labels.submit).click)
    total = len(CONTENT.quiz)
    score = labels.score.format(right=total, total=total)
    expect(app_page.page.get_by_role("heading", name=score)).to_be_visible()
    app_page.assert_healthy()
    app_page.screenshot("classroom-quiz-scored")


def test_an_exercise_opens_the_lab_in_its_state(app_page):
    app_page.open("classroom", audience="student")
    exercise = CONTENT.classroom.exercises[2]
    link = app_page.page.get_by_test_id("stPageLink").filter(
        has_text=CONTENT.classroom.labels.open_lab).nth(2)  # fmt: skip
    app_page.act(link.click)
    app_page.expect_url_has("/lab", f"kv1={exercise.lab['kv1']}")
    app_page.assert_healthy()
