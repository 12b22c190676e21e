"""The patient handout on the page: prepared on demand (drawing the figures takes seconds),
then offered as PDF and as a printable web page."""

from __future__ import annotations

import streamlit as st

from explainer.content import Content


@st.cache_resource(max_entries=2, show_spinner=False)
def _documents(_content: Content, reviewed_on: str) -> tuple[bytes, str]:
    """PDF and HTML of the handout; keyed on the review date (the content's version)."""
    del reviewed_on  # only part of the cache key
    # Imported here: the PDF library and the figure export are heavy, and most visits of the
    # pages that offer the handout never prepare it (a first page appears sooner without them).
    from explainer import handout

    figures = handout.draw_figures(_content)
    return handout.handout_pdf(_content, figures), handout.handout_html(_content, figures)


def render(content: Content, key: str) -> None:
    """The handout block; `key` keeps its widgets apart on pages that show it."""
    labels = content.handout.labels
    with st.container(border=True):
        st.markdown(f"#### {labels.heading}")
        st.caption(labels.intro)
        version = str(content.site.reviewed_on)
        if not st.session_state.get(f"{key}_ready"):
            if not st.button(labels.prepare, key=f"{key}_prepare", icon=":material/description:"):
                return
            st.session_state[f"{key}_ready"] = True
        with st.spinner(labels.preparing):
            pdf, page = _documents(content, version)
        left, right = st.columns(2)
        left.download_button(labels.pdf, pdf, "isaac-syndrome-handout.pdf", "application/pdf",
                             key=f"{key}_pdf", icon=":material/picture_as_pdf:")  # fmt: skip
        right.download_button(labels.html, page, "isaac-syndrome-handout.html", "text/html",
                              key=f"{key}_html", icon=":material/print:")  # fmt: skip
