"""Score the analyser against a labels file (the format of the seed labels).

`must` answers are needed (recall is measured on them); `may` answers are tolerated; anything
else the analyser suggests is a false positive. Scores are micro-averaged over the stories.
Relationship names compare without regard to member order ("B/A" is "A/B").
"""

from __future__ import annotations

import time
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path

from fanshelf.analysis import structure
from fanshelf.analysis.analyzer import analyze
from fanshelf.analysis.calibration import Reliability
from fanshelf.analysis.knowledge import Knowledge
from fanshelf.analysis.results import Analysis

# Labels field -> suggestion tag type.
FIELDS = {
    "fandom": "fandom",
    "characters": "character",
    "relationships": "relationship",
    "warnings": "warning",
    "rating": "rating",
    "freeform": "freeform",
    "canon_placement": "canon_placement",
}


@dataclass
class FieldScore:
    must: int = 0
    found: int = 0  # must answers suggested
    suggested: int = 0
    accepted: int = 0  # suggestions inside must + may

    @property
    def precision(self) -> float:
        return self.accepted / self.suggested if self.suggested else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.must if self.must else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict:
        return {
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            **asdict(self),
        }


@dataclass
class StoryResult:
    name: str
    missing: dict[str, list[str]]
    unexpected: dict[str, list[str]]
    pov: tuple[str, str]  # (expected, found)
    tense: tuple[str, str]
    notes_exact: bool
    notes_problems: list[str]
    words: int
    seconds: float


@dataclass
class EvalReport:
    fields: dict[str, FieldScore] = field(default_factory=lambda: {f: FieldScore() for f in FIELDS})
    stories: list[StoryResult] = field(default_factory=list)
    reliability: Reliability = field(default_factory=Reliability)
    # Per warning: [must answers, of them found].
    warning_recall: dict[str, list[int]] = field(default_factory=dict)

    def _share(self, predicate) -> float:
        return (
            sum(1 for s in self.stories if predicate(s)) / len(self.stories)
            if self.stories
            else 0.0
        )

    @property
    def pov_accuracy(self) -> float:
        return self._share(lambda s: s.pov[0] == s.pov[1])

    @property
    def tense_accuracy(self) -> float:
        return self._share(lambda s: s.tense[0] == s.tense[1])

    @property
    def rating_accuracy(self) -> float:
        score = self.fields["rating"]
        return score.accepted / len(self.stories) if self.stories else 0.0

    @property
    def notes_accuracy(self) -> float:
        return self._share(lambda s: s.notes_exact)

    @property
    def words_per_second(self) -> float:
        seconds = sum(s.seconds for s in self.stories)
        return sum(s.words for s in self.stories) / seconds if seconds else 0.0

    def to_dict(self) -> dict:
        return {
            "stories": len(self.stories),
            "fields": {name: score.to_dict() for name, score in self.fields.items()},
            "pov_accuracy": round(self.pov_accuracy, 3),
            "tense_accuracy": round(self.tense_accuracy, 3),
            "rating_accuracy": round(self.rating_accuracy, 3),
            "warning_recall": {
                tag: round(found / must, 3) for tag, (must, found) in self.warning_recall.items()
            },
            "calibration": {
                "expected_calibration_error": self.reliability.expected_calibration_error,
                "suggestions": len(self.reliability.points),
                "reliability": self.reliability.table(),
            },
            "notes_split_accuracy": round(self.notes_accuracy, 3),
            "words_per_second": round(self.words_per_second),
            "per_story": [asdict(s) for s in self.stories],
        }


def same_tag(tag_type: str, tag: str) -> str:
    """A tag as compared: relationship members in a fixed order."""
    if tag_type != "relationship":
        return tag
    for separator in ("/", " & "):
        if separator in tag:
            return separator.join(
                sorted((p.strip() for p in tag.split(separator)), key=str.casefold)
            )
    return tag


def _answers(label: dict, name: str) -> tuple[set[str], set[str]]:
    entry = label.get(name, {})
    tag_type = FIELDS[name]
    return (
        {same_tag(tag_type, t) for t in entry.get("must", [])},
        {same_tag(tag_type, t) for t in entry.get("may", [])},
    )


def _notes_problems(label: dict, analysis: Analysis, text: str) -> list[str]:
    problems = []
    split = structure.split_story(text)
    for key, found in (("notes_begin", split.notes_begin), ("notes_end", split.notes_end)):
        if key in label and label[key] != found:
            problems.append(f"{key}: expected {label[key]!r}, found {found!r}")
    if "body_starts_with" in label and not split.body.startswith(label["body_starts_with"]):
        problems.append(f"body starts {split.body[:60]!r}")
    if "body_ends_with" in label and not split.body.endswith(label["body_ends_with"]):
        problems.append(f"body ends {split.body[-60:]!r}")
    return problems


def score_story(
    name: str, label: dict, text: str, knowledge: Knowledge, report: EvalReport
) -> Analysis:
    # CPU time of this process: one core, whatever else the machine is doing.
    started = time.process_time()
    analysis = analyze(text, knowledge=knowledge)
    seconds = time.process_time() - started
    missing, unexpected = {}, {}
    for field_name, tag_type in FIELDS.items():
        must, may = _answers(label, field_name)
        found = {same_tag(tag_type, t) for t in analysis.tags(tag_type)}
        if field_name in label:
            for suggestion in (*analysis.suggestions, *analysis.near_misses):
                if suggestion.tag_type == tag_type:
                    agreed = same_tag(tag_type, suggestion.tag) in must | may
                    report.reliability.add(suggestion.confidence, agreed)
        if field_name == "warnings":
            for tag in must:
                counts = report.warning_recall.setdefault(tag, [0, 0])
                counts[0] += 1
                counts[1] += tag in found
        score = report.fields[field_name]
        score.must += len(must)
        score.found += len(must & found)
        score.suggested += len(found)
        score.accepted += len(found & (must | may))
        if must - found:
            missing[field_name] = sorted(must - found)
        if found - must - may:
            unexpected[field_name] = sorted(found - must - may)
    problems = _notes_problems(label, analysis, text)
    report.stories.append(
        StoryResult(
            name=name,
            missing=missing,
            unexpected=unexpected,
            pov=(label.get("pov", ""), analysis.pov.value),
            tense=(label.get("tense", ""), analysis.tense.value),
            notes_exact=not problems,
            notes_problems=problems,
            words=analysis.word_count,
            seconds=round(seconds, 4),
        )
    )
    return analysis


def evaluate(
    labels_path: str | Path, stories_dir: str | Path | None, knowledge: Knowledge
) -> EvalReport:
    labels_path = Path(labels_path)
    stories_dir = Path(stories_dir) if stories_dir else labels_path.parent
    with labels_path.open("rb") as handle:
        labels = tomllib.load(handle)
    report = EvalReport()
    knowledge.index  # noqa: B018 - build the lookup tables outside the timed analyses
    for name, label in labels.get("story", {}).items():
        text = (stories_dir / name).read_text(encoding="utf-8")
        score_story(name, label, text, knowledge, report)
    return report
