"""A human motor axon as two coupled compartments, integrated for many axons at once.

Structure (per axon), in absolute units — V in mV, t in ms, g in nS, C in pF, I in pA
(pA/pF = mV/ms):

* **node** — transient Na (NaT), persistent Na (NaP), slow K (Kv7), a K⁺ leak (E_leak =
  E_K, as the nodal K2P channels TRAAK/TREK-1), and the electrogenic Na⁺/K⁺ pump driven by
  the node's own [Na⁺]ᵢ. No Kv1: mammalian nodes repolarise without it.
* **internode** — the juxtaparanode and internodal axolemma under the myelin: Kv1 (the
  channels CASPR2 holds at the juxtaparanode), slow K, HCN, leak; coupled to the node
  through the paranodal seal (Barrett–Barrett conductance). This is the structure of the
  Bostock/Howells model of human motor axons (Howells et al. 2012, J Physiol 590:1625).

Two places along one axon use these equations with different numbers (see
:class:`AxonParams`): the **ending** (:meth:`AxonParams.ending`), the last heminode near
the motor nerve terminal, where neuromyotonic discharges mostly arise (Maddison 2006, Clin
Neurophysiol 117:2118–2127), with a short last myelin segment so that its juxtaparanodal
Kv1 is close to the spike-generating membrane; and a **trunk** node
(:meth:`AxonParams.trunk`), e.g. at the wrist, where a clinician measures nerve
excitability. The pool simulates the endings; :mod:`explainer.model.excitability` measures
the trunk. Channel kinetics are in :mod:`explainer.model.channels`. Capacitances, the
coupling and the numbers marked [tuned] are not published numbers for these places: they
were tuned on the healthy axon (the trunk: human excitability; the ending: silent at rest
with noise, one spike per stimulus) and on the shape of the discharges the disease makes
(README "How the model works"), never per scenario.

[Na⁺]ᵢ: d[Na⁺]/dt = (I_Na − 3·I_pump) / (F·volume), with I_Na the Na⁺ influx of NaT and NaP
and I_pump = I_max·[Na⁺]³/([Na⁺]³ + K³) (one net charge out per cycle). While the run settles,
[Na⁺]ᵢ sits where the pump balances the resting influx (at most at K, see
:data:`SETTLE_PUMP_SHARE_MAX`); E_Na stays fixed.

Integration (both implementations): gates by exponential Euler, x ← x∞ + (x − x∞)·e^(−dt/τ),
plus, for Na activation (τ 2–57 µs, near or below the 25-µs step), a term for x∞'s drift
with the potential over the step (:func:`channels.exponential_step`); then both membrane
potentials by the θ-method with the gates of the new step — a 2×2 linear solve; θ = ½
(Crank–Nicolson, second order in dt) by default, θ = 1 is backward Euler.
The Na⁺ influx that loads [Na⁺]ᵢ is taken at the same θ-weighted potential, so it is the
charge the voltage step used: taken at the step's starting potential instead, it was 17 %
too large per spike at dt 25 µs (200 Hz, 1 s: [Na⁺]ᵢ rose 1.09 mM against 0.93 mM at dt
2.5 µs; now 0.903 against 0.908), and neuromyotonic trains ended early.
Current noise at the node is an Ornstein–Uhlenbeck process with exact updates. A
use-dependent Na-channel blocker (fraction ``b``) binds inactivated channels:
db/dt = k_on·(1 − h)·(1 − b) − k_off·b, and multiplies NaT and NaP by (1 − b).

:func:`integrate` is the numba kernel (gate tables, many axons, one explicit random
generator); :func:`explainer.model.reference.integrate_reference` is the same equations in
plain NumPy with the exact rate functions, kept as the reference for tests and benchmarks.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import math
import threading
from dataclasses import dataclass, fields

import numba
import numpy as np

from explainer.model import channels, kernel

# Rows of the per-axon parameter matrix handed to the kernels (see AxonParams).
PARAM_NAMES = (
    "g_nat_nS",
    "g_nap_nS",
    "g_kv7_node_nS",
    "g_leak_node_nS",
    "c_node_pF",
    "g_coupling_nS",
    "c_internode_pF",
    "g_kv1_juxtaparanode_nS",
    "g_kv7_internode_nS",
    "g_hcn_nS",
    "g_leak_internode_nS",
    "pump_max_pA",
    "na_volume_um3",
    "drive_pA",
)
P = {name: index for index, name in enumerate(PARAM_NAMES)}
NODE, INTERNODE = 0, 1
GATE_ROWS = (
    ("m", "nat_m", NODE),
    ("h", "nat_h", NODE),
    ("p", "nap_p", NODE),
    ("s_node", "kv7_s", NODE),
    ("n_internode", "kv1_n", INTERNODE),
    ("s_internode", "kv7_s", INTERNODE),
    ("q", "hcn_q", INTERNODE),
)
"""The kernel's gate rows: name, gate kinetics in :data:`channels.GATES`, compartment."""
STATE_ROWS = (
    "v_node", "v_internode", *(name for name, _, _ in GATE_ROWS), "noise", "na_block", "na_mM",
    "dv_node", "dv_internode", "armed",
)  # fmt: skip
"""``dv_…``: each potential's change over the last step (mV), which the gates' step uses;
``armed``: 1 if the next upward crossing of :data:`SPIKE_THRESHOLD_MV` is a spike (the node
has been below :data:`REARM_MV` since the last one), else 0 — kept in the state so that a
continued run neither counts a spike twice nor misses one."""
S = {name: index for index, name in enumerate(STATE_ROWS)}
assert (len(GATE_ROWS), len(STATE_ROWS)) == (kernel.N_GATE_ROWS, kernel.N_STATE_ROWS)
# The kernel steps the Na⁺ gates in one loop: at the node, every step, the drift term on m only.
SODIUM_GATES = ("nat_m", "nat_h", "nap_p")
assert [row[1:] for row in GATE_ROWS[: kernel.N_SODIUM_GATES]] == [(g, NODE) for g in SODIUM_GATES]
assert channels.DRIFT_GATES == ("nat_m",) and not set(channels.SLOW_GATES) & set(SODIUM_GATES)
SPIKE_THRESHOLD_MV = -20.0
"""A spike is an upward crossing of this node potential (re-armed below −50 mV)."""
REARM_MV = -50.0
REST_GUESS_MV = -85.0
MIN_SPIKE_INTERVAL_MS = 0.5
"""Sizes the spike buffers: refractoriness (~1 ms) keeps intervals well above this."""


@dataclass(frozen=True)
class AxonParams:
    """Conductances (nS) and capacitances (pF) of one healthy axon place at 37 °C.

    Densities start from Gaines et al. 2018 motor axon at fibre diameter 12 µm (MODEL-NOTES
    §1.8: NaT 375 nS, NaP 1.25 nS, node Kv7 10 nS, node leak 0.875 nS, C_node 0.25 pF;
    juxtaparanodal Kv1 12.8 nS, internodal Kv7 1.3 nS, HCN 1.1 nS and leak 0.1 nS per pF of
    axolemma). Use :meth:`ending` or :meth:`trunk`; the defaults are the ending's. Numbers
    marked [tuned] came from a random search over the ending's twelve numbers (and the pool's
    drive) scored on: healthy pool silent at rest with noise (seeds 1–3), one spike per
    stimulus and per pulse of a 50 Hz train; firing that rises as Kv1 falls; and the shape of
    the clinical discharges (neuromyotonic trains 150–300 Hz lasting about 0.5–2 s, myokymic
    intervals of 3.3–30 ms). The Kv1 levels at which patterns appear were not targeted.
    """

    g_nat_nS: float = 360.0
    """Transient Na [tuned; Gaines 375 nS]."""
    g_nap_nS: float = 0.36
    """Persistent Na [tuned; Gaines 1.25 nS]."""
    g_kv7_node_nS: float = 1.84
    """Slow K (Kv7) [tuned; Gaines 10 nS]."""
    g_leak_node_nS: float = 0.875
    """K⁺ leak 0.007 S/cm² (Gaines node leak), E_leak −90 mV."""
    c_node_pF: float = 0.98
    """Heminode plus terminal membrane [tuned; a bare node is 0.25 pF at 2 µF/cm²]."""
    g_coupling_nS: float = 24.1
    """Paranodal seal (Barrett–Barrett) conductance [tuned; MRG geometry gives a few nS]."""
    c_internode_pF: float = 2.06
    """Axolemma of the short last myelin segment reached through the seal [tuned]."""
    g_kv1_juxtaparanode_nS: float = 44.5
    """Juxtaparanodal Kv1, the antibodies' target [tuned; 21.6 nS/pF, Gaines FLUT 12.8]."""
    g_kv7_internode_nS: float = 0.81
    """Internodal slow K [tuned; 0.39 nS/pF, Gaines 1.3]."""
    g_hcn_nS: float = 0.7
    """HCN [tuned; 0.34 nS/pF, Gaines motor 1.1] (Howells 2012 kinetics)."""
    g_leak_internode_nS: float = 0.024
    """Internodal leak [tuned; 0.012 nS/pF, Gaines 0.1]."""
    pump_max_pA: float = 18.9
    """Largest outward current of the Na⁺/K⁺ pump at the node [tuned]."""
    na_volume_um3: float = 800.0
    """Axoplasm the node's Na⁺ influx fills: sets how fast [Na⁺]ᵢ rises per spike [tuned;
    a terminal branch 2 µm wide and 250 µm long holds ≈ 800 µm³]."""
    drive_pA: float = 0.0
    """Steady depolarising drive at the node (set per axon ending by the pool)."""

    @classmethod
    def ending(cls) -> AxonParams:
        """The last heminode before the motor nerve terminal, where discharges start."""
        return cls()

    @classmethod
    def trunk(cls) -> AxonParams:
        """A node of the nerve trunk (e.g. at the wrist) with its internode [tuned to healthy
        human data only: the strength–duration time constant, recovery cycle and
        activity-dependent hyperpolarisation bands of explainer/data/excitability_norms.yaml,
        with threshold electrotonus ±40 % sub-threshold]."""
        return cls(**TRUNK_VALUES)

    def as_row(self) -> np.ndarray:
        return np.array([getattr(self, name) for name in PARAM_NAMES], dtype=float)


assert tuple(f.name for f in fields(AxonParams)) == PARAM_NAMES
assert len(PARAM_NAMES) == kernel.N_PARAM_ROWS

# Tuned in two stages by local random search (log-normal steps from the previous trunk):
# the ten conductances and capacitances on the distance of the resting indices from their
# bands' centres plus the threshold rise reached at steady state under 25-Hz firing (it has
# to be large for a minute to reach 15-30 %); then the pump and the Na⁺ volume, which set how
# fast [Na⁺]ᵢ loads and clears, on the rise after 60 s at 25 Hz (≈ 23 %) and its recovery
# (1/e in ≈ 5 min). What it took: little HCN (0.16 nS/pF; Gaines 1.1) and internodal leak
# (0.044 nS/pF; Gaines 0.1), so that the pump's current hyperpolarises rather than being
# shunted (Kiernan, Lin & Burke 2004 explain motor axons' larger activity-dependent
# hyperpolarisation by their smaller IH), and more persistent Na⁺, whose closing as the axon
# hyperpolarises adds to the pump's effect; a pump of 8 pA at most, whose limit also
# bounds the rise as the rate goes up (20 Hz ≈ 20 %, 30 Hz ≈ 25 %).
TRUNK_VALUES = {
    "g_nat_nS": 181.0,
    "g_nap_nS": 16.7,
    "g_kv7_node_nS": 31.7,
    "c_node_pF": 0.88,
    "g_coupling_nS": 7.9,
    "c_internode_pF": 17.7,
    "g_kv1_juxtaparanode_nS": 64.8,
    "g_kv7_internode_nS": 12.0,
    "g_hcn_nS": 2.75,
    "g_leak_internode_nS": 0.78,
    "pump_max_pA": 8.0,
    "na_volume_um3": 4500.0,
}
"""The trunk's numbers that differ from the ending's (all [tuned], see :meth:`AxonParams.trunk`)."""


@dataclass(frozen=True)
class Stimulus:
    """Current injected into the node: per axon, sorted non-overlapping constant segments.

    Axon i gets ``amplitude_pA[j]`` from step ``start_step[j]`` up to (not including)
    ``stop_step[j]`` for j in ``pointer[i]:pointer[i+1]`` (CSR), and nothing in between.
    """

    pointer: np.ndarray
    start_step: np.ndarray
    stop_step: np.ndarray
    amplitude_pA: np.ndarray

    @classmethod
    def none(cls, n_axons: int) -> Stimulus:
        empty = np.zeros(0, np.int64)
        return cls(np.zeros(n_axons + 1, np.int64), empty, empty, np.zeros(0))

    @classmethod
    def pulses(
        cls, start_steps: list[np.ndarray], width_steps: int, amplitude_pA: float
    ) -> Stimulus:
        """Equal pulses, one sorted array of start steps per axon (pulses must not overlap)."""
        pointer = np.concatenate([[0], np.cumsum([s.size for s in start_steps])]).astype(np.int64)
        start = np.concatenate(start_steps).astype(np.int64) if start_steps else np.zeros(0, int)
        return cls(pointer, start, start + width_steps, np.full(start.size, amplitude_pA))

    @classmethod
    def waveforms(cls, pieces: list[list[tuple[int, int, float]]]) -> Stimulus:
        """Per axon, any (start step, stop step, amplitude pA) pieces, overlaps summed."""
        pointer, starts, stops, amplitudes = [0], [], [], []
        for axon_pieces in pieces:
            edges = sorted({step for start, stop, _ in axon_pieces for step in (start, stop)})
            for start, stop in itertools.pairwise(edges):
                amplitude = sum(a for s0, s1, a in axon_pieces if s0 <= start and stop <= s1)
                if amplitude != 0.0:
                    starts.append(start)
                    stops.append(stop)
                    amplitudes.append(amplitude)
            pointer.append(len(starts))
        return cls(
            np.array(pointer, np.int64), np.array(starts, np.int64), np.array(stops, np.int64),
            np.array(amplitudes, float),
        )  # fmt: skip


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


PUMP_HALF_MM = 10.0
"""[Na⁺]ᵢ at which the Na⁺/K⁺ pump runs at half its maximum (Hill coefficient 3, one site
per Na⁺ it carries) [modelling choice]."""
SETTLE_PUMP_SHARE_MAX = 0.5
"""While a run settles, [Na⁺]ᵢ is held where the pump balances the influx of the moment, but
at most where the pump runs at this share of its maximum (i.e. at PUMP_HALF_MM). An ending
that fires while settling, or whose depolarised rest lets in more Na⁺ than the pump can move,
has no such balance: it was set to 100 mM, which silenced 25–32 of the 100 endings at Kv1
10 % (seeds 1–3) for the minutes the pump needs to clear it. Firing then loads [Na⁺]ᵢ from
there (:class:`explainer.model.pool.BurnIn`)."""
FARADAY_C_PER_MOL = 96485.33
MM_PER_PA_MS_UM3 = 1e3 / FARADAY_C_PER_MOL
"""[Na⁺] change (mM) when 1 pA of Na⁺ flows for 1 ms into 1 µm³ (1 pA·ms = 1 fC)."""


def initial_state(params: np.ndarray, temperature_C: float) -> np.ndarray:
    """Axons × :data:`STATE_ROWS`: gates at steady state for the resting guess, potentials at
    that guess, no noise, no block, armed; [Na⁺]ᵢ settles to the pump's balance (in the
    kernels)."""
    n = params.shape[0]
    v = np.full(n, REST_GUESS_MV)
    state = np.zeros((n, len(STATE_ROWS)))
    state[:, S["v_node"]] = v
    state[:, S["v_internode"]] = v
    state[:, S["na_mM"]] = PUMP_HALF_MM
    state[:, S["armed"]] = 1.0
    for name, gate, _ in GATE_ROWS:
        rates = channels.GATES[gate]
        state[:, S[name]] = channels.steady_state_and_tau(rates, v, temperature_C)[0]
    return state


def kernel_constants() -> np.ndarray:
    """Reversal potentials, spike-detection levels and pump constants for the kernel."""
    return np.array(
        [channels.E_NA_MV, channels.E_K_MV, channels.E_LEAK_MV, channels.E_HCN_MV,
         SPIKE_THRESHOLD_MV, REARM_MV, PUMP_HALF_MM, MM_PER_PA_MS_UM3, SETTLE_PUMP_SHARE_MAX]
    )  # fmt: skip


@functools.lru_cache(maxsize=6)
def _standard_normals(seed: int, n_axons: int, n_samples: int) -> np.ndarray:
    """Axons × samples, in the order they are drawn and the kernel reads them (a strided
    read once per noise sample costs less than transposing 2 million numbers for each new
    seed; the numbers are the same as before that change). Read-only and
    kept: they do not depend on the axons, so a run that changes only the axons (a slider in
    the lab) reuses them instead of drawing them again. Six kept (the lab's: 16 MB at most
    each): a run and its burn-in's two phases, for two seeds."""
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
    theta: float = 0.5
    """Implicitness of the voltage step: ½ Crank–Nicolson (default), 1 backward Euler."""
    slow_gate_steps: int = 4
    """The slow gates (:data:`channels.SLOW_GATES`) are updated every this many steps (0.1 ms
    at dt 25 µs): they take 3 of the 7 gates' table lookups, the kernel's largest cost.
    Counted in steps, so the shortcut vanishes as dt shrinks (T9 compares with dt 2.5 µs)."""

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
        """Standard normal numbers for every axon's noise (axons × samples), from one
        generator seeded here."""
        return _standard_normals(self.seed, n_axons, -(-self.n_steps // self.steps_per_noise))

    def noise_update(self) -> tuple[float, float]:
        """Exact OU update over one noise sample: decay factor and kick (pA)."""
        decay = math.exp(-self.steps_per_noise * self.dt_ms / self.noise.tau_ms)
        return decay, self.noise.sd_pA * math.sqrt(1.0 - decay * decay)


def spike_capacity(run: Run) -> int:
    """Spikes the kernel keeps room for per axon: one per refractory interval, at most."""
    return int(run.n_steps * run.dt_ms / MIN_SPIKE_INTERVAL_MS) + 2


GATE_COLUMN = np.array(
    [channels.COLUMNS_PER_GATE * list(channels.GATES).index(gate) for _, gate, _ in GATE_ROWS]
)
"""First table column of each gate row (see :class:`channels.GateTables`)."""
# The Na⁺ gates' columns are constants in the kernel.
assert tuple(GATE_COLUMN[: kernel.N_SODIUM_GATES]) == (
    kernel.M_COLUMN,
    kernel.H_COLUMN,
    kernel.P_COLUMN,
)
GATE_COMPARTMENT = np.array([compartment for _, _, compartment in GATE_ROWS])


def gate_every(run: Run) -> np.ndarray:
    """Per gate row, every how many steps it is updated (1, or the run's slow-gate step)."""
    slow = np.array([gate in channels.SLOW_GATES for _, gate, _ in GATE_ROWS])
    return np.where(slow, run.slow_gate_steps, 1).astype(np.int64)


_LAUNCH = threading.Lock()
"""numba's workqueue threading layer must not be entered from two threads at once (app
sessions); the omp and tbb layers may, so runs of two sessions then overlap."""


def _launch_guard() -> threading.Lock | contextlib.nullcontext:
    """The lock if the threading layer needs it (or is not chosen yet: numba picks it at the
    first parallel launch), else nothing."""
    try:
        layer = numba.threading_layer()
    except ValueError:  # no parallel launch yet
        return _LAUNCH
    return _LAUNCH if layer == "workqueue" else contextlib.nullcontext()


def _block_size(n_axons: int) -> int:
    """Axons per kernel block: one block per thread, none larger than :data:`kernel.LANES`."""
    n_blocks = max(numba.get_num_threads(), -(-n_axons // kernel.LANES))
    return -(-n_axons // n_blocks)


def integrate(
    params: np.ndarray,
    run: Run,
    stimulus: Stimulus | None = None,
    record_axons: np.ndarray | None = None,
    state: np.ndarray | None = None,
) -> Recording:
    """Simulate ``params.shape[0]`` axons (rows as in :data:`PARAM_NAMES`) with the numba kernel.

    Spikes, pulse steps and traces are timed from the end of ``run.settle_ms``. ``state``
    (axons × :data:`STATE_ROWS`), if given, is where the axons start instead of
    :func:`initial_state`, and is overwritten with where they end: a run with
    ``settle_ms=0`` then continues the previous one.
    """
    n_axons = params.shape[0]
    stimulus = stimulus or Stimulus.none(n_axons)
    record_axons = np.zeros(0, np.int64) if record_axons is None else np.asarray(record_axons)
    record_slot = np.full(n_axons, -1, np.int64)
    record_slot[record_axons] = np.arange(record_axons.size)
    table = channels.gate_tables(run.temperature_C, run.dt_ms, run.slow_gate_steps)
    start = initial_state(params, run.temperature_C) if state is None else state
    rows = start.T.copy()  # the kernel's layout; it leaves the final state here
    with _launch_guard():
        spike_time, n_spikes, trace = kernel.integrate_axons(
            rows, np.ascontiguousarray(params.T),
            table.values, GATE_COLUMN, GATE_COMPARTMENT, gate_every(run),
            table.v_min_mV, table.dv_mV, run.dt_ms, run.theta, run.n_steps, run.settle_steps,
            run.noise_normals(n_axons), run.steps_per_noise, *run.noise_update(),
            run.blocker.k_on_per_ms,
            run.blocker.k_off_per_ms, stimulus.pointer, stimulus.start_step + run.settle_steps,
            stimulus.stop_step + run.settle_steps, stimulus.amplitude_pA.astype(float),
            kernel_constants(), record_slot, run.record_every, spike_capacity(run),
            _block_size(n_axons),
        )  # fmt: skip
    if state is not None:
        state[:] = rows.T
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
