"""Fidelity on real pages: the development set's facts, the scoring, and the report."""
