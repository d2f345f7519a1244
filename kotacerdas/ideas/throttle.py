"""Flood limits on what citizens post (ideas, comments, sign-ups, survey answers); counted by the one rate
limiter, `common.ratelimit` (docs/security.md)."""

from kotacerdas.common.ratelimit import Limit, allowed, hit

IDEA = Limit("idea", per_account=5, per_ip=20, window_seconds=3600)
COMMENT = Limit("comment", per_account=10, per_ip=40, window_seconds=600)
SIGNUP = Limit("signup", per_account=0, per_ip=10, window_seconds=3600)
SURVEY = Limit("survey", per_account=0, per_ip=30, window_seconds=3600)

__all__ = ["COMMENT", "IDEA", "SIGNUP", "SURVEY", "Limit", "allowed", "hit"]
