"""Classroom page (first version: the texts from data/pages/classroom.yaml)."""

from explainer.ui import text

text.render_page(text.load(), "classroom")
