"""The develop stage: a story's passages → its developments (what is new), each with an importance and reasons.

The names below load on first use (`volg.lazy`), so that a module of the stage loads without the rest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from volg.lazy import offered

if TYPE_CHECKING:
    from volg.pipeline.develop.detect import NEW_DEVELOPMENT, StoryPassage, developments
    from volg.pipeline.develop.importance import explain, is_update_worth_sending, new_reason

__all__ = ["NEW_DEVELOPMENT", "StoryPassage", "developments", "explain", "is_update_worth_sending",
           "new_reason"]

__getattr__ = offered(__name__, {
    "detect": ["NEW_DEVELOPMENT", "StoryPassage", "developments"],
    "importance": ["explain", "is_update_worth_sending", "new_reason"],
})
