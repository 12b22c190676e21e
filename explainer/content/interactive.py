"""Schemas of the interactive pages' words in data/: Nerve lab, chain walkthrough, symptoms.

Validated with pydantic at start-up, like every other file in data/ (see schema.py).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from explainer.content.schema import (
    SLUG_PATTERN,
    Paragraph,
    PerAudience,
    Strict,
    Text,
)


# --- Nerve lab ---------------------------------------------------------------------------
class Control(Strict):
    """Label and help of one lab control."""

    label: Text
    help: Text


class Choice(Strict):
    """One option of a lab control, e.g. a protocol."""

    id: str = Field(pattern=SLUG_PATTERN)
    label: Text


class ChartText(Strict):
    """A chart's title and its one-sentence text summary (a template over the run's numbers)."""

    title: Text
    summary: PerAudience[str]


class PatternInfo(Strict):
    """What a discharge pattern is, for the raster's hover and legend."""

    name: str
    explanation: PerAudience[str]
    refs: tuple[str, ...] = ()


FeelingMetric = Literal[
    "spontaneous_rate_hz",
    "active_fraction",
    "grouped_share",
    "neuromyotonic",
    "resting_force_pct_mvc",
    "force_left_after_release",
    "afterdischarge_s",
]
"""The numbers of `explainer.model.simulation.readout_metrics`."""


class Feeling(Strict):
    """'What this would feel like': shown when a summary number of the run exceeds `above`."""

    id: str = Field(pattern=SLUG_PATTERN)
    metric: FeelingMetric
    above: float
    text: PerAudience[str]
    refs: tuple[str, ...] = ()


class Equation(Strict):
    """One current of the model, as LaTeX, for students."""

    id: str = Field(pattern=SLUG_PATTERN)
    label: str
    latex: str
    explanation: str
    refs: tuple[str, ...] = ()


class LabContent(Strict):
    """Everything the Nerve lab shows in words: controls, charts, patterns, readout, equations."""

    controls: dict[str, Control]
    protocols: tuple[Choice, ...]
    charts: dict[str, ChartText]
    patterns: dict[str, PatternInfo]
    labels: dict[str, str]
    """Short interface words (button, metric and heading labels)."""
    calm: PerAudience[str]
    feelings: tuple[Feeling, ...]
    equations: tuple[Equation, ...]


# --- The chain walkthrough ---------------------------------------------------------------
Diagram = Literal[
    "motor_unit", "node", "action_potential", "antibodies", "firing", "muscle", "treatments"
]


class AnatomyPart(Strict):
    """A clickable part of an anatomy drawing: its name, what it does, where its label sits."""

    id: str = Field(pattern=SLUG_PATTERN)
    name: str
    role: Text
    x: float
    y: float
    refs: tuple[str, ...] = ()


class StepLink(Strict):
    """A link from a step to another page, optionally opening a Nerve lab preset."""

    page: str = Field(pattern=SLUG_PATTERN)
    label: str
    preset: str | None = None


class Stage(Strict):
    """A named item beside a step's diagram: a symptom and its mechanism, a link and its treatment."""

    name: Text
    note: Text
    refs: tuple[str, ...] = ()


class ChainStep(Strict):
    """One screen of the chain walkthrough."""

    id: str = Field(pattern=SLUG_PATTERN)
    label: str = Field(max_length=30, description="Short name for the progress bar and Home.")
    title: Text
    diagram: Diagram
    body: PerAudience[tuple[Paragraph, ...]]
    parts: tuple[AnatomyPart, ...] = ()
    links: tuple[StepLink, ...] = ()
    labels: dict[str, str] = Field(default_factory=dict)
    """Words inside the step's diagram (legend entries, region names, slider label)."""
    stages: tuple[Stage, ...] = ()


class ChainContent(Strict):
    """The chain walkthrough: its steps and the words of its navigation."""

    labels: dict[str, str]
    steps: tuple[ChainStep, ...] = Field(min_length=1)


# --- Symptoms ---------------------------------------------------------------------------
class Symptom(Strict):
    """A symptom, the link of the chain it comes from, and the lab view that shows it."""

    id: str = Field(pattern=SLUG_PATTERN)
    name: str
    medical_name: str
    how_common: str
    step: str = Field(pattern=SLUG_PATTERN, description="id of a step in data/chain.yaml")
    preset: str
    protocol: Literal["rest", "voluntary", "stim"] = "rest"
    mechanism: PerAudience[str]
    refs: tuple[str, ...] = Field(min_length=1)


class SymptomsContent(Strict):
    labels: dict[str, str]
    symptoms: tuple[Symptom, ...] = Field(min_length=1)


# --- Diagnosis & treatment ---------------------------------------------------------------
class EmgPattern(Strict):
    """An EMG pattern shown as a simulated recording of the model in a preset and protocol."""

    id: str = Field(pattern=SLUG_PATTERN)
    name: str
    preset: str
    protocol: Literal["rest", "voluntary", "stim"] = "rest"
    pattern: Literal["single", "doublet", "multiplet", "neuromyotonic", "after"]
    """The discharge to point at in the recording ("after": the first after the drive)."""
    description: PerAudience[str]
    refs: tuple[str, ...] = Field(min_length=1)


class Schedule(Strict):
    """A plasma-exchange schedule for the treatment timeline (days from the first session)."""

    id: str = Field(pattern=SLUG_PATTERN)
    label: str
    exchange_days: tuple[float, ...]


class DiagnosisContent(Strict):
    labels: dict[str, str]
    emg_patterns: tuple[EmgPattern, ...] = Field(min_length=1)
    schedules: tuple[Schedule, ...] = Field(min_length=1)
    timeline_weeks: int = Field(ge=4, le=52)


# --- Classroom ----------------------------------------------------------------------------
class QuizQuestion(Strict):
    id: str = Field(pattern=SLUG_PATTERN)
    question: str
    options: tuple[str, ...] = Field(min_length=2)
    answer: int = Field(ge=0, description="index of the correct option")
    explanation: str
    refs: tuple[str, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _answer_is_an_option(self) -> QuizQuestion:
        if self.answer >= len(self.options):
            raise ValueError(f"answer {self.answer} but only {len(self.options)} options")
        return self


class GlossaryEntry(Strict):
    term: str
    aliases: tuple[str, ...] = ()
    definition: str
    refs: tuple[str, ...] = ()


class Exercise(Strict):
    """An experiment: the lab state to open (URL settings), the task, and the answer."""

    id: str = Field(pattern=SLUG_PATTERN)
    title: str
    lab: dict[str, str]
    task: str
    answer: str
    refs: tuple[str, ...] = Field(min_length=1)


class LessonStep(Strict):
    minutes: int = Field(ge=1, le=45)
    activity: str
    page: str = Field(pattern=SLUG_PATTERN)
    query: dict[str, str] = Field(default_factory=dict)


class Lesson(Strict):
    goals: tuple[str, ...] = Field(min_length=1)
    plan: tuple[LessonStep, ...] = Field(min_length=1)


class ClassroomContent(Strict):
    labels: dict[str, str]
    exercises: tuple[Exercise, ...] = Field(min_length=1)
    lesson: Lesson


# --- Handout -----------------------------------------------------------------------------
class HandoutSection(Strict):
    heading: str
    paragraphs: tuple[Paragraph, ...] = Field(min_length=1)


class HandoutContent(Strict):
    """The one-page patient handout (plain words, cited)."""

    title: str
    subtitle: str
    labels: dict[str, str]
    sections: tuple[HandoutSection, ...] = Field(min_length=1)
