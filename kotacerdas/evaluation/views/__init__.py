"""Evaluation pages of a region, under /r/<region>/evaluasi/ (staff) and /r/<region>/hasil-evaluasi/ (public).

Thin: parse, check the rule, call a service or selector, render. Every round is looked up through the URL's
region, so another region's round is a 404.
"""

from .advice import score_advice
from .evidence import evidence_attach, evidence_file, evidence_remove
from .results import public_results, results, results_pdf, results_xlsx
from .rounds import (
    assessors_set,
    correct,
    moderate,
    prefill_refresh,
    publish,
    round_list,
    round_page,
    scores_save,
    self_assessment_save,
)

__all__ = [
    "assessors_set",
    "correct",
    "evidence_attach",
    "evidence_file",
    "evidence_remove",
    "moderate",
    "prefill_refresh",
    "public_results",
    "publish",
    "results",
    "results_pdf",
    "results_xlsx",
    "round_list",
    "round_page",
    "score_advice",
    "scores_save",
    "self_assessment_save",
]
