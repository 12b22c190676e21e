"""A pool of human motor axons with heterogeneous excitability, and the protocols run on it.

Units are indexed 0..n−1 in recruitment order (0 = smallest), as in :mod:`muscle`.

* **Heterogeneity** — each axon ending gets a steady depolarising drive (0–24 pA, spread
  evenly over the pool and assigned at random to units with the seed) and its own current
  noise. This is the model's one explicit assumption about the ectopic generator
  (MODEL-SOURCES "Pitfalls": discharges start distally): a healthy axon accommodates to it
  and stays silent; one with fewer Kv1 channels cannot. The drive is the same in every
  scenario; only channels and drugs change between scenarios.
* **Protocols** (what happens besides rest), as times within the run:

  - ``rest``: nothing; spontaneous firing only.
  - ``voluntary``: the motor neurons fire, rate-coded after Fuglevand, Winter & Patla 1993
    (recruitment thresholds over a 30-fold range, 8 Hz at recruitment, +1 Hz per unit of
    excitation, peak 35 → 25 Hz, ISI coefficient of variation 0.2); excitation ramps up,
    holds at :attr:`Protocol.voluntary_effort` of maximum, then stops. Each motor-neuron
    spike reaches the ending as a supramaximal pulse.
  - ``stim``: a train of supramaximal nerve stimuli to all axons, then silence.

* **Burn-in** (:class:`BurnIn`): a run does not start from rest. Before t = 0 the same
  endings (same drive, noise, channels, drug and temperature, protocol "rest") fire with
  [Na⁺]ᵢ free until the pump's slow balance and the trains and pauses around it are
  stationary; the shown run continues from there. Started from rest instead, every ending
  fires at once and the pool's firing falls by about two thirds over the next 10–30 s as
  Na⁺ loads the endings (τ 2.4–4.4 s at Kv1 10–50 %, with a slower tail).

Example::

    result = simulate_pool(Scenario(kv1=0.3, protocol="stim"))
    result.spike_times_s[0]      # spike times (s) of the smallest unit
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Literal, get_args

import numpy as np

from explainer.model import axon, disease

ProtocolName = Literal["rest", "voluntary", "stim"]
PROTOCOLS: tuple[ProtocolName, ...] = get_args(ProtocolName)
SiteName = Literal["ending", "whole_axon"]
SITES: tuple[SiteName, ...] = get_args(SiteName)


RECORD_EVERY = 4
"""The pool keeps every 4th sample of the recorded axon's traces (0.1 ms at dt 25 µs)."""


@dataclass(frozen=True)
class Protocol:
    """Timing of the protocols, as fractions of the run's duration where that is natural."""

    voluntary_ramp_start: float = 0.1
    voluntary_hold_start: float = 0.3
    voluntary_release: float = 0.6
    voluntary_effort: float = 0.3
    """Excitation during the hold, as a fraction of the excitation that recruits all units."""
    recruitment_range: float = 30.0
    """Fuglevand 1993: thresholds spread exponentially over a 30-fold range."""
    rate_at_recruitment_hz: float = 8.0
    rate_gain_hz: float = 1.0
    peak_rate_first_hz: float = 35.0
    peak_rate_last_hz: float = 25.0
    isi_cv: float = 0.2
    stim_start: float = 0.1
    stim_rate_hz: float = 50.0
    stim_pulses: int = 10
    pulse_width_ms: float = 0.1
    pulse_amplitude_pA: float = 1000.0
    """About 5× the healthy threshold for a 0.1 ms pulse: supramaximal."""


@dataclass(frozen=True)
class BurnIn:
    """How the endings reach the steady state of their own firing before t = 0.

    Started from rest, the severe pool's firing falls to a third over 10–30 s (τ 2.4 s at
    Kv1 10 %, 4.4 s at 20 %, with a slower tail), because each spike loads [Na⁺]ᵢ and the
    pump's outward current grows; 8 s of plain burn-in still left the next 2 s 17–28 %
    above the level reached after 30 s. So the burn-in has two phases:

    1. ``fast_s`` with the Na⁺ volume divided by ``na_speedup``: [Na⁺]ᵢ loads and clears that
       many times faster, so 1 s covers the 32 s the pump's balance needs; the membrane
       and its gates are unchanged, and they are fast next to [Na⁺]ᵢ.
    2. ``true_s`` of the model's own equations, so that trains and pauses (at Kv1 10 %:
       trains of ≈ 0.45 s every ≈ 2 s) settle around that balance. Its spikes are kept
       (:attr:`PoolResult.burn_in_spike_times_s`): junctions and force start from them.

    Measured against 30 s of plain burn-in (seeds 1–3): the next 2 s fire 0.93 (Kv1 10 %),
    1.00 (20 %), 1.01 (30 %) and 1.02 (50 %) times as many spikes, their first and last
    0.5 s within 3 % of each other. At Kv1 10 % the plain run still drifts after 30 s (4–5 %
    lower at 40–90 s; this burn-in ends 4–7 % below that): there a few endings fire without
    pause and their [Na⁺]ᵢ never settles (their pump runs at its maximum). Both phases run at
    ``dt_ms`` (or the run's dt if coarser): a plain 4-s burn-in at 50 µs reached the same
    firing as at 25 µs (within 1 %), at half the cost. ``BurnIn(fast_s=0, true_s=0)``
    starts the run from rest.
    """

    fast_s: float = 1.0
    na_speedup: float = 32.0
    true_s: float = 1.0
    dt_ms: float = 0.05

    @property
    def duration_s(self) -> float:
        return self.fast_s + self.true_s


BURN_IN_STREAM = 1
"""Seeds the burn-in's noise apart from the shown run's (which the protocol's draws move)."""


@dataclass(frozen=True)
class PoolParams:
    """The pool: how many axons, and how their excitability is spread."""

    drive_max_pA: float = 24.0
    """Steady drive spread evenly from 0 to this over the pool [tuned with the ending; the
    healthy pool stays silent up to 33 pA, seeds 1–3]."""
    noise: axon.Noise = field(default_factory=lambda: axon.Noise(sd_pA=1.0))
    """1 pA: ≈ 0.4 mV of resting noise; with the drive, the healthy pool stays silent."""
    axon_params: axon.AxonParams = field(default_factory=axon.AxonParams.ending)
    burn_in: BurnIn = BurnIn()


@dataclass(frozen=True)
class Scenario:
    """Everything that defines one simulation; the CLI's options, with the same names."""

    kv1: float = 1.0
    """Fraction of Kv1 conductance that remains (1 healthy, 0 none)."""
    kv7: float = 1.0
    """Fraction of Kv7 (slow K) conductance that remains (KCNQ2 variants)."""
    site: SiteName = "ending"
    """Where Kv1 and Kv7 are lost: at the axon endings only (antibodies), or along the whole
    axon, trunk included (inherited variants). The pool's endings are the same either way;
    the trunk's excitability differs."""
    na_block: float = 0.0
    """Na-channel blocker dose, 0–1 (see :func:`disease.na_blocker`)."""
    temperature: float = 37.0
    """°C."""
    protocol: ProtocolName = "rest"
    units: int = 100
    duration_s: float = 2.0
    seed: int = 1
    dt_ms: float = 0.025


@dataclass(frozen=True)
class PoolResult:
    """Spike trains of every unit, the trace of one recorded axon, and what the protocol did."""

    scenario: Scenario
    spike_times_s: list[np.ndarray]
    drive_pA: np.ndarray
    """Steady drive of each unit's axon ending."""
    recorded_unit: int
    v_node_mV: np.ndarray
    v_internode_mV: np.ndarray
    trace_dt_ms: float
    pulse_times_s: list[np.ndarray]
    """Per unit, when a pulse (motor-neuron spike or nerve stimulus) arrived."""
    drive_end_s: float
    """When the protocol stopped driving the axons (0 for rest)."""
    burn_in_spike_times_s: list[np.ndarray]
    """Per unit, the spikes of the burn-in's second phase, in s before t = 0 (negative)."""
    burn_in_span_s: float
    """How long that phase lasted (0: the run started from rest)."""
    wall_time_s: float = field(default=0.0, compare=False)
    """Time in the kernel, burn-in included (none if it came from the cache)."""


def unit_drives(n_units: int, params: PoolParams, rng: np.random.Generator) -> np.ndarray:
    """Drives spread evenly over [0, drive_max] (one per stratum), shuffled over the units."""
    strata = (rng.permutation(n_units) + rng.uniform(size=n_units)) / n_units
    return params.drive_max_pA * strata


def _voluntary_pulses(
    scenario: Scenario, protocol: Protocol, rng: np.random.Generator
) -> tuple[list[np.ndarray], float]:
    """Fuglevand-style motor-neuron spike times (s) per unit, and the release time (s)."""
    n, duration = scenario.units, scenario.duration_s
    index = np.arange(n)
    threshold = np.exp(np.log(protocol.recruitment_range) * index / max(n - 1, 1))
    peak_rate = protocol.peak_rate_first_hz - (
        protocol.peak_rate_first_hz - protocol.peak_rate_last_hz
    ) * index / max(n - 1, 1)
    excitation_all = threshold[-1] + (peak_rate[-1] - protocol.rate_at_recruitment_hz) / (
        protocol.rate_gain_hz
    )
    ramp_start, hold_start, release = (
        duration * protocol.voluntary_ramp_start,
        duration * protocol.voluntary_hold_start,
        duration * protocol.voluntary_release,
    )
    target = protocol.voluntary_effort * excitation_all

    ramp_s = hold_start - ramp_start

    def excitation(t_s: float) -> float:
        return target * min(max((t_s - ramp_start) / ramp_s, 0.0), 1.0)

    pulses = []
    for unit in range(n):
        times: list[float] = []
        if threshold[unit] <= target:
            # Recruited when the linear ramp reaches the unit's threshold.
            t = ramp_start + threshold[unit] / target * ramp_s
            while t < release:
                rate = min(
                    protocol.rate_at_recruitment_hz
                    + protocol.rate_gain_hz * (excitation(t) - threshold[unit]),
                    peak_rate[unit],
                )
                times.append(t)
                t += max(rng.normal(1.0, protocol.isi_cv), 0.2) / rate
        pulses.append(np.array(times))
    return pulses, release


def _stim_pulses(scenario: Scenario, protocol: Protocol) -> tuple[list[np.ndarray], float]:
    start = scenario.duration_s * protocol.stim_start
    times = start + np.arange(protocol.stim_pulses) / protocol.stim_rate_hz
    times = times[times < scenario.duration_s]
    end = float(times[-1]) if times.size else 0.0
    return [times] * scenario.units, end


def protocol_pulses(
    scenario: Scenario, protocol: Protocol, rng: np.random.Generator
) -> tuple[list[np.ndarray], float]:
    """Pulse times (s) per unit, and when the protocol's drive ends (s)."""
    if scenario.protocol == "voluntary":
        return _voluntary_pulses(scenario, protocol, rng)
    if scenario.protocol == "stim":
        return _stim_pulses(scenario, protocol)
    return [np.zeros(0)] * scenario.units, 0.0


def _stimulus(pulses_s: list[np.ndarray], dt_ms: float, protocol: Protocol) -> axon.Stimulus:
    return axon.Stimulus.pulses(
        [np.round(times * 1000.0 / dt_ms).astype(np.int64) for times in pulses_s],
        max(1, round(protocol.pulse_width_ms / dt_ms)),
        protocol.pulse_amplitude_pA,
    )


def spikes_by_unit(recording: axon.Recording, n_units: int) -> list[np.ndarray]:
    """Spike times in s, one sorted array per unit."""
    order = np.lexsort((recording.spike_time_ms, recording.spike_axon))
    axons = recording.spike_axon[order]
    bounds = np.searchsorted(axons, np.arange(1, n_units))
    return np.split(recording.spike_time_ms[order] / 1000.0, bounds)


def _endings(scenario: Scenario, pool: PoolParams) -> tuple[np.ndarray, np.random.Generator]:
    """Parameter rows of the pool's endings, and the generator that drew their drives (the
    protocol and the run's noise seed come next from it)."""
    rng = np.random.default_rng(scenario.seed)
    params = np.tile(pool.axon_params.as_row(), (scenario.units, 1))
    params[:, axon.P["drive_pA"]] = unit_drives(scenario.units, pool, rng)
    return disease.apply_channel_fractions(params, scenario.kv1, scenario.kv7), rng


def _run(scenario: Scenario, pool: PoolParams, **settings: float) -> axon.Run:
    return axon.Run(
        temperature_C=scenario.temperature, noise=pool.noise,
        blocker=disease.na_blocker(scenario.na_block), **settings,
    )  # fmt: skip


BURN_INS_KEPT = 8
"""Burn-ins kept: a new protocol or duration reuses its settings' burn-in."""


def _at_rest(scenario: Scenario, pool: PoolParams) -> Scenario:
    """The scenario with what does not shape the burn-in normalised away: protocol,
    duration, site (the endings are the same), dt (the burn-in's own)."""
    dt_ms = max(pool.burn_in.dt_ms, scenario.dt_ms)
    return replace(scenario, protocol="rest", duration_s=0.0, site="ending", dt_ms=dt_ms)


def burn_in_runs(scenario: Scenario, pool: PoolParams) -> tuple[axon.Run, axon.Run]:
    """The burn-in's two phases (:class:`BurnIn`): the first settles from rest."""
    rest, burn_in = _at_rest(scenario, pool), pool.burn_in
    seeds = np.random.default_rng([BURN_IN_STREAM, rest.seed]).integers(2**31, size=2)
    return (
        _run(rest, pool, dt_ms=rest.dt_ms, duration_ms=burn_in.fast_s * 1000.0, seed=seeds[0]),
        _run(
            rest, pool, dt_ms=rest.dt_ms, duration_ms=burn_in.true_s * 1000.0, settle_ms=0.0,
            seed=seeds[1],
        ),
    )  # fmt: skip


@lru_cache(maxsize=BURN_INS_KEPT)
def _burn_in(rest: Scenario, pool: PoolParams) -> tuple[np.ndarray, list[np.ndarray]]:
    """Where the endings of ``rest`` (:func:`_at_rest`) are at t = 0 (axons × STATE_ROWS),
    and the spikes of the burn-in's second phase (s, negative); both read only."""
    params, _ = _endings(rest, pool)
    state = axon.initial_state(params, rest.temperature)
    fast_run, true_run = burn_in_runs(rest, pool)
    fast = params.copy()
    fast[:, axon.P["na_volume_um3"]] /= pool.burn_in.na_speedup
    axon.integrate(fast, fast_run, state=state)
    recording = axon.integrate(params, true_run, state=state)
    spikes = [times - pool.burn_in.true_s for times in spikes_by_unit(recording, rest.units)]
    for array in (state, *spikes):
        array.flags.writeable = False
    return state, spikes


def simulate_pool(
    scenario: Scenario,
    pool: PoolParams | None = None,
    protocol: Protocol | None = None,
    *,
    record_every: int = RECORD_EVERY,
) -> PoolResult:
    """Run one scenario from its burn-in (:class:`BurnIn`): spikes of every unit, and the
    trace of the most excitable axon."""
    pool = pool or PoolParams()
    protocol = protocol or Protocol()
    params, rng = _endings(scenario, pool)
    drive = params[:, axon.P["drive_pA"]]
    pulses, drive_end = protocol_pulses(scenario, protocol, rng)
    recorded = int(np.argmax(drive))
    run = _run(
        scenario, pool, dt_ms=scenario.dt_ms, duration_ms=scenario.duration_s * 1000.0,
        seed=int(rng.integers(2**31)), record_every=record_every,
    )  # fmt: skip
    started = time.perf_counter()
    state, burn_in_spikes = None, [np.zeros(0)] * scenario.units
    if pool.burn_in.duration_s > 0.0:
        state, burn_in_spikes = _burn_in(_at_rest(scenario, pool), pool)
        state = state.copy()
        run = replace(run, settle_ms=0.0)
    recording = axon.integrate(
        params, run, _stimulus(pulses, scenario.dt_ms, protocol), np.array([recorded]), state
    )
    wall = time.perf_counter() - started
    by_unit = spikes_by_unit(recording, scenario.units)
    return PoolResult(
        scenario, by_unit, drive, recorded, recording.v_node_mV[0], recording.v_internode_mV[0],
        recording.sample_dt_ms, pulses, drive_end, burn_in_spikes, pool.burn_in.true_s, wall,
    )  # fmt: skip
