"""Idea pages. Thin: parse, check the rule, call a service or selector, render.

Public: /r/<slug>/gagasan/ (list), /r/<slug>/gagasan/<id>/ (page), posts to support, comment and flag.
Sign-up: /r/<slug>/daftar/. Moderation: /r/<slug>/staf/gagasan/. Every lookup goes through the URL's region.
Split by audience: `public`, `account` (sign-up), `moderation`.
"""

from .account import signup_sent, signup_view
from .moderation import staff_detail, staff_hide_comment, staff_hide_idea, staff_link, staff_queue, staff_status
from .public import comment_create, flag_create, idea_create, idea_detail, idea_list, idea_support

__all__ = [
    "comment_create",
    "flag_create",
    "idea_create",
    "idea_detail",
    "idea_list",
    "idea_support",
    "signup_sent",
    "signup_view",
    "staff_detail",
    "staff_hide_comment",
    "staff_hide_idea",
    "staff_link",
    "staff_queue",
    "staff_status",
]
