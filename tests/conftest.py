"""Suite-wide settings: Hypothesis tolerates a busy 2-core machine; fuzz tests scale.

`fuzz` marks a property-based test over user input (URL parameters, CLI options) and runs it
on FUZZ_EXAMPLES cases: 1 000 by default (`make test`), 10 000 in `make bench`.
"""

import os

import pytest
from hypothesis import HealthCheck, settings

# Timing health checks measure the machine, not the code: CI shares 2 cores with other work.
settings.register_profile("project", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("project")

FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "1000"))


def fuzz(test):
    """Run ``test`` (already @given) as a fuzz test on FUZZ_EXAMPLES cases."""
    return pytest.mark.fuzz(settings(max_examples=FUZZ_EXAMPLES)(test))
