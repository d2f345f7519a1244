"""The evaluation fixture (a framework and a round for the home region) is shared with the national tests."""

from tests.evaluation.conftest import ev  # noqa: F401
