"""Shared settings for the hardening tests: bounded property tests that leave no files behind.

Hypothesis runs a fixed number of examples per test (enough to find the classic failures: control
characters, odd Unicode, empty and huge inputs) with no deadline, since the machine is shared and
one slow example is not a failure. No example database: the tests write nothing into the checkout.
"""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "hardening",
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("hardening")
