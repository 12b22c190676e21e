"""Schemas of the words of the Nerve lab, chain walkthrough and symptoms, in explainer/data/.

Validated with pydantic at start-up, like every other file in explainer/data/ (see schema.py).
"""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import Field, model_validator

from explainer.content.schema import (
    AUDIENCES,
    SLUG_PATTERN,
    Audience,
    ModelSettings,
    Paragraph,
    PerAudience,
    Strict,
    Template,
    Text,
    for_audience,
    placeholders,
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
    "recorded_median_mV",
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


class LabLabels(Strict):
    """Short interface words of the lab (buttons, metrics, headings)."""

    custom: str
    no_spikes: str
    readout: str
    rate: str
    rate_help: str
    active: str
    active_help: str
    fastest: str
    fastest_help: str
    resting_force: str
    resting_force_help: str
    listen: str
    listen_healthy: str
    listen_toggle: str
    listen_toggle_help: str
    this_example: str
    views: Template("duration")
    emg_panel: Template("which")
    healthy: str
    downloads: str
    spikes_csv: str
    traces_csv: str
    summary_json: str
    reset: str
    share: str
    share_help: str
    equations: str
    dose_response: str
    dose_response_button: Template("count")
    dose_response_progress: Template("kv1_pct")
    without_blocker: str
    with_blocker: Template("dose")
    simulating: str
    raster_axis: Text
    force_axis: Text
    raster_hover: Template("unit", "spikes", "rate", "time")
    dose_axis: str
    dose_rate_axis: str


class LabContent(Strict):
    """Everything the Nerve lab shows in words: controls, charts, patterns, readout, equations."""

    controls: dict[str, Control]
    protocols: tuple[Choice, ...]
    charts: dict[str, ChartText]
    patterns: dict[str, PatternInfo]
    labels: LabLabels
    calm: PerAudience[str]
    feelings: tuple[Feeling, ...]
    equations: tuple[Equation, ...]


# --- The chain walkthrough ---------------------------------------------------------------
Diagram = Literal[
    "motor_unit", "node", "action_potential", "antibodies", "firing", "muscle", "treatments"
]


class AnatomyPart(Strict):
    """A clickable part of an anatomy drawing: its name, what it does, where its dot sits
    (`x`, `y`) and where its name sits, in clear space with a line to the dot (`label_x`,
    `label_y`; `label_anchor`: which end of the name is at that point)."""

    id: str = Field(pattern=SLUG_PATTERN)
    name: str
    role: Text
    x: float
    y: float
    label_x: float
    label_y: float
    label_anchor: Literal["left", "center", "right"] = "center"
    refs: tuple[str, ...] = ()


class StepLink(Strict):
    """A link from a step to another page, optionally opening a Nerve lab preset."""

    page: str = Field(pattern=SLUG_PATTERN)
    label: Text
    preset: str | None = None


class Stage(Strict):
    """A named item beside a step's diagram: a symptom and its mechanism, a link and its treatment."""

    name: Text
    note: Text
    refs: tuple[str, ...] = ()


NODE_LABELS = ("node", "paranode", "juxtaparanode", "internode", "na", "kv1", "kv1_lost",
               "caspr2", "antibody")  # fmt: skip
ACTION_POTENTIAL_LABELS = ("healthy", "reduced")
DIAGRAM_LABELS: dict[str, tuple[str, ...]] = {
    "node": NODE_LABELS,
    "action_potential": ACTION_POTENTIAL_LABELS,
    "antibodies": (*NODE_LABELS, *ACTION_POTENTIAL_LABELS, "slider", "slider_help", "kv1_left"),
}
"""The words each kind of diagram draws (the keys of a step's `labels`)."""


class ChainStep(Strict):
    """One screen of the chain walkthrough."""

    id: str = Field(pattern=SLUG_PATTERN)
    label: str = Field(max_length=30, description="Short name for the progress bar and Home.")
    title: Text
    diagram: Diagram
    body: PerAudience[tuple[Paragraph, ...]]
    parts: tuple[AnatomyPart, ...] = ()
    links: tuple[StepLink, ...] = ()
    labels: dict[str, Text] = Field(default_factory=dict)
    """Words inside the step's diagram (legend entries, region names, slider label), the same
    for everyone or per audience."""
    stages: tuple[Stage, ...] = ()

    @model_validator(mode="after")
    def _labels_fit_the_diagram(self) -> ChainStep:
        needed = set(DIAGRAM_LABELS.get(self.diagram, ()))
        missing, unknown = sorted(needed - set(self.labels)), sorted(set(self.labels) - needed)
        if missing or unknown:
            raise ValueError(f"labels of a {self.diagram!r} diagram: missing {missing}, "
                             f"unknown {unknown}")  # fmt: skip
        return self


class ChainLabels(Strict):
    """The words of the walkthrough's navigation."""

    progress: Template("step", "total", "label")
    jump: str
    previous: str
    next: str
    pick_part: str
    overview: str
    quiet: str


class ChainContent(Strict):
    """The chain walkthrough: its steps and the words of its navigation."""

    labels: ChainLabels
    default_antibody: float = Field(gt=0.0, le=1.0)
    """[design] The antibody level the walkthrough shows until the reader sets one."""
    steps: tuple[ChainStep, ...] = Field(min_length=1)


# --- Symptoms ---------------------------------------------------------------------------
class Symptom(Strict):
    """A symptom, the link of the chain it comes from, and the lab view that shows it."""

    id: str = Field(pattern=SLUG_PATTERN)
    name: str
    medical_name: str
    how_common: str
    step: str = Field(pattern=SLUG_PATTERN, description="id of a step in explainer/data/chain.yaml")
    preset: str | None = None
    """The lab preset that shows it; none where the model cannot (it has motor axons only)."""
    protocol: Literal["rest", "voluntary", "stim"] = "rest"
    mechanism: PerAudience[str]
    refs: tuple[str, ...] = Field(min_length=1)


class SymptomsLabels(Strict):
    pick: str
    how_common: str
    medical_name: str
    where: str
    see_in_lab: str
    see_in_chain: Template("number", "label")


class SymptomsContent(Strict):
    labels: SymptomsLabels
    symptoms: tuple[Symptom, ...] = Field(min_length=1)


# --- Diagnosis & treatment ---------------------------------------------------------------
class EmgPattern(Strict):
    """An EMG pattern shown as a simulated recording of the model in a preset and protocol."""

    id: str = Field(pattern=SLUG_PATTERN)
    name: str
    preset: str
    kv1: float | None = Field(default=None, ge=0.0, le=1.0)
    """Kv1 remaining instead of the preset's, for a level between the presets."""
    protocol: Literal["rest", "voluntary", "stim"] = "rest"
    pattern: Literal["single", "doublet", "multiplet", "neuromyotonic", "after"]
    """The discharge to point at in the recording ("after": the first after the drive)."""
    description: PerAudience[str]
    refs: tuple[str, ...] = Field(min_length=1)
    """Sources of the clinical claims, shown with every audience's text."""
    model_refs: tuple[str, ...] = ()
    """Sources of what the student and clinician texts say about the model only (a model of
    a synapse, say): shown with those texts, never as support for a clinical claim."""


class Schedule(Strict):
    """A plasma-exchange schedule for the treatment timeline (days from the first session)."""

    id: str = Field(pattern=SLUG_PATTERN)
    label: str
    exchange_days: tuple[float, ...]


class DiagnosisLabels(Strict):
    emg_heading: str
    emg_intro: str
    listen: str
    first: str
    stimulus: str
    blocker_heading: str
    blocker_caption: str
    timeline_heading: str
    timeline_warning: str
    baseline: str
    schedule: str
    weeks: str
    plasma: str
    tissue: str
    firing: str
    firing_axis: str
    exchange: str
    progress: Template("week")
    summary: Template("lowest", "day", "before", "least", "after", "weeks")
    simulating: str


class ExpertText(Strict):
    """A text for the audiences that see a view patients do not (students, clinicians)."""

    student: str
    clinician: str


class ExcitabilityCase(Strict):
    """A setting of the virtual nerve-excitability test: Kv1 left and where it is lost."""

    id: str = Field(pattern=SLUG_PATTERN)
    label: str
    kv1: float = Field(ge=0.0, le=1.0)
    site: Literal["ending", "whole_axon"]


class ExcitabilityPanel(Strict):
    id: Literal[
        "strength_duration", "recovery_cycle", "threshold_electrotonus", "current_threshold"
    ]
    title: str
    x_title: str
    y_title: str
    explanation: ExpertText


class ExcitabilityView(Strict):
    """The Diagnosis page's virtual nerve-excitability (threshold-tracking) test."""

    heading: str
    intro: ExpertText
    case_label: str
    cases: tuple[ExcitabilityCase, ...] = Field(min_length=2)
    healthy: str
    legend: Template("case")
    legend_same: Template("case")
    """The legend when this setting's curves and the healthy ones are the same."""
    depolarising: str
    hyperpolarising: str
    simulating: str
    summary: Template(
        "sd", "sd_healthy", "rrp", "rrp_healthy", "se", "se_healthy", "ted", "ted_healthy"
    )
    panels: tuple[ExcitabilityPanel, ...] = Field(min_length=4, max_length=4)
    refs: tuple[str, ...] = Field(min_length=1)


class DiagnosisContent(Strict):
    labels: DiagnosisLabels
    excitability: ExcitabilityView
    emg_patterns: tuple[EmgPattern, ...] = Field(min_length=1)
    schedules: tuple[Schedule, ...] = Field(min_length=1)
    timeline_weeks: int = Field(ge=4, le=52)
    refs: tuple[str, ...] = Field(min_length=1)
    """The sources of the treatment timeline (IgG kinetics, plasma exchange, the model)."""


# --- Classroom ----------------------------------------------------------------------------
class QuizWording(Strict):
    """A quiz question's words: the question, its options and why the answer is right."""

    question: str
    options: tuple[str, ...] = Field(min_length=2)
    explanation: str


class QuizQuestion(Strict):
    """A question with one correct option (`answer`, from 0), in two wordings: the default
    for students and clinicians, and a plain one for patients (same options in the same
    order)."""

    id: str = Field(pattern=SLUG_PATTERN)
    question: str
    options: tuple[str, ...] = Field(min_length=2)
    answer: int = Field(ge=0, description="index of the correct option")
    explanation: str
    patient: QuizWording
    refs: tuple[str, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _answer_is_an_option(self) -> QuizQuestion:
        if self.answer >= len(self.options):
            raise ValueError(f"answer {self.answer} but only {len(self.options)} options")
        if len(self.patient.options) != len(self.options):
            raise ValueError("the patient wording needs as many options as the question")
        return self

    def wording(self, audience: Audience) -> QuizWording:
        if audience == "patient":
            return self.patient
        return QuizWording(
            question=self.question, options=self.options, explanation=self.explanation
        )


class GlossaryEntry(Strict):
    term: str
    aliases: tuple[str, ...] = ()
    definition: str
    refs: tuple[str, ...] = ()


MeasuredQuantity = Literal["spontaneous_rate_hz", "afterdischarge_ms"]
"""A number of one lab run, in the unit the answer states it in
(:data:`explainer.model.measures.QUANTITIES`)."""
Kv1Condition = Literal[
    "any_fibre_fires",
    "half_the_pool_fires",
    "doublets",
    "multiplets",
    "neuromyotonic_trains",
    "more_multiplets_than_doublets",
    "trains_most_common",
]
"""What a run at rest shows, for a Kv1 threshold (:data:`explainer.model.measures.CONDITIONS`)."""


class LabSettings(ModelSettings):
    """A state of the Nerve lab (names as its URL settings)."""

    protocol: Literal["rest", "voluntary", "stim"] = "rest"
    seed: int = Field(default=1, ge=0)
    """1, as an exercise's link opens the lab."""


class Measured(LabSettings):
    """A number an answer states, and how the model measures it in the lab
    (:mod:`explainer.model.measures`; tests/model/test_classroom_numbers.py re-measures it).

    Either a ``quantity`` of the lab's run at these settings, stated rounded to a multiple of
    ``precision`` (``claim: under``: the run stays below ``value``); or a Kv1 threshold,
    ``highest_kv1_pct_where``: lowering Kv1 in ``precision`` % steps, the highest level (%)
    from which the condition holds at every level down to ``down_to_pct``.
    """

    quantity: MeasuredQuantity | None = None
    highest_kv1_pct_where: Kv1Condition | None = None
    down_to_pct: int = Field(default=10, ge=0, le=100)
    """The lowest level a threshold looks at: below 10 % the model's pool falls almost silent
    (Kv1 0–5 %: a few single spikes), so "from X % down" means down to 10 %."""
    value: float
    """As the answer states it; the page shows this, it never simulates."""
    precision: float = Field(default=1.0, gt=0.0)
    claim: Literal["about", "under"] = "about"

    @model_validator(mode="after")
    def _one_measurement(self) -> Measured:
        if (self.quantity is None) == (self.highest_kv1_pct_where is None):
            raise ValueError("give either `quantity` or `highest_kv1_pct_where`")
        if self.highest_kv1_pct_where is not None:
            if "kv1" in self.model_fields_set:
                raise ValueError("a Kv1 threshold sweeps Kv1: give no `kv1`")
            if self.claim != "about" or self.value % self.precision:
                raise ValueError(f"a Kv1 threshold is a level of its {self.precision:g} % grid")
        return self

    def lab_settings(self) -> dict[str, object]:
        """The settings of the lab's run, by their URL names."""
        return self.model_dump(include=set(LabSettings.model_fields))

    @property
    def stated(self) -> str:
        """The value as the text shows it."""
        return f"{self.value:g}"

    def to_state(self, measured: float | None) -> float | None:
        """What the answer should state for the model's `measured` number: rounded to the
        precision (None: not measured, or above an `under` bound)."""
        if measured is None:
            return None
        if self.claim == "under":
            return self.value if measured < self.value else None
        return round(round(measured / self.precision) * self.precision, 9)

    def agrees(self, measured: float | None) -> bool:
        """Whether the answer states the model's `measured` number, at its precision."""
        should = self.to_state(measured)
        return should is not None and math.isclose(should, self.value, abs_tol=1e-9)


class Exercise(Strict):
    """An experiment: the lab state to open (URL settings), the task, and the answer, for
    the audiences it suits (the lab opens in the reader's own audience).

    Each number the answer states from the model is a `{placeholder}` filled from
    `measured`, which says how the model gives it (:class:`Measured`).
    """

    id: str = Field(pattern=SLUG_PATTERN)
    title: Text
    lab: dict[str, str]
    task: Text
    answer: Text
    measured: dict[Annotated[str, Field(pattern=SLUG_PATTERN)], Measured] = Field(
        default_factory=dict
    )
    audiences: tuple[Audience, ...] = AUDIENCES
    refs: tuple[str, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _every_number_measured(self) -> Exercise:
        used = set().union(*(placeholders(for_audience(self.answer, a)) for a in AUDIENCES))
        unmeasured, unused = sorted(used - set(self.measured)), sorted(set(self.measured) - used)
        if unmeasured:
            raise ValueError(f"exercise {self.id!r}: the answer states "
                             f"{', '.join('{' + n + '}' for n in unmeasured)}, but `measured` "
                             f"has no entry for {', '.join(unmeasured)}")  # fmt: skip
        if unused:
            raise ValueError(f"exercise {self.id!r}: `measured` entry {', '.join(unused)} is "
                             f"stated in no answer")  # fmt: skip
        return self

    def answer_for(self, audience: Audience) -> str:
        """The answer for `audience`, its numbers filled in."""
        stated = {name: spec.stated for name, spec in self.measured.items()}
        return for_audience(self.answer, audience).format(**stated)


class LessonStep(Strict):
    minutes: int = Field(ge=1, le=45)
    activity: str
    page: str = Field(pattern=SLUG_PATTERN)
    query: dict[str, str] = Field(default_factory=dict)


class Lesson(Strict):
    goals: tuple[str, ...] = Field(min_length=1)
    plan: tuple[LessonStep, ...] = Field(min_length=1)


class ClassroomLabels(Strict):
    exercises: str
    open_lab: str
    show_answer: str
    quiz: str
    quiz_intro: str
    submit: str
    score: Template("right", "total")
    correct: str
    wrong: Template("answer")
    glossary: str
    teacher: str
    goals: str
    plan: str
    minutes: str


class ClassroomContent(Strict):
    labels: ClassroomLabels
    exercises: tuple[Exercise, ...] = Field(min_length=1)
    lesson: Lesson


# --- Handout -----------------------------------------------------------------------------
class HandoutSection(Strict):
    heading: str
    paragraphs: tuple[Paragraph, ...] = Field(min_length=1)


class HandoutLabels(Strict):
    heading: str
    intro: str
    prepare: str
    preparing: str
    pdf: str
    html: str
    figure_chain: str
    figure_emg: str
    references: str
    read_more: str
    made_with: Template("date")
    no_figures: str
    questions: str


class HandoutContent(Strict):
    """The one-page patient handout (plain words, cited)."""

    title: str
    subtitle: str
    labels: HandoutLabels
    sections: tuple[HandoutSection, ...] = Field(min_length=1)
