"""Benchmark peer: the two-compartment axon ending of explainer/model/axon.py, in NEURON.

Standalone (imports numpy and neuron, never our package) so it runs in its own venv:

    .venv-neuron/bin/python tests/bench/peers/neuron_axon.py --job JOB.json

It implements the same equations as ``explainer/model/axon.py`` with the rates of
``explainer/model/channels.py``, written as NMODL in ``mod/`` (compiled here with
nrnivmodl into a cache directory named after the mod files' hash): ``isaac_node`` (NaT
m³h, NaP p³, Kv7 s, leak; its Kv1 n⁴ left at 0), ``isaac_internode`` (Kv1 n⁴, Kv7 s, HCN q, leak) and
``IsaacDrive`` (steady drive plus Ornstein–Uhlenbeck noise, exact update every step,
Random123 stream per axon). Each axon is two single-segment sections, node and internode.
Fixed step, implicit Euler (secondorder = 0), gates by cnexp from NEURON TABLEs; spikes
are NetCon threshold crossings of −20 mV at the node (re-armed below −20 mV, not −50).

The job file is the one of brian2_axon.py (same keys, including the optional pulses,
v_init_mV, and threads: NEURON worker threads, default 1).
Prints one JSON line: simulator, version, build_s, run_s, spikes, axons, noise, threads.
"""

import argparse
import hashlib
import json
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

MOD_DIR = Path(__file__).resolve().parent / "mod"
DIAM_UM = 1.0
CM_UF_PER_CM2 = 1.0
# Area from capacitance: 1 µF/cm² = 0.01 pF/µm², so area_µm² = 100·C_pF (at cm = 1).
# Density from conductance: g_S/cm² = g_nS·1e-9 / (area_µm²·1e-8) = g_nS / (1000·C_pF).
NODE_G = {
    "g_nat": "g_nat_nS",
    "g_nap": "g_nap_nS",
    "g_kv7": "g_kv7_node_nS",
    "g_leak": "g_leak_node_nS",
}
INTERNODE_G = {
    "g_kv1": "g_kv1_juxtaparanode_nS",
    "g_kv7": "g_kv7_internode_nS",
    "g_hcn": "g_hcn_nS",
    "g_leak": "g_leak_internode_nS",
}


def load_mechanisms() -> None:
    """Compile mod/ with nrnivmodl once per content (cached in the temp dir) and load it."""
    from neuron import load_mechanisms as load

    digest = hashlib.sha256()
    for path in sorted(MOD_DIR.iterdir()):
        digest.update(path.name.encode() + path.read_bytes())
    build = Path(tempfile.gettempdir()) / f"isaac_nrnmech_{digest.hexdigest()[:12]}"
    if not list(build.glob("*/libnrnmech.so")):
        build.mkdir(exist_ok=True)
        nrnivmodl = Path(sys.executable).parent / "nrnivmodl"
        subprocess.run([str(nrnivmodl), str(MOD_DIR)], cwd=build, check=True, capture_output=True)
    load(str(build), warn_if_already_loaded=False)


def section(h, name: str, capacitance_pF: float):
    """A one-segment cylinder of DIAM_UM whose membrane area gives capacitance_pF at cm = 1."""
    sec = h.Section(name=name)
    sec.nseg = 1
    sec.diam = DIAM_UM
    sec.cm = CM_UF_PER_CM2
    sec.L = 100.0 * capacitance_pF / CM_UF_PER_CM2 / (math.pi * DIAM_UM)
    return sec


def axial_resistivity_ohm_cm(g_coupling_nS: float, length_um: float) -> float:
    """Ra that makes the node-to-internode axial conductance g_coupling_nS.

    The two segment centres are joined through half of each section:
    R = Ra·(L_node/2 + L_int/2) / (π d²/4), lengths in cm; in µm that is
    R_Ω = Ra·2e4·(L_node + L_int)/(π d²). Setting R_Ω = 1e9/g_nS gives
    Ra = 5e4·π·d² / (g_nS·(L_node + L_int)), with length_um = L_node + L_int.
    """
    return 5e4 * math.pi * DIAM_UM**2 / (g_coupling_nS * length_um)


def build(h, job: dict) -> tuple[list, object]:
    """Sections, mechanisms, drive/noise, pulses and spike detectors of every axon."""
    names = job["param_names"]
    rows = np.asarray(job["params"], dtype=float)
    reversal = job["reversal_mV"]
    h.e_na_isaac_node = reversal["na"]
    h.e_k_isaac_node = h.e_k_isaac_internode = reversal["k"]
    h.e_leak_isaac_node = h.e_leak_isaac_internode = reversal["leak"]
    h.e_h_isaac_internode = reversal["h"]
    keep = []  # NEURON objects live only as long as Python holds them
    spike_times = h.Vector()
    pulses = job.get("pulses") or {"start_ms": []}
    for a, row in enumerate(rows):
        p = dict(zip(names, row, strict=True))
        node = section(h, f"node{a}", p["c_node_pF"])
        internode = section(h, f"internode{a}", p["c_internode_pF"])
        internode.connect(node(1.0), 0.0)
        ra = axial_resistivity_ohm_cm(p["g_coupling_nS"], node.L + internode.L)
        node.Ra = internode.Ra = ra
        node.insert("isaac_node")
        internode.insert("isaac_internode")
        for mod_name, column in NODE_G.items():
            setattr(node(0.5).isaac_node, mod_name, p[column] / (1000.0 * p["c_node_pF"]))
        for mod_name, column in INTERNODE_G.items():
            density = p[column] / (1000.0 * p["c_internode_pF"])
            setattr(internode(0.5).isaac_internode, mod_name, density)
        drive = h.IsaacDrive(node(0.5))
        drive.amp = p["drive_pA"] * 1e-3  # nA
        drive.sd = job["noise_sd_pA"] * 1e-3
        drive.tau = job["noise_tau_ms"]
        drive.rng.set_ids(job["seed"], a, 0)
        detector = h.NetCon(node(0.5)._ref_v, None, sec=node)
        detector.threshold = job["spike_threshold_mV"]
        detector.record(spike_times)
        clamps = []
        for start_ms in pulses["start_ms"]:
            clamp = h.IClamp(node(0.5))
            clamp.delay, clamp.dur, clamp.amp = (
                start_ms,
                pulses["width_ms"],
                pulses["amplitude_pA"] * 1e-3,
            )
            clamps.append(clamp)
        keep.append((node, internode, drive, detector, clamps))
    return keep, spike_times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--job", required=True, type=argparse.FileType(), help="JSON job file")
    job = json.load(parser.parse_args().job)

    start = time.perf_counter()
    load_mechanisms()
    from neuron import __version__, h

    h.load_file("stdrun.hoc")
    threads = int(job.get("threads", 1))
    h.ParallelContext().nthread(threads)
    h.cvode.active(0)
    h.secondorder = 0
    h.dt = job["dt_ms"]
    h.steps_per_ms = 1.0 / job["dt_ms"]
    h.celsius = job["temperature_C"]
    keep, spike_times = build(h, job)
    h.finitialize(job.get("v_init_mV", -85.0))  # also fills the rate TABLEs
    build_s = time.perf_counter() - start

    start = time.perf_counter()
    h.continuerun(job["duration_ms"])
    run_s = time.perf_counter() - start
    result = {
        "simulator": "neuron",
        "version": __version__,
        "build_s": round(build_s, 3),
        "run_s": round(run_s, 3),
        "spikes": int(spike_times.size()),
        "axons": len(keep),
        "noise": job["noise_sd_pA"] > 0,
        "threads": threads,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
