"""Caches of what the Service derives from stories, kept until the stories change."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from volg.models import Story

_T = TypeVar("_T")


class PerStoryCache:
    """What is derived from a story (its developments, its topic document), kept until the story changes: until its
    passages or its articles' titles and times do. (An outlet's edit of an article's body alone is seen after a
    restart.) Bounded: emptied when it holds `LIMIT` entries."""

    LIMIT = 50_000

    def __init__(self) -> None:
        self._found: dict[tuple[str, int], tuple[object, Any]] = {}

    def get(self, kind: str, story: Story, members: list[tuple[int, int]],
            make: Callable[[Story, list[tuple[int, int]]], _T]) -> _T:
        version = (tuple(members), story.articles)
        known = self._found.get((kind, story.id))
        if known is not None and known[0] == version:
            return known[1]  # type: ignore[no-any-return]
        if len(self._found) >= self.LIMIT:
            self._found.clear()
        value = make(story, members)
        self._found[kind, story.id] = (version, value)
        return value


class StampedCache:
    """Views over stories (all of them, those of a window, discovered topics), kept while the storage's stories
    stamp stays the same; a view of an older stamp is dropped when one of a newer stamp is made, so views of many
    windows do not pile up."""

    def __init__(self) -> None:
        self._found: dict[tuple[object, ...], tuple[int, Any]] = {}

    def get(self, key: tuple[object, ...], stamp: int, make: Callable[[], _T]) -> _T:
        known = self._found.get(key)
        if known is not None and known[0] == stamp:
            return known[1]  # type: ignore[no-any-return]
        value = make()
        self._found = {k: v for k, v in self._found.items() if v[0] == stamp}
        self._found[key] = (stamp, value)
        return value
