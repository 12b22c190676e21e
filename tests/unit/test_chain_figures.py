"""The chain's figures fit a phone and stay readable."""

import re

from explainer.content import AUDIENCES, load_content
from explainer.content.schema import for_audience
from explainer.diagrams import chain as figures
from explainer.diagrams.style import GREEN_TEXT

CHAIN = load_content().chain


def contrast_on_white(colour: str) -> float:
    """WCAG 2 contrast ratio of `colour` (#RRGGBB) on white."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def test_treatment_notes_wrap_to_fit_a_phone_in_a_readable_colour():
    for audience in AUDIENCES:
        stages = [(for_audience(s.name, audience), for_audience(s.note, audience))
                  for s in CHAIN.steps[-1].stages]  # fmt: skip
        figure = figures.vertical_chain_figure(stages, "")
        for annotation in figure.layout.annotations:
            for line in re.sub(r"<(?!br>)[^>]+>", "", annotation.text).split("<br>"):
                assert len(line) <= figures.STAGE_LINE_CHARS, line
    assert contrast_on_white(GREEN_TEXT) >= 4.5


def test_motor_unit_dots_sit_on_top_and_names_in_clear_space():
    parts = [figures.Part(p.id, p.name, p.x, p.y, p.label_x, p.label_y, p.label_anchor)
             for p in CHAIN.steps[0].parts]  # fmt: skip
    figure = figures.motor_unit_figure(parts, None, "")
    assert all(shape.layer == "below" for shape in figure.layout.shapes)
    x_range, y_range = figure.layout.xaxis.range, figure.layout.yaxis.range
    for part in parts:
        assert x_range[0] <= part.label_x <= x_range[1] and y_range[0] <= part.label_y <= y_range[1]
        for shape in figure.layout.shapes:  # a name's point is outside every drawn part
            inside_x = min(shape.x0, shape.x1) <= part.label_x <= max(shape.x0, shape.x1)
            inside_y = min(shape.y0, shape.y1) <= part.label_y <= max(shape.y0, shape.y1)
            assert not (inside_x and inside_y), part.name
