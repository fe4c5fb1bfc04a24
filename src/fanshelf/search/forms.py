"""The search form: every field a reader can fill in, read into a SearchQuery."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone

from fanshelf.tags.models import Tag, TagType
from fanshelf.works.languages import LANGUAGES

from .query import (
    RANGE_FIELDS,
    Crossovers,
    QueryError,
    SearchQuery,
    Sort,
    offered_ranges,
    offered_sorts,
    parse_date_range,
    parse_int_range,
    parse_tag_names,
    parse_terms,
)
from .query_box import BoxQuery, parse_box

RANGE_HELP = "A number or a range: 1000, <1000, >50, 1000-5000."
DATE_HELP = "A date or a range: 2020-01-31, <2020-01-31, 2019-01-01 to 2020-01-01, < 2 weeks."
TAGS_HELP = "Tag names, separated by commas."


def _fixed_choices(tag_type: str):
    def choices():
        tags = Tag.objects.filter(type=tag_type, canonical=True).order_by("pk")
        return [(str(t.pk), t.name) for t in tags]

    return choices


class SearchForm(forms.Form):
    q = forms.CharField(label="Any field", required=False, help_text=(
        'All words must appear. "Exact words" for a phrase, -word to leave a word out, OR '
        'between words or tags; title:, creator:, fandom:"…", -tag:"…", words>1000, '
        "kudos>=50, sort:kudos."
    ))  # fmt: skip
    title = forms.CharField(required=False)
    creator = forms.CharField(required=False)
    fandoms = forms.CharField(required=False, help_text=TAGS_HELP)
    characters = forms.CharField(required=False, help_text=TAGS_HELP)
    relationships = forms.CharField(required=False, help_text=TAGS_HELP)
    freeforms = forms.CharField(label="Additional tags", required=False, help_text=TAGS_HELP)
    include = forms.CharField(label="Include tags", required=False, help_text=TAGS_HELP)
    exclude = forms.CharField(label="Exclude tags", required=False, help_text=TAGS_HELP)
    rating = forms.MultipleChoiceField(
        label="Ratings", required=False, widget=forms.CheckboxSelectMultiple
    )
    warnings = forms.MultipleChoiceField(
        label="Archive warnings", required=False, widget=forms.CheckboxSelectMultiple
    )
    categories = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    words = forms.CharField(label="Word count", required=False, help_text=RANGE_HELP)
    hits = forms.CharField(required=False, help_text=RANGE_HELP)
    kudos = forms.CharField(required=False, help_text=RANGE_HELP)
    comments = forms.CharField(required=False, help_text=RANGE_HELP)
    bookmarks = forms.CharField(required=False, help_text=RANGE_HELP)
    posted = forms.CharField(label="Date posted", required=False, help_text=DATE_HELP)
    updated = forms.CharField(label="Date updated", required=False, help_text=DATE_HELP)
    complete = forms.ChoiceField(
        label="Completion",
        required=False,
        choices=[("", "All works"), ("yes", "Complete only"), ("no", "In progress only")],
    )
    single_chapter = forms.BooleanField(label="Single chapter only", required=False)
    crossovers = forms.ChoiceField(
        required=False,
        choices=[
            (Crossovers.INCLUDE, "Include crossovers"),
            (Crossovers.EXCLUDE, "Exclude crossovers"),
            (Crossovers.ONLY, "Only crossovers"),
        ],
    )
    language = forms.ChoiceField(required=False, choices=[("", "Any language"), *LANGUAGES])
    sort = forms.ChoiceField(label="Sort by", required=False, choices=Sort.choices)
    order = forms.ChoiceField(
        required=False,
        choices=[("", "Usual for the sort"), ("desc", "Descending"), ("asc", "Ascending")],
    )
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rating"].choices = _fixed_choices(TagType.RATING)
        self.fields["warnings"].choices = _fixed_choices(TagType.WARNING)
        self.fields["categories"].choices = _fixed_choices(TagType.CATEGORY)
        self.fields["sort"].choices = offered_sorts()
        self.range_fields = offered_ranges()
        for name in set(RANGE_FIELDS) - set(self.range_fields):
            del self.fields[name]

    def clean_q(self):
        value = self.cleaned_data["q"]
        limit = settings.FANSHELF_SEARCH_QUERY_MAX_LENGTH
        if len(value) > limit:
            raise forms.ValidationError(f"Keep the search under {limit} characters.")
        return value

    def clean(self):
        data = super().clean()
        self.query_parts: dict = {}
        today = timezone.localdate()
        max_terms = settings.FANSHELF_SEARCH_TERMS_MAX
        max_tags = settings.FANSHELF_SEARCH_TAG_FILTERS_MAX
        steps = [
            ("q", lambda v: parse_box(v, max_terms=max_terms)),
            ("title", lambda v: parse_terms(v, field="title", max_terms=max_terms)),
            ("creator", lambda v: parse_terms(v, field="creator", max_terms=max_terms)),
            *(
                (name, lambda v, n=name: parse_tag_names(
                    v, label=self.fields[n].label or n.capitalize(), max_names=max_tags
                ))
                for name in ("fandoms", "characters", "relationships", "freeforms")
            ),
            *(
                (name, lambda v, n=name: parse_int_range(
                    v, label=self.fields[n].label or n.capitalize()
                ))
                for name in self.range_fields
            ),
            ("posted", lambda v: parse_date_range(v, label="Date posted", today=today)),
            ("updated", lambda v: parse_date_range(v, label="Date updated", today=today)),
        ]  # fmt: skip
        for name, parse in steps:
            try:
                self.query_parts[name] = parse(data.get(name) or "")
            except QueryError as error:
                self.add_error(name, str(error))
        for name, extra in (("include", "include_tag"), ("exclude", "exclude_tag")):
            typed = (data.get(name) or "").split(",")
            chosen = self.data.getlist(extra) if hasattr(self.data, "getlist") else []
            try:
                self.query_parts[name] = parse_tag_names(
                    ",".join([*typed, *chosen]), label=self.fields[name].label, max_names=max_tags
                )
            except QueryError as error:
                self.add_error(name, str(error))
        return data

    def search_query(self, *, facets: bool = True) -> SearchQuery:
        """The reader's query; call after is_valid(). What the search box says joins the
        form's fields (the box wins where both set one range, sort or language)."""
        data, parts = self.cleaned_data, self.query_parts
        box: BoxQuery = parts["q"]
        terms = (*box.terms, *parts["title"], *parts["creator"])
        sort = box.sort or (Sort(data["sort"]) if data["sort"] else _default_sort(terms))
        descending = sort not in (Sort.TITLE, Sort.CREATOR)
        if data["order"]:
            descending = data["order"] == "desc"
        ranges = {name: parts[name] for name in self.range_fields if parts.get(name)} | box.ranges
        complete = {"yes": True, "no": False}.get(data["complete"])
        return SearchQuery(
            terms=terms,
            **{
                name: (*parts[name], *box.typed_tags.get(name, ()))
                for name in ("fandoms", "characters", "relationships", "freeforms")
            },
            include=(*parts["include"], *box.include),
            include_any=tuple(box.include_any),
            exclude=(*parts["exclude"], *box.exclude),
            rating_ids=tuple(int(v) for v in data["rating"]),
            warning_ids=tuple(int(v) for v in data["warnings"]),
            category_ids=tuple(int(v) for v in data["categories"]),
            ranges=ranges,
            published=parts["posted"],
            revised=parts["updated"],
            complete=box.complete if box.complete is not None else complete,
            single_chapter=data["single_chapter"],
            crossovers=Crossovers(data["crossovers"] or Crossovers.INCLUDE),
            language=box.language or data["language"],
            sort=sort,
            descending=descending,
            page=data["page"] or 1,
            facets=facets,
        )


def _default_sort(terms) -> Sort:
    return Sort.RELEVANCE if any(not t.negated for t in terms) else Sort.REVISED


class ReaderFiltersForm(forms.Form):
    excluded = forms.CharField(
        label="Never show works tagged",
        required=False,
        help_text="Tag names, separated by commas; their synonyms and sub tags go too.",
    )
    max_fandoms = forms.IntegerField(
        label="Hide crossovers of more fandoms than",
        required=False,
        min_value=1,
        max_value=100,
        help_text="Leave empty to show crossovers of any size.",
    )
    hide_anonymous = forms.BooleanField(
        label="Hide anonymous works",
        required=False,
        help_text="Works whose creators chose to post anonymously.",
    )

    def __init__(self, data=None, *args, user, **kwargs):
        from .models import ReaderFilters

        saved = ReaderFilters.objects.filter(user=user).first()
        if saved and data is None:  # the page shows what is saved (the view passes None)
            names = ", ".join(saved.excluded_tags.order_by("name").values_list("name", flat=True))
            kwargs["initial"] = {
                "excluded": names,
                "max_fandoms": saved.max_fandoms,
                "hide_anonymous": saved.hide_anonymous,
            }
        super().__init__(data, *args, **kwargs)

    def clean_excluded(self):
        names = parse_tag_names(
            self.cleaned_data["excluded"],
            label="Never show works tagged",
            max_names=settings.FANSHELF_SEARCH_TAG_FILTERS_MAX,
        )
        tags, unknown = [], []
        for name in names:
            found = Tag.objects.filter(name__iexact=name).select_related("merger")
            canonical = [t if t.canonical else t.merger for t in found if t.canonical or t.merger]
            if not canonical:
                unknown.append(name)
            tags += canonical
        if unknown:
            listed = ", ".join(f"“{n}”" for n in unknown)
            raise forms.ValidationError(f"No tag used for filtering is named {listed}.")
        return list({t.pk: t for t in tags}.values())
