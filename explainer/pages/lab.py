"""Nerve lab page (first version: the texts from data/pages/lab.yaml)."""

from explainer.ui import text

text.render_page(text.load(), "lab")
