"""Every page renders in every audience, through app.py, with its frame (AppTest)."""

import re
import shutil
from pathlib import Path

import pytest

from explainer.content import AUDIENCES, load_content
from explainer.ui.navigation import PAGE_IDS

CONTENT = load_content()


def _all_text(app) -> str:
    """Every text on the page, without the glossary's tooltip markup (<abbr title=…>)."""
    parts = [
        element.value
        for element in (*app.markdown, *app.caption, *app.title, *app.header, *app.info)
    ]
    return re.sub(r"<abbr [^>]*>|</abbr>", "", "\n".join(str(part) for part in parts))


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("page_id", PAGE_IDS)
def test_page_renders_in_audience(open_app, page_id, audience):
    app = open_app(page_id, audience=audience)
    assert not app.exception, app.exception
    text = _all_text(app)
    first_section = CONTENT.pages[page_id].sections[0]
    assert first_section.heading_for(audience) in text
    assert first_section.body.for_audience(audience)[0].text.split()[0] in text
    assert CONTENT.site.disclaimer.for_audience(audience) in text
    assert "Content reviewed on" in text
    flags = CONTENT.site.red_flags.items_for("patient")
    assert all(flag in text for flag in flags) == (audience == "patient")
    assert app.sidebar.radio(key="audience_picker").value == audience


def test_page_lists_its_glossary_words_for_touch_and_keyboard(open_app):
    """Tooltips need a mouse: the words a page explains are also in a panel under it."""
    app = open_app("chain", audience="patient")
    panel = next(e for e in app.expander if e.label.startswith("Words on this page"))
    listed = " ".join(str(element.value) for element in panel.markdown)
    shown = "\n".join(str(element.value) for element in app.markdown)
    tooltips = set(re.findall(r'<abbr title="([^:"]+):', shown))
    assert tooltips and all(f"**{term}**" in listed for term in tooltips)
    assert panel.label == f"Words on this page ({len(tooltips)})"


def test_audience_picker_changes_text_and_url(open_app):
    app = open_app("home")
    app.sidebar.radio(key="audience_picker").set_value("clinician").run()
    assert not app.exception
    assert app.query_params["audience"] == "clinician"
    assert CONTENT.pages["home"].sections[0].heading_for("clinician") in _all_text(app)


def test_audience_survives_page_switch(open_app):
    app = open_app("chain", audience="student")
    assert app.sidebar.radio(key="audience_picker").value == "student"
    assert app.query_params["audience"] == "student"


def test_junk_url_shows_notice_and_falls_back(open_app):
    app = open_app("home", audience="wizard", kv1="lots")
    assert not app.exception
    notices = " ".join(element.value for element in app.info)
    assert "audience=wizard" in notices
    assert "kv1=lots" in notices
    assert app.sidebar.radio(key="audience_picker").value == "patient"


def test_citation_chips_link_to_reference_list(open_app):
    app = open_app("home", audience="student")
    chips = [m.value for m in app.markdown if "#ref-" in m.value]
    assert chips
    assert "./about?audience=student#ref-" in chips[0]


def test_about_lists_every_reference_with_anchor(open_app):
    app = open_app("about")
    text = _all_text(app)
    for key in CONTENT.references:
        assert f'id="ref-{key}"' in text


@pytest.mark.parametrize("page_id", ["lab", "diagnosis"])
def test_patients_see_that_the_model_gives_no_advice(open_app, page_id):
    text = _all_text(open_app(page_id, audience="patient"))
    assert CONTENT.site.model_notice in text


def test_patients_see_the_medicine_safety_sentence_beside_the_lab_medicine(open_app):
    app = open_app("lab", audience="patient", preset="carbamazepine")
    assert CONTENT.site.medicine_safety in _all_text(app)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_the_questions_for_the_doctor_come_with_the_handout_they_point_to(open_app, audience):
    app = open_app("living", audience=audience)
    prepare = [b for b in app.button if b.label == CONTENT.handout.labels.prepare]
    assert len(prepare) == 1


def test_about_lists_what_the_review_changed(open_app):
    text = _all_text(open_app("about", audience="patient"))
    assert all(change.split()[0] in text for change in CONTENT.site.changes)


def test_a_broken_content_file_shows_one_message_not_a_traceback(open_app, monkeypatch, tmp_path):
    from explainer.content.loader import DATA_DIR
    from explainer.ui import text

    broken = Path(shutil.copytree(DATA_DIR, tmp_path / "data"))
    (broken / "presets.yaml").write_text("- id: healthy\n  label: [unclosed\n", encoding="utf-8")
    monkeypatch.setattr(text, "DATA_DIR", broken)
    app = open_app("home")
    assert not app.exception
    (error,) = app.error
    assert "could not be loaded" in error.value and "presets.yaml (line" in error.value


@pytest.mark.parametrize("page_id", ["home", "lab"])
def test_the_audience_can_be_chosen_on_the_page_itself(open_app, page_id):
    app = open_app(page_id, audience="patient")
    app.radio(key="audience_on_page").set_value("student").run()
    assert not app.exception
    assert app.query_params["audience"] == "student"
    assert CONTENT.pages[page_id].sections[0].heading_for("student") in _all_text(app)
    assert app.sidebar.radio(key="audience_picker").value == "student"
    assert app.radio(key="audience_on_page").value == "student"
