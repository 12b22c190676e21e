"""Diagnosis & treatment page (first version: the texts from data/pages/diagnosis.yaml)."""

from explainer.ui import text

text.render_page(text.load(), "diagnosis")
