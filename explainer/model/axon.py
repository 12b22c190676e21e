"""One human motor axon ending as two coupled compartments, integrated for many axons at once.

Structure (per axon), in absolute units — V in mV, t in ms, g in nS, C in pF, I in pA
(pA/pF = mV/ms):

* **node** — the last node of Ranvier / heminode near the motor nerve terminal, where
  neuromyotonic discharges mostly arise (Maddison 2006, Clin Neurophysiol 117:2118–2127).
  Transient Na (NaT), persistent Na (NaP), slow K (Kv7), leak, and the paranodal Kv1 that
  sits electrically next to it where the myelin ends.
* **internode** — the juxtaparanode and internodal axolemma under the myelin: Kv1, slow K,
  HCN, leak; coupled to the node through the paranodal seal (Barrett–Barrett conductance).

Channel kinetics are in :mod:`explainer.model.channels` (Gaines et al. 2018). Conductances
start from the Gaines motor-axon densities at fibre diameter 12 µm (MODEL-NOTES §1.8:
NaT 375 nS, NaP 1.25 nS, node Kv7 10 nS, node leak 0.875 nS, paranodal + nodal Kv1 118 nS,
juxtaparanodal Kv1 12.8 nS per pF, HCN 1.1 nS/pF, internodal leak 0.1 nS/pF at 2 µF/cm²).
The node's capacitance (heminode and terminal membrane), the internode's size and the
coupling are *not* published numbers for a terminal: they were tuned, once, for the healthy
axon only — silent at rest with noise, one spike per stimulus, one spike per pulse of a
50 Hz train — and never per scenario. See README "How the model works".

Integration (both implementations): gates by exponential Euler, x ← x∞ + (x − x∞)·e^(−dt/τ);
then both membrane potentials by backward Euler with the gates of the new step, which is a
2×2 linear solve and unconditionally stable (the node's Na conductance makes forward Euler
explode at dt 25 µs). Current noise at the node is an Ornstein–Uhlenbeck process with
exact updates. A use-dependent Na-channel blocker (fraction ``b``) binds inactivated
channels: db/dt = k_on·(1 − h)·(1 − b) − k_off·b, and multiplies NaT and NaP by (1 − b).

:func:`integrate` is the numba kernel (gate tables, many axons, one explicit random
generator); :func:`explainer.model.reference.integrate_reference` is the same equations in
plain NumPy with the exact rate functions, kept as the reference for tests and benchmarks.
"""

from __future__ import annotations

import functools
import math
import threading
from dataclasses import dataclass, fields

import numba
import numpy as np

from explainer.model import channels, kernel

# Columns of the per-axon parameter matrix handed to the kernels (see AxonParams).
PARAM_NAMES = (
    "g_nat_nS",
    "g_nap_nS",
    "g_kv7_node_nS",
    "g_kv1_node_nS",
    "g_leak_node_nS",
    "c_node_pF",
    "g_coupling_nS",
    "c_internode_pF",
    "g_kv1_internode_nS",
    "g_kv7_internode_nS",
    "g_hcn_nS",
    "g_leak_internode_nS",
    "drive_pA",
)
P = {name: index for index, name in enumerate(PARAM_NAMES)}
SPIKE_THRESHOLD_MV = -20.0
"""A spike is an upward crossing of this node potential (re-armed below −50 mV)."""
REARM_MV = -50.0
REST_GUESS_MV = -85.0
MIN_SPIKE_INTERVAL_MS = 0.5
"""Sizes the spike buffers: refractoriness (~1 ms) keeps intervals well above this."""


@dataclass(frozen=True)
class AxonParams:
    """Conductances (nS) and capacitances (pF) of one healthy axon ending at 37 °C."""

    g_nat_nS: float = 375.0
    """Transient Na: 3.0 S/cm² on a 12.5 µm² node (Gaines 2018 node_motor.mod)."""
    g_nap_nS: float = 1.44
    """Persistent Na: Gaines 0.01 S/cm² (1.25 nS) — 1.44 nS after tuning (+15 %)."""
    g_kv7_node_nS: float = 8.6
    """Slow K (Kv7): Gaines 0.08 S/cm² (10 nS) — 8.6 nS after tuning."""
    g_kv1_node_nS: float = 118.0
    """Kv1 of the paranode (Gaines MYSA 0.15 S/cm², 115 nS) plus the node's own (3.2 nS)."""
    g_leak_node_nS: float = 0.875
    """Leak 0.007 S/cm² (Gaines), E_leak −90 mV."""
    c_node_pF: float = 1.5
    """Heminode plus terminal membrane [tuned; a bare node is 0.25 pF at 2 µF/cm²]."""
    g_coupling_nS: float = 3.8
    """Paranodal seal (Barrett–Barrett) conductance [tuned; MRG geometry gives a few nS]."""
    c_internode_pF: float = 7.3
    """Juxtaparanodal/internodal axolemma reached through the seal [tuned]."""
    g_kv1_internode_nS: float = 95.0
    """Juxtaparanodal Kv1: Gaines FLUT density 0.02568 S/cm² → 12.8 nS/pF × 7.3 pF."""
    g_kv7_internode_nS: float = 0.0
    """Internodal slow K: left out by the tuning (Gaines: 1.3 nS/pF)."""
    g_hcn_nS: float = 8.0
    """HCN: Gaines motor 0.002232 S/cm² → 1.1 nS/pF × 7.3 pF (Howells 2012 kinetics)."""
    g_leak_internode_nS: float = 0.73
    """Internodal leak: Gaines 0.0002 S/cm² → 0.1 nS/pF × 7.3 pF."""
    drive_pA: float = 0.0
    """Steady depolarising drive at the terminal (set per axon by the pool)."""

    def as_row(self) -> np.ndarray:
        return np.array([getattr(self, name) for name in PARAM_NAMES], dtype=float)


assert tuple(f.name for f in fields(AxonParams)) == PARAM_NAMES


@dataclass(frozen=True)
class Stimulus:
    """Brief current pulses into the node: per axon, the steps at which a pulse starts.

    ``start_step[pointer[i]:pointer[i+1]]`` are the sorted start steps of axon i (CSR).
    """

    pointer: np.ndarray
    start_step: np.ndarray
    width_steps: int
    amplitude_pA: float

    @classmethod
    def none(cls, n_axons: int) -> Stimulus:
        return cls(np.zeros(n_axons + 1, np.int64), np.zeros(0, np.int64), 0, 0.0)


@dataclass(frozen=True)
class Noise:
    """Ornstein–Uhlenbeck current noise at the node (standard deviation, correlation time)."""

    sd_pA: float = 2.5
    """Gives ≈ 1 mV of resting potential noise in the healthy axon (MODEL-NOTES §4)."""
    tau_ms: float = 1.0
    sample_ms: float = 0.1
    """Noise is drawn every 0.1 ms and held in between (exact OU at the samples): at
    τ = 1 ms this changes little and costs a quarter of the random numbers."""


@dataclass(frozen=True)
class NaBlocker:
    """Use-dependent Na-channel block (carbamazepine-like), rates in 1/ms."""

    k_on_per_ms: float = 0.0
    k_off_per_ms: float = 0.02
    """Unbinding with τ = 50 ms (MODEL-NOTES §4)."""


@dataclass(frozen=True)
class Recording:
    """Spikes of every axon, and traces of the recorded axons."""

    spike_axon: np.ndarray
    spike_time_ms: np.ndarray
    v_node_mV: np.ndarray
    """Shape (recorded axons, samples)."""
    v_internode_mV: np.ndarray
    sample_dt_ms: float


def initial_state(params: np.ndarray, temperature_C: float) -> np.ndarray:
    """Gates at steady state for the resting guess; potentials at that guess."""
    n = params.shape[0]
    v = np.full(n, REST_GUESS_MV)
    x = {
        name: channels.steady_state_and_tau(rates, v, temperature_C)[0]
        for name, rates in channels.GATES.items()
    }
    # Order: v_node, v_internode, m, h, p, n_node, s_node, n_int, s_int, q, noise, block.
    zeros = np.zeros(n)
    return np.stack(
        [v, v.copy(), x["nat_m"], x["nat_h"], x["nap_p"], x["kv1_n"], x["kv7_s"],
         x["kv1_n"], x["kv7_s"], x["hcn_q"], zeros, zeros]
    ).T.copy()  # fmt: skip


def kernel_constants() -> np.ndarray:
    """Reversal potentials and spike-detection levels, handed to the kernel (never globals)."""
    return np.array(
        [channels.E_NA_MV, channels.E_K_MV, channels.E_LEAK_MV, channels.E_HCN_MV,
         SPIKE_THRESHOLD_MV, REARM_MV]
    )  # fmt: skip


@functools.lru_cache(maxsize=4)
def _standard_normals(seed: int, n_axons: int, n_samples: int) -> np.ndarray:
    """Read-only and kept: they do not depend on the axons, so a run that changes only the
    axons (a slider in the lab) reuses them instead of drawing 2 million numbers again."""
    normals = np.random.default_rng(seed).standard_normal((n_axons, n_samples))
    normals.flags.writeable = False
    return normals


@dataclass(frozen=True)
class Run:
    """What a simulation needs besides the axon parameters (both integrators take it)."""

    temperature_C: float = 37.0
    dt_ms: float = 0.025
    duration_ms: float = 1000.0
    settle_ms: float = 50.0
    """Time to find the resting state before t = 0; nothing is recorded during it."""
    seed: int = 1
    noise: Noise = Noise()
    blocker: NaBlocker = NaBlocker()
    record_every: int = 1
    """Keep every n-th sample of the recorded traces."""

    @property
    def settle_steps(self) -> int:
        return round(self.settle_ms / self.dt_ms)

    @property
    def n_steps(self) -> int:
        return self.settle_steps + round(self.duration_ms / self.dt_ms)

    @property
    def steps_per_noise(self) -> int:
        return max(1, round(self.noise.sample_ms / self.dt_ms))

    def noise_normals(self, n_axons: int) -> np.ndarray:
        """Standard normal numbers for every axon's noise, from one generator seeded here."""
        return _standard_normals(self.seed, n_axons, -(-self.n_steps // self.steps_per_noise))

    def noise_update(self) -> tuple[float, float]:
        """Exact OU update over one noise sample: decay factor and kick (pA)."""
        decay = math.exp(-self.steps_per_noise * self.dt_ms / self.noise.tau_ms)
        return decay, self.noise.sd_pA * math.sqrt(1.0 - decay * decay)


_LAUNCH = threading.Lock()
"""numba's default threading layer must not be entered from two threads at once (app sessions)."""


def integrate(
    params: np.ndarray,
    run: Run,
    stimulus: Stimulus | None = None,
    record_axons: np.ndarray | None = None,
) -> Recording:
    """Simulate ``params.shape[0]`` axons (rows as in :data:`PARAM_NAMES`) with the numba kernel.

    Spikes, pulse steps and traces are timed from the end of ``run.settle_ms``.
    """
    n_axons = params.shape[0]
    stimulus = stimulus or Stimulus.none(n_axons)
    record_axons = np.zeros(0, np.int64) if record_axons is None else np.asarray(record_axons)
    record_slot = np.full(n_axons, -1, np.int64)
    record_slot[record_axons] = np.arange(record_axons.size)
    table = channels.gate_tables(run.temperature_C, run.dt_ms)
    capacity = int(run.n_steps * run.dt_ms / MIN_SPIKE_INTERVAL_MS) + 2
    with _LAUNCH:
        spike_time, n_spikes, trace = kernel.integrate_axons(
            initial_state(params, run.temperature_C).T.copy(), np.ascontiguousarray(params.T),
            table.values, table.v_min_mV, table.dv_mV, run.dt_ms, run.n_steps,
            run.settle_steps, run.noise_normals(n_axons), run.steps_per_noise,
            *run.noise_update(), run.blocker.k_on_per_ms, run.blocker.k_off_per_ms,
            stimulus.pointer, stimulus.start_step + run.settle_steps, stimulus.width_steps,
            stimulus.amplitude_pA, kernel_constants(), record_slot, run.record_every, capacity,
            -(-n_axons // numba.get_num_threads()),
        )  # fmt: skip
    axons = np.repeat(np.arange(n_axons, dtype=np.int32), n_spikes)
    times = np.concatenate([spike_time[a, : n_spikes[a]] for a in range(n_axons)])
    return sorted_recording(axons, times, trace[:, : record_axons.size], run)


def sorted_recording(
    axons: np.ndarray, times_ms: np.ndarray, trace: np.ndarray, run: Run
) -> Recording:
    order = np.lexsort((axons, times_ms))
    return Recording(
        axons[order].astype(np.int32), times_ms[order], trace[0], trace[1],
        run.record_every * run.dt_ms,
    )  # fmt: skip
