"""Who may download, how files are cached and made once, and the EPUBs epubcheck must pass."""

import threading
import time

import pytest
from django.core.management import call_command

from fanshelf.downloads import files
from fanshelf.downloads.book import book_for
from fanshelf.downloads.selectors import download_counts
from fanshelf.downloads.services import download_record, downloads_fold
from fanshelf.works import services
from fanshelf.works.models import Work
from tests.seeds import SEEDS_DIR, seed_names

from .conftest import epubcheck_messages, tag

pytestmark = pytest.mark.django_db
EXTENSIONS = ["epub", "pdf", "html", "txt"]


def get(client, work, extension):
    return client.get(f"/works/{work.pk}/download/{extension}")


def simple_work(author, title="Simple", **kwargs):
    work = services.work_create(
        pseuds=[author.default_pseud], title=title,
        chapters=[services.ChapterInput(text="<p>First words.</p>")], **kwargs,
    )  # fmt: skip
    return tag(work) if work.posted else work


@pytest.mark.parametrize("extension", EXTENSIONS)
def test_restricted_works_download_only_for_logged_in_readers(client, author, reader, extension):
    work = simple_work(author, restricted=True)
    assert get(client, work, extension).status_code == 404
    client.force_login(reader)
    response = get(client, work, extension)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("private")


@pytest.mark.parametrize("extension", EXTENSIONS)
def test_drafts_and_hidden_works_never_download(client, author, extension):
    draft = simple_work(author, title="Draft", post=False)
    hidden = simple_work(author, title="Hidden")
    Work.objects.filter(pk=hidden.pk).update(hidden_by_admin=True)
    client.force_login(author)  # not even for their creator
    assert get(client, draft, extension).status_code == 404
    assert get(client, hidden, extension).status_code == 404


def test_the_work_page_offers_every_format_and_drafts_offer_none(client, author):
    work = simple_work(author)
    page = client.get(f"/works/{work.pk}/").content.decode()
    for extension in EXTENSIONS:
        assert f'href="/works/{work.pk}/download/{extension}"' in page
    draft = simple_work(author, title="Draft", post=False)
    client.force_login(author)
    assert "/download/" not in client.get(f"/works/{draft.pk}/").content.decode()


@pytest.mark.parametrize("extension", EXTENSIONS)
def test_an_edited_work_gets_a_fresh_file_and_the_old_one_goes(
    client, author, downloads_folder, extension
):
    work = simple_work(author)
    before = b"".join(get(client, work, extension).streaming_content)
    chapter = work.chapters.get()
    services.chapter_update(
        chapter=chapter, data=services.ChapterInput(text="<p>Rewritten entirely.</p>")
    )
    after = b"".join(get(client, work, extension).streaming_content)
    assert before != after
    assert len(list((downloads_folder / str(work.pk)).glob(f"*.{extension}"))) == 1
    if extension in ("html", "txt"):
        assert b"Rewritten entirely." in after and b"First words." not in after


def test_a_changed_tag_makes_a_fresh_file(client, author):
    work = simple_work(author)
    before = book_for(work).fingerprint
    tag(work, freeforms=["Hurt/Comfort"])
    assert book_for(Work.objects.get(pk=work.pk)).fingerprint != before


def test_an_unchanged_work_is_served_from_the_file_already_made(client, author, monkeypatch):
    work = simple_work(author)
    get(client, work, "txt")
    made = []
    original = files._build
    monkeypatch.setattr(files, "_build", lambda *a: made.append(a) or original(*a))
    assert get(client, work, "txt").status_code == 200
    assert made == []


def test_many_readers_asking_at_once_cause_one_build(author, monkeypatch):
    work = simple_work(author)
    book = book_for(work)
    builds = []

    def slow_writer(book, out):
        builds.append(threading.get_ident())
        time.sleep(0.3)
        out.write(b"made once")

    slow = files.Format("txt", "TXT", "text/plain", slow_writer)
    monkeypatch.setitem(files.FORMATS, "txt", slow)
    paths = []
    readers = [
        threading.Thread(target=lambda: paths.append(files.file_for(book, "txt"))) for _ in range(6)
    ]
    for thread in readers:
        thread.start()
    for thread in readers:
        thread.join()
    assert len(builds) == 1
    assert len(set(paths)) == 1 and paths[0].read_bytes() == b"made once"


def test_downloads_are_counted_once_each_and_not_for_the_creator(client, author, reader):
    work = simple_work(author)
    get(client, work, "epub")
    get(client, work, "txt")
    client.force_login(author)
    get(client, work, "epub")
    assert download_counts(work_ids=[work.pk]) == {work.pk: 2}
    assert downloads_fold() == 2
    assert download_counts(work_ids=[work.pk]) == {work.pk: 2}
    get(client, work, "pdf")
    client.force_login(reader)
    get(client, work, "pdf")
    assert download_counts(work_ids=[work.pk]) == {work.pk: 3}


def test_a_download_job_that_runs_twice_counts_once(author):
    import uuid

    work = simple_work(author)
    event = uuid.uuid4()
    assert download_record(work_id=work.pk, event_id=event) is True
    assert download_record(work_id=work.pk, event_id=event) is False
    assert download_counts(work_ids=[work.pk]) == {work.pk: 1}


@pytest.mark.parametrize("name", seed_names())
def test_imported_seed_stories_download_as_epubs_that_pass_epubcheck(
    client, author, name, tmp_path
):
    call_command("import_works", str(SEEDS_DIR / name), pseud="author", fandom=["Doctor Who"])
    work = Work.objects.get()
    data = b"".join(get(client, work, "epub").streaming_content)
    assert epubcheck_messages(data, tmp_path) == ""


def test_a_fifty_chapter_work_passes_epubcheck(client, author, tmp_path):
    chapters = [
        services.ChapterInput(
            title=f"Part {n}" if n % 3 else "", summary=f"<p>Summary {n}.</p>" if n % 5 else "",
            notes_end=f"<p>End of part {n}.</p>" if n % 7 == 0 else "",
            text="".join(f"<p>Paragraph {p} of chapter {n}: “quoted” &amp; <em>more</em>.</p>"
                         for p in range(40)),
        )
        for n in range(1, 51)
    ]  # fmt: skip
    work = services.work_create(
        pseuds=[author.default_pseud], title="Fifty", chapters=chapters,
        notes_end="<p>Thanks for reading.</p>",
    )  # fmt: skip
    data = b"".join(get(client, work, "epub").streaming_content)
    assert epubcheck_messages(data, tmp_path) == ""


@pytest.mark.django_db(databases="__all__")  # on SQLite the build lock lives in the cache db
def test_a_long_works_pdf_is_made_by_a_job_while_the_reader_is_asked_to_come_back(
    client, author, settings, monkeypatch
):
    from fanshelf.downloads import tasks, views

    settings.FANSHELF_DOWNLOAD_PDF_INLINE_WORDS = 1
    work = simple_work(author)
    queued = []
    monkeypatch.setattr(views, "make_file", lambda *args: queued.append(args))
    first, second = get(client, work, "pdf"), get(client, work, "pdf")
    assert first.status_code == second.status_code == 202 and first["Retry-After"] == "30"
    assert "Preparing the PDF" in first.content.decode()
    assert queued == [(work.pk, "pdf")]  # asked twice, made once
    assert get(client, work, "epub").status_code == 200  # other formats are quick
    assert tasks.make_file.call_local(work.pk, "pdf") is True
    made = get(client, work, "pdf")
    assert made.status_code == 200 and b"".join(made.streaming_content).startswith(b"%PDF")


def test_author_statistics_show_downloads_all_time_and_by_year(client, author, reader):
    import re

    from django.urls import reverse
    from django.utils import timezone

    from fanshelf.downloads.models import DownloadTally

    work = simple_work(author)
    get(client, work, "epub")
    get(client, work, "txt")
    downloads_fold()
    get(client, work, "pdf")  # noted, not folded yet: counted all the same
    DownloadTally.objects.create(work=work, year=2001, count=5)
    this_year = timezone.now().year
    assert download_counts(work_ids=[work.pk], year=this_year) == {work.pk: 3}
    assert download_counts(work_ids=[work.pk]) == {work.pk: 8}
    client.force_login(author)

    def total(query=""):
        page = client.get(reverse("responses:stats", args=["author"]) + query).content.decode()
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.split("Totals")[1]))
        return re.search(r"Downloads (\d+)", text).group(1)

    assert total() == "8"
    assert total(f"?year={this_year}") == "3"
