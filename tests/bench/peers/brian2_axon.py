"""Benchmark peer: the two-compartment axon ending of explainer/model/axon.py, in Brian2.

Standalone (imports numpy and brian2, never our package) so it runs in its own venv:

    .venv-brian2/bin/python tests/bench/peers/brian2_axon.py --job JOB.json

It implements the same equations as ``explainer/model/axon.py`` with the rates of
``explainer/model/channels.py`` (Gaines et al. 2018, human fast K unshifted): node with
NaT m³h, NaP p³, Kv7 s and leak; internode with Kv1 n⁴, Kv7 s, HCN q and leak; coupling
conductance; a steady drive and Ornstein–Uhlenbeck current noise at the node. Left out:
the Na⁺/K⁺ pump and its [Na⁺] (one more ODE in our kernel), so this peer does a little
less work per step. One Brian2 neuron per axon
holds both potentials and all gates. Integration is Brian2's "exponential_euler". That
method refuses stochastic equations, so the OU noise (with ``xi``) lives in a second
group integrated by "euler" (Euler–Maruyama) and is linked into the axons. A spike is
v_node crossing −20 mV upwards; the axon stays refractory until v_node < −50 mV.

The job file (JSON) has: param_names, params (one row per axon), temperature_C, dt_ms,
duration_ms, noise_sd_pA, noise_tau_ms, seed, reversal_mV {na, k, leak, h},
spike_threshold_mV; optionally rearm_mV (−50), v_init_mV (−85; gates start at steady
state there) and pulses {start_ms: [...], width_ms, amplitude_pA} given to every axon.
Prints one JSON line: simulator, version, target, build_s, run_s, spikes, axons, noise.
"""

import argparse
import json
import time

import brian2 as b2
import numpy as np

# Gate rates in 1/ms of V in mV (string `{v}`), without Q10: (alpha, beta, Q10 name).
# A·x/(1 − e^(−x/k)) is written A·k/exprel(−x/k).
RATES = {
    "m": ("1.86*10.3/exprel(-({v}+20.4)/10.3)", "0.086*9.16/exprel(({v}+25.7)/9.16)", "q_na"),
    "h": ("0.062*11/exprel(({v}+114)/11)", "2.3/(1+exp(-({v}+31.8)/13.4))", "q_nah"),
    "p": ("0.01*10.2/exprel(-({v}+27)/10.2)", "0.00025*10/exprel(({v}+34)/10)", "q_na"),
    "n": ("0.0462*1.1/exprel(-({v}+93.2)/1.1)", "0.0824*10.5/exprel(({v}+76)/10.5)", "q_k"),
    "s": ("0.3/(1+exp(-({v}+53)/5))", "0.03/(1+exp(-({v}+90)))", "q_k"),
    "q": ("0.00522*exp(-({v}+107.3)/12.2)", "0.00522*exp(({v}+107.3)/12.2)", "q_k"),
}
# Gate state variable -> (rate set, membrane potential it sees).
GATES = {
    "m": ("m", "v_node"),
    "h": ("h", "v_node"),
    "p": ("p", "v_node"),
    "s_node": ("s", "v_node"),
    "n_int": ("n", "v_int"),
    "s_int": ("s", "v_int"),
    "q": ("q", "v_int"),
}
# Job column -> Brian2 parameter name and unit.
UNIT_NAMES = {b2.nS: "siemens", b2.pF: "farad", b2.pA: "amp"}
COLUMNS = {
    "g_nat_nS": ("g_nat", b2.nS),
    "g_nap_nS": ("g_nap", b2.nS),
    "g_kv7_node_nS": ("g_kv7_node", b2.nS),
    "g_leak_node_nS": ("g_leak_node", b2.nS),
    "c_node_pF": ("c_node", b2.pF),
    "g_coupling_nS": ("g_c", b2.nS),
    "c_internode_pF": ("c_int", b2.pF),
    "g_kv1_juxtaparanode_nS": ("g_kv1_int", b2.nS),
    "g_kv7_internode_nS": ("g_kv7_int", b2.nS),
    "g_hcn_nS": ("g_hcn", b2.nS),
    "g_leak_internode_nS": ("g_leak_int", b2.nS),
    "drive_pA": ("drive", b2.pA),
}

MEMBRANE = """
dv_node/dt = (i_node + g_c*(v_int - v_node) + drive + i_noise + i_pulse) / c_node : volt
dv_int/dt = (i_int + g_c*(v_node - v_int)) / c_int : volt
i_node = (g_nat*m**3*h + g_nap*p**3)*(E_na - v_node)
         + g_kv7_node*s_node*(E_k - v_node)
         + g_leak_node*(E_leak - v_node) : amp
i_int = (g_kv1_int*n_int**4 + g_kv7_int*s_int)*(E_k - v_int)
        + g_hcn*q*(E_h - v_int) + g_leak_int*(E_leak - v_int) : amp
i_pulse = pulse_pA(t)*pA : amp
"""


def equations(noise: bool) -> str:
    """The axon's Brian2 equations: membrane, gates and their rate subexpressions."""
    lines = [MEMBRANE, "i_noise : amp (linked)" if noise else "i_noise : amp"]
    for gate, (rates, v) in GATES.items():
        alpha, beta, q10 = RATES[rates]
        volts = f"{v}/mV"
        lines.append(f"alpha_{gate} = {q10}*({alpha.format(v=volts)})/ms : Hz")
        lines.append(f"beta_{gate} = {q10}*({beta.format(v=volts)})/ms : Hz")
        lines.append(f"d{gate}/dt = alpha_{gate}*(1 - {gate}) - beta_{gate}*{gate} : 1")
    lines += [f"{name} : {UNIT_NAMES[unit]}" for name, unit in COLUMNS.values()]
    return "\n".join(lines)


def q10_factors(temperature_C: float) -> dict[str, float]:
    """Q10 factors of channels.py: Na activation 2.2 and inactivation 2.9 from 20 °C, K 3.0 from 36 °C."""
    return {
        "q_na": 2.2 ** ((temperature_C - 20.0) / 10.0),
        "q_nah": 2.9 ** ((temperature_C - 20.0) / 10.0),
        "q_k": 3.0 ** ((temperature_C - 36.0) / 10.0),
    }


def pulse_array(job: dict) -> b2.TimedArray:
    """Pulse current (pA) into every node, one value per time step (zeros without pulses)."""
    dt_ms = job["dt_ms"]
    n_steps = round(job["duration_ms"] / dt_ms) + 1
    values = np.zeros(n_steps)
    pulses = job.get("pulses")
    if pulses:
        width = max(1, round(pulses["width_ms"] / dt_ms))
        for start_ms in pulses["start_ms"]:
            start = round(start_ms / dt_ms)
            values[start : start + width] = pulses["amplitude_pA"]
    return b2.TimedArray(values, dt=dt_ms * b2.ms)


def choose_target() -> str:
    """Use Cython if Brian2's test compilation succeeds, else fall back to NumPy."""
    from brian2.codegen.runtime.cython_rt import CythonCodeObject

    target = "cython" if CythonCodeObject.is_available() else "numpy"
    b2.prefs.codegen.target = target
    return target


def build(job: dict) -> tuple[b2.Network, b2.SpikeMonitor]:
    rows = np.asarray(job["params"], dtype=float)
    n_axons = rows.shape[0]
    reversal = job["reversal_mV"]
    namespace = {
        "E_na": reversal["na"] * b2.mV,
        "E_k": reversal["k"] * b2.mV,
        "E_leak": reversal["leak"] * b2.mV,
        "E_h": reversal["h"] * b2.mV,
        "pulse_pA": pulse_array(job),
        "sd_noise": job["noise_sd_pA"] * b2.pA,
        "tau_noise": job["noise_tau_ms"] * b2.ms,
        **q10_factors(job["temperature_C"]),
    }
    has_noise = job["noise_sd_pA"] > 0
    axons = b2.NeuronGroup(
        n_axons,
        equations(has_noise),
        threshold=f"v_node > {job['spike_threshold_mV']}*mV",
        refractory=f"v_node > {job.get('rearm_mV', -50.0)}*mV",
        method="exponential_euler",
        namespace=namespace,
        name="axons",
    )
    spikes = b2.SpikeMonitor(axons, record=False)
    network = b2.Network(axons, spikes)
    if has_noise:
        # OU current: di = −i/τ dt + sd·√(2/τ) dW, stationary standard deviation sd.
        noise = b2.NeuronGroup(
            n_axons,
            "dI/dt = -I/tau_noise + sd_noise*sqrt(2/tau_noise)*xi : amp",
            method="euler",
            namespace=namespace,
            name="noise",
        )
        axons.i_noise = b2.linked_var(noise, "I")
        network.add(noise)
    for column, (name, unit) in COLUMNS.items():
        setattr(axons, name, rows[:, job["param_names"].index(column)] * unit)
    v_init = job.get("v_init_mV", -85.0) * b2.mV
    axons.v_node = v_init
    axons.v_int = v_init
    for gate in GATES:  # steady state at the initial potentials
        setattr(axons, gate, f"alpha_{gate}/(alpha_{gate} + beta_{gate})")
    return network, spikes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--job", required=True, type=argparse.FileType(), help="JSON job file")
    job = json.load(parser.parse_args().job)

    start = time.perf_counter()
    b2.defaultclock.dt = job["dt_ms"] * b2.ms
    target = choose_target()
    network, spikes = build(job)
    network.store()
    network.run(10 * b2.ms)  # compiles every code object
    build_s = time.perf_counter() - start

    network.restore()
    b2.seed(job["seed"])
    start = time.perf_counter()
    network.run(job["duration_ms"] * b2.ms)
    run_s = time.perf_counter() - start
    result = {
        "simulator": "brian2",
        "version": b2.__version__,
        "target": target,
        "build_s": round(build_s, 3),
        "run_s": round(run_s, 3),
        "spikes": int(spikes.num_spikes),
        "axons": len(job["params"]),
        "noise": job["noise_sd_pA"] > 0,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
