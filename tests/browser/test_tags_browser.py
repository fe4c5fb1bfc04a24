"""Tags in the browser: autocomplete from a ship name, and a wrangler merging a tag."""

import pytest
from django.contrib.auth.models import Group

from fanshelf.accounts.services import user_signup
from fanshelf.analysis.packfile import BUNDLED_PACKS_DIR, read_pack
from fanshelf.tags.models import Tag, TagType
from fanshelf.tags.pack_loading import pack_load
from tests.browser.conftest import PASSWORD, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_author_types_a_ship_name_and_picks_the_canonical_relationship(browser_page, screenshot):
    pack_load(pack=read_pack(BUNDLED_PACKS_DIR / "doctor_who.toml"))
    user_signup(username="wren", email="wren@example.invalid", password=PASSWORD)
    page = browser_page
    log_in(page, "wren")
    page.get_by_role("link", name="Post a work").click()
    page.get_by_label("Title:", exact=True).fill("The Vault")
    page.get_by_label("Rating").select_option("Teen And Up Audiences")
    page.get_by_label("No Archive Warnings Apply").check()
    page.get_by_label("Fandoms").fill("Doctor Who")
    relationships = page.get_by_role("combobox", name="Relationships")
    relationships.press_sequentially("Twissy", delay=30)
    option = page.get_by_role("option", name="Missy/Twelfth Doctor")
    option.wait_for()
    screenshot(page, "tags-autocomplete")
    relationships.press("ArrowDown")
    relationships.press("Enter")
    assert relationships.input_value() == "Missy/Twelfth Doctor, "
    page.get_by_label("Chapter text").fill("Two old friends and a locked door.")
    page.get_by_role("button", name="Post", exact=True).click()
    page.get_by_text("Work posted.").wait_for()
    link = page.get_by_role("link", name="Missy/Twelfth Doctor")
    assert link.is_visible()
    link.click()
    page.get_by_role("heading", name="Missy/Twelfth Doctor").wait_for()
    assert page.get_by_text("Twissy").is_visible()


def test_a_wrangler_merges_a_tag(browser_page, live_server):
    twelfth = Tag.objects.create(name="Twelfth Doctor", type=TagType.CHARACTER, canonical=True)
    typed = Tag.objects.create(name="Doctor Twelve", type=TagType.CHARACTER)
    wrangler = user_signup(username="sorter", email="sorter@example.invalid", password=PASSWORD)
    wrangler.groups.add(Group.objects.get(name="Wranglers"))
    page = browser_page
    log_in(page, "sorter")
    page.goto(page.base + "/tags/wrangle/")
    page.get_by_label("Wrangle a tag by name").fill("Doctor Twelve")
    page.get_by_role("button", name="Find").click()
    page.get_by_role("heading", name="Wrangle “Doctor Twelve”").wait_for()
    merge = page.get_by_role("combobox", name="Make a synonym of")
    merge.press_sequentially("Twel", delay=30)
    page.get_by_role("option", name="Twelfth Doctor").click()
    page.get_by_role("button", name="Merge").click()
    page.get_by_text("“Doctor Twelve” is now a synonym of “Twelfth Doctor”.").wait_for()
    typed.refresh_from_db()
    assert typed.merger_id == twelfth.pk
    page.get_by_role("link", name="Wrangling log").click()
    assert page.get_by_role("cell", name="merge").is_visible()
