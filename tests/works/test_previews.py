import pytest
from django.urls import reverse

from fanshelf.works.models import Chapter, Work
from tests.works.test_posting import _form_data

pytestmark = pytest.mark.django_db


def _preview_section(html: str) -> str:
    start = html.index('<section class="preview"')
    return html[start : html.index("<form", start)]


def test_the_work_preview_shows_its_tags_and_labels_summary_and_notes(client, author):
    client.force_login(author)
    data = _form_data(
        action="preview",
        pseuds=[author.default_pseud.pk],
        summary="A storm comes.",
        notes_begin="Thanks to my beta.",
        notes_end="More soon.",
        characters="The Keeper",
        freeforms="Lighthouses",
    )
    preview = _preview_section(client.post(reverse("works:new"), data).content.decode())
    for label, name in (
        ("Rating", "General Audiences"),
        ("Archive Warning", "No Archive Warnings Apply"),
        ("Fandom", "Original Work"),
        ("Character", "The Keeper"),
        ("Additional Tags", "Lighthouses"),
    ):
        assert f"<dt>{label}</dt>" in preview
        assert name in preview
    assert preview.index("<dt>Rating</dt>") < preview.index("<dt>Additional Tags</dt>")
    for heading, text in (("Summary", "A storm comes."), ("Notes", "Thanks to my beta."),
                          ("End notes", "More soon.")):  # fmt: skip
        assert f">{heading}</h3>" in preview
        assert preview.index(f">{heading}</h3>") < preview.index(text)
    assert not Work.objects.exists()


def test_the_post_form_asks_for_tags_before_the_notes(client, author):
    client.force_login(author)
    html = client.get(reverse("works:new")).content.decode()
    assert (
        html.index('id="id_rating"')
        < html.index('id="id_fandoms"')
        < html.index('id="id_notes_begin"')
    )


def test_a_new_chapter_can_be_previewed_before_it_is_posted(client, author, post_work):
    work = post_work(title="Tide")
    client.force_login(author)
    new_chapter = reverse("works:chapter_new", args=[work.pk])
    assert 'value="preview"' in client.get(new_chapter).content.decode()
    page = client.post(
        new_chapter,
        {
            "title": "Low water",
            "notes_begin": "Short one.",
            "text": "The *sea* went out.",
            "text_format": "markdown",
            "action": "preview",
        },
    )
    preview = _preview_section(page.content.decode())
    assert "Chapter 2: Low water" in preview
    assert "<em>sea</em>" in preview
    assert ">Chapter notes</h4>" in preview
    assert Chapter.objects.filter(work=work).count() == 1
    html = page.content.decode()
    assert (
        "The *sea* went out." in html[html.index('class="work-form"') :]
    )  # the text stays in the form to edit or post
