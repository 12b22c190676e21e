"""Load every file in data/ and check it, so a broken file stops the app with one clear message."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from explainer.content.interactive import (
    ChainContent,
    ClassroomContent,
    DiagnosisContent,
    GlossaryEntry,
    HandoutContent,
    LabContent,
    QuizQuestion,
    SymptomsContent,
)
from explainer.content.schema import Page, Preset, Reference, Site

T = TypeVar("T")
E = TypeVar("E", Reference, Preset)

DATA_DIR = Path(__file__).resolve().parents[2] / "data"


class ContentError(Exception):
    """A data file is missing, unreadable or invalid; the message names file, entry and field."""


@dataclass(frozen=True)
class Content:
    """Everything the pages show, validated."""

    site: Site
    references: dict[str, Reference]
    pages: dict[str, Page]
    presets: dict[str, Preset]
    lab: LabContent
    chain: ChainContent
    symptoms: SymptomsContent
    diagnosis: DiagnosisContent
    classroom: ClassroomContent
    quiz: tuple[QuizQuestion, ...]
    glossary: tuple[GlossaryEntry, ...]
    handout: HandoutContent

    def reference_number(self, key: str) -> int:
        """The 1-based number of a reference in the list on About & sources."""
        return list(self.references).index(key) + 1


def _read_yaml(path: Path) -> object:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ContentError(f"{path}: file is missing") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        raise ContentError(f"{path}{where}: not valid YAML: {error}") from None


def _describe_location(data: object, location: tuple[int | str, ...]) -> str:
    """Turn a pydantic error location into 'sections[2] (id 'why').body.patient[0].refs'."""
    parts: list[str] = []
    node = data
    for step in location:
        if isinstance(step, int):
            label = f"[{step}]"
            if isinstance(node, list) and step < len(node):
                node = node[step]
                if isinstance(node, dict) and ("id" in node or "key" in node):
                    label += (
                        f" ({'id' if 'id' in node else 'key'} {node.get('id', node.get('key'))!r})"
                    )
            parts.append(label)
        else:
            parts.append(f".{step}" if parts else str(step))
            node = node.get(step) if isinstance(node, dict) else None
    return "".join(parts) or "(top level)"


def _validate(adapter: TypeAdapter[T], path: Path) -> T:
    data = _read_yaml(path)
    try:
        return adapter.validate_python(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = _describe_location(data, tuple(first["loc"]))
        more = f" (and {error.error_count() - 1} more problems)" if error.error_count() > 1 else ""
        raise ContentError(f"{path}: {where}: {first['msg']}{more}") from None


def _check_cited_keys(path: Path, model: BaseModel, known: Iterable[str], where: str = "") -> None:
    """Every `refs` anywhere in `model` names a known reference; else say where it is not."""
    known = set(known)

    def label(node: object) -> str:
        key = getattr(node, "id", None)
        return f" (id {key!r})" if isinstance(key, str) else ""

    def walk(node: object, where: str) -> None:
        if isinstance(node, BaseModel):
            for name in type(node).model_fields:
                value = getattr(node, name)
                place = f"{where}.{name}" if where else name
                if name == "refs":
                    for key in value:
                        if key not in known:
                            raise ContentError(f"{path}: {place}: unknown reference key {key!r}")
                else:
                    walk(value, place)
        elif isinstance(node, tuple):
            for index, item in enumerate(node):
                walk(item, f"{where}[{index}]{label(item)}")
        elif isinstance(node, dict):
            for key, item in node.items():
                walk(item, f"{where}.{key}")

    walk(model, where)


def _keyed(path: Path, entries: tuple[E, ...], field: str) -> dict[str, E]:
    by_key: dict[str, E] = {}
    for index, entry in enumerate(entries):
        key = getattr(entry, field)
        if key in by_key:
            raise ContentError(f"{path}: [{index}] ({field} {key!r}): duplicate {field}")
        by_key[key] = entry
    return by_key


def load_presets(data_dir: Path = DATA_DIR) -> dict[str, Preset]:
    """The named scenarios of data/presets.yaml, by id."""
    path = data_dir / "presets.yaml"
    return _keyed(path, _validate(TypeAdapter(tuple[Preset, ...]), path), "id")


def load_content(data_dir: Path = DATA_DIR) -> Content:
    """Read and validate the YAML files under `data_dir` and check that they fit together."""
    site = _validate(TypeAdapter(Site), data_dir / "site.yaml")
    references_path = data_dir / "references.yaml"
    by_key = _keyed(
        references_path, _validate(TypeAdapter(tuple[Reference, ...]), references_path), "key"
    )
    presets = load_presets(data_dir)
    for index, preset in enumerate(presets.values()):
        _check_cited_keys(
            data_dir / "presets.yaml", preset, by_key, f"[{index}] (id {preset.id!r})"
        )
    lab_path = data_dir / "lab.yaml"
    lab = _validate(TypeAdapter(LabContent), lab_path)
    _check_cited_keys(lab_path, lab, by_key)
    page_files = sorted((data_dir / "pages").glob("*.yaml"))
    if not page_files:
        raise ContentError(f"{data_dir / 'pages'}: no page files found")
    pages: dict[str, Page] = {}
    for path in page_files:
        page = _validate(TypeAdapter(Page), path)
        if page.id != path.stem:
            raise ContentError(
                f"{path}: id: {page.id!r} does not match the file name {path.stem!r}"
            )
        _check_cited_keys(path, page, by_key)
        pages[page.id] = page
    for page_id, page in pages.items():
        for index, question in enumerate(page.questions):
            if question.page not in pages:
                raise ContentError(
                    f"{data_dir / 'pages' / page_id}.yaml: questions[{index}].page: "
                    f"unknown page {question.page!r}"
                )
    chain_path = data_dir / "chain.yaml"
    chain = _validate(TypeAdapter(ChainContent), chain_path)
    for index, step in enumerate(chain.steps):
        where = f"steps[{index}] (id {step.id!r})"
        _check_cited_keys(chain_path, step, by_key, where)
        for number, link in enumerate(step.links):
            if link.page not in pages or (link.preset and link.preset not in presets):
                raise ContentError(
                    f"{chain_path}: {where}.links[{number}]: unknown page {link.page!r} "
                    f"or preset {link.preset!r}"
                )
    symptoms_path = data_dir / "symptoms.yaml"
    symptoms = _validate(TypeAdapter(SymptomsContent), symptoms_path)
    step_ids = {step.id for step in chain.steps}
    for index, symptom in enumerate(symptoms.symptoms):
        where = f"symptoms[{index}] (id {symptom.id!r})"
        _check_cited_keys(symptoms_path, symptom, by_key, where)
        if symptom.step not in step_ids:
            raise ContentError(
                f"{symptoms_path}: {where}.step: unknown chain step {symptom.step!r}"
            )
        if symptom.preset not in presets:
            raise ContentError(
                f"{symptoms_path}: {where}.preset: unknown preset {symptom.preset!r}"
            )
    diagnosis_path = data_dir / "diagnosis.yaml"
    diagnosis = _validate(TypeAdapter(DiagnosisContent), diagnosis_path)
    for index, pattern in enumerate(diagnosis.emg_patterns):
        where = f"emg_patterns[{index}] (id {pattern.id!r})"
        _check_cited_keys(diagnosis_path, pattern, by_key, where)
        if pattern.preset not in presets:
            raise ContentError(
                f"{diagnosis_path}: {where}.preset: unknown preset {pattern.preset!r}"
            )
    classroom_path = data_dir / "classroom.yaml"
    classroom = _validate(TypeAdapter(ClassroomContent), classroom_path)
    _check_cited_keys(classroom_path, classroom, by_key)
    for index, step in enumerate(classroom.lesson.plan):
        if step.page not in pages:
            raise ContentError(
                f"{classroom_path}: lesson.plan[{index}].page: unknown page {step.page!r}"
            )
    quiz_path, glossary_path = data_dir / "quiz.yaml", data_dir / "glossary.yaml"
    quiz = _validate(TypeAdapter(tuple[QuizQuestion, ...]), quiz_path)
    glossary = _validate(TypeAdapter(tuple[GlossaryEntry, ...]), glossary_path)
    for path, entries in ((quiz_path, quiz), (glossary_path, glossary)):
        for index, entry in enumerate(entries):
            _check_cited_keys(path, entry, by_key, f"[{index}]")
    handout_path = data_dir / "handout.yaml"
    handout = _validate(TypeAdapter(HandoutContent), handout_path)
    _check_cited_keys(handout_path, handout, by_key)
    return Content(
        site=site, references=by_key, pages=pages, presets=presets, lab=lab, chain=chain,
        symptoms=symptoms, diagnosis=diagnosis, classroom=classroom, quiz=quiz,
        glossary=glossary, handout=handout,
    )  # fmt: skip
