"""Each work's filter tags as one flat array (compressed sparse rows: the tags of work w are
`tags[starts[w]:starts[w + 1]]`), for counting facets over small and medium result sets.

The per-tag bitmaps answer "how many of these works have tag t" one tag at a time, which is
fast when few large tags decide the top entries, and slow when a result set is small and
tens of thousands of tags must each be tried. Reading the result's own tags and counting them
with numpy.bincount costs time in proportion to the result instead.

Tags of the fixed types (ratings, warnings, categories) are left out: there are a few of them,
on nearly every work, so their bitmaps count them faster. The arrays are built once from the
bitmaps; a work changed later is marked stale and its new tags kept aside in `changed` until
there are enough of those to build anew.
"""

from __future__ import annotations

import numpy as np
from pyroaring import BitMap

from .backends.shapes import FIXED_TYPES

REBUILD_AFTER = 20_000  # changed works kept aside before the arrays are built anew


def _ids(bitmap: BitMap) -> np.ndarray:
    return np.frombuffer(bitmap.to_array(), dtype=np.uint32)


class WorkTags:
    def __init__(self, tags: dict[int, BitMap], types: dict[int, str], size: int):
        counted = [t for t in tags if types.get(t, "") not in FIXED_TYPES]
        tag_ids = np.fromiter(counted, np.int32, len(counted))
        sizes = np.fromiter((len(tags[t]) for t in counted), np.int64, len(counted))
        parts = [_ids(tags[t]) for t in counted]
        works = np.concatenate(parts) if parts else np.zeros(0, np.uint32)
        order = np.argsort(works, kind="stable")
        self.tags = np.repeat(tag_ids, sizes)[order]
        self.starts = np.zeros(size + 1, np.int64)
        np.cumsum(np.bincount(works, minlength=size)[:size], out=self.starts[1:])
        self.stale = BitMap()
        self.changed: dict[int, np.ndarray] = {}
        self._by_type(types)

    def _by_type(self, types: dict[int, str]) -> None:
        grouped: dict[str, list[int]] = {}
        for tag_id, tag_type in types.items():
            if tag_type not in FIXED_TYPES:
                grouped.setdefault(tag_type or "", []).append(tag_id)
        self.of_type = {t: np.array(sorted(ids), np.int64) for t, ids in grouped.items()}
        self.type_of = dict(types)
        self.top_tag = max(types, default=0)

    def update(self, work_ids: list[int], tags_of: dict[int, list[int]], types: dict[int, str]):
        """Works whose tags changed (a work with no entry in `tags_of` has none now)."""
        for work_id in work_ids:
            counted = [t for t in tags_of.get(work_id, ()) if types.get(t, "") not in FIXED_TYPES]
            self.changed[work_id] = np.array(counted, np.int64)
        self.stale.update(work_ids)
        # Only a tag not seen before (or retyped) changes the per-type lists.
        seen = {t for tags in tags_of.values() for t in tags}
        if any(self.type_of.get(t) != types.get(t) for t in seen):
            self._by_type(types)

    def tags_of(self, work_id: int) -> np.ndarray:
        """The work's tags as these arrays hold them (not those of the fixed types)."""
        if work_id in self.changed:
            return self.changed[work_id]
        if work_id < len(self.starts) - 1:
            return self.tags[self.starts[work_id] : self.starts[work_id + 1]]
        return np.zeros(0, np.int32)

    @property
    def worn(self) -> bool:
        return len(self.stale) > REBUILD_AFTER

    def counts(self, found: BitMap) -> np.ndarray:
        """How many works of `found` have each tag, indexed by tag id."""
        known = len(self.starts) - 1
        fresh = found - self.stale if self.stale else found
        ids = _ids(fresh).astype(np.int64)
        ids = ids[ids < known]  # works added since the build are all in `changed`
        starts = self.starts[ids]
        lengths = self.starts[ids + 1] - starts
        # Positions of every tag of every found work: each work's run starts at its own start.
        begin_of_run = np.cumsum(lengths) - lengths
        positions = np.arange(int(lengths.sum()), dtype=np.int64)
        positions += np.repeat(starts - begin_of_run, lengths)
        gathered = self.tags[positions]
        if self.stale:
            extra = [self.changed[w] for w in found & self.stale if w in self.changed]
            gathered = np.concatenate([gathered, *extra])
        return np.bincount(gathered, minlength=self.top_tag + 1)

    def top(self, found: BitMap, per_type: int) -> list[tuple[int, str, int]]:
        """The per_type most frequent tags of each type among `found`: (tag id, type, count),
        ties broken by the smaller tag id."""
        counts = self.counts(found)
        result = []
        for tag_type, tag_ids in self.of_type.items():
            tag_ids = tag_ids[tag_ids < len(counts)]
            among = counts[tag_ids]
            present = np.flatnonzero(among)  # ascending, as tag_ids are
            if len(present) > per_type:
                values = among[present]
                cut = np.partition(values, len(values) - per_type)[len(values) - per_type]
                above = present[values > cut]
                tied = present[values == cut][: per_type - len(above)]
                present = np.concatenate([above, tied])
            chosen = sorted(zip((-among[present]).tolist(), tag_ids[present].tolist(), strict=True))
            result += [(tag_id, tag_type, -negative) for negative, tag_id in chosen]
        return result
