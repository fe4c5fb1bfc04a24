"""Is a suggestion's confidence the probability that a careful tagger agrees? A reliability
table (suggestions binned by confidence, with the share a tagger accepted) and the expected
calibration error: the mean gap between confidence and agreement, weighted by bin size."""

from __future__ import annotations

from dataclasses import dataclass, field

CALIBRATION_BINS = 10


@dataclass
class Reliability:
    bins: int = CALIBRATION_BINS
    # (confidence, agreed) per suggestion, near misses included: they are claims too.
    points: list[tuple[float, bool]] = field(default_factory=list)

    def add(self, confidence: float, agreed: bool) -> None:
        self.points.append((min(max(confidence, 0.0), 1.0), agreed))

    def table(self) -> list[dict]:
        rows = []
        for index in range(self.bins):
            low, high = index / self.bins, (index + 1) / self.bins
            inside = [
                (c, a)
                for c, a in self.points
                if low <= c < high or (index == self.bins - 1 and c == 1.0)
            ]
            if not inside:
                continue
            rows.append(
                {
                    "range": f"{low:.1f}-{high:.1f}",
                    "count": len(inside),
                    "mean_confidence": round(sum(c for c, _ in inside) / len(inside), 3),
                    "agreement": round(sum(1 for _, a in inside if a) / len(inside), 3),
                }
            )
        return rows

    @property
    def expected_calibration_error(self) -> float:
        total = len(self.points)
        if not total:
            return 0.0
        return round(
            sum(
                r["count"] / total * abs(r["mean_confidence"] - r["agreement"])
                for r in self.table()
            ),
            3,
        )
