"""The chain page (first version: the texts from data/pages/chain.yaml)."""

from explainer.ui import text

text.render_page(text.load(), "chain")
