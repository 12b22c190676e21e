"""Render texts from explainer/data/ for the chosen audience, with citation chips per paragraph."""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable

import streamlit as st

from explainer import state
from explainer.content import Content, load_content
from explainer.content.interactive import GlossaryEntry
from explainer.content.loader import DATA_DIR
from explainer.content.schema import Audience, Paragraph, Section, for_audience
from explainer.ui.navigation import page_url


def load() -> Content:
    """The validated content; read again only when a file in explainer/data/ has changed."""
    signature = tuple(
        (str(path), path.stat().st_mtime_ns) for path in sorted(DATA_DIR.rglob("*.yaml"))
    )
    return _load_cached(signature)


@st.cache_resource(show_spinner=False, max_entries=2)
def _load_cached(signature: tuple[tuple[str, int], ...]) -> Content:
    del signature  # only part of the cache key
    return load_content(DATA_DIR)


def citation_chips(content: Content, keys: Iterable[str]) -> str:
    """Markdown `[n]` links to the reference list on About & sources, titled with the citation."""
    chips = []
    for key in sorted(keys, key=content.reference_number):
        reference = content.references[key]
        number = content.reference_number(key)
        title = reference.citation.replace('"', "'")
        chips.append(f'[\\[{number}\\]]({page_url("about", f"ref-{key}")} "{title}")')
    return " ".join(chips)


@functools.lru_cache(maxsize=4)
def _glossary_pattern(
    entries: tuple[GlossaryEntry, ...],
) -> tuple[re.Pattern[str], dict[str, GlossaryEntry]]:
    by_word = {word.lower(): entry for entry in entries for word in (entry.term, *entry.aliases)}
    words = sorted(by_word, key=len, reverse=True)  # longest first: "node of Ranvier" before "node"
    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(map(re.escape, words)) + r")(?![\w-])", re.IGNORECASE
    )
    return pattern, by_word


_WORDS_KEY = "glossary_words_this_run"
"""Session-state key: the glossary terms explained so far in this run, in order of first use."""


def start_page_words() -> None:
    """Forget the words of the last run; called before a page runs."""
    st.session_state[_WORDS_KEY] = {}


def with_glossary(content: Content, markdown: str) -> str:
    """`markdown` with the first use of each glossary term explained in a hover tooltip. The
    terms are also noted for :func:`render_page_words`, since a tooltip needs a mouse."""
    pattern, by_word = _glossary_pattern(content.glossary)
    seen: dict[str, None] = {}

    def explain(match: re.Match[str]) -> str:
        entry = by_word[match.group(0).lower()]
        if entry.term in seen:
            return match.group(0)
        seen[entry.term] = None
        title = html.escape(f"{entry.term}: {entry.definition.strip()}", quote=True)
        return f'<abbr title="{title}">{match.group(0)}</abbr>'

    marked = pattern.sub(explain, markdown)
    page_words = st.session_state.get(_WORDS_KEY)
    if page_words is not None:
        page_words.update(seen)
    return marked


def glossary_line(content: Content, entry: GlossaryEntry) -> str:
    """One glossary entry as markdown: the term in bold, its definition and citation chips."""
    return f"**{entry.term}** — {entry.definition.strip()} {citation_chips(content, entry.refs)}"


def render_page_words(content: Content) -> None:
    """The glossary words this page used, in a panel that opens by tap or keyboard too."""
    terms = st.session_state.get(_WORDS_KEY) or {}
    if not terms:
        return
    by_term = {entry.term: entry for entry in content.glossary}
    label = content.site.labels.words_on_page.format(count=len(terms))
    with st.expander(label, icon=":material/menu_book:"):
        st.markdown("\n\n".join(glossary_line(content, by_term[term]) for term in terms))


def paragraph_markdown(content: Content, paragraph: Paragraph) -> str:
    chips = citation_chips(content, paragraph.refs)
    return f"{with_glossary(content, paragraph.text.strip())} {chips}".rstrip()


def render_section(content: Content, section: Section, *, level: int = 3) -> None:
    """Heading and paragraphs of one section in the current audience's words."""
    audience = state.current().audience
    st.markdown(f"{'#' * level} {section.heading_for(audience)}")
    for paragraph in section.body.for_audience(audience):
        st.markdown(paragraph_markdown(content, paragraph), unsafe_allow_html=True)


def render_page_sections(content: Content, page_id: str, *, level: int = 3) -> None:
    """Every section of a page, in order."""
    for section in content.pages[page_id].sections:
        render_section(content, section, level=level)


def red_flags_markdown(content: Content, audience: Audience) -> str:
    """The urgent warning signs: the lead line, then one sign per line, each cited."""
    flags = content.site.red_flags
    lines = [
        f"- {for_audience(item.text, audience)} {citation_chips(content, item.refs)}"
        for item in flags.items
    ]
    return flags.lead.for_audience(audience) + "\n\n" + "\n".join(lines)


def render_red_flags(content: Content, audience: Audience, *, level: int = 4) -> None:
    """The urgent warning signs in a bordered box, with their heading."""
    with st.container(border=True):
        st.markdown(
            f"{'#' * level} :material/emergency: {content.site.red_flags.heading.for_audience(audience)}"
        )
        st.markdown(red_flags_markdown(content, audience))


def patient_model_notice(content: Content) -> None:
    """For patients, above the model's treatments: the model gives no advice."""
    if state.current().audience == "patient":
        st.info(content.site.model_notice, icon=":material/info:")


def render_header(content: Content, page_id: str) -> None:
    """A page's title and one-line summary."""
    page = content.pages[page_id]
    st.title(page.title)
    st.caption(page.summary)


def render_page(content: Content, page_id: str) -> None:
    """Title, one-line summary and every section of a page."""
    render_header(content, page_id)
    render_page_sections(content, page_id)
