"""Schemas of the texts and references in explainer/data/ (validated with pydantic at start-up).

Every piece of reader-facing text exists once per audience; every paragraph lists the
reference keys it relies on, and those keys must exist in explainer/data/references.yaml.
"""

from __future__ import annotations

import datetime as dt
import string
from typing import Annotated, Generic, Literal, TypeVar, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    field_validator,
    model_validator,
)

Audience = Literal["patient", "student", "clinician"]
AUDIENCES: tuple[Audience, ...] = get_args(Audience)
PAGE_IDS: tuple[str, ...] = (
    "home", "chain", "lab", "symptoms", "diagnosis", "living", "classroom", "about",
)  # fmt: skip
"""Page ids in navigation order (each also names explainer/data/pages/<id>.yaml, its script in
explainer/pages/ and its URL path); Home is the default."""

SLUG_PATTERN = r"^[a-z][a-z0-9_]*$"

T = TypeVar("T")


class Strict(BaseModel):
    """Base for every content model: unknown fields are errors, objects are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Reference(Strict):
    """One published source, cited by its key."""

    key: str = Field(pattern=SLUG_PATTERN)
    authors: str | None = Field(default=None, min_length=2)
    """None when no source read showed them: the citation then starts with the title."""
    title: str = Field(min_length=5)
    journal: str = Field(min_length=2)
    year: int = Field(ge=1900, le=2100)
    volume: str | None = None
    pages: str | None = None
    doi: str | None = Field(default=None, pattern=r"^10\.\d{4,9}/\S+$")
    pmid: str | None = Field(default=None, pattern=r"^\d{5,9}$")
    url: HttpUrl | None = None

    @model_validator(mode="after")
    def _has_identifier(self) -> Reference:
        if not (self.doi or self.pmid):
            raise ValueError("a reference needs a DOI or a PMID")
        return self

    @property
    def link(self) -> str:
        """The best address of the source: its own URL, else its DOI, else PubMed."""
        if self.url:
            return str(self.url)
        if self.doi:
            return f"https://doi.org/{self.doi}"
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"

    @property
    def citation(self) -> str:
        """A one-line citation in Vancouver style."""
        authors = f"{self.authors.rstrip('.')}. " if self.authors else ""
        parts = [f"{authors}{self.title.rstrip('.')}. {self.journal} {self.year}"]
        if self.volume:
            parts.append(f";{self.volume}")
        if self.pages:
            parts.append(f":{self.pages}")
        return "".join(parts) + "."


class Paragraph(Strict):
    """A paragraph of Markdown text and the reference keys its claims rest on."""

    text: str = Field(min_length=1)
    refs: tuple[str, ...] = ()


class PerAudience(Strict, Generic[T]):
    """The same slot written for each audience."""

    patient: T
    student: T
    clinician: T

    def for_audience(self, audience: Audience) -> T:
        return getattr(self, audience)


Text = PerAudience[str] | str
"""A text that is either the same for everyone or written per audience."""


def for_audience(text: Text, audience: Audience) -> str:
    return text if isinstance(text, str) else text.for_audience(audience)


class Section(Strict):
    """A titled block of a page."""

    id: str = Field(pattern=SLUG_PATTERN)
    heading: Text
    body: PerAudience[tuple[Paragraph, ...]]

    def heading_for(self, audience: Audience) -> str:
        return for_audience(self.heading, audience)


class Question(Strict):
    """A reader's question on Home, pointing to the page that answers it."""

    question: Text
    page: str = Field(pattern=SLUG_PATTERN)
    hint: Text

    def text_for(self, field: Literal["question", "hint"], audience: Audience) -> str:
        return for_audience(getattr(self, field), audience)


class Page(Strict):
    """The content of one page of the app."""

    id: str = Field(pattern=SLUG_PATTERN)
    title: str
    icon: str = Field(pattern=r"^:material/[a-z_]+:$")
    summary: str = Field(min_length=10, description="One line for navigation and Home.")
    sections: tuple[Section, ...] = ()
    questions: tuple[Question, ...] = ()

    @field_validator("sections")
    @classmethod
    def _unique_section_ids(cls, sections: tuple[Section, ...]) -> tuple[Section, ...]:
        ids = [section.id for section in sections]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"duplicate section ids: {', '.join(duplicates)}")
        return sections


class AudienceInfo(Strict):
    label: str
    description: str


class FurtherReading(Strict):
    """A reputable page for readers (not a citation for a claim)."""

    title: str
    publisher: str
    url: HttpUrl
    audiences: tuple[Audience, ...]


class ModelSettings(Strict):
    """The channels, drug and temperature of a run (names as the `explainer-sim` options)."""

    kv1: float = Field(default=1.0, ge=0.0, le=1.0)
    kv7: float = Field(default=1.0, ge=0.0, le=1.0)
    na_block: float = Field(default=0.0, ge=0.0, le=1.0)
    temperature: float = Field(default=37.0, ge=30.0, le=40.0)


class PresetSettings(ModelSettings):
    """The model settings of a preset."""

    site: Literal["ending", "whole_axon"] = "ending"
    """Where the channels are changed: the axon endings (antibodies) or the whole axon
    (inherited variants; the trunk's excitability changes too)."""


class NormalRange(Strict):
    """A published human value of one nerve-excitability index, and the band the model's
    healthy trunk must fall in (tests/model/test_excitability.py)."""

    id: str = Field(pattern=SLUG_PATTERN)
    """The index's name in the model's excitability summary, or (``activity_…``) a measure of
    :mod:`explainer.model.activity`."""
    label: str
    unit: str
    low: float
    high: float
    published: str
    """What the cited sources report (mean ± spread, n), in words."""
    basis: str
    """How the band was set from it."""
    refs: tuple[str, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _ordered(self) -> NormalRange:
        if not self.low < self.high:
            raise ValueError(f"low ({self.low}) must be below high ({self.high})")
        return self


class Preset(Strict):
    """A named scenario of the Nerve lab: a label, a description and its model settings."""

    id: str = Field(pattern=SLUG_PATTERN)
    label: str
    description: str
    settings: PresetSettings
    refs: tuple[str, ...] = ()


class RedFlag(Strict):
    """One warning sign that needs urgent medical help: one short line."""

    text: Text
    refs: tuple[str, ...] = Field(min_length=1)


class RedFlags(Strict):
    """The one list of urgent warning signs, shown on Symptoms, in the patient footer and on
    the handout (the same words everywhere)."""

    heading: PerAudience[str]
    lead: PerAudience[str]
    items: tuple[RedFlag, ...] = Field(min_length=3)

    def items_for(self, audience: Audience) -> tuple[str, ...]:
        return tuple(for_audience(item.text, audience) for item in self.items)


class Organisation(Strict):
    """A patient organisation or a directory of expert centres (checked to exist)."""

    id: str = Field(pattern=SLUG_PATTERN)
    name: str
    country: str
    covers: str = Field(description="What it is for, in plain words.")
    url: HttpUrl


class CheckedLink(Strict):
    """A web address the app shows, with when and how it was checked to exist."""

    url: HttpUrl
    checked_on: dt.date
    how: str = Field(min_length=10)


def placeholders(text: str) -> set[str]:
    """The names of a text's `{placeholders}`."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def Template(*names: str) -> object:
    """A text with `{placeholders}` filled by the app; only `names` may be used, so a
    misspelt placeholder fails at load time, not when the text is shown."""

    def check(text: str) -> str:
        used = placeholders(text)
        unknown = sorted(used - set(names))
        if unknown:
            allowed = ", ".join("{" + name + "}" for name in names)
            raise ValueError(f"unknown placeholder {{{unknown[0]}}} (allowed: {allowed})")
        return text

    return Annotated[str, AfterValidator(check)]


class SiteLabels(Strict):
    """Interface words shared by every page (the frame, Home and About)."""

    audience_picker: str
    audience_help: str
    url_notice: str
    reviewed_on: Template("date")
    sources_link: str
    questions_heading: str
    references: str
    references_caption: str
    further_reading: str
    reviewed: str
    last_reviewed: Template("date")
    review_changes: str
    words_on_page: Template("count")


class Site(Strict):
    """Site-wide texts: name, review date, disclaimer, safety texts, audiences, links."""

    name: str
    tagline: str
    labels: SiteLabels
    reviewed_on: dt.date
    changes: tuple[str, ...] = Field(min_length=1, description="What the last review changed.")
    disclaimer: PerAudience[str]
    model_notice: str = Field(description="Shown to patients above the lab and the treatments.")
    medicine_safety: str = Field(description="Said to patients wherever a medicine is named.")
    red_flags: RedFlags
    doctor_questions: tuple[str, ...] = Field(min_length=3)
    audiences: PerAudience[AudienceInfo]
    further_reading: tuple[FurtherReading, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    checked_links: tuple[CheckedLink, ...] = Field(min_length=1)
