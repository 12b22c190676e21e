"""Texts, references and site settings from explainer/data/, validated at start-up."""

from explainer.content.loader import Content, ContentError, load_content
from explainer.content.schema import AUDIENCES, Audience

__all__ = ["AUDIENCES", "Audience", "Content", "ContentError", "load_content"]
