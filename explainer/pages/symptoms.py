"""Symptoms page (first version: the texts from data/pages/symptoms.yaml)."""

from explainer.ui import text

text.render_page(text.load(), "symptoms")
