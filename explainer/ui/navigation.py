"""The pages of the app: which script draws each, and links between them that keep the settings."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from explainer import state
from explainer.content import Content
from explainer.content.schema import PAGE_IDS

PAGES_DIR = Path(__file__).resolve().parents[1] / "pages"
DEFAULT_PAGE = "home"


def page_script(page_id: str) -> Path:
    return PAGES_DIR / f"{page_id}.py"


def build_pages(content: Content) -> dict[str, st.Page]:
    """One `st.Page` per id, titled and iconed from explainer/data/pages/<id>.yaml."""
    return {
        page_id: st.Page(
            page_script(page_id),
            title=content.pages[page_id].title,
            icon=content.pages[page_id].icon,
            url_path="" if page_id == DEFAULT_PAGE else page_id,
            default=page_id == DEFAULT_PAGE,
        )
        for page_id in PAGE_IDS
    }


def page_url(page_id: str, anchor: str = "") -> str:
    """A relative link to a page that carries the current settings (for Markdown links)."""
    query = "&".join(f"{key}={value}" for key, value in state.to_query(state.current()).items())
    path = "" if page_id == DEFAULT_PAGE else page_id
    return f"./{path}" + (f"?{query}" if query else "") + (f"#{anchor}" if anchor else "")


def link_to(content: Content, page_id: str, label: str | None = None) -> None:
    """A page link button that keeps the current settings in the URL."""
    page = content.pages[page_id]
    st.page_link(
        str(page_script(page_id)),
        label=label or page.title,
        icon=page.icon,
        query_params=state.to_query(state.current()),
    )
