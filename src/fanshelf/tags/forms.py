from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from .models import CATEGORIES, FREE_TYPES, RATINGS, WARNINGS, TagType
from .names import check_name, split_names
from .selectors import TYPE_ORDER
from .services import tags_check_postable

_FREE_FIELDS = {
    "fandoms": (TagType.FANDOM, "Fandoms", "Fandom"),
    "relationships": (TagType.RELATIONSHIP, "Relationships", "Relationship"),
    "characters": (TagType.CHARACTER, "Characters", "Character"),
    "freeforms": (TagType.FREEFORM, "Additional tags", "Tag"),
}


class TagListField(forms.CharField):
    """A comma-separated list of tag names, with autocomplete for one tag type."""

    def __init__(self, *, tag_type: str, noun: str, **kwargs):
        self.noun = noun
        attrs = {
            "data-tag-autocomplete": tag_type,
            "data-tag-list": "1",
            "autocomplete": "off",
            "spellcheck": "false",
        }
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs=attrs))
        super().__init__(**kwargs)

    def to_python(self, value):
        names = split_names(super().to_python(value) or "")
        for name in names:
            check_name(name, label=self.noun)
        return names

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(value)
        return value


class WorkTagsForm(forms.Form):
    """The tag fields of the posting and editing forms. Requiredness depends on whether the work
    is posted, so the tags service checks it; this form checks names and the limit."""

    rating = forms.ChoiceField(
        required=False, choices=[("", "Choose a rating"), *[(r, r) for r in RATINGS]]
    )
    warnings = forms.MultipleChoiceField(
        label="Archive warnings",
        required=False,
        choices=[(w, w) for w in WARNINGS],
        widget=forms.CheckboxSelectMultiple,
    )
    fandoms = TagListField(tag_type=TagType.FANDOM, noun="Fandom")
    categories = forms.MultipleChoiceField(
        required=False,
        choices=[(c, c) for c in CATEGORIES],
        widget=forms.CheckboxSelectMultiple,
    )
    relationships = TagListField(
        tag_type=TagType.RELATIONSHIP,
        noun="Relationship",
        help_text="“A/B” for a romantic relationship, “A & B” for a platonic one.",
    )
    characters = TagListField(tag_type=TagType.CHARACTER, noun="Character")
    freeforms = TagListField(tag_type=TagType.FREEFORM, noun="Tag", label="Additional tags")

    def __init__(self, *args, posting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.posting = posting  # a posted work needs a rating, a warning and a fandom

    def clean(self):
        cleaned = super().clean()
        if self.posting:
            try:
                tags_check_postable(
                    rating=cleaned.get("rating"),
                    warnings=cleaned.get("warnings") or [],
                    fandoms=cleaned.get("fandoms") or [],
                )
            except ValidationError as error:
                for field, errors in error.error_dict.items():
                    if field not in self.errors:  # a bad name already said what is wrong
                        self.add_error(field, errors)
        total = sum(len(cleaned.get(name) or []) for name in _FREE_FIELDS)
        limit = settings.FANSHELF_TAGS_PER_WORK_MAX
        if total > limit:
            raise ValidationError(
                f"A work can have at most {limit} fandom, relationship, character and "
                f"additional tags in all; you gave {total}."
            )
        return cleaned

    def tag_values(self) -> dict:
        data = self.cleaned_data
        return {
            "rating": data.get("rating") or None,
            "warnings": data.get("warnings") or [],
            "categories": data.get("categories") or [],
            **{name: data.get(name) or [] for name in _FREE_FIELDS},
        }

    def preview_groups(self) -> list[tuple[str, list[str]]]:
        """The chosen tags as (type label, names) in the archive's usual order, for a preview."""
        values = self.tag_values()
        names = {
            TagType.RATING: [values["rating"]] if values["rating"] else [],
            TagType.WARNING: values["warnings"],
            TagType.CATEGORY: values["categories"],
            **{tag_type: values[field] for field, (tag_type, _, _) in _FREE_FIELDS.items()},
        }
        labels = dict(TagType.choices)
        return [(labels[t], names[t]) for t in TYPE_ORDER if names.get(t)]

    @staticmethod
    def initial_for(work) -> dict:
        """The form's initial values from the work's current tags."""
        initial: dict = {"warnings": [], "categories": []}
        lists: dict[str, list[str]] = {name: [] for name in _FREE_FIELDS}
        field_of = {tag_type: name for name, (tag_type, _, _) in _FREE_FIELDS.items()}
        for tagging in work.taggings.select_related("tag").order_by("pk"):
            tag = tagging.tag
            if tag.type == TagType.RATING:
                initial["rating"] = tag.name
            elif tag.type == TagType.WARNING:
                initial["warnings"].append(tag.name)
            elif tag.type == TagType.CATEGORY:
                initial["categories"].append(tag.name)
            else:
                lists[field_of[tag.type]].append(tag.name)
        return {**initial, **{name: ", ".join(names) for name, names in lists.items()}}


class TagNameForm(forms.Form):
    name = forms.CharField(max_length=settings.FANSHELF_TAG_NAME_MAX_LENGTH)

    def clean_name(self):
        return check_name(self.cleaned_data["name"])


class NewTagForm(TagNameForm):
    type = forms.ChoiceField(choices=[(t, TagType(t).label) for t in FREE_TYPES])


class ParentsForm(forms.Form):
    fandoms = TagListField(tag_type=TagType.FANDOM, noun="Fandom")
    characters = TagListField(
        tag_type=TagType.CHARACTER, noun="Character", help_text="Relationships only."
    )


class PackUploadForm(forms.Form):
    pack = forms.FileField(
        label="Fandom pack (.toml)",
        help_text=f"At most {settings.FANSHELF_PACK_UPLOAD_MAX_BYTES // 1024:,} KB of UTF-8 TOML.",
        widget=forms.ClearableFileInput(attrs={"accept": ".toml"}),
    )

    def clean_pack(self):
        upload = self.cleaned_data["pack"]
        if upload.size > settings.FANSHELF_PACK_UPLOAD_MAX_BYTES:
            raise ValidationError(
                f"The pack is {upload.size // 1024:,} KB; the limit is "
                f"{settings.FANSHELF_PACK_UPLOAD_MAX_BYTES // 1024:,} KB."
            )
        try:
            return upload.name, upload.read().decode("utf-8")
        except UnicodeDecodeError:
            raise ValidationError("The pack is not UTF-8 text.") from None
