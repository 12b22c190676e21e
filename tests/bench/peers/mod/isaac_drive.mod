TITLE Steady drive plus Ornstein-Uhlenbeck current noise into the node

COMMENT
Same current as drive_pA + noise in explainer/model/axon.py (nA here). The OU process
is updated once per time step with its exact solution: decay = exp(-dt/tau),
noise <- noise*decay + sd*sqrt(1 - decay^2)*N(0,1), N from a Random123 stream per instance.
ENDCOMMENT

NEURON {
    POINT_PROCESS IsaacDrive
    ELECTRODE_CURRENT i
    RANGE amp, sd, tau, i, noise
    RANDOM rng
    THREADSAFE
}

UNITS {
    (nA) = (nanoamp)
}

PARAMETER {
    amp = 0 (nA)
    sd = 0 (nA)
    tau = 1 (ms)
}

ASSIGNED {
    dt (ms)
    i (nA)
    noise (nA)
}

INITIAL {
    noise = 0
}

BREAKPOINT {
    SOLVE ou
    i = amp + noise
}

PROCEDURE ou() {
    LOCAL decay
    if (sd > 0) {
        decay = exp(-dt / tau)
        noise = noise * decay + sd * sqrt(1 - decay * decay) * random_normal(rng)
    }
}
