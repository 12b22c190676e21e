"""Disease and drugs as changes to the axon's parameters.

* **Antibodies → Kv1.** CASPR2 antibodies (Lancaster et al. 2011, Ann Neurol 69:303–311) disturb the
  juxtaparanodal complex that holds Kv1 channels; fewer channels work. How much Kv1 current
  a given antibody level removes has not been measured in human axons. The app therefore
  uses a documented *assumption*, a saturating (Hill) curve:
  ``kv1_remaining = 1 − MAX_LOSS · A^h / (A^h + A50^h)`` with A the antibody level on a
  0–1 scale, A50 = 0.5, h = 2 and MAX_LOSS = 0.9 (antibodies never remove all Kv1; complete
  loss is not seen). The Nerve lab's main control is "Kv1 brakes working" itself.
* **Hereditary variants.** KCNA1 (Kv1.1; episodic ataxia type 1 with myokymia, Browne et
  al. 1994) scales Kv1 directly; KCNQ2 (Kv7.2, the nodal slow K; Devaux et al. 2004)
  scales the slow K conductance instead.
* **Sodium-channel blocker** (carbamazepine, phenytoin): use-dependent block — the drug
  binds inactivated Na channels (k_on·(1 − h)) and leaves with τ = 50 ms (MODEL-NOTES §4).
  Dose 0–1 maps linearly onto k_on up to :data:`K_ON_MAX_PER_MS`; 0.2 (k_on 0.01/ms) blocks
  about a tenth of the channels at rest, the "therapeutic" range in MODEL-NOTES §2.
"""

from __future__ import annotations

import numpy as np

from explainer.model.axon import PARAM_NAMES, NaBlocker

ANTIBODY_A50 = 0.5
ANTIBODY_HILL = 2.0
ANTIBODY_MAX_LOSS = 0.9
K_ON_MAX_PER_MS = 0.05
"""k_on at full dose: MODEL-NOTES §2 saw 0.05/ms silence every discharge."""

KV1_COLUMNS = [PARAM_NAMES.index(name) for name in ("g_kv1_node_nS", "g_kv1_internode_nS")]
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
