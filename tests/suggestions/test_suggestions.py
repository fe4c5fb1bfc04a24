import pytest
from django.core.management import call_command
from django.urls import reverse

from fanshelf.analysis.packfile import BUNDLED_PACKS_DIR, read_pack
from fanshelf.suggestions.models import TagSuggestion, WorkAnalysis
from fanshelf.suggestions.services import forget_knowledge, work_analyze
from fanshelf.tags.pack_loading import pack_load
from fanshelf.works.models import Work
from tests.seeds import SEEDS_DIR, seed_labels

pytestmark = pytest.mark.django_db

TWISSY_SEED = "000_42a2f226b6b5c9c0.txt"
DEATH_SEED = "001_59afa6af9a62a8bb.txt"


@pytest.fixture
def doctor_who():
    pack_load(pack=read_pack(BUNDLED_PACKS_DIR / "doctor_who.toml"))
    forget_knowledge()
    yield
    forget_knowledge()


@pytest.fixture
def import_seed(author, django_capture_on_commit_callbacks):
    """Import a seed as a draft; its analysis is queued after commit and runs inline here."""

    def run(name) -> Work:
        with django_capture_on_commit_callbacks(execute=True):
            call_command("import_works", str(SEEDS_DIR / name), pseud="author", draft=True)
        return Work.objects.get()

    return run


def pending(work, tag_type=None):
    suggestions = work.suggestions.filter(status=TagSuggestion.Status.PENDING)
    if tag_type:
        suggestions = suggestions.filter(tag_type=tag_type)
    return {s.name: s for s in suggestions}


def test_saving_a_work_queues_its_analysis_and_suggests_with_evidence(
    author, doctor_who, import_seed
):
    work = import_seed(TWISSY_SEED)
    analysis = WorkAnalysis.objects.get(work=work)
    label = seed_labels()[TWISSY_SEED]
    assert (analysis.pov, analysis.tense) == (label["pov"], label["tense"])
    characters = pending(work, "character")
    assert set(label["characters"]["must"]) <= set(characters)
    twissy = pending(work, "relationship")["Missy/Twelfth Doctor"]
    assert twissy.evidence and 0 < twissy.confidence <= 1
    assert any("Twissy" in item["text"] for item in twissy.evidence)
    # Nothing is applied behind the author's back: the work keeps only the import's defaults.
    assert set(work.taggings.values_list("tag__name", flat=True)) == {
        "Not Rated",
        "Creator Chose Not To Use Archive Warnings",
    }


def test_author_sees_grouped_suggestions_and_accepts_some(client, author, doctor_who, import_seed):
    work = import_seed(TWISSY_SEED)
    client.force_login(author)
    page = client.get(reverse("works:edit", args=[work.pk])).content.decode()
    assert "Tags the analyser suggests" in page
    assert "<legend>Relationship</legend>" in page and "<legend>Character</legend>" in page
    assert "Missy/Twelfth Doctor" in page and "<summary>Why</summary>" in page
    chosen = [pending(work)["Missy/Twelfth Doctor"].pk, pending(work)["Twelfth Doctor"].pk]
    client.post(
        reverse("suggestions:decide", args=[work.pk]), {"suggestion": chosen, "action": "accept"}
    )
    tags = set(work.taggings.values_list("tag__name", flat=True))
    assert {"Missy/Twelfth Doctor", "Twelfth Doctor"} <= tags
    assert "Missy/Twelfth Doctor" not in pending(work)
    work_analyze(work=work)  # reading again does not suggest what the work already has
    assert "Missy/Twelfth Doctor" not in pending(work)


def test_unaccepted_warning_is_never_shown_to_readers(client, author, doctor_who, import_seed):
    work = import_seed(DEATH_SEED)
    assert "Major Character Death" in pending(work, "warning")
    Work.objects.filter(pk=work.pk).update(posted=True)
    page = client.get(work.get_absolute_url()).content.decode()
    assert "Major Character Death" not in page


def test_accepting_a_warning_replaces_no_archive_warnings(client, author, doctor_who, import_seed):
    from fanshelf.tags.services import work_set_tags

    work = import_seed(DEATH_SEED)
    work_set_tags(
        work=work,
        rating="Teen And Up Audiences",
        warnings=["No Archive Warnings Apply"],
        fandoms=["Doctor Who"],
    )
    client.force_login(author)
    death = pending(work, "warning")["Major Character Death"]
    client.post(
        reverse("suggestions:decide", args=[work.pk]),
        {"suggestion": [death.pk], "action": "accept"},
    )
    warnings = set(work.taggings.filter(tag__type="warning").values_list("tag__name", flat=True))
    assert "Major Character Death" in warnings and "No Archive Warnings Apply" not in warnings


def test_dismissed_suggestions_stay_dismissed(client, author, doctor_who, import_seed):
    work = import_seed(TWISSY_SEED)
    client.force_login(author)
    clara = pending(work, "character")["Clara Oswald"]
    client.post(
        reverse("suggestions:decide", args=[work.pk]),
        {"suggestion": [clara.pk], "action": "dismiss"},
    )
    client.post(reverse("suggestions:reanalyze", args=[work.pk]))
    assert "Clara Oswald" not in pending(work, "character")
    assert not work.taggings.filter(tag__name="Clara Oswald").exists()


def test_accepting_nothing_says_so(client, author, doctor_who, import_seed):
    work = import_seed(TWISSY_SEED)
    client.force_login(author)
    response = client.post(
        reverse("suggestions:decide", args=[work.pk]), {"action": "accept"}, follow=True
    )
    assert "Choose at least one suggestion to accept." in response.content.decode()


def test_other_users_cannot_decide(client, author, reader, doctor_who, import_seed):
    work = import_seed(TWISSY_SEED)
    client.force_login(reader)
    suggestion = next(iter(pending(work).values()))
    response = client.post(
        reverse("suggestions:decide", args=[work.pk]),
        {"suggestion": [suggestion.pk], "action": "accept"},
    )
    assert response.status_code == 404
    assert not work.taggings.filter(tag__name=suggestion.name).exists()


def test_analyze_all_reads_every_work_again(author, doctor_who, import_seed):
    work = import_seed(TWISSY_SEED)
    WorkAnalysis.objects.all().delete()
    call_command("analyze_works", all=True, verbosity=0)
    assert WorkAnalysis.objects.filter(work=work).exists()


def _work_in_doctor_who(author, title, text, *, post=True):
    from fanshelf.tags.services import work_set_tags
    from fanshelf.works import services

    work = services.work_create(
        pseuds=[author.default_pseud],
        title=title,
        text_format="plain",
        chapters=[services.ChapterInput(text=text)],
        post=False,
    )
    work_set_tags(
        work=work,
        rating="General Audiences",
        warnings=["No Archive Warnings Apply"],
        fandoms=["Doctor Who"],
    )
    if post:
        services.work_post(work=work)
    return work


SEA = "The lighthouse keeper watched the sea and the lighthouse lamp over the grey sea."


def test_more_like_this_prefers_the_closer_story(
    client, author, doctor_who, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        base = _work_in_doctor_who(author, "Keeper", SEA)
        _work_in_doctor_who(author, "Lamp", SEA + " The lamp and the lighthouse kept the sea lit.")
        kitchen = "She baked bread in the kitchen, flour on the kitchen table, bread rising."
        _work_in_doctor_who(author, "Kitchen", kitchen)
    page = client.get(base.get_absolute_url()).content.decode()
    more = page.split("More like this")[1]
    assert "Lamp" in more and "Kitchen" in more
    assert more.index("Lamp") < more.index("Kitchen")


def test_more_like_this_never_offers_a_draft(
    client, author, doctor_who, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        base = _work_in_doctor_who(author, "Keeper", SEA)
        _work_in_doctor_who(author, "Beacon", SEA + " The lamp burned.")
        _work_in_doctor_who(author, "Unposted", SEA + " The lamp and the sea.", post=False)
    more = client.get(base.get_absolute_url()).content.decode().split("More like this")[1]
    assert "Beacon" in more and "Unposted" not in more


def test_reading_again_after_dismissing_says_what_happened(client, author, doctor_who, import_seed):
    work = import_seed(TWISSY_SEED)
    client.force_login(author)
    everything = [s.pk for s in pending(work).values()]
    client.post(
        reverse("suggestions:decide", args=[work.pk]),
        {"suggestion": everything, "action": "dismiss"},
    )
    page = client.post(reverse("suggestions:reanalyze", args=[work.pk]), follow=True)
    html = page.content.decode()
    assert "your tags cover" not in html
    assert "found nothing new to suggest" in html
    assert f"The {len(everything)} suggestions you dismissed stay dismissed" in html


def test_reading_again_after_one_dismissal_says_so_in_the_singular(
    client, author, doctor_who, import_seed
):
    work = import_seed(TWISSY_SEED)
    client.force_login(author)
    first = next(iter(pending(work).values()))
    client.post(
        reverse("suggestions:decide", args=[work.pk]),
        {"suggestion": [first.pk], "action": "dismiss"},
    )
    page = client.post(reverse("suggestions:reanalyze", args=[work.pk]), follow=True)
    html = page.content.decode()
    assert "The suggestion you dismissed stays dismissed and is not offered again." in html
    assert "The 1 suggestion" not in html


def test_evidence_is_quoted_once(client, author, doctor_who, import_seed):
    work = import_seed(TWISSY_SEED)
    client.force_login(author)
    html = client.get(reverse("works:edit", args=[work.pk])).content.decode()
    evidence = html[html.index('id="suggestions"') :]
    assert '<ul class="evidence">' in evidence
    assert "<q>" not in evidence


def test_more_like_this_never_names_the_creator_of_an_anonymous_work(
    client, author, doctor_who, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        base = _work_in_doctor_who(author, "Keeper", SEA)
        beacon = _work_in_doctor_who(author, "Beacon", SEA + " The lamp burned.", post=False)
        Work.objects.filter(pk=beacon.pk).update(anonymous=True)
        from fanshelf.works.services import work_post

        work_post(work=Work.objects.get(pk=beacon.pk))
    more = client.get(base.get_absolute_url()).content.decode().split("More like this")[1]
    assert "Beacon</a> by Anonymous" in more
