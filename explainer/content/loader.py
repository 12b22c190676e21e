"""Load and check every file in explainer/data/: a broken file stops the app with one message."""

from __future__ import annotations

import importlib.resources
from collections.abc import Collection, Mapping
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
from explainer.content.schema import PAGE_IDS, NormalRange, Page, Preset, Reference, Site

T = TypeVar("T")
E = TypeVar("E", Reference, Preset)

# Inside the package, so an installed copy (`pip install .`) finds it from any folder.
DATA_DIR = Path(str(importlib.resources.files("explainer") / "data"))


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
    excitability_norms: tuple[NormalRange, ...]

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


KIND = {
    "refs": "reference key", "model_refs": "reference key", "page": "page", "preset": "preset",
    "step": "chain step",
}  # fmt: skip


def _check_keys(path: Path, model: object, known: Mapping[str, Collection[str]]) -> None:
    """Every field named like a key of `known` (refs, model_refs, page, preset, step)
    anywhere in `model` names something that exists; else one error naming file, entry and
    field."""

    def label(node: object) -> str:
        key = getattr(node, "id", None)
        return f" (id {key!r})" if isinstance(key, str) else ""

    def walk(node: object, where: str) -> None:
        if isinstance(node, BaseModel):
            for name in type(node).model_fields:
                value = getattr(node, name)
                place = f"{where}.{name}" if where else name
                if name not in known:
                    walk(value, place)
                    continue
                for key in value if isinstance(value, tuple) else (value,):
                    if key is not None and key not in known[name]:
                        raise ContentError(f"{path}: {place}: unknown {KIND[name]} {key!r}")
        elif isinstance(node, tuple):
            for index, item in enumerate(node):
                walk(item, f"{where}[{index}]{label(item)}")
        elif isinstance(node, dict):
            for key, item in node.items():
                walk(item, f"{where}.{key}")

    walk(model, "")


def _keyed(path: Path, entries: tuple[E, ...], field: str) -> dict[str, E]:
    by_key: dict[str, E] = {}
    for index, entry in enumerate(entries):
        key = getattr(entry, field)
        if key in by_key:
            raise ContentError(f"{path}: [{index}] ({field} {key!r}): duplicate {field}")
        by_key[key] = entry
    return by_key


def load_presets(data_dir: Path = DATA_DIR) -> dict[str, Preset]:
    """The named scenarios of explainer/data/presets.yaml, by id."""
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
    pages_dir = data_dir / "pages"
    unknown = sorted(p.name for p in pages_dir.glob("*.yaml") if p.stem not in PAGE_IDS)
    if unknown:
        raise ContentError(f"{pages_dir}: {', '.join(unknown)}: no such page in the app")
    pages: dict[str, Page] = {}
    for page_id in PAGE_IDS:
        path = pages_dir / f"{page_id}.yaml"
        page = _validate(TypeAdapter(Page), path)
        if page.id != path.stem:
            raise ContentError(
                f"{path}: id: {page.id!r} does not match the file name {path.stem!r}"
            )
        pages[page.id] = page
    files = {
        "lab": (LabContent, "lab.yaml"),
        "chain": (ChainContent, "chain.yaml"),
        "symptoms": (SymptomsContent, "symptoms.yaml"),
        "diagnosis": (DiagnosisContent, "diagnosis.yaml"),
        "classroom": (ClassroomContent, "classroom.yaml"),
        "quiz": (tuple[QuizQuestion, ...], "quiz.yaml"),
        "glossary": (tuple[GlossaryEntry, ...], "glossary.yaml"),
        "handout": (HandoutContent, "handout.yaml"),
        "excitability_norms": (tuple[NormalRange, ...], "excitability_norms.yaml"),
    }
    loaded = {
        name: _validate(TypeAdapter(kind), data_dir / file) for name, (kind, file) in files.items()
    }
    known = {
        "refs": by_key.keys(),
        "model_refs": by_key.keys(),
        "page": pages.keys(),
        "preset": presets.keys(),
        "step": {step.id for step in loaded["chain"].steps},
    }
    for path, model in [
        (data_dir / "presets.yaml", tuple(presets.values())),
        *((data_dir / "pages" / f"{page_id}.yaml", page) for page_id, page in pages.items()),
        *((data_dir / file, loaded[name]) for name, (_, file) in files.items()),
    ]:
        _check_keys(path, model, known)
    return Content(site=site, references=by_key, pages=pages, presets=presets, **loaded)
