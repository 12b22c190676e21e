"""Gating kinetics of the currents of a human motor axon, at any temperature.

Each gate x follows dx/dt = α(V)·(1 − x) − β(V)·x, with V in mV, t in ms and rates in 1/ms.
The equations and constants are those of the human motor-axon model of Gaines et al. 2018
(J Comput Neurosci 45:29–43, DOI 10.1007/s10827-018-0689-5; ModelDB 243841, files
``node_motor.mod`` and ``mysa_motor.mod``/``flut_motor.mod``), which keeps the node of
McIntyre, Richardson & Grill 2002 (J Neurophysiol 87:995–1006, DOI 10.1152/jn.00353.2001;
ModelDB 3810, ``AXNODE.mod``) and adds fast K (Kv1) and HCN. The transient Na, fast K and
slow K kinetics descend from voltage clamp of human nodes of Ranvier (Schwarz, Reid &
Bostock 1995, Pflügers Arch 430:283–292, DOI 10.1007/BF00374660); the HCN voltage
dependence of motor axons is that of Howells et al. 2012 (J Physiol 590:1625–1640,
DOI 10.1113/jphysiol.2011.225573), as coded by Gaines et al.

Temperature: rates are multiplied by Q10 factors as in ``node_motor.mod`` — 2.2 from 20 °C
for Na activation and persistent Na, 2.9 from 20 °C for Na inactivation, 3.0 from 36 °C for
the K and HCN gates.

The functions work on NumPy arrays. The numba kernel in ``axon.py`` does not call them: it
reads tables of the gates' step (:func:`exponential_step`) built here by :func:`gate_tables`,
the way NEURON's ``TABLE`` statement does, so both integrators use one set of equations.

Example::

    >>> import numpy as np
    >>> alpha, beta = GATES["nat_m"](np.array([-80.0]), 37.0)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

GateRates = Callable[[np.ndarray, float], tuple[np.ndarray, np.ndarray]]

# Reversal potentials in mV: Gaines et al. 2018, node_motor.mod / mysa_motor.mod.
E_NA_MV = 50.0
E_K_MV = -90.0
E_LEAK_MV = -90.0
E_HCN_MV = -54.9


def q10_na_activation(temperature_C: float) -> float:
    """Q10 factor 2.2 referred to 20 °C (node_motor.mod, ``q10_1``)."""
    return 2.2 ** ((temperature_C - 20.0) / 10.0)


def q10_na_inactivation(temperature_C: float) -> float:
    """Q10 factor 2.9 referred to 20 °C (node_motor.mod, ``q10_2``)."""
    return 2.9 ** ((temperature_C - 20.0) / 10.0)


def q10_potassium(temperature_C: float) -> float:
    """Q10 factor 3.0 referred to 36 °C (node_motor.mod, ``q10_3``; K and HCN gates)."""
    return 3.0 ** ((temperature_C - 36.0) / 10.0)


def _linoid(amplitude: float, x: np.ndarray, k_mV: float) -> np.ndarray:
    r"""Return :math:`A\,x / (1 - e^{-x/k})`, continued smoothly through x = 0 (→ A·k).

    The removable singularity is handled like brian2's ``exprel``: y/(e^y − 1) with y
    nudged off zero, where the relative error is below 1e-9.
    """
    y = np.asarray(x, dtype=float) / k_mV
    y = np.where(np.abs(y) < 1e-9, 1e-9, y)
    return amplitude * k_mV * y / -np.expm1(-y)


def nat_m(v_mV: np.ndarray, temperature_C: float) -> tuple[np.ndarray, np.ndarray]:
    r"""Transient Na activation m (I = g·m³h·(V − E_Na)).

    :math:`\alpha_m = 1.86\,(V+20.4)/(1-e^{-(V+20.4)/10.3})`,
    :math:`\beta_m = 0.086\,(-(V+25.7))/(1-e^{(V+25.7)/9.16})` (node_motor.mod).
    """
    q = q10_na_activation(temperature_C)
    return q * _linoid(1.86, v_mV + 20.4, 10.3), q * _linoid(0.086, -(v_mV + 25.7), 9.16)


def nat_h(v_mV: np.ndarray, temperature_C: float) -> tuple[np.ndarray, np.ndarray]:
    r"""Transient Na inactivation h.

    :math:`\alpha_h = 0.062\,(-(V+114))/(1-e^{(V+114)/11})`,
    :math:`\beta_h = 2.3/(1+e^{-(V+31.8)/13.4})` (node_motor.mod).
    """
    q = q10_na_inactivation(temperature_C)
    alpha = q * _linoid(0.062, -(v_mV + 114.0), 11.0)
    beta = q * 2.3 / (1.0 + np.exp(-(v_mV + 31.8) / 13.4))
    return alpha, beta


def nap_p(v_mV: np.ndarray, temperature_C: float) -> tuple[np.ndarray, np.ndarray]:
    r"""Persistent Na activation p (I = g·p³·(V − E_Na)).

    :math:`\alpha_p = 0.01\,(V+27)/(1-e^{-(V+27)/10.2})`,
    :math:`\beta_p = 0.00025\,(-(V+34))/(1-e^{(V+34)/10})` (node_motor.mod).
    """
    q = q10_na_activation(temperature_C)
    return q * _linoid(0.01, v_mV + 27.0, 10.2), q * _linoid(0.00025, -(v_mV + 34.0), 10.0)


def kv1_n(v_mV: np.ndarray, temperature_C: float) -> tuple[np.ndarray, np.ndarray]:
    r"""Fast K (Kv1.1/1.2, the juxtaparanodal current the antibodies take away) activation n.

    I = g·n⁴·(V − E_K). The human fast K of Schwarz, Reid & Bostock 1995 at its measured
    voltage dependence: :math:`\alpha_n = 0.0462\,(V+93.2)/(1-e^{-(V+93.2)/1.1})`,
    :math:`\beta_n = 0.0824\,(-(V+76))/(1-e^{(V+76)/10.5})` at 36 °C — the rates of
    Gaines et al. 2018 (node_motor.mod) *without* the +10 mV shift Gaines added. With the
    shift Kv1 is shut at rest (n∞(−85 mV)⁴ ≈ 10⁻⁸) and losing it changes nothing at rest;
    unshifted it is partly open there (n∞(−84 mV) ≈ 0.26, MODEL-NOTES §1.4), as in the
    Bostock-type models of human axons (Howells et al. 2012).
    """
    q = q10_potassium(temperature_C)
    return q * _linoid(0.0462, v_mV + 93.2, 1.1), q * _linoid(0.0824, -(v_mV + 76.0), 10.5)


def kv7_s(v_mV: np.ndarray, temperature_C: float) -> tuple[np.ndarray, np.ndarray]:
    r"""Slow K (Kv7.2/7.3, KCNQ2/3) activation s (I = g·s·(V − E_K)).

    :math:`\alpha_s = 0.3/(1+e^{-(V+53)/5})`, :math:`\beta_s = 0.03/(1+e^{-(V+90)})`
    (node_motor.mod, written there with ``vtraub`` = −80 mV).
    """
    q = q10_potassium(temperature_C)
    alpha = q * 0.3 / (1.0 + np.exp(-(v_mV + 53.0) / 5.0))
    beta = q * 0.03 / (1.0 + np.exp(-(v_mV + 90.0)))
    return alpha, beta


def hcn_q(v_mV: np.ndarray, temperature_C: float) -> tuple[np.ndarray, np.ndarray]:
    r"""HCN (Ih) activation q (I = g·q·(V − E_h)); motor-axon V½ −107.3 mV.

    :math:`\alpha_q = 0.00522\,e^{-(V+107.3)/12.2}`, :math:`\beta_q = 0.00522\,e^{(V+107.3)/12.2}`
    (mysa_motor.mod; Howells et al. 2012 motor-axon voltage dependence).
    """
    q = q10_potassium(temperature_C)
    x = (v_mV + 107.3) / 12.2
    return q * 0.00522 * np.exp(-x), q * 0.00522 * np.exp(x)


# Column order of the gate tables; axon.py indexes them by these positions.
GATES: dict[str, GateRates] = {
    "nat_m": nat_m,
    "nat_h": nat_h,
    "nap_p": nap_p,
    "kv1_n": kv1_n,
    "kv7_s": kv7_s,
    "hcn_q": hcn_q,
}


def steady_state_and_tau(
    rates: GateRates, v_mV: np.ndarray, temperature_C: float
) -> tuple[np.ndarray, np.ndarray]:
    """x∞ (dimensionless) and τ (ms) of one gate."""
    alpha, beta = rates(np.asarray(v_mV, dtype=float), temperature_C)
    return alpha / (alpha + beta), 1.0 / (alpha + beta)


DV_PROBE_MV = 1e-3
"""Half-width of the central difference that gives dx∞/dV (error ≈ 1e-9 of x∞)."""


def exponential_step(
    rates: GateRates,
    v_mV: np.ndarray,
    temperature_C: float,
    step_ms: float,
    steps: int = 1,
    drift: bool = True,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One step of a gate by exponential integration, as the integrators take it.

    x ← x∞ + (x − x∞)·decay + gain·ΔV, with x∞, τ at the potential V of the step's start and
    ΔV the potential's change over the last time step (``steps`` time steps make one gate
    step of ``step_ms``). Returns (x∞, decay, gain). The step is exact for x∞ drifting
    linearly in time at that rate (dx/dt = (x∞(t) − x)/τ: exponential time differencing): as
    if x∞ were taken at V + w·(potential change over the step), w = ½ − τ/h + decay/(1 −
    decay), from 0 for a gate much slower than the step h (plain exponential Euler, already
    second order there: the gates are staggered half a step from the potentials) to ½ for a
    gate much faster, which then follows x∞ at the step's mid-point instead of its start.
    Without the drift term Na activation (τ 2–57 µs at 37 °C) lagged by up to half the 25-µs
    step: bursts fired 1–3 % slower than at dt 2.5 µs and neuromyotonic trains were
    undercounted by 9 % (README "Time step"). The integrators take it only for the
    :data:`DRIFT_GATES`; ``drift=False`` gives a gain of 0.
    """
    x_inf, tau_ms = steady_state_and_tau(rates, v_mV, temperature_C)
    ratio = step_ms / tau_ms
    decay = np.exp(-ratio)
    if not drift:
        return x_inf, decay, np.zeros_like(x_inf)
    growth = -np.expm1(-ratio)  # 1 − decay, accurate for slow gates
    up = steady_state_and_tau(rates, np.asarray(v_mV) + DV_PROBE_MV, temperature_C)[0]
    down = steady_state_and_tau(rates, np.asarray(v_mV) - DV_PROBE_MV, temperature_C)[0]
    shift = growth * (0.5 - 1.0 / ratio) + decay  # (1 − decay)·w
    return x_inf, decay, shift * steps * (up - down) / (2.0 * DV_PROBE_MV)


DRIFT_GATES = ("nat_m",)
"""Gates stepped with the drift term of :func:`exponential_step`: those with τ near or below
the 25-µs step. Na activation: τ 2–57 µs at 37 °C. The next fastest, Na inactivation (τ ≥ 70 µs
at 37 °C, ≥ 42 µs at 42 °C), needs it little: with it too, a deterministic ending's
intervals in a burst moved by 0.1 % at most. The term costs CPU (interleaved A/B, standard
scenario): +4–10 % for Na activation alone, +14–16 % on all four gates stepped every step."""

COLUMNS_PER_GATE = 5
"""x∞ and decay of :func:`exponential_step`, each with its slope along the grid, and gain."""


@dataclass(frozen=True)
class GateTables:
    """What :func:`exponential_step` returns, for every gate on a uniform voltage grid.

    For gate k (order of :data:`GATES`, c = :data:`COLUMNS_PER_GATE`·k) at
    V = v_min_mV + (i + f)·dv_mV, 0 ≤ f < 1: x∞ = values[i, c] + f·values[i, c+1] and decay =
    values[i, c+2] + f·values[i, c+3] (linear interpolation, one table row per lookup); gain
    = values[i, c+4], the row's own (it changes by < 1 % over a row, and it only corrects;
    0 but for the :data:`DRIFT_GATES`).
    Voltages outside the grid use its ends.
    """

    values: np.ndarray
    v_min_mV: float
    dv_mV: float


SLOW_GATES = ("kv7_s", "hcn_q")
"""Gates the integrators update only every :attr:`axon.Run.slow_gate_steps` steps, by
exponential Euler over that longer step at the potential of its first step: Kv7 s has
τ ≥ 1.5 ms at every potential from 30 to 42 °C, HCN q τ ≥ 15 ms at rest (and it opens
only at hyperpolarised potentials, where it is slower still). Their tables hold the decay
over the longer step."""

GATE_TABLES_KEPT = 8
"""Tables kept (≈ 1.4 MB each): the lab's temperatures in use, not every one ever asked."""


@lru_cache(maxsize=GATE_TABLES_KEPT)
def gate_tables(
    temperature_C: float,
    dt_ms: float,
    slow_gate_steps: int = 1,
    v_min_mV: float = -200.0,
    v_max_mV: float = 100.0,
    dv_mV: float = 0.05,
) -> GateTables:
    """Tabulate every gate for one temperature and time step (exponential Euler; the
    :data:`SLOW_GATES` over ``slow_gate_steps`` steps); the last :data:`GATE_TABLES_KEPT` are
    kept.

    On the 0.05-mV grid linear interpolation is within 2e-5 of the exact x∞ and decay of
    every gate (worst: Kv7 s∞ near its steep foot) and the table takes 1.4 MB; a 0.01-mV
    grid took 5.8 MB, more than the processor's cache (and was slower in the runs that
    compared them).
    """
    v_mV = np.arange(v_min_mV, v_max_mV + dv_mV, dv_mV)
    columns = []
    for name, rates in GATES.items():
        steps = slow_gate_steps if name in SLOW_GATES else 1
        x_inf, decay, gain = exponential_step(
            rates, v_mV, temperature_C, dt_ms * steps, steps, name in DRIFT_GATES
        )
        columns += [x_inf[:-1], np.diff(x_inf), decay[:-1], np.diff(decay), gain[:-1]]
    values = np.ascontiguousarray(np.column_stack(columns))
    values.flags.writeable = False
    return GateTables(values, v_min_mV, dv_mV)
