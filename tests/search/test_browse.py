"""Browsing pages as a reader meets them: blurbs, active filters, the header search box and the
Fandoms page."""

import re

from django.urls import reverse

from fanshelf.tags.models import TagType


def test_blurbs_show_the_four_squares_with_text_and_warnings_first(client, make_work, tag):
    make_work(
        "Ashes",
        tags=[
            tag("Doctor Who", TagType.FANDOM),
            tag("Explicit", TagType.RATING),
            tag("Major Character Death", TagType.WARNING),
            tag("F/M", TagType.CATEGORY),
            tag("Fluff"),
        ],
    )
    page = client.get(reverse("search:search"), {"q": "quiet"}).content.decode()
    assert "Rating: Explicit" in page and "Archive warnings: Major Character Death" in page
    assert "Category: F/M" in page and ("Complete work" in page or "Work in progress" in page)
    tags_line = page[page.index('class="blurb-tags"') :]
    assert tags_line.index("Major Character Death") < tags_line.index("Fluff")
    assert re.search(r'<p class="blurb-fandoms">.*Doctor Who', page)


def test_each_active_filter_is_removed_by_one_link(client, make_work, tag):
    make_work("Ashes", tags=[tag("Fluff"), tag("Angst")])
    page = client.get(
        reverse("search:search"), {"q": "quiet", "include_tag": ["Fluff", "Angst"]}
    ).content.decode()
    links = dict(re.findall(r'<li><a href="\?([^"]*)">([^<]*) <span aria-hidden', page))
    assert set(links.values()) == {"Search: quiet", "Including: Fluff", "Including: Angst"}
    without_fluff = next(q for q, label in links.items() if label == "Including: Fluff")
    assert "Angst" in without_fluff and "Fluff" not in without_fluff and "quiet" in without_fluff


def test_every_page_has_a_search_box_in_its_header(client, db):
    page = client.get(reverse("works:front")).content.decode()
    assert 'class="header-search"' in page and 'name="q"' in page


def test_fandoms_page_counts_works_by_letter_and_filters_by_name(client, make_work, tag, reader):
    who, sherlock = tag("Doctor Who", TagType.FANDOM), tag("Sherlock", TagType.FANDOM)
    make_work("One", tags=[who])
    make_work("Two", tags=[who])
    make_work("Three", tags=[sherlock], restricted=True)
    page = client.get(reverse("search:fandoms")).content.decode()
    assert 'id="letter-D"' in page and 'Doctor Who</a> <span class="facet-count">(2)' in page
    assert "Sherlock" not in page  # its only work is for logged-in readers
    client.force_login(reader)
    assert "Sherlock</a>" in client.get(reverse("search:fandoms")).content.decode()
    filtered = client.get(reverse("search:fandoms"), {"q": "sher"}).content.decode()
    assert "Sherlock</a>" in filtered and "Doctor Who</a>" not in filtered
