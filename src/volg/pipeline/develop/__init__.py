"""The develop stage: a story's passages → its developments (what is new), each with an importance and reasons."""

from volg.pipeline.develop.detect import NEW_DEVELOPMENT, StoryPassage, developments
from volg.pipeline.develop.importance import explain, is_update_worth_sending, new_reason

__all__ = ["NEW_DEVELOPMENT", "StoryPassage", "developments", "explain", "is_update_worth_sending",
           "new_reason"]
