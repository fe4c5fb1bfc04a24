import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

WRONG_PASSWORD = "Please enter a correct username and password."


def _summaries(html: str) -> list[str]:
    return re.findall(r'<div class="error-summary".*?</div>', html, flags=re.S)


def _links(summary: str) -> list[str]:
    return re.findall(r'<a href="#([^"]+)">', summary)


def test_a_wrong_password_shows_its_error_once(client, reader):
    page = client.post(reverse("accounts:login"), {"username": "reader", "password": "wrong"})
    html = page.content.decode()
    assert html.count(WRONG_PASSWORD) == 1
    assert len(_summaries(html)) == 1


def test_posting_an_empty_work_reports_every_problem_at_once_in_one_summary(client, author):
    client.force_login(author)
    # What a browser sends for the untouched form: its management fields and defaults.
    untouched = {
        "chapters-TOTAL_FORMS": "1",
        "chapters-INITIAL_FORMS": "0",
        "pseuds": author.default_pseud.pk,
        "language": "en",
        "text_format": "html",
    }
    page = client.post(reverse("works:new"), {**untouched, "action": "post"})
    html = page.content.decode()
    summaries = _summaries(html)
    assert len(summaries) == 1
    assert html.index('class="error-summary"') < html.index("<fieldset")  # at the top
    links = _links(summaries[0])
    for field_id in ("id_title", "id_rating", "id_warnings_0", "id_fandoms", "id_chapters-0-text"):
        assert field_id in links
        assert f'id="{field_id}"' in html  # each link lands on its field
    assert "Please submit at least 1 form" not in html
    assert "There are 5 problems" in summaries[0]
    assert links.index("id_rating") < links.index("id_title")  # in the form's order


def test_saving_an_empty_draft_does_not_ask_for_tags(client, author):
    client.force_login(author)
    page = client.post(
        reverse("works:new"),
        {"chapters-TOTAL_FORMS": "1", "chapters-INITIAL_FORMS": "0", "action": "draft"},
    )
    links = _links(_summaries(page.content.decode())[0])
    assert "id_title" in links and "id_chapters-0-text" in links
    assert "id_rating" not in links


def test_a_work_with_no_chapter_forms_says_it_needs_a_chapter(client, author):
    client.force_login(author)
    page = client.post(
        reverse("works:new"),
        {"chapters-TOTAL_FORMS": "0", "chapters-INITIAL_FORMS": "0", "action": "draft"},
    )
    assert "A work needs at least one chapter." in _summaries(page.content.decode())[0]


def test_single_forms_get_the_same_summary(client, author):
    client.force_login(author)
    page = client.post(reverse("accounts:pseuds"), {"name": ""})
    summaries = _summaries(page.content.decode())
    assert len(summaries) == 1
    assert _links(summaries[0]) == ["id_name"]
