"""Shared settings for the hardening tests: bounded property tests that leave no files behind.

Hypothesis runs a fixed number of examples per test (enough to find the classic failures: control
characters, odd Unicode, empty and huge inputs) with no deadline, since the machine is shared and
one slow example is not a failure. No example database: the tests write nothing into the checkout.

The default profile is derandomized: every run (CI included) tries the same examples, so a red
build always means a change broke something. `HYPOTHESIS_PROFILE=explore` searches afresh with
ten times the examples; a failure it finds becomes an explicit test (see test_clean_properties.py).
"""

import os

from hypothesis import HealthCheck, settings

COMMON = {"deadline": None, "database": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("hardening", max_examples=150, derandomize=True, **COMMON)
settings.register_profile("explore", max_examples=1500, **COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "hardening"))
