"""Stub pages (being written)."""

from django.http import Http404


def workspace(request, **kwargs):
    raise Http404


def start(request, **kwargs):
    raise Http404


def round_detail(request, **kwargs):
    raise Http404


def participant_add(request, **kwargs):
    raise Http404


def participant_delete(request, **kwargs):
    raise Http404


def checklist_toggle(request, **kwargs):
    raise Http404


def round_complete(request, **kwargs):
    raise Http404


def readiness(request, **kwargs):
    raise Http404


def readiness_pillar(request, **kwargs):
    raise Http404


def readiness_questions(request, **kwargs):
    raise Http404


def vision(request, **kwargs):
    raise Http404


def strategies(request, **kwargs):
    raise Http404


def strategy_edit(request, **kwargs):
    raise Http404


def programmes(request, **kwargs):
    raise Http404


def programme_new(request, **kwargs):
    raise Http404


def programme_plan(request, **kwargs):
    raise Http404


def roadmap(request, **kwargs):
    raise Http404


def quick_wins(request, **kwargs):
    raise Http404


def adopt(request, **kwargs):
    raise Http404


def revisions(request, **kwargs):
    raise Http404


def revision_diff(request, **kwargs):
    raise Http404
