"""Is a suggestion's confidence the probability that a careful tagger agrees? A reliability
table (suggestions binned by confidence, with the share a tagger accepted) and the expected
calibration error: the mean gap between confidence and agreement, weighted by bin size."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from fanshelf.analysis.results import Suggestion

CALIBRATION_BINS = 10
# How far a suggestion's evidence strength understates the chance a careful tagger agrees, per
# tag type: confidence c becomes c + (1 - c) * lift. Measured on the development set of real fan
# writing (`fanshelf eval`), then rounded down so as not to promise more than it showed. Only the
# confidence shown moves; which tags are suggested is decided before, on the evidence itself.
CALIBRATION_LIFT = {
    "fandom": 0.7,
    "character": 0.6,
    "relationship": 0.25,
    "warning": 0.7,
    "rating": 0.6,
    "freeform": 0.3,
}
# A confidence kept low on purpose (an unsure "No Archive Warnings Apply") stays as it is.
UNSURE_KEPT_BELOW = 0.61


def calibrated(suggestion: Suggestion) -> Suggestion:
    lift = CALIBRATION_LIFT.get(suggestion.tag_type, 0.0)
    if not lift or (suggestion.confidence < UNSURE_KEPT_BELOW and suggestion.tag_type == "warning"):
        return suggestion
    confidence = suggestion.confidence + (1.0 - suggestion.confidence) * lift
    return replace(suggestion, confidence=round(confidence, 3))


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
