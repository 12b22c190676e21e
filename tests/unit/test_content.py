"""The content in explainer/data/ is complete, consistent, cited and readable."""

import re
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
    assert len(CONTENT.references) >= 30


def test_every_reference_is_cited_somewhere():
    text = "\n".join(path.read_text(encoding="utf-8") for path in DATA_DIR.rglob("*.yaml")
                     if path.name != "references.yaml")  # fmt: skip
    cited = set(re.findall(r"\b[a-z][a-z0-9_]*\d{4}[a-z]?\b", text))
    assert set(CONTENT.references) <= cited, set(CONTENT.references) - cited


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


BLOCKER = "exercise 'blocker_vs_immunotherapy'"
UNSTATED = "      rate_at_90: {kv1: 0.9, quantity: spontaneous_rate_hz, value: 0}\n"
NUMBER_DAMAGES = {
    "placeholder without measurement": (
        "{rate_at_30} Hz", "{rate_at_03} Hz",
        rf"{BLOCKER}: the answer states \{{rate_at_03\}}, .* no entry for rate_at_03",
    ),
    "measurement without placeholder": (
        "      rate_at_60:", f"{UNSTATED}      rate_at_60:",
        rf"{BLOCKER}: `measured` entry rate_at_90 is stated in no answer",
    ),
    "threshold off its grid": (
        "any_fibre_fires, precision: 5, value: 80", "any_fibre_fires, precision: 5, value: 82",
        r"exercises\[0\] \(id 'onset'\)\.measured\.onset: .*a level of its 5 % grid",
    ),
}  # fmt: skip


@pytest.mark.parametrize("damage", NUMBER_DAMAGES)
def test_a_stated_number_must_be_measured_and_a_measured_one_stated(data_copy, damage):
    old, new, problem = NUMBER_DAMAGES[damage]
    _replace(data_copy / "classroom.yaml", old, new)
    with pytest.raises(ContentError, match=rf"classroom\.yaml: .*{problem}"):
        load_content(data_copy)


def _grade(texts: list[str]) -> float:
    return textstat.flesch_kincaid_grade(" ".join(t.replace("*", "") for t in texts))


@pytest.mark.parametrize("step", CONTENT.chain.steps, ids=lambda step: step.id)
def test_patient_text_of_each_chain_step_reads_at_grade_eight_or_below(step):
    texts = [paragraph.text for paragraph in step.body.patient]
    texts += [for_audience(stage.note, "patient") for stage in step.stages]
    assert _grade(texts) <= MAX_PATIENT_GRADE, step.id


CHAIN_JARGON = re.compile(r"Kv1|Na⁺|contactin|blocker|juxtaparanode", re.IGNORECASE)


def test_patient_words_in_the_chain_diagrams_are_plain():
    """Legends, labels, names and links beside the chain's diagrams use the patient text's
    own words (brakes, start buttons, helper protein), not the student's."""
    for step in CONTENT.chain.steps:
        words = [for_audience(text, "patient") for text in step.labels.values()]
        words += [for_audience(stage.name, "patient") for stage in step.stages]
        words += [for_audience(link.label, "patient") for link in step.links]
        jargon = [text for text in words if CHAIN_JARGON.search(re.sub(r"\{\w+\}", "", text))]
        assert not jargon, (step.id, jargon)


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


# --- Patient safety ------------------------------------------------------------------------
DRUG_NAMES = re.compile(
    r"carbamazepine|phenytoin|oxcarbazepine|lamotrigine|mexiletine|valproate|gabapentin|"
    r"pregabalin|anti-seizure medicine|epilepsy medicine|azathioprine|mycophenolate|"
    r"rituximab|oxaliplatin|prednisolone|steroid tablets|IVIG|immunoglobulin drip",
    re.IGNORECASE,
)


def _normal(text: str) -> str:
    return " ".join(text.replace("*", "").split())


def _patient_text_groups() -> list[tuple[str, str]]:
    """Every text a patient reads, grouped as it is shown together (a section, a step, an
    entry), with where it comes from."""
    c = CONTENT
    groups = [
        (f"{page.id}.{section.id}", " ".join(p.text for p in section.body.patient))
        for page in c.pages.values() for section in page.sections
    ]  # fmt: skip
    for step in c.chain.steps:  # a step's stages are drawn beside its words
        words = [p.text for p in step.body.patient]
        words += [for_audience(stage.note, "patient") for stage in step.stages]
        groups.append((f"chain.{step.id}", " ".join(words)))
    groups += [(f"symptom.{s.id}", s.mechanism.patient) for s in c.symptoms.symptoms]
    groups += [(f"glossary.{e.term}", e.definition) for e in c.glossary]
    groups += [
        (f"quiz.{q.id}", " ".join([q.patient.question, *q.patient.options, q.patient.explanation]))
        for q in c.quiz
    ]
    groups += [
        (f"exercise.{e.id}", " ".join(for_audience(t, "patient") for t in (e.task, e.answer)))
        for e in c.classroom.exercises if "patient" in e.audiences
    ]  # fmt: skip
    groups += [
        (f"handout.{s.heading}", " ".join(p.text for p in s.paragraphs)) for s in c.handout.sections
    ]
    groups += [(f"emg.{e.id}", e.description.patient) for e in c.diagnosis.emg_patterns]
    lab = c.lab
    groups += [(f"lab.feeling.{f.id}", f.text.patient) for f in lab.feelings]
    groups += [(f"lab.pattern.{k}", v.explanation.patient) for k, v in lab.patterns.items()]
    return groups


def test_no_patient_text_names_a_medicine_without_the_safety_sentence():
    safety = _normal(CONTENT.site.medicine_safety)
    for where, text in _patient_text_groups():
        if DRUG_NAMES.search(text):
            assert safety in _normal(text), f"{where} names a medicine without: {safety}"


MIN_SCORED_WORDS = 15  # shorter texts give unstable grades (the clinical review's threshold)


def test_every_patient_text_reads_at_grade_eight_or_below_on_its_own():
    """Not only on average: each text a patient reads together (a section, a step, a quiz
    question, a glossary entry, a handout section) of at least 15 words is at grade 8 or
    below."""
    c = CONTENT
    shown_to_all = [(f"preset.{p.id}", p.description) for p in c.presets.values()]
    shown_to_all += [(f"organisation.{o.id}", o.covers) for o in c.site.organisations]
    shown_to_all += [(f"about.change[{i}]", text) for i, text in enumerate(c.site.changes)]
    too_hard = {
        where: round(_grade([text]), 1)
        for where, text in [*_patient_text_groups(), *shown_to_all]
        if len(text.split()) >= MIN_SCORED_WORDS and _grade([text]) > MAX_PATIENT_GRADE
    }
    assert not too_hard, too_hard


MAX_NEW_TERMS_PER_SENTENCE = 1  # issue 11: one new term per sentence on the patient path


def test_no_patient_sentence_brings_more_than_one_new_glossary_term():
    """Plain language: new words come one at a time. A glossary term counts as new
    the first time a text a patient reads together uses it (a glossary entry's own term is
    not new in its definition)."""
    from explainer.ui.text import _glossary_pattern

    pattern, by_word = _glossary_pattern(CONTENT.glossary)
    crowded = []
    for where, text in _patient_text_groups():
        seen = {where.removeprefix("glossary.")} if where.startswith("glossary.") else set()
        for sentence in re.split(r"(?<=[.!?:])\s+", _normal(text)):
            terms = {by_word[m.group(0).lower()].term for m in pattern.finditer(sentence)}
            if len(terms - seen) > MAX_NEW_TERMS_PER_SENTENCE:
                crowded.append((where, sorted(terms - seen), sentence))
            seen |= terms
    assert not crowded, crowded


def test_patient_words_never_call_the_medicines_calming():
    for where, text in _patient_text_groups():
        assert "calming medicine" not in text.lower(), where


def test_red_flags_read_at_grade_eight_or_below_one_short_item_per_line():
    flags = CONTENT.site.red_flags
    assert _grade([flags.lead.patient, *flags.items_for("patient")]) <= MAX_PATIENT_GRADE
    for item in flags.items_for("patient"):
        assert len(item.split()) <= 16, item


def test_red_flags_cover_breathing_myasthenia_brain_and_medicine_reactions():
    text = " ".join(CONTENT.site.red_flags.items_for("patient")).lower()
    for sign in ("breathing", "swallowing", "eyelids", "double vision", "confusion",
                 "seizure", "heartbeat", "new medicine"):  # fmt: skip
        assert sign in text, sign
    assert "emergency" in CONTENT.site.red_flags.lead.patient


def test_patient_quiz_reads_at_grade_eight_or_below():
    texts = [f"{q.patient.question} {q.patient.explanation}" for q in CONTENT.quiz]
    assert _grade(texts) <= MAX_PATIENT_GRADE


def test_patient_texts_of_handout_glossary_and_living_read_at_grade_eight_or_below():
    handout = [p.text for s in CONTENT.handout.sections for p in s.paragraphs]
    assert _grade(handout) <= MAX_PATIENT_GRADE
    assert _grade([e.definition for e in CONTENT.glossary]) <= MAX_PATIENT_GRADE
    assert _grade(list(CONTENT.site.doctor_questions)) <= MAX_PATIENT_GRADE
    assert _grade([CONTENT.site.model_notice, CONTENT.site.medicine_safety]) <= MAX_PATIENT_GRADE


def test_myasthenia_gravis_and_repeat_tumour_screening_reach_every_audience():
    for audience in AUDIENCES:
        shown = " ".join(
            p.text for page in CONTENT.pages.values() for section in page.sections
            for p in section.body.for_audience(audience)
        ).lower()  # fmt: skip
        shown += " ".join(
            p.text for step in CONTENT.chain.steps for p in step.body.for_audience(audience)
        ).lower()
        assert "myasthenia gravis" in shown, audience
        assert re.search(r"repeat|over the years|periodically|surveillance", shown), audience


def test_every_web_address_in_data_was_checked():
    checked = {str(link.url).rstrip("/") for link in CONTENT.site.checked_links}
    for path in DATA_DIR.rglob("*.yaml"):
        if path.name == "references.yaml":
            continue  # citations link by DOI or PubMed, which do not rot
        for url in re.findall(r"https?://[^\s'\")>\]]+", path.read_text(encoding="utf-8")):
            assert url.rstrip("/") in checked, f"{path.name}: {url} is not in checked_links"


DAMAGES = {
    "deleted": None,
    "not YAML": "key: [unclosed\n",
    "empty": "",
    "wrong shape": "- just a list\n- of words\n",
}


@pytest.mark.parametrize("damage", DAMAGES)
@pytest.mark.parametrize(
    "name", sorted(str(p.relative_to(DATA_DIR)) for p in DATA_DIR.rglob("*.yaml"))
)
def test_any_damaged_file_stops_loading_with_a_message_naming_it(data_copy: Path, name, damage):
    path = data_copy / name
    if DAMAGES[damage] is None:
        path.unlink()
    else:
        path.write_text(DAMAGES[damage], encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_content(data_copy)
    (first_line, *_) = str(error.value).splitlines()
    assert path.name in first_line


def test_a_page_file_the_app_has_no_page_for_is_rejected(data_copy: Path):
    shutil.copy(data_copy / "pages" / "home.yaml", data_copy / "pages" / "moon.yaml")
    with pytest.raises(ContentError, match=r"moon\.yaml: no such page in the app"):
        load_content(data_copy)
