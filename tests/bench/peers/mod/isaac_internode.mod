TITLE Internode of the Isaac axon ending: Kv1 n4, Kv7 s, HCN q, leak

COMMENT
Same equations as the "internode" compartment of explainer/model/axon.py; rates in
isaac_rates.inc; densities in S/cm2; gates by cnexp (exponential Euler) from a TABLE
of x_inf and tau, as in isaac_node.mod.
ENDCOMMENT

NEURON {
    SUFFIX isaac_internode
    NONSPECIFIC_CURRENT i_k, i_h, i_leak
    RANGE g_kv1, g_kv7, g_hcn, g_leak
    GLOBAL e_k, e_h, e_leak
    THREADSAFE
}

UNITS {
    (mV) = (millivolt)
    (mA) = (milliamp)
    (S) = (siemens)
}

PARAMETER {
    g_kv1 = 0 (S/cm2)
    g_kv7 = 0 (S/cm2)
    g_hcn = 0 (S/cm2)
    g_leak = 0 (S/cm2)
    e_k = -90 (mV)
    e_h = -54.9 (mV)
    e_leak = -90 (mV)
}

ASSIGNED {
    v (mV)
    celsius (degC)
    i_k (mA/cm2)
    i_h (mA/cm2)
    i_leak (mA/cm2)
    n_inf s_inf q_inf
    tau_n (ms) tau_s (ms) tau_q (ms)
}

STATE { n s q }

INCLUDE "isaac_rates.inc"

BREAKPOINT {
    SOLVE gates METHOD cnexp
    i_k = (g_kv1 * n * n * n * n + g_kv7 * s) * (v - e_k)
    i_h = g_hcn * q * (v - e_h)
    i_leak = g_leak * (v - e_leak)
}

INITIAL {
    rates(v)
    n = n_inf
    s = s_inf
    q = q_inf
}

DERIVATIVE gates {
    rates(v)
    n' = (n_inf - n) / tau_n
    s' = (s_inf - s) / tau_s
    q' = (q_inf - q) / tau_q
}

UNITSOFF
PROCEDURE rates(v (mV)) {
    TABLE n_inf, s_inf, q_inf, tau_n, tau_s, tau_q
    DEPEND celsius FROM -200 TO 100 WITH 30000
    tau_n = 1 / (alpha_n(v) + beta_n(v))
    n_inf = alpha_n(v) * tau_n
    tau_s = 1 / (alpha_s(v) + beta_s(v))
    s_inf = alpha_s(v) * tau_s
    tau_q = 1 / (alpha_q(v) + beta_q(v))
    q_inf = alpha_q(v) * tau_q
}
UNITSON
