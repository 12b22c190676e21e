"""Suite-wide settings: Hypothesis tolerates a busy 2-core machine."""

from hypothesis import HealthCheck, settings

# Timing health checks measure the machine, not the code: CI shares 2 cores with other work.
settings.register_profile("project", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("project")
