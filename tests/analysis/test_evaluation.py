"""The analyser against labelled stories: its own regression set, the archive's seed stories and
the development set of real fan writing (read from the shared folder, never copied here).

Floors are figures the analyser has reached; a change that drops below one is a regression.
"""

import json

import pytest

from fanshelf.analysis.commands import analyze_main, eval_main
from fanshelf.analysis.evaluate import evaluate

from .conftest import DEV_DIR, STORIES_DIR

OWN_FLOORS = {
    "fandom": 1.0,
    "characters": 0.93,
    "relationships": 0.87,
    "warnings": 1.0,
    "rating": 0.95,
    "freeform": 0.88,
    "canon_placement": 1.0,
}
# The seeds: every must found and nothing outside must + may, as the issue asks.
SEED_FLOORS = {
    "fandom": 1.0,
    "characters": 1.0,
    "relationships": 1.0,
    "warnings": 1.0,
    "rating": 1.0,
    "freeform": 0.9,
    "canon_placement": 1.0,
}


# The development set: 48 excerpts of real fan fiction from eleven fandoms. Floors sit just under
# what the analyser reaches (see the closing note of issue 15 for the full table).
DEV_FLOORS = {
    "fandom": 0.97,
    "characters": 0.90,
    "relationships": 0.74,
    "warnings": 0.94,
    "rating": 0.80,
}
DEV_ACCURACY_FLOORS = {"pov": 0.97, "tense": 0.97, "rating": 0.87, "mcd_recall": 0.89}


def _check(report, floors):
    scores = {name: round(score.f1, 3) for name, score in report.fields.items()}
    below = {name: scores[name] for name, floor in floors.items() if scores[name] < floor}
    assert not below, f"F1 below floor: {below}; stories: {report.to_dict()['per_story']}"
    assert report.pov_accuracy == 1.0
    assert report.tense_accuracy == 1.0
    assert report.notes_accuracy == 1.0


def test_own_stories_meet_their_floors(pack_knowledge):
    report = evaluate(STORIES_DIR / "labels.toml", None, pack_knowledge)
    assert len(report.stories) >= 12
    _check(report, OWN_FLOORS)


def test_seed_stories_meet_their_floors(pack_knowledge, seeds_dir):
    report = evaluate(seeds_dir / "labels.toml", seeds_dir, pack_knowledge)
    assert len(report.stories) == 3
    _check(report, SEED_FLOORS)


def test_the_development_set_of_real_fan_writing_meets_its_floors(pack_knowledge):
    if not (DEV_DIR / "labels.toml").exists():
        pytest.skip(f"the development stories are not beside the repository ({DEV_DIR})")
    report = evaluate(DEV_DIR / "labels.toml", None, pack_knowledge)
    assert len(report.stories) == 48
    scores = {name: round(report.fields[name].f1, 3) for name in DEV_FLOORS}
    assert scores == {name: max(scores[name], floor) for name, floor in DEV_FLOORS.items()}
    must, found = report.warning_recall["Major Character Death"]
    reached = {
        "pov": report.pov_accuracy,
        "tense": report.tense_accuracy,
        "rating": report.rating_accuracy,
        "mcd_recall": found / must,
    }
    assert all(reached[key] >= floor for key, floor in DEV_ACCURACY_FLOORS.items()), reached


def test_eval_prints_calibration_and_a_reliability_table(capsys, seeds_dir):
    assert eval_main([str(seeds_dir / "labels.toml")]) == 0
    out = capsys.readouterr().out
    assert "expected calibration error" in out
    assert "confidence" in out and "agreed" in out
    assert "rating" in out


def test_scores_count_must_may_and_false_positives(tmp_path, knowledge):
    (tmp_path / "one.txt").write_text(
        "Missy kissed the Doctor, and the Doctor kissed Missy back, and Missy laughed.",
        encoding="utf-8",
    )
    (tmp_path / "labels.toml").write_text(
        '[story."one.txt"]\n'
        'characters.must = ["Missy (Doctor Who)"]\n'
        "characters.may = []\n"
        'relationships.must = ["Clara Oswald & Missy"]\n'
        'pov = "first"\n',
        encoding="utf-8",
    )
    report = evaluate(tmp_path / "labels.toml", None, knowledge)
    characters = report.fields["characters"]
    assert characters.recall == 1.0
    assert characters.precision == 0.5  # the Doctor is outside must + may
    assert report.fields["relationships"].recall == 0.0
    assert report.pov_accuracy == 0.0
    story = report.stories[0]
    assert story.missing["relationships"] == ["Clara Oswald & Missy"]
    assert "Twelfth Doctor" in story.unexpected["characters"]


def test_eval_command_prints_json_scores(capsys, pack_knowledge):
    assert eval_main([str(STORIES_DIR / "labels.toml"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["fields"]) == set(OWN_FLOORS)
    assert data["words_per_second"] > 0


def test_eval_command_reports_a_missing_labels_file(capsys, tmp_path):
    assert eval_main([str(tmp_path / "nope.toml")]) == 2
    assert "no labels file" in capsys.readouterr().err


def test_analyze_command_prints_a_report_or_json(capsys, pack_knowledge):
    story = STORIES_DIR / "03_feared_death.txt"
    assert analyze_main([str(story)]) == 0
    report = capsys.readouterr().out
    assert "Amy Pond" in report and "Point of view: third" in report
    assert analyze_main([str(story), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "Amy Pond/Rory Williams" in {s["tag"] for s in data["suggestions"]}


def test_analyze_command_reports_an_unreadable_file(capsys, tmp_path):
    assert analyze_main([str(tmp_path / "missing.txt")]) == 2
    assert "cannot read" in capsys.readouterr().err


@pytest.mark.parametrize("bad_pack", ["not toml [", "format = 1\n"])
def test_analyze_command_reports_a_broken_pack(capsys, tmp_path, bad_pack, pack_knowledge):
    pack = tmp_path / "pack.toml"
    pack.write_text(bad_pack, encoding="utf-8")
    story = STORIES_DIR / "03_feared_death.txt"
    assert analyze_main([str(story), "--fandom-pack", str(pack)]) == 2
    assert "pack.toml" in capsys.readouterr().err


def test_relationship_names_compare_without_regard_to_member_order(tmp_path, knowledge):
    (tmp_path / "one.txt").write_text(
        "Missy kissed the Doctor, and the Doctor kissed Missy back, and Missy laughed.",
        encoding="utf-8",
    )
    (tmp_path / "labels.toml").write_text(
        '[story."one.txt"]\nrelationships.must = ["Twelfth Doctor/Missy"]\n', encoding="utf-8"
    )
    report = evaluate(tmp_path / "labels.toml", None, knowledge)
    assert report.fields["relationships"].recall == 1.0


def test_calibration_error_is_the_weighted_gap_between_confidence_and_agreement():
    from fanshelf.analysis.calibration import Reliability

    reliability = Reliability()
    for agreed in (True, True, True, False):  # 0.75 agreed at 0.95 confidence
        reliability.add(0.95, agreed)
    for agreed in (True, False):  # 0.5 agreed at 0.15 confidence
        reliability.add(0.15, agreed)
    rows = reliability.table()
    assert [row["count"] for row in rows] == [2, 4]
    assert reliability.expected_calibration_error == round((2 * 0.35 + 4 * 0.2) / 6, 3)


def test_calibration_raises_a_suggestions_confidence_but_keeps_an_unsure_one_unsure():
    from fanshelf.analysis.calibration import calibrated
    from fanshelf.analysis.results import Suggestion

    sure = calibrated(Suggestion("Doctor Who", "fandom", 0.8))
    unsure = calibrated(Suggestion("No Archive Warnings Apply", "warning", 0.6))
    assert 0.8 < sure.confidence < 1.0
    assert unsure.confidence == 0.6
