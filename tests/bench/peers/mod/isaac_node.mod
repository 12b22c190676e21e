TITLE Node of the Isaac axon ending: NaT m3h, NaP p3, Kv7 s, Kv1 n4, leak

COMMENT
Same equations as the "node" compartment of explainer/model/axon.py; rates in
isaac_rates.inc. Conductances are densities (S/cm2): nS / (area in cm2 * 1e9).
Gates: m' = (m_inf - m)/tau_m, solved by cnexp, i.e. the exponential Euler update
m <- m_inf + (m - m_inf)*exp(-dt/tau_m) of our kernel. x_inf and tau come from a TABLE
over -200..100 mV in 0.01 mV steps with linear interpolation, like our gate tables
(set usetable_isaac_node = 0 for the exact functions).
ENDCOMMENT

NEURON {
    SUFFIX isaac_node
    NONSPECIFIC_CURRENT i_na, i_k, i_leak
    RANGE g_nat, g_nap, g_kv7, g_kv1, g_leak
    GLOBAL e_na, e_k, e_leak
    THREADSAFE
}

UNITS {
    (mV) = (millivolt)
    (mA) = (milliamp)
    (S) = (siemens)
}

PARAMETER {
    g_nat = 0 (S/cm2)
    g_nap = 0 (S/cm2)
    g_kv7 = 0 (S/cm2)
    g_kv1 = 0 (S/cm2)
    g_leak = 0 (S/cm2)
    e_na = 50 (mV)
    e_k = -90 (mV)
    e_leak = -90 (mV)
}

ASSIGNED {
    v (mV)
    celsius (degC)
    i_na (mA/cm2)
    i_k (mA/cm2)
    i_leak (mA/cm2)
    m_inf h_inf p_inf n_inf s_inf
    tau_m (ms) tau_h (ms) tau_p (ms) tau_n (ms) tau_s (ms)
}

STATE { m h p n s }

INCLUDE "isaac_rates.inc"

BREAKPOINT {
    SOLVE gates METHOD cnexp
    i_na = (g_nat * m * m * m * h + g_nap * p * p * p) * (v - e_na)
    i_k = (g_kv7 * s + g_kv1 * n * n * n * n) * (v - e_k)
    i_leak = g_leak * (v - e_leak)
}

INITIAL {
    rates(v)
    m = m_inf
    h = h_inf
    p = p_inf
    n = n_inf
    s = s_inf
}

DERIVATIVE gates {
    rates(v)
    m' = (m_inf - m) / tau_m
    h' = (h_inf - h) / tau_h
    p' = (p_inf - p) / tau_p
    n' = (n_inf - n) / tau_n
    s' = (s_inf - s) / tau_s
}

UNITSOFF
PROCEDURE rates(v (mV)) {
    TABLE m_inf, h_inf, p_inf, n_inf, s_inf, tau_m, tau_h, tau_p, tau_n, tau_s
    DEPEND celsius FROM -200 TO 100 WITH 30000
    tau_m = 1 / (alpha_m(v) + beta_m(v))
    m_inf = alpha_m(v) * tau_m
    tau_h = 1 / (alpha_h(v) + beta_h(v))
    h_inf = alpha_h(v) * tau_h
    tau_p = 1 / (alpha_p(v) + beta_p(v))
    p_inf = alpha_p(v) * tau_p
    tau_n = 1 / (alpha_n(v) + beta_n(v))
    n_inf = alpha_n(v) * tau_n
    tau_s = 1 / (alpha_s(v) + beta_s(v))
    s_inf = alpha_s(v) * tau_s
}
UNITSON
