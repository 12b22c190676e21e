"""What every page shares: the audience picker in the sidebar (and on Home and the lab, for
phones), URL notices, the footer."""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from explainer import state
from explainer.content import AUDIENCES, Content
from explainer.ui.navigation import link_to
from explainer.ui.text import render_page_words, render_red_flags

_PICKER_KEY = "audience_picker"
_ON_PAGE_KEY = "audience_on_page"


def _on_audience_change(key: str) -> None:
    state.update(audience=st.session_state[key])


def _audience_radio(content: Content, key: str, **placement) -> None:
    """The audience choice under `key`, showing the current audience; `placement` is how
    this copy of it is laid out."""
    audiences, labels = content.site.audiences, content.site.labels
    st.session_state[key] = state.current().audience
    st.radio(
        labels.audience_picker,
        AUDIENCES,
        key=key,
        format_func=lambda audience: audiences.for_audience(audience).label,
        on_change=_on_audience_change,
        args=(key,),
        help=labels.audience_help,
        **placement,
    )


def audience_picker(content: Content) -> None:
    """Sidebar choice of audience; it changes wording and controls, never the facts."""
    audiences = content.site.audiences
    with st.sidebar:
        _audience_radio(
            content,
            _PICKER_KEY,
            captions=[audiences.for_audience(a).description for a in AUDIENCES],
        )


def audience_on_page(content: Content) -> None:
    """The same choice on the page itself, for a phone, where the sidebar starts closed."""
    _audience_radio(content, _ON_PAGE_KEY, horizontal=True)


def url_notices(content: Content, notices: list[str]) -> None:
    """Say which link settings could not be used, without stopping the page."""
    if notices:
        st.info(
            content.site.labels.url_notice
            + "\n\n"
            + "\n".join(f"- {notice}" for notice in notices),
            icon=":material/info:",
        )


def footer(content: Content, *, red_flags: bool = True) -> None:
    """The page's glossary words, disclaimer, review date and a link to the sources, under
    every page; for patients also the red flags, unless the page shows them already
    (`red_flags` False)."""
    site = content.site
    audience = state.current().audience
    render_page_words(content)
    st.divider()
    if audience == "patient" and red_flags:
        render_red_flags(content, audience, level=5)
    st.caption(site.disclaimer.for_audience(audience))
    left, right = st.columns([3, 2], vertical_alignment="center")
    left.caption(site.labels.reviewed_on.format(date=f"{site.reviewed_on:%d %B %Y}"))
    with right:
        link_to(content, "about", site.labels.sources_link)


@st.fragment(run_every=timedelta(hours=1))
def redraw_after_reconnect() -> None:
    """Draws nothing; its being on the page is what counts. After a lost connection (a server
    restart, a replica replaced) Streamlit's browser side asks the new server for a fresh run
    only if the page has a timed fragment or its last run was a fragment's (streamlit 1.67,
    App.handleConnectionStateChanged). Without this, a page left untouched through a restart
    keeps the old server's drawing, and its next slider move, addressed to a fragment the new
    server never drew, is dropped. The hourly rerun of this empty fragment costs nothing."""
