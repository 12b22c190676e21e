"""The content in data/ is complete, consistent, cited and readable."""

import shutil
from pathlib import Path

import pytest
import textstat

from explainer.content import AUDIENCES, ContentError, load_content
from explainer.content.loader import DATA_DIR
from explainer.content.schema import for_audience
from explainer.ui.navigation import PAGE_IDS, page_script

CONTENT = load_content()
MAX_PATIENT_GRADE = 8.0


def test_every_navigation_page_has_content_and_a_script():
    assert set(PAGE_IDS) == set(CONTENT.pages)
    for page_id in PAGE_IDS:
        assert page_script(page_id).is_file()


def test_every_cited_key_exists_in_references():
    cited = {
        key
        for page in CONTENT.pages.values()
        for section in page.sections
        for audience in AUDIENCES
        for paragraph in section.body.for_audience(audience)
        for key in paragraph.refs
    }
    assert cited, "the pages cite nothing"
    assert cited <= set(CONTENT.references)


def test_every_reference_has_pmid_or_doi():
    for reference in CONTENT.references.values():
        assert reference.pmid or reference.doi, reference.key


def test_enough_real_references():
    assert len(CONTENT.references) >= 15


def test_every_page_has_text_for_every_audience():
    for page in CONTENT.pages.values():
        assert page.sections, page.id
        for section in page.sections:
            for audience in AUDIENCES:
                assert section.body.for_audience(audience), (page.id, section.id, audience)


@pytest.mark.parametrize("page_id", PAGE_IDS)
def test_patient_text_reads_at_grade_eight_or_below(page_id):
    paragraphs = [
        paragraph.text.replace("*", "")
        for section in CONTENT.pages[page_id].sections
        for paragraph in section.body.patient
    ]
    grade = textstat.flesch_kincaid_grade(" ".join(paragraphs))
    assert grade <= MAX_PATIENT_GRADE, f"{page_id}: patient text at grade {grade:.1f}"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DATA_DIR, tmp_path / "data"))


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_unknown_reference_key_names_file_entry_and_field(data_copy: Path):
    _replace(data_copy / "pages" / "home.yaml", "refs: [maddison2006]", "refs: [nobody2099]")
    with pytest.raises(ContentError) as error:
        load_content(data_copy)
    message = str(error.value)
    assert "home.yaml" in message
    assert "sections[0] (id 'one_minute').body.patient[0].refs" in message
    assert "nobody2099" in message


def test_missing_field_names_file_entry_and_field(data_copy: Path):
    _replace(data_copy / "pages" / "chain.yaml", "    heading: The chain in four links\n", "")
    with pytest.raises(
        ContentError, match=r"chain\.yaml: sections\[0\] \(id 'overview'\)\.heading"
    ):
        load_content(data_copy)


def test_reference_without_identifier_is_rejected(data_copy: Path):
    path = data_copy / "references.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + '- {key: noid2000, authors: "Doe J", title: "No identifier at all", '
        'journal: "Nowhere", year: 2000}\n',
        encoding="utf-8",
    )
    with pytest.raises(ContentError, match=r"noid2000.*DOI or a PMID"):
        load_content(data_copy)


def test_broken_yaml_gives_line_number(data_copy: Path):
    (data_copy / "site.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"site\.yaml \(line \d+"):
        load_content(data_copy)


def test_question_pointing_to_unknown_page_is_rejected(data_copy: Path):
    _replace(data_copy / "pages" / "home.yaml", "page: lab", "page: moon")
    with pytest.raises(
        ContentError, match=r"home\.yaml: questions\[1\]\.page: unknown page 'moon'"
    ):
        load_content(data_copy)


def _grade(texts: list[str]) -> float:
    return textstat.flesch_kincaid_grade(" ".join(t.replace("*", "") for t in texts))


@pytest.mark.parametrize("step", CONTENT.chain.steps, ids=lambda step: step.id)
def test_patient_text_of_each_chain_step_reads_at_grade_eight_or_below(step):
    texts = [paragraph.text for paragraph in step.body.patient]
    texts += [for_audience(stage.note, "patient") for stage in step.stages]
    assert _grade(texts) <= MAX_PATIENT_GRADE, step.id


def test_patient_text_of_the_lab_reads_at_grade_eight_or_below():
    lab = CONTENT.lab
    texts = [feeling.text.patient for feeling in lab.feelings] + [lab.calm.patient]
    texts += [chart.summary.patient for chart in lab.charts.values()]
    texts += [info.explanation.patient for info in lab.patterns.values()]
    assert _grade(texts) <= MAX_PATIENT_GRADE


def test_lab_chart_summaries_fill_from_the_run_numbers():
    # Every placeholder a summary uses is one the lab provides (explainer/ui/lab_views.py).
    provided = dict.fromkeys(
        ["rate", "active_pct", "doublets", "multiplets", "neuromyotonic", "max_hz", "force",
         "resting_force", "kv1_pct", "protocol", "units", "duration"], "1"
    )  # fmt: skip
    for chart in CONTENT.lab.charts.values():
        for audience in AUDIENCES:
            chart.summary.for_audience(audience).format(**provided)


def test_patient_text_of_the_symptoms_reads_at_grade_eight_or_below():
    texts = [symptom.mechanism.patient for symptom in CONTENT.symptoms.symptoms]
    assert _grade(texts) <= MAX_PATIENT_GRADE


def test_glossary_terms_get_one_tooltip_each():
    from explainer.ui.text import with_glossary

    marked = with_glossary(CONTENT, "Kv1 sits beside the node; Kv1 again. EMG and emg.")
    assert marked.count("<abbr") == 3  # Kv1, node, EMG: the first use of each only
    assert marked.count(">Kv1</abbr>") == 1 and "; Kv1 again" in marked


def test_unknown_preset_or_step_in_a_symptom_is_named(data_copy: Path):
    _replace(data_copy / "symptoms.yaml", "preset: moderate", "preset: gone")
    with pytest.raises(
        ContentError,
        match=r"symptoms\.yaml: symptoms\[0\] \(id 'twitching'\)\.preset: unknown preset 'gone'",
    ):
        load_content(data_copy)
    _replace(data_copy / "symptoms.yaml", "preset: gone", "preset: moderate")
    _replace(data_copy / "symptoms.yaml", "step: firing", "step: nowhere")
    with pytest.raises(ContentError, match=r"\.step: unknown chain step 'nowhere'"):
        load_content(data_copy)
