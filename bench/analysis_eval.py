"""Analyser benchmark: accuracy on the seed stories, the development set of real fan writing and
the analyser's own labelled stories, and throughput of the core pass (`analyze`) on a large text.
Prints JSON.

    .venv/bin/python bench/analysis_eval.py [--words 500000]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from fanshelf.analysis.analyzer import analyze  # noqa: E402
from fanshelf.analysis.evaluate import evaluate  # noqa: E402
from fanshelf.analysis.packfile import bundled_pack_paths, load_knowledge  # noqa: E402
from fanshelf.analysis.structure import word_count  # noqa: E402

# The shared folder sits beside the repository (or beside the folder of its worktrees).
SHARED = next(
    (p / "shared" for p in ROOT.parents if (p / "shared" / "seeds").is_dir()),
    ROOT.parent / "shared",
)
SEEDS = SHARED / "seeds" / "labels.toml"
DEV = SHARED / "dev-stories" / "labels.toml"
OWN_STORIES = ROOT / "tests" / "analysis" / "stories" / "labels.toml"


def _scores(labels: Path, knowledge) -> dict | None:
    if not labels.exists():
        return None
    report = evaluate(labels, None, knowledge).to_dict()
    report.pop("per_story")
    report["calibration"].pop("reliability")  # the table: `fanshelf eval LABELS`
    return report


def _throughput(knowledge, target_words: int, repeats: int) -> dict:
    """Every story we have, concatenated until the text reaches `target_words`, analysed as one
    work; the best of `repeats` runs (CPU time of this process, so one core)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(OWN_STORIES.parent.glob("*.txt"))]
    if SEEDS.exists():
        texts += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.parent.glob("*.txt"))]
    if DEV.exists():
        texts += [p.read_text(encoding="utf-8") for p in sorted(DEV.parent.glob("*.txt"))]
    words_each = sum(word_count(text) for text in texts)
    copies = max(1, target_words // max(words_each, 1))
    big = "\n\n".join(texts * copies)
    words = word_count(big)
    best_cpu = best_wall = float("inf")
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        analyze(big, knowledge=knowledge)
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    return {
        "words": words,
        "seconds_cpu": round(best_cpu, 3),
        "seconds_wall": round(best_wall, 3),
        "words_per_second": round(words / best_cpu),
        "words_per_second_wall": round(words / best_wall),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=500_000, help="size of the throughput text")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    knowledge = load_knowledge(*bundled_pack_paths())
    knowledge.index  # noqa: B018 - built once per archive, not per work: kept out of the timing
    index_seconds = time.perf_counter() - started
    throughput = _throughput(knowledge, args.words, args.repeats)
    result = {
        "words_per_second": throughput["words_per_second"],
        "throughput": throughput,
        "knowledge_index_seconds": round(index_seconds, 3),
        "seeds": _scores(SEEDS, knowledge),
        "dev_stories": _scores(DEV, knowledge),
        "own_stories": _scores(OWN_STORIES, knowledge),
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
