"""The two-page patient handout, as PDF (fpdf2) and as print-friendly HTML.

Words come from explainer/data/handout.yaml; the two figures are computed: the chain (from
explainer/data/chain.yaml) and a needle EMG of the nerve model, healthy vs most brakes lost.
Plotly figures become PNG through kaleido, which drives the system Chromium; where no browser is
found the handout says so and is made without figures (its words are complete on their own).
"""

from __future__ import annotations

import base64
import html
from dataclasses import dataclass

import plotly.graph_objects as go
from fpdf import FPDF

from explainer.content import Content
from explainer.content.schema import for_audience
from explainer.diagrams import chain as chain_figures
from explainer.diagrams import lab as lab_figures
from explainer.diagrams.style import Trace
from explainer.model.pool import Scenario
from explainer.model.scenarios import preset_scenario
from explainer.model.simulation import run_emg, run_scenario

# The PDF's built-in font covers Latin-1 only; these few characters of our texts map cleanly.
_PLAIN = str.maketrans({"→": "->", "–": "-", "—": "-", "≥": ">=", "⁺": "+", "’": "'",
                        "“": '"', "”": '"', "…": "...", "µ": "u", "·": "*", "×": "x"})  # fmt: skip
FIGURE_SIZE_PX = (700, 520)


@dataclass(frozen=True)
class Figures:
    """The handout's two pictures as PNG bytes (None where they could not be drawn)."""

    chain: bytes | None
    emg: bytes | None


def _png(figure: go.Figure) -> bytes | None:
    try:
        return figure.to_image(format="png", width=FIGURE_SIZE_PX[0], height=FIGURE_SIZE_PX[1])
    except Exception:  # noqa: BLE001 - kaleido raises several kinds when no browser is found
        return None


def draw_figures(content: Content) -> Figures:
    """Compute both figures (the EMG from a model run) and render them to PNG."""
    causes = content.chain.steps[-1]
    stages = [
        (for_audience(s.name, "patient"), for_audience(s.note, "patient")) for s in causes.stages
    ]
    chain = chain_figures.vertical_chain_figure(stages, "")
    severe = run_scenario(preset_scenario("severe", Scenario(duration_s=1.0)))
    healthy = run_scenario(Scenario(duration_s=1.0))
    traces = [run_emg(r, seed=1) for r in (severe, healthy)]
    labels = content.lab.labels
    emg = lab_figures.emg_figure(
        Trace(traces[0].t_s, traces[0].emg_mV, content.presets["severe"].label),
        Trace(traces[1].t_s, traces[1].emg_mV, labels.healthy), "",
    )  # fmt: skip
    return Figures(_png(chain), _png(emg))


@dataclass(frozen=True)
class Block:
    """A titled part of the handout: paragraphs, or a list with one item per line."""

    heading: str
    items: tuple[tuple[str, tuple[str, ...]], ...]
    """Each paragraph or list item with the reference keys it cites."""
    is_list: bool = False


def blocks(content: Content) -> list[Block]:
    """The handout's sections, then the urgent warning signs and the questions to ask (the
    same lists the app shows)."""
    site = content.site
    flags = site.red_flags
    return [
        *(
            Block(section.heading, tuple((p.text.strip(), p.refs) for p in section.paragraphs))
            for section in content.handout.sections
        ),
        Block(flags.heading.patient, ((flags.lead.patient, ()),)),
        Block("", tuple(zip(flags.items_for("patient"), (i.refs for i in flags.items), strict=True)), True),
        Block(content.handout.labels.questions, tuple((q, ()) for q in site.doctor_questions),
              True),
    ]  # fmt: skip


def _cited(parts: list[Block]) -> list[str]:
    """Reference keys in the order the handout first cites them."""
    keys: list[str] = []
    for block in parts:
        for _, refs in block.items:
            keys += [key for key in refs if key not in keys]
    return keys


def _item_text(text: str, refs: tuple[str, ...], numbers: dict[str, int]) -> str:
    marks = "".join(f"[{numbers[key]}]" for key in refs)
    return f"{text} {marks}".strip()


def handout_pdf(content: Content, figures: Figures) -> bytes:
    """Two A4 pages at most: title, the sections, the warning signs, the questions to ask, the
    two figures, read-more and references."""
    handout, labels = content.handout, content.handout.labels
    parts = blocks(content)
    keys = _cited(parts)
    numbers = {key: i for i, key in enumerate(keys, start=1)}
    pdf = FPDF(format="A4")
    pdf.set_margins(14, 12, 14)
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    def write(text: str, size: float, style: str = "", height: float = 5.0) -> None:
        pdf.set_font("Helvetica", style, size)
        pdf.multi_cell(
            width, height, text.translate(_PLAIN), new_x="LMARGIN", new_y="NEXT", align="L"
        )

    write(handout.title, 17, "B", 8)
    write(handout.subtitle, 9, "I")
    pdf.ln(2)
    for block in parts:
        if block.heading:
            write(block.heading, 11.5, "B", 6)
        for text, refs in block.items:
            bullet = "- " if block.is_list else ""
            write(bullet + _item_text(text, refs, numbers), 9.5, "", 4.6)
        pdf.ln(1.5)
    pictures = [(figures.chain, labels.figure_chain), (figures.emg, labels.figure_emg)]
    if all(png is not None for png, _ in pictures):
        half = (width - 6) / 2
        picture_h = half * FIGURE_SIZE_PX[1] / FIGURE_SIZE_PX[0]
        if pdf.get_y() + picture_h + 12 > pdf.h - pdf.b_margin:
            pdf.add_page()  # the pictures and their captions stay together on one page
        top = pdf.get_y()
        for index, (png, caption) in enumerate(pictures):
            x = pdf.l_margin + index * (half + 6)
            pdf.image(png, x=x, y=top, w=half)
            pdf.set_xy(x, top + picture_h + 1)
            pdf.set_font("Helvetica", "I", 7.5)
            pdf.multi_cell(half, 3.6, caption.translate(_PLAIN), align="L")
        pdf.set_y(top + picture_h + 12)
    else:
        write(labels.no_figures, 8, "I")
    reading = [page for page in content.site.further_reading if "patient" in page.audiences]
    write(labels.read_more, 10, "B", 5.5)
    for page in reading:
        write(f"{page.title} - {page.publisher}: {page.url}", 8, "", 3.8)
    pdf.ln(1)
    write(labels.references, 10, "B", 5.5)
    for key in keys:
        reference = content.references[key]
        write(f"[{numbers[key]}] {reference.citation} {reference.link}", 7, "", 3.2)
    pdf.ln(1)
    write(labels.made_with.format(date=f"{content.site.reviewed_on:%d %B %Y}"), 7, "I", 3.2)
    return bytes(pdf.output())


def handout_html(content: Content, figures: Figures) -> str:
    """The same handout as a self-contained web page that prints on one sheet."""
    handout, labels = content.handout, content.handout.labels
    handout_blocks = blocks(content)
    keys = _cited(handout_blocks)
    numbers = {key: i for i, key in enumerate(keys, start=1)}
    e = html.escape
    parts = [f"<h1>{e(handout.title)}</h1><p class='sub'>{e(handout.subtitle)}</p>"]
    for block in handout_blocks:
        if block.heading:
            parts.append(f"<h2>{e(block.heading)}</h2>")
        items = [e(_item_text(text, refs, numbers)) for text, refs in block.items]
        if block.is_list:
            parts.append("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")
        else:
            parts += [f"<p>{item}</p>" for item in items]
    pictures = [(figures.chain, labels.figure_chain), (figures.emg, labels.figure_emg)]
    if all(png is not None for png, _ in pictures):
        parts.append("<div class='figures'>" + "".join(
            f"<figure><img alt='{e(caption)}' src='data:image/png;base64,"
            f"{base64.b64encode(png).decode()}'><figcaption>{e(caption)}</figcaption></figure>"
            for png, caption in pictures) + "</div>")  # fmt: skip
    else:
        parts.append(f"<p class='sub'>{e(labels.no_figures)}</p>")
    reading = [page for page in content.site.further_reading if "patient" in page.audiences]
    parts.append(f"<h2>{e(labels.read_more)}</h2><ul>" + "".join(
        f"<li><a href='{e(str(p.url))}'>{e(p.title)}</a> - {e(p.publisher)}</li>" for p in reading
    ) + "</ul>")  # fmt: skip
    parts.append(f"<h2>{e(labels.references)}</h2><ol class='refs'>" + "".join(
        f"<li>{e(content.references[k].citation)} <a href='{e(content.references[k].link)}'>"
        f"{e(content.references[k].link)}</a></li>" for k in keys) + "</ol>")  # fmt: skip
    parts.append(f"<p class='sub'>{e(labels.made_with.format(date=content.site.reviewed_on))}</p>")
    style = (
        "body{font-family:sans-serif;max-width:46em;margin:1.5em auto;color:#1F2933;line-height:1.4}"
        "h1{margin-bottom:0}h2{font-size:1.1em;margin:1em 0 .2em}.sub{color:#555;font-size:.85em}"
        ".figures{display:flex;gap:1em}figure{flex:1;margin:0}img{width:100%}"
        "figcaption,.refs{font-size:.75em}@page{size:A4;margin:12mm}"
    )
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{e(handout.title)}"
            f"</title><style>{style}</style></head><body>{''.join(parts)}</body></html>")  # fmt: skip
