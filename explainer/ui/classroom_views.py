"""Classroom: experiments that open the Nerve lab, a quiz scored in the browser session
only, the glossary, and notes for a 45-minute lesson."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st

from explainer import state
from explainer.content import Content
from explainer.content.interactive import QuizQuestion
from explainer.content.schema import for_audience
from explainer.ui.navigation import page_script
from explainer.ui.text import citation_chips, glossary_line, with_glossary


def quiz_score(questions: Sequence[QuizQuestion], answers: Mapping[str, int | None]) -> int:
    """How many questions were answered with their correct option."""
    return sum(answers.get(question.id) == question.answer for question in questions)


def exercises(content: Content) -> None:
    labels = content.classroom.labels
    st.header(labels.exercises)
    audience = state.current().audience
    for exercise in content.classroom.exercises:
        if audience not in exercise.audiences:
            continue
        with st.container(border=True):
            st.markdown(f"**{for_audience(exercise.title, audience)}**")
            task = for_audience(exercise.task, audience)
            st.markdown(with_glossary(content, task), unsafe_allow_html=True)
            st.page_link(str(page_script("lab")), label=labels.open_lab,
                         query_params={"audience": audience, **exercise.lab},
                         icon=":material/science:")  # fmt: skip
            with st.expander(labels.show_answer):
                answer = exercise.answer_for(audience)
                st.markdown(f"{answer} {citation_chips(content, exercise.refs)}")


def quiz(content: Content) -> None:
    labels = content.classroom.labels
    audience = state.current().audience
    st.header(labels.quiz)
    st.caption(labels.quiz_intro)
    wordings = [question.wording(audience) for question in content.quiz]
    with st.form("quiz"):
        for number, (question, words) in enumerate(
            zip(content.quiz, wordings, strict=True), start=1
        ):
            st.radio(f"{number}. {words.question}", range(len(words.options)), index=None,
                     format_func=words.options.__getitem__, key=f"quiz_{question.id}")  # fmt: skip
        submitted = st.form_submit_button(labels.submit, type="primary")
    if not submitted:
        return
    answers = {q.id: st.session_state.get(f"quiz_{q.id}") for q in content.quiz}
    right = quiz_score(content.quiz, answers)
    st.subheader(labels.score.format(right=right, total=len(content.quiz)))
    for number, (question, words) in enumerate(zip(content.quiz, wordings, strict=True), start=1):
        chips = citation_chips(content, question.refs)
        if answers[question.id] == question.answer:
            st.success(f"{number}. {labels.correct} {words.explanation} {chips}")
        else:
            wrong = labels.wrong.format(answer=words.options[question.answer])
            st.error(f"{number}. {wrong}. {words.explanation} {chips}")


def glossary(content: Content) -> None:
    st.header(content.classroom.labels.glossary)
    for entry in sorted(content.glossary, key=lambda e: e.term.lower()):
        st.markdown(glossary_line(content, entry))


CLASSROOM = "classroom"
"""This page's id (explainer/ui/navigation.py)."""


def teacher_notes(content: Content) -> None:
    labels, lesson = content.classroom.labels, content.classroom.lesson
    audience = state.current().audience
    st.header(labels.teacher)
    st.subheader(labels.goals)
    st.markdown("\n".join(f"- {goal}" for goal in lesson.goals))
    st.subheader(labels.plan)
    for step in lesson.plan:
        # The activity as text that wraps (a page link's label is cut to one line on a
        # phone), and the link after it; the reader's audience goes with the link.
        st.markdown(f"**{step.minutes} {labels.minutes}** · {step.activity}")
        if step.page == CLASSROOM:  # already here: a link would only show as selected
            continue
        st.page_link(str(page_script(step.page)), label=content.pages[step.page].title,
                     query_params={"audience": audience, **step.query},
                     icon=":material/arrow_forward:")  # fmt: skip
