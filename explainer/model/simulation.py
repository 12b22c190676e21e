"""One scenario end to end: axon pool → spikes → force, and the summary numbers.

Each spike's neuromuscular transmission is computed once and shared by force and EMG. The
junctions start from the pool's burn-in (:class:`~explainer.model.pool.BurnIn`) as the
nerve does: at the steady state of the burn-in's stationary firing
(:func:`~explainer.model.junction.steady_transmitted_fractions`); the burn-in's twitches and
MUAPs that reach past 0 s are counted; only the run itself is shown.
EMG and its audio are computed on demand (:func:`run_emg`), since not every client needs
them. Example::

    result = run_scenario(Scenario(kv1=0.3))
    result.summary.spontaneous_rate_hz
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass

import numpy as np

from explainer.model import axon, disease, junction, muscle, patterns
from explainer.model.pool import PoolParams, PoolResult, Protocol, Scenario, simulate_pool


@dataclass(frozen=True)
class ScenarioResult:
    pool: PoolResult
    transmitted: list[np.ndarray]
    """Per unit, the share of its muscle fibres each of its spikes fires
    (:func:`explainer.model.junction.transmitted_fractions`)."""
    burn_in_transmitted: list[np.ndarray]
    """The same for the spikes of the pool's burn-in (``pool.burn_in_spike_times_s``)."""
    force: muscle.ForceTrace
    summary: patterns.Summary

    @property
    def scenario(self) -> Scenario:
        return self.pool.scenario

    def spikes_since_burn_in(self) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Per unit, the burn-in's spikes and the run's (s), and the share each fires."""
        return _joined(self.pool.burn_in_spike_times_s, self.pool.spike_times_s), _joined(
            self.burn_in_transmitted, self.transmitted
        )


def _joined(before: list[np.ndarray], after: list[np.ndarray]) -> list[np.ndarray]:
    return [np.concatenate(pair) for pair in zip(before, after, strict=True)]


def run_scenario(scenario: Scenario) -> ScenarioResult:
    """Simulate the pool and the muscle for one scenario and summarise what happened."""
    result = simulate_pool(scenario)
    fired_before, fired = junction.steady_transmitted_fractions(
        result.burn_in_spike_times_s, result.spike_times_s, result.burn_in_span_s,
        muscle.MuscleParams().junction,
    )  # fmt: skip
    force = muscle.force_from_spikes(
        _joined(result.burn_in_spike_times_s, result.spike_times_s), scenario.duration_s,
        transmitted=_joined(fired_before, fired),
    )  # fmt: skip
    summary = patterns.summarize(
        result.spike_times_s,
        scenario.duration_s,
        result.pulse_times_s,
        result.drive_end_s,
        float(force.force_pct_mvc.mean()),
    )
    return ScenarioResult(result, fired, fired_before, force, summary)


def run_emg(
    result: ScenarioResult, *, seed: int, kind: muscle.ElectrodeKind = "needle"
) -> muscle.EmgTrace:
    """The run's EMG, its MUAPs scaled by the same transmission as its twitches."""
    spikes, fired = result.spikes_since_burn_in()
    return muscle.emg_from_spikes(
        spikes, result.scenario.duration_s, kind, seed=seed, transmitted=fired
    )


RELEASE_DELAY_S = 0.3
"""How long after a voluntary release the leftover force is measured."""


def readout_metrics(result: ScenarioResult) -> dict[str, float]:
    """Numbers behind "what this would feel like", all computed from the run.

    ``grouped_share``: share of discharges that are doublets or longer; ``resting_force``:
    mean force while no protocol drives the pool; ``force_left_after_release``: force
    0.3 s after a voluntary release, as a share of the force of the hold's last 0.3 s;
    ``recorded_median_mV``: the median node potential of the recorded ending (the most
    driven one), which sits near rest between spikes, and far above it when the ending is
    held depolarised.
    """
    summary, pool = result.summary, result.pool
    t, force = result.force.t_s, result.force.force_pct_mvc
    counts = summary.pattern_counts
    discharges = sum(counts.values())
    windows = patterns.spontaneous_windows(
        pool.scenario.duration_s, pool.pulse_times_s, pool.drive_end_s
    )
    resting = np.concatenate([force[(t >= a) & (t < b)] for a, b in windows])
    left = 0.0
    if pool.scenario.protocol == "voluntary":
        release = pool.drive_end_s
        hold = force[(t > release - RELEASE_DELAY_S) & (t < release)].mean()
        after = force[min(np.searchsorted(t, release + RELEASE_DELAY_S), t.size - 1)]
        left = float(after / hold) if hold > 0 else 0.0
    return {
        "spontaneous_rate_hz": summary.spontaneous_rate_hz,
        "active_fraction": summary.active_fraction,
        "grouped_share": (discharges - counts["single"]) / discharges if discharges else 0.0,
        "neuromyotonic": float(counts["neuromyotonic"]),
        "resting_force_pct_mvc": float(resting.mean()) if resting.size else 0.0,
        "force_left_after_release": left,
        "afterdischarge_s": summary.afterdischarge_s,
        "recorded_median_mV": float(np.median(pool.v_node_mV)),
    }


def as_json(result: ScenarioResult, preset: str | None = None) -> dict[str, object]:
    """The JSON of DESIGN.md "Contracts" (what `explainer-sim` prints)."""
    scenario = result.scenario
    return {
        "params": {**asdict(scenario), "preset": preset},
        "units": scenario.units,
        "duration_s": scenario.duration_s,
        "spikes": [[round(float(t), 6) for t in times] for times in result.pool.spike_times_s],
        "summary": result.summary.as_dict(),
        "wall_time_s": result.pool.wall_time_s,
    }


def spikes_csv(result: ScenarioResult) -> str:
    """One row per spike: unit, time in s."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["unit", "spike_time_s"])
    for unit, times in enumerate(result.pool.spike_times_s):
        writer.writerows((unit, f"{t:.6f}") for t in times)
    return out.getvalue()


def stimulus_response(
    kv1: float, duration_ms: float = 40.0, pulse_at_ms: float = 5.0
) -> tuple[np.ndarray, np.ndarray]:
    """One axon ending with the pool's median steady drive (no noise) and one supramaximal
    0.1 ms pulse.

    Returns time (ms) and node potential (mV): one spike with Kv1 intact, a burst without.
    """
    protocol = Protocol()
    dt_ms = Scenario().dt_ms
    params = axon.AxonParams.ending().as_row()[None, :]
    params[:, axon.P["drive_pA"]] = 0.5 * PoolParams().drive_max_pA
    params = disease.apply_channel_fractions(params, kv1, 1.0)
    stimulus = axon.Stimulus.pulses(
        [np.array([round(pulse_at_ms / dt_ms)])],
        round(protocol.pulse_width_ms / dt_ms),
        protocol.pulse_amplitude_pA,
    )
    run = axon.Run(duration_ms=duration_ms, dt_ms=dt_ms, noise=axon.Noise(sd_pA=0.0))
    recording = axon.integrate(params, run, stimulus, record_axons=np.array([0]))
    return np.arange(recording.v_node_mV.shape[1]) * recording.sample_dt_ms, recording.v_node_mV[0]
