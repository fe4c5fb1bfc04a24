"""The `fanshelf analyze` and `fanshelf eval` commands (dispatched from `fanshelf.cli`)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from fanshelf.analysis.analyzer import analyze
from fanshelf.analysis.evaluate import evaluate
from fanshelf.analysis.knowledge import Knowledge
from fanshelf.analysis.packfile import PackError, bundled_pack_paths
from fanshelf.analysis.packfile import load_knowledge as load_packs
from fanshelf.analysis.report import render, to_json


def load_knowledge(pack_paths: list[str]) -> Knowledge:
    """Knowledge from the packs named on the command line, else from the bundled packs."""
    return load_packs(*(pack_paths or bundled_pack_paths()))


def _pack_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--fandom-pack",
        action="append",
        default=[],
        metavar="PACK",
        help="a fandom pack (TOML); repeat for several. Default: the bundled packs.",
    )


def _knowledge_or_error(paths: list[str]) -> Knowledge | None:
    try:
        return load_knowledge(paths)
    except PackError as error:
        print(f"error: {error}", file=sys.stderr)
        return None


def analyze_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="fanshelf analyze",
        description="Read a plain-text story and suggest its tags, with evidence.",
    )
    parser.add_argument("file", help="the story, a UTF-8 text file ('-' reads standard input)")
    _pack_option(parser)
    parser.add_argument("--json", action="store_true", help="print the analysis as JSON")
    args = parser.parse_args(argv)
    try:
        if args.file == "-":
            text = sys.stdin.read()
        else:
            text = Path(args.file).read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        print(f"error: cannot read {args.file}: {error.strerror}", file=sys.stderr)
        return 2
    knowledge = _knowledge_or_error(args.fandom_pack)
    if knowledge is None:
        return 2
    analysis = analyze(text, knowledge=knowledge)
    sys.stdout.write(to_json(analysis) + "\n" if args.json else render(analysis))
    return 0


def eval_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="fanshelf eval",
        description="Score the analyser against a labels file (must/may answers per story).",
    )
    parser.add_argument("labels", help="labels.toml")
    parser.add_argument("--stories", help="folder of the stories (default: the labels' folder)")
    _pack_option(parser)
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    labels = Path(args.labels)
    if not labels.is_file():
        print(f"error: no labels file at {labels}", file=sys.stderr)
        return 2
    knowledge = _knowledge_or_error(args.fandom_pack)
    if knowledge is None:
        return 2
    try:
        report = evaluate(labels, args.stories, knowledge)
    except FileNotFoundError as error:
        print(f"error: missing story {error.filename}", file=sys.stderr)
        return 2
    except ValueError as error:  # tomllib.TOMLDecodeError is a ValueError
        print(f"error: {labels}: {error}", file=sys.stderr)
        return 2
    data = report.to_dict()
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    print(f"{data['stories']} stories, {data['words_per_second']} words per second")
    print(f"{'field':<16}{'precision':>10}{'recall':>8}{'F1':>7}")
    for name, score in data["fields"].items():
        print(f"{name:<16}{score['precision']:>10.3f}{score['recall']:>8.3f}{score['f1']:>7.3f}")
    print(
        f"point of view {data['pov_accuracy']:.3f}   tense {data['tense_accuracy']:.3f}   "
        f"rating {data['rating_accuracy']:.3f}   notes split {data['notes_split_accuracy']:.3f}"
    )
    for tag, recall in data["warning_recall"].items():
        print(f"  recall of {tag}: {recall:.3f}")
    calibration = data["calibration"]
    print(
        f"calibration: expected calibration error {calibration['expected_calibration_error']:.3f}"
        f" over {calibration['suggestions']} suggestions and near misses"
    )
    print(f"  {'confidence':<12}{'count':>6}{'mean':>8}{'agreed':>8}")
    for row in calibration["reliability"]:
        print(
            f"  {row['range']:<12}{row['count']:>6}{row['mean_confidence']:>8.3f}"
            f"{row['agreement']:>8.3f}"
        )
    for story in data["per_story"]:
        problems = []
        for kind in ("missing", "unexpected"):
            for field_name, tags in story[kind].items():
                problems.append(f"{kind} {field_name}: {', '.join(tags)}")
        for key in ("pov", "tense"):
            expected, found = story[key]
            if expected and expected != found:
                problems.append(f"{key}: expected {expected}, found {found}")
        problems += story["notes_problems"]
        if problems:
            print(f"  {story['name']}")
            for problem in problems:
                print(f"      {problem}")
    return 0
