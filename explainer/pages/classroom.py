"""Classroom: experiments in the Nerve lab, a quiz, the glossary, and a lesson plan."""

from explainer import state
from explainer.ui import classroom_views, text

content = text.load()
text.render_page(content, "classroom")
classroom_views.exercises(content)
classroom_views.quiz(content)
classroom_views.glossary(content)
if state.current().audience != "patient":
    classroom_views.teacher_notes(content)
