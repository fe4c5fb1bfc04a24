import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fanshelf.accounts.services import user_signup
from fanshelf.works.models import Work
from fanshelf.works.series_selectors import series_works
from fanshelf.works.series_services import (
    series_add_work,
    series_create,
    series_remove_work,
    series_reorder,
    series_update,
)


@pytest.fixture
def series_of(author, post_work):
    def make(*titles, **work_fields):
        series = series_create(pseuds=[author.default_pseud], editor=author, title="The Saga")
        for title in titles:
            series_add_work(
                series=series, work=post_work(title=title, **work_fields), editor=author
            )
        return series

    return make


def _titles(works):
    return [w.title for w in works]


def test_works_are_added_from_the_work_form_and_numbered_in_order(client, author):
    client.force_login(author)
    form = {
        "title": "Part One", "pseuds": [author.default_pseud.pk], "language": "en",
        "text_format": "plain", "rating": "General Audiences",
        "warnings": ["No Archive Warnings Apply"], "fandoms": "Doctor Who",
        "chapters-TOTAL_FORMS": 1, "chapters-INITIAL_FORMS": 0, "chapters-0-text": "Once.",
        "action": "post", "new_series_title": "The Saga",
    }  # fmt: skip
    client.post(reverse("works:new"), form)
    series = author.pseuds.get().series.get()
    client.post(
        reverse("works:new"),
        {**form, "title": "Part Two", "new_series_title": "", "series": series.pk},
    )
    assert _titles(series_works(series=series, viewer=None)) == ["Part One", "Part Two"]


def test_a_work_page_shows_its_part_and_walks_the_series(client, series_of):
    series = series_of("One", "Two", "Three")
    one, two, three = series_works(series=series, viewer=None)
    page = client.get(two.get_absolute_url()).content.decode()
    assert "Part 2 of" in page and "The Saga" in page
    assert (
        f'href="{one.get_absolute_url()}"' in page and f'href="{three.get_absolute_url()}"' in page
    )


def test_a_guest_sees_only_the_works_a_guest_may_see(client, author, series_of, post_work):
    series = series_of("Open")
    series_add_work(series=series, work=post_work(title="Members", restricted=True), editor=author)
    series_add_work(series=series, work=post_work(title="Draft", post=False), editor=author)
    guest_page = client.get(series.get_absolute_url()).content.decode()
    assert "Open" in guest_page and "Members" not in guest_page and "Draft" not in guest_page
    client.force_login(user_signup(username="member", email="m@example.invalid",
                                   password="a long passphrase m"))  # fmt: skip
    member_page = client.get(series.get_absolute_url()).content.decode()
    assert "Members" in member_page and "Draft" not in member_page
    client.force_login(author)
    assert "Draft" in client.get(series.get_absolute_url()).content.decode()


def test_a_series_of_only_restricted_works_is_not_there_for_guests(client, series_of):
    series = series_of("Members", restricted=True)
    assert client.get(series.get_absolute_url()).status_code == 404


def test_the_part_number_counts_only_what_the_reader_may_see(client, author, series_of, post_work):
    series = series_of()
    series_add_work(series=series, work=post_work(title="Hidden", restricted=True), editor=author)
    series_add_work(series=series, work=post_work(title="Open"), editor=author)
    page = client.get(Work.objects.get(title="Open").get_absolute_url()).content.decode()
    assert "Part 1 of" in page and "Previous work" not in page


def test_reordering_the_series_changes_the_walk(client, author, series_of):
    series = series_of("One", "Two")
    one, two = series_works(series=series, viewer=None)
    client.force_login(author)
    client.post(
        reverse("works:series_reorder", args=[series.pk]),
        {f"work_{one.pk}": 2, f"work_{two.pk}": 1},
    )
    assert _titles(series_works(series=series, viewer=None)) == ["Two", "One"]


def test_only_a_creator_changes_a_series(author, series_of):
    series = series_of("One")
    stranger = user_signup(username="stranger", email="s@example.invalid",
                           password="a long passphrase s")  # fmt: skip
    with pytest.raises(ValidationError):
        series_update(series=series, editor=stranger, title="Mine")
    with pytest.raises(ValidationError):
        series_reorder(series=series, work_ids=[], editor=stranger)
    with pytest.raises(ValidationError):
        series_add_work(series=series, work=Work.objects.get(), editor=stranger)


def test_co_creators_of_the_works_can_become_co_creators_of_the_series(author, series_of):
    series = series_of("One")
    cowriter = user_signup(username="cowriter", email="c@example.invalid",
                           password="a long passphrase c")  # fmt: skip
    stranger = user_signup(username="stranger", email="s@example.invalid",
                           password="a long passphrase s")  # fmt: skip
    with pytest.raises(ValidationError, match="creators of its works"):
        series_update(series=series, editor=author, title="T",
                      pseuds=[author.default_pseud, stranger.default_pseud])  # fmt: skip
    Work.objects.get().pseuds.add(cowriter.default_pseud)
    series_update(series=series, editor=author, title="T",
                  pseuds=[author.default_pseud, cowriter.default_pseud])  # fmt: skip
    assert series_update(series=series, editor=cowriter, title="Ours").title == "Ours"


def test_taking_a_work_out_renumbers_the_rest(author, series_of):
    series = series_of("One", "Two", "Three")
    series_remove_work(series=series, work=Work.objects.get(title="Two"), editor=author)
    assert list(series.serial_works.values_list("position", flat=True)) == [1, 2]
    assert Work.objects.filter(title="Two").exists()


def test_blurbs_mention_the_series(client, series_of):
    series_of("One")
    assert "The Saga" in client.get(reverse("works:front")).content.decode()


def test_search_results_list_series_matching_the_words_that_a_reader_may_see(client, series_of):
    series_of("Open")
    restricted = series_of("Members", restricted=True)
    restricted.title = "The Hidden Saga"
    restricted.save()
    page = client.get(reverse("search:search") + "?q=saga").content.decode()
    assert 'href="/series/' in page and "The Saga" in page and "The Hidden Saga" not in page
    excluded = client.get(reverse("search:search") + "?q=-saga").content.decode()
    assert 'class="series-results"' not in excluded  # the works found still say "Part of"


def test_a_muted_creators_series_never_shows_in_the_muters_search(client, series_of, reader):
    from fanshelf.accounts.relations import mute_create

    series_of("Open")
    client.force_login(reader)
    assert (
        'class="series-results"'
        in client.get(reverse("search:search") + "?q=saga").content.decode()
    )
    mute_create(muter=reader, muted=Work.objects.get().pseuds.get().user)
    after = client.get(reverse("search:search") + "?q=saga").content.decode()
    assert 'class="series-results"' not in after and "The Saga" not in after


def test_a_muted_creators_series_by_direct_link_says_so_and_opens_when_asked(
    client, series_of, reader, author
):
    from fanshelf.accounts.relations import mute_create

    series = series_of("Opening Night")
    client.force_login(reader)
    mute_create(muter=reader, muted=author)
    notice = client.get(series.get_absolute_url()).content.decode()
    assert "You muted author" in notice and "Opening Night" not in notice
    shown = client.get(series.get_absolute_url(), {"show_muted": "1"}).content.decode()
    assert "Opening Night" in shown
    assert "Opening Night" in client.get(series.get_absolute_url()).content.decode()


def test_a_series_title_loses_invisible_and_direction_characters(author):
    series = series_create(
        pseuds=[author.default_pseud], editor=author, title="The\u200b Long\u202e Way"
    )
    assert series.title == "The Long Way"
