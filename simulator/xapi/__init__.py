"""xAPI statements for programmes: the Upward vocabulary, and statements built and read back.

`vocabulary` holds the IRIs, the learner's enrolment and the stable ids (no third-party import,
so the history can use it freely); `statements` builds and validates statements with
ralph-malph's xAPI models, imported only when a programme is joined.
"""

from simulator.xapi.vocabulary import (
    ACCOUNT_HOME,
    EXTENSIONS,
    UPWARD,
    AttemptFacts,
    Enrolment,
    Verb,
    registration_for,
    statement_id,
)

__all__ = [
    "ACCOUNT_HOME",
    "EXTENSIONS",
    "UPWARD",
    "AttemptFacts",
    "Enrolment",
    "Verb",
    "registration_for",
    "statement_id",
]
