"""Hypothesis profiles for the test suite.

``ci`` (what ``make test`` selects): derandomized, so a run on a clean clone
draws the same examples as the developer's run before it; a red CI is then a
change in the code, never a new random draw.  ``explore`` (``make fuzz``): random
draws (a new seed each run), to look for new counterexamples; each one
found is added to its test as an ``@example`` so that ``ci`` keeps it.
"""
from hypothesis import settings

settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
