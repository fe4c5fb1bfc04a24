from django import forms
from django.conf import settings

from fanshelf.search.forms import TAGS_HELP
from fanshelf.search.query import QueryError, SearchQuery, parse_tag_names, parse_terms
from fanshelf.tags.forms import TagListField
from fanshelf.tags.models import RATINGS, TagType
from fanshelf.works.text_formats import TextFormat

from .bookmark_selectors import BookmarkQuery
from .models import ShelfPreferences


class BookmarkForm(forms.Form):
    notes = forms.CharField(
        required=False,
        max_length=settings.FANSHELF_BOOKMARK_NOTES_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    tags = TagListField(
        tag_type=TagType.FREEFORM, noun="Your tag", label="Your tags", help_text=TAGS_HELP
    )
    rec = forms.BooleanField(label="Rec (recommend it to others)", required=False)
    private = forms.BooleanField(label="Private (only you will see it)", required=False)
    text_format = forms.ChoiceField(
        label="I am typing", choices=TextFormat.choices, initial=TextFormat.PLAIN
    )


class ExternalWorkForm(forms.Form):
    url = forms.URLField(label="URL", max_length=2000, assume_scheme="https")
    title = forms.CharField(max_length=255)
    creator = forms.CharField(max_length=255)
    summary = forms.CharField(
        required=False,
        max_length=settings.FANSHELF_SUMMARY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    fandoms = TagListField(tag_type=TagType.FANDOM, noun="Fandom", required=True)
    rating = forms.ChoiceField(
        required=False, choices=[("", "Not given"), *((r, r) for r in RATINGS)]
    )
    relationships = TagListField(tag_type=TagType.RELATIONSHIP, noun="Relationship")
    characters = TagListField(tag_type=TagType.CHARACTER, noun="Character")
    freeforms = TagListField(tag_type=TagType.FREEFORM, noun="Tag", label="Additional tags")


class BookmarkSearchForm(forms.Form):
    include = forms.CharField(label="The work's tags: include", required=False, help_text=TAGS_HELP)
    exclude = forms.CharField(label="The work's tags: exclude", required=False, help_text=TAGS_HELP)
    bookmarker_tags = forms.CharField(
        label="Bookmarker's tags", required=False, help_text=TAGS_HELP
    )
    notes = forms.CharField(
        label="Notes", required=False, help_text="Words in the bookmarker's notes."
    )
    bookmarker = forms.CharField(required=False, max_length=150)
    rec = forms.BooleanField(label="Recs only", required=False)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        self.parts: dict = {}
        max_tags = settings.FANSHELF_SEARCH_TAG_FILTERS_MAX
        for name, extra in (("include", "include_tag"), ("exclude", "exclude_tag"),
                            ("bookmarker_tags", None)):  # fmt: skip
            chosen = self.data.getlist(extra) if extra and hasattr(self.data, "getlist") else []
            typed = (data.get(name) or "").split(",")
            try:
                self.parts[name] = parse_tag_names(
                    ",".join([*typed, *chosen]), label=self.fields[name].label, max_names=max_tags
                )
            except QueryError as error:
                self.add_error(name, str(error))
        try:
            self.parts["notes"] = parse_terms(
                data.get("notes") or "", max_terms=settings.FANSHELF_SEARCH_TERMS_MAX
            )
        except QueryError as error:
            self.add_error("notes", str(error))
        return data

    def bookmark_query(self) -> BookmarkQuery:
        return BookmarkQuery(
            tags=SearchQuery(include=self.parts["include"], exclude=self.parts["exclude"]),
            notes_terms=self.parts["notes"],
            bookmarker=self.cleaned_data["bookmarker"].strip(),
            bookmarker_tags=self.parts["bookmarker_tags"],
            rec_only=self.cleaned_data["rec"],
            page=self.cleaned_data["page"] or 1,
        )


class ShelfPreferencesForm(forms.ModelForm):
    class Meta:
        model = ShelfPreferences
        fields = ["history_enabled", "subscription_email"]
        widgets = {"subscription_email": forms.RadioSelect}
