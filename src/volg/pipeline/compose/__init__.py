"""The compose stage: per subscription, when its digests are due, what goes in them, and how they read.

The names below load on first use (`volg.lazy`), so that a module of the stage loads without the rest (but for
`select`, which is named as its module: importing the package imports that module).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from volg.lazy import offered
from volg.pipeline.compose.select import select  # a function named as its module: see volg.lazy.offered

if TYPE_CHECKING:
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
    from volg.pipeline.compose.select import BREAKING_WINDOW, FIRST_WINDOW, REGROWN, breaking, digest_since

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

__getattr__ = offered(__name__, {
    "render": ["html_body", "render_atom_entry", "render_html", "render_json", "render_text"],
    "schedule": ["MAX_ITEMS", "due_time", "is_quiet", "local_instant", "parse_time", "scheduled_times",
                 "validate_subscription", "zone"],
    "select": ["BREAKING_WINDOW", "FIRST_WINDOW", "REGROWN", "breaking", "digest_since"],
})
