"""The works that recent text queries matched, as bitmaps, kept exact as works change.

Finding every work a common word matches is the slowest part of a text search at a million
works (PostgreSQL visits each matching row to learn its work id). Readers ask the same words
again and again, so each app server keeps the last FANSHELF_SEARCH_TEXT_CACHE_ENTRIES answers.
When works change (the change log that keeps the tag bitmaps current: bitmaps.py), each kept
answer drops those works and asks the database about just them again, so a kept answer is as
fresh as the bitmaps it is combined with. A full reload of the bitmaps empties it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from django.conf import settings
from pyroaring import BitMap


class TextCache:
    def __init__(self):
        self.entries: OrderedDict[str, BitMap] = OrderedDict()
        self.lock = threading.Lock()
        self.version = 0  # moves on every change, so an answer found meanwhile isn't kept

    def found(self, expression: str, find: Callable[[], BitMap]) -> BitMap:
        with self.lock:
            kept = self.entries.get(expression)
            if kept is not None:
                self.entries.move_to_end(expression)
                return kept
            version = self.version
        answer = find()
        limit = settings.FANSHELF_SEARCH_TEXT_CACHE_ENTRIES
        with self.lock:
            if limit > 0 and version == self.version:
                self.entries[expression] = answer
                while len(self.entries) > limit:
                    self.entries.popitem(last=False)
        return answer

    def follow(self, work_ids: list[int], among: Callable[[list[str], list[int]], dict]) -> None:
        """`work_ids` changed: `among(expressions, work_ids)` says which of them each kept
        expression matches now. Answers are replaced, never changed in place, so a search
        holding one keeps a whole one."""
        with self.lock:
            self.version += 1
            expressions = list(self.entries)
        if not expressions:
            return
        matching = among(expressions, work_ids)
        changed = BitMap(work_ids)
        with self.lock:
            self.version += 1
            for expression in expressions:
                if expression in self.entries:
                    fresh = BitMap(matching.get(expression, ()))
                    self.entries[expression] = (self.entries[expression] - changed) | fresh

    def clear(self) -> None:
        with self.lock:
            self.version += 1
            self.entries.clear()
