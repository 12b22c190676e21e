"""The numba kernel that integrates many axons at once (see :mod:`axon` for the model).

Every model parameter arrives as an argument — never a module global — and the kernel's
only jitted helper and its layout constants live here, so numba's on-disk cache cannot hold
stale copies of either.
Arrays: ``state`` (rows named by ``axon.STATE_ROWS`` × axons), ``params`` (rows named by
``axon.PARAM_NAMES`` × axons), gate ``table`` as built by :func:`channels.gate_tables`,
and per gate row its table column, compartment and every how many steps it is updated
(``gate_column``, ``gate_compartment``, ``gate_every``, from ``axon.GATE_ROWS``); the one
gate that takes the drift term, Na activation, is stepped with h and p in a loop of their
own (checked in ``axon.py``). The currents are summed by name below;
adding a current means adding its conductance to ``axon.PARAM_NAMES`` and its gate to
``axon.GATE_ROWS``.
"""

import numba
import numpy as np

LANES = 64
"""Most axons in one block (see the layout note below); :func:`axon.integrate` sizes them."""
N_GATE_ROWS, N_STATE_ROWS, N_PARAM_ROWS = 7, 15, 14
"""Lengths of ``axon.GATE_ROWS``, ``axon.STATE_ROWS`` and ``axon.PARAM_NAMES`` (checked
there): compile-time constants, so that every row of a block's work array sits at a fixed
offset."""
N_SODIUM_GATES = 3
M_COLUMN, H_COLUMN, P_COLUMN = 0, 5, 10
"""The first gate rows are the Na⁺ channels' m, h, p, which the kernel steps together, and
these are their first table columns (both checked in ``axon.py``): as constants, they cost
fewer instructions per table read."""


@numba.njit(cache=True, inline="always")
def _relax(x, table, i, fraction, column):
    """One exponential-Euler step of a gate, x∞ and decay interpolated within table row i."""
    x_inf = table[i, column] + fraction * table[i, column + 1]
    return x_inf + (x - x_inf) * (table[i, column + 2] + fraction * table[i, column + 3])


# Layout: axons are split into blocks of at most LANES (``block_size``), one per thread or
# more; within a block, each time step runs plain loops over the block's axons: one finds
# every axon's table row, one per gate relaxes that gate, one sums the currents, solves both
# potentials and finds the spikes. Every per-axon number of a block (state, parameters,
# intermediate results) is a row of one (rows × LANES) array at a fixed offset, so LLVM can
# prove that the rows never overlap and vectorises the currents loop, which reads over 30 rows
# (as separate arrays it needed more run-time overlap checks than LLVM allows, and ran
# scalar). The gate loops stay scalar: their indirect table reads defeat the overlap analysis
# (one loop per compartment for its gates, sharing the row, was 20 % slower than one short
# loop per gate). Axons never interact, so the result does not depend on the blocks.
# fastmath lets LLVM reorder the arithmetic; results stay within the reference tolerance
# (tests/model/test_axon.py). nogil: runs from two threads (two app sessions, or a run
# computed ahead in the background) really overlap; holding the GIL, they took turns.
@numba.njit(cache=True, parallel=True, fastmath=True, nogil=True)
def integrate_axons(
    state, params, table, gate_column, gate_compartment, gate_every, v_min_mV,
    dv_mV, dt_ms, theta, n_steps, settle_steps, noise_normals, steps_per_noise, noise_decay,
    noise_kick_pA, k_on, k_off, segment_pointer, segment_start, segment_stop, segment_amp_pA,
    constants, record_slot, record_every, spike_capacity, block_size,
):  # fmt: skip
    e_na, e_k, e_leak, e_h, threshold, rearm, pump_half_mM, mM_per_pA_ms_um3, share_max = constants
    pump_half3 = pump_half_mM * pump_half_mM * pump_half_mM
    n_axons = state.shape[1]
    n_gates, n_state, n_params = N_GATE_ROWS, N_STATE_ROWS, N_PARAM_ROWS
    inv_dv = 1.0 / dv_mV
    top = table.shape[0] - 1 + 0.999999
    # The prange below is the kernel's only parallel region: a NumPy fill or reduction out
    # here would be one more, and on a busy machine waking the threads for each costs more
    # than the work (100 axons × 0.2 s, 2 threads: 13–50 % less wall time without two).
    spike_time = np.empty((n_axons, spike_capacity))
    n_spikes = np.empty(n_axons, np.int64)
    n_samples = (n_steps - settle_steps) // record_every
    n_slots = 1
    for slot in record_slot:
        n_slots = max(n_slots, slot + 1)
    trace = np.empty((2, n_slots, n_samples))
    explicit = 1.0 - theta
    for block in numba.prange((n_axons + block_size - 1) // block_size):
        first = block * block_size
        last = min(n_axons, first + block_size)
        k = last - first
        n_spikes[first:last] = 0
        work = np.zeros((n_state + n_params + 6, LANES))  # + 6 rows of intermediate results
        work[:n_state, :k] = state[:, first:last]
        work[n_state : n_state + n_params, :k] = params[:, first:last]
        v1, v2 = work[0], work[1]
        gates = work[2 : 2 + n_gates]
        noise, na_block, na_mM = work[2 + n_gates], work[3 + n_gates], work[4 + n_gates]
        dv = work[5 + n_gates : 7 + n_gates]  # last step's change of each potential
        armed = work[7 + n_gates]
        (
            g_nat,
            g_nap,
            g_kv7_n,
            g_leak_n,
            c_n,
            gc,
            c_i,
            g_kv1_i,
            g_kv7_i,
            g_h_i,
            g_leak_i,
            pump_max,
            na_volume,
            drive,
        ) = work[n_state : n_state + n_params]
        na_rate, c1, c2, injected, influx_pA, crossed = work[n_state + n_params :]
        for a in range(k):
            na_rate[a] = dt_ms * mM_per_pA_ms_um3 / na_volume[a]  # mM per pA of Na⁺ per step
            c1[a] = c_n[a] / dt_ms
            c2[a] = c_i[a] / dt_ms
        recorded = np.flatnonzero(record_slot[first:last] >= 0)  # not all k every step: 5 %
        segment = segment_pointer[first:last].copy()
        next_change = 0
        # The steps at which the next noise sample, gate updates and trace sample are due:
        # counted, not found by nine integer divisions every step (2 % of the time).
        next_noise, noise_column = 0, 0
        next_gate_step = np.zeros(n_gates, np.int64)
        next_sample_step, sample = settle_steps, 0
        # Table row and fraction: node, internode potential. Unsigned, so that numba leaves
        # out the wrap-around of negative indices in every table read (4 % of the time).
        row = np.empty((2, k), np.uint64)
        fraction = np.empty((2, k))
        for step in range(n_steps):
            if step == next_noise:
                for a in range(k):
                    noise[a] = (
                        noise[a] * noise_decay
                        + noise_kick_pA * noise_normals[first + a, noise_column]
                    )
                next_noise += steps_per_noise
                noise_column += 1
            # Injected current: piecewise constant, sorted segments; looked at only on the
            # steps where some axon of the block starts or stops one.
            if step >= next_change:
                next_change = n_steps
                for a in range(k):
                    injected[a] = 0.0
                    end = segment_pointer[first + a + 1]
                    while segment[a] < end and step >= segment_stop[segment[a]]:
                        segment[a] += 1
                    if segment[a] < end:
                        if step >= segment_start[segment[a]]:
                            injected[a] = segment_amp_pA[segment[a]]
                            next_change = min(next_change, segment_stop[segment[a]])
                        else:
                            next_change = min(next_change, segment_start[segment[a]])
            if k_on > 0.0:
                for a in range(k):
                    na_block[a] += dt_ms * (
                        k_on * (1.0 - gates[1, a]) * (1.0 - na_block[a]) - k_off * na_block[a]
                    )
            for a in range(k):
                for compartment, v in enumerate((v1[a], v2[a])):
                    x = min(max((v - v_min_mV) * inv_dv, 0.0), top)
                    row[compartment, a] = np.uint64(x)
                    fraction[compartment, a] = x - row[compartment, a]
            # The Na⁺ channels' gates m, h, p (rows 0–2: node, every step, the drift term on m
            # only; axon.py checks this) in one loop that reads the node's table row once, at
            # constant columns: 5 % less time than a loop per gate (with the columns taken
            # from ``gate_column``, 3 % more).
            for a in range(k):
                i, f = row[0, a], fraction[0, a]
                x = _relax(gates[0, a], table, i, f, M_COLUMN)
                gates[0, a] = x + table[i, M_COLUMN + 4] * dv[0, a]
                gates[1, a] = _relax(gates[1, a], table, i, f, H_COLUMN)
                gates[2, a] = _relax(gates[2, a], table, i, f, P_COLUMN)
            for gate in range(N_SODIUM_GATES, n_gates):  # the others, no drift term, a loop each
                if step < next_gate_step[gate]:
                    continue
                next_gate_step[gate] += gate_every[gate]
                column = gate_column[gate]
                compartment = gate_compartment[gate]
                for a in range(k):
                    i = row[compartment, a]
                    gates[gate, a] = _relax(
                        gates[gate, a], table, i, fraction[compartment, a], column
                    )
            crossings = 0.0
            for a in range(k):  # currents, both potentials
                m, h, p, s1 = gates[0, a], gates[1, a], gates[2, a], gates[3, a]
                n2, s2, q = gates[4, a], gates[5, a], gates[6, a]
                g_na = (1.0 - na_block[a]) * (g_nat[a] * m * m * m * h + g_nap[a] * p * p * p)
                # Na⁺/K⁺ pump: 3 Na⁺ out, 2 K⁺ in per cycle, one charge out (outward current).
                na3 = na_mM[a] * na_mM[a] * na_mM[a]
                pump_pA = pump_max[a] * na3 / (na3 + pump_half3)
                g_k = g_kv7_n[a] * s1
                g_node = g_na + g_k + g_leak_n[a] + gc[a]
                drive_node = (
                    g_na * e_na + g_k * e_k + g_leak_n[a] * e_leak - pump_pA + drive[a]
                    + noise[a] + injected[a]
                )  # fmt: skip
                n4 = (n2 * n2) * (n2 * n2)
                g_k_i = g_kv1_i[a] * n4 + g_kv7_i[a] * s2
                g_h = g_h_i[a] * q
                g_int = g_k_i + g_h + g_leak_i[a] + gc[a]
                drive_int = g_k_i * e_k + g_leak_i[a] * e_leak + g_h * e_h
                # θ-method on both potentials with the gates of the new step (θ = ½:
                # Crank–Nicolson, second order; θ = 1: backward Euler): a 2×2 linear solve.
                a11 = c1[a] + theta * g_node
                a22 = c2[a] + theta * g_int
                a12 = theta * gc[a]
                b1 = (c1[a] - explicit * g_node) * v1[a] + explicit * gc[a] * v2[a] + drive_node
                b2 = (c2[a] - explicit * g_int) * v2[a] + explicit * gc[a] * v1[a] + drive_int
                inv_det = 1.0 / (a11 * a22 - a12 * a12)
                v_node_before = v1[a]
                v1[a] = (b1 * a22 + a12 * b2) * inv_det
                v_internode = (b2 * a11 + a12 * b1) * inv_det
                dv[0, a] = v1[a] - v_node_before
                dv[1, a] = v_internode - v2[a]
                v2[a] = v_internode
                # Na⁺ influx with the θ-weighted potential of the voltage step, so that the
                # Na⁺ charge counted is the charge the potential equation used.
                influx_pA[a] = g_na * (e_na - explicit * v_node_before - theta * v1[a])
                na_mM[a] += na_rate[a] * (influx_pA[a] - 3.0 * pump_pA)
                # Spikes: upward crossings of the threshold by an armed axon (armed = 1.0),
                # re-armed below `rearm`; found here, vectorised, and timed below.
                up = armed[a] if v1[a] >= threshold else 0.0
                crossed[a] = up
                crossings += up
                armed[a] = 1.0 if v1[a] < rearm else armed[a] - up
            if step < settle_steps:  # while settling, [Na⁺] sits where the pump balances influx
                for a in range(k):
                    if pump_max[a] > 0.0:
                        balance = min(max(influx_pA[a] / (3.0 * pump_max[a]), 1e-9), share_max)
                        na_mM[a] = pump_half_mM * (balance / (1.0 - balance)) ** (1.0 / 3.0)
            if crossings > 0.0 and step >= settle_steps:
                for a in range(k):
                    axon = first + a
                    if crossed[a] > 0.0 and n_spikes[axon] < spike_capacity:
                        spike_time[axon, n_spikes[axon]] = (
                            step - settle_steps + 1.0 - (v1[a] - threshold) / dv[0, a]
                        ) * dt_ms
                        n_spikes[axon] += 1
            if step == next_sample_step and sample < n_samples:
                for a in recorded:
                    slot = record_slot[first + a]
                    trace[0, slot, sample] = v1[a]
                    trace[1, slot, sample] = v2[a]
                next_sample_step += record_every
                sample += 1
        state[:, first:last] = work[:n_state, :k]
    return spike_time, n_spikes, trace
