"""Disease and drugs as changes to the axon's parameters.

* **Antibodies → Kv1.** CASPR2 antibodies (Lancaster et al. 2011, Ann Neurol 69:303–311) disturb the
  juxtaparanodal complex that holds Kv1 channels; fewer channels work. In the model the
  antibodies act at the axon endings (the pool's compartments); the nerve trunk keeps its
  Kv1, as its normal excitability at the wrist in acquired neuromyotonia suggests (Kiernan,
  Hart & Bostock 2001, J Neurol Neurosurg Psychiatry 70:56–64). How much Kv1 current
  a given antibody level removes has not been measured in human axons. The app therefore
  uses a documented *assumption*, a saturating (Hill) curve:
  ``kv1_remaining = 1 − MAX_LOSS · A^h / (A^h + A50^h)`` with A the antibody level on a
  0–1 scale, A50 = 0.5, h = 2 and MAX_LOSS = 0.9 (antibodies never remove all Kv1; complete
  loss is not seen). The Nerve lab's main control is "Kv1 brakes working" itself.
* **Hereditary variants.** KCNA1 (Kv1.1; episodic ataxia type 1 with myokymia, Browne et
  al. 1994) scales Kv1 directly; KCNQ2 (Kv7.2, the nodal slow K; Devaux et al. 2004)
  scales the slow K conductance instead. An inherited change is in every part of the axon
  (``site = "whole_axon"``), the trunk too.
* **Sodium-channel blocker** (carbamazepine, phenytoin): use-dependent block — the drug
  binds inactivated Na channels (k_on·(1 − h)) and leaves with τ = 50 ms (MODEL-NOTES §4).
  Dose 0–1 maps linearly onto k_on up to :data:`K_ON_MAX_PER_MS`; 0.2 (k_on 0.01/ms) blocks
  about a tenth of the channels at rest, the "therapeutic" range in MODEL-NOTES §2.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from explainer.model.axon import PARAM_NAMES, NaBlocker

ANTIBODY_A50 = 0.5
ANTIBODY_HILL = 2.0
ANTIBODY_MAX_LOSS = 0.9
K_ON_MAX_PER_MS = 0.05
"""k_on at full dose: MODEL-NOTES §2 saw 0.05/ms silence every discharge."""

KV1_COLUMNS = [PARAM_NAMES.index("g_kv1_juxtaparanode_nS")]
KV7_COLUMNS = [PARAM_NAMES.index(name) for name in ("g_kv7_node_nS", "g_kv7_internode_nS")]


def kv1_remaining_from_antibody(antibody_level: float | np.ndarray) -> float | np.ndarray:
    """Fraction of Kv1 conductance left at a given antibody level (0–1) — an assumption."""
    level = np.clip(antibody_level, 0.0, 1.0) ** ANTIBODY_HILL
    return 1.0 - ANTIBODY_MAX_LOSS * level / (level + ANTIBODY_A50**ANTIBODY_HILL)


def antibody_from_kv1_remaining(kv1_remaining: float) -> float | None:
    """The antibody level that leaves ``kv1_remaining``, or None if antibodies alone cannot."""
    loss = (1.0 - kv1_remaining) / ANTIBODY_MAX_LOSS
    if not 0.0 <= loss < 1.0:
        return None
    return float(ANTIBODY_A50 * (loss / (1.0 - loss)) ** (1.0 / ANTIBODY_HILL))


def apply_channel_fractions(params: np.ndarray, kv1: float, kv7: float) -> np.ndarray:
    """Axon parameter rows with Kv1 and Kv7 conductances scaled to the remaining fractions."""
    changed = params.copy()
    changed[:, KV1_COLUMNS] *= kv1
    changed[:, KV7_COLUMNS] *= kv7
    return changed


def na_blocker(dose: float) -> NaBlocker:
    """A carbamazepine-like use-dependent Na-channel block for a dose from 0 to 1."""
    return NaBlocker(k_on_per_ms=dose * K_ON_MAX_PER_MS)


# --- Treatment timeline -------------------------------------------------------------------
@dataclass(frozen=True)
class AntibodyKinetics:
    """Two-pool IgG kinetics: plasma (intravascular) and tissue (extravascular).

    Production into plasma balances elimination at baseline; IgG1/2/4 half-life about 21
    days; one plasma-volume exchange removes about 63 % of what is in the plasma, and IgG is
    mostly outside it, so tissue IgG flows back over days (Kaplan 2008, Am J Kidney Dis
    52:1180–1196). The 2-day re-equilibration time is this app's assumption.
    """

    half_life_days: float = 21.0
    intravascular_fraction: float = 0.45
    removal_per_exchange: float = 0.63
    equilibration_days: float = 2.0


@dataclass(frozen=True)
class Timeline:
    """Antibody levels relative to baseline (1.0) over time."""

    t_days: np.ndarray
    plasma: np.ndarray
    tissue: np.ndarray
    """The pool around the nerves: what drives Kv1 loss in this illustration."""


def antibody_timeline(
    duration_days: float,
    exchange_days: Sequence[float],
    kinetics: AntibodyKinetics | None = None,
    dt_days: float = 0.05,
) -> Timeline:
    """Relative antibody levels with plasma exchanges on the given days (exact steps)."""
    kinetics = kinetics or AntibodyKinetics()
    f = kinetics.intravascular_fraction
    # Rates (1/day): plasma→tissue k_out and back k_in keep the baseline split f : 1 − f and
    # relax with the equilibration time.
    k_total = 1.0 / kinetics.equilibration_days
    k_out, k_in = k_total * (1.0 - f), k_total * f
    # Elimination from plasma chosen so that the slow eigenvalue of the two-pool system — the
    # whole-body decay once the pools are in balance — has the IgG half-life exactly.
    slow = math.log(2.0) / kinetics.half_life_days
    k_elim = slow * (k_out + k_in - slow) / (k_in - slow)
    production = k_elim * f
    system = np.array([[-k_elim - k_out, k_in], [k_out, -k_in]])
    steady = np.linalg.solve(system, [-production, 0.0])
    # exp(system·dt) by eigen-decomposition: the 2×2 system has two real, negative eigenvalues.
    rates, vectors = np.linalg.eig(system)
    step = (vectors * np.exp(rates * dt_days)) @ np.linalg.inv(vectors)
    n = round(duration_days / dt_days)
    exchanges = {round(day / dt_days) for day in exchange_days}
    amounts = np.empty((n + 1, 2))
    amounts[0] = steady
    for i in range(n):
        pools = amounts[i].copy()
        if i in exchanges:
            pools[0] *= 1.0 - kinetics.removal_per_exchange
        # Exact solution of the linear system over one step, around its steady state.
        amounts[i + 1] = steady + step @ (pools - steady)
    return Timeline(
        np.arange(n + 1) * dt_days, amounts[:, 0] / steady[0], amounts[:, 1] / steady[1]
    )
