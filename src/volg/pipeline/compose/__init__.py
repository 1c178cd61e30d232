"""The compose stage: per subscription, when its digests are due, what goes in them, and how they read."""

from volg.pipeline.compose.render import (
    html_body,
    render_atom_entry,
    render_html,
    render_json,
    render_text,
)
from volg.pipeline.compose.schedule import (
    MAX_ITEMS,
    due_time,
    is_quiet,
    local_instant,
    parse_time,
    scheduled_times,
    validate_subscription,
    zone,
)
from volg.pipeline.compose.select import BREAKING_WINDOW, FIRST_WINDOW, REGROWN, breaking, digest_since, select

__all__ = [
    "BREAKING_WINDOW",
    "FIRST_WINDOW",
    "REGROWN",
    "MAX_ITEMS",
    "breaking",
    "digest_since",
    "due_time",
    "html_body",
    "is_quiet",
    "local_instant",
    "parse_time",
    "render_atom_entry",
    "render_html",
    "render_json",
    "render_text",
    "scheduled_times",
    "select",
    "validate_subscription",
    "zone",
]
