from django import forms
from django.conf import settings
from django.forms import BaseFormSet, formset_factory
from django.forms.formsets import TOTAL_FORM_COUNT

from fanshelf.tags.forms import WorkTagsForm
from fanshelf.tags.models import CHAPTER_WARNINGS

from .languages import LANGUAGES
from .series_forms import WorkSeriesForm
from .text_formats import TextFormat, to_clean_html

HTML_PARTS = ("summary", "notes_begin", "notes_end")  # the parts that are written as HTML


def _textarea(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class WorkForm(forms.Form):
    title = forms.CharField(max_length=settings.FANSHELF_TITLE_MAX_LENGTH)
    pseuds = forms.ModelMultipleChoiceField(
        queryset=None, label="Creator/Pseud(s)", widget=forms.CheckboxSelectMultiple
    )
    summary = forms.CharField(
        required=False, max_length=settings.FANSHELF_SUMMARY_MAX_LENGTH, widget=_textarea(4)
    )
    notes_begin = forms.CharField(
        label="Notes at the beginning",
        required=False,
        max_length=settings.FANSHELF_NOTES_MAX_LENGTH,
        widget=_textarea(4),
    )
    notes_end = forms.CharField(
        label="Notes at the end",
        required=False,
        max_length=settings.FANSHELF_NOTES_MAX_LENGTH,
        widget=_textarea(4),
    )
    language = forms.ChoiceField(choices=LANGUAGES, initial="en")
    expected_chapters = forms.IntegerField(
        label="Expected number of chapters",
        required=False,
        min_value=1,
        max_value=settings.FANSHELF_CHAPTERS_PER_WORK_MAX,
        help_text="Leave empty if you don't know yet; the work is complete when the posted "
        "chapters reach this number.",
    )
    published_on = forms.DateField(
        label="Publication date",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Set an earlier date to backdate a work first published elsewhere.",
    )
    restricted = forms.BooleanField(
        label="Only show to registered users",
        required=False,
    )
    anonymous = forms.BooleanField(
        label="Post anonymously",
        required=False,
        help_text="Others see “Anonymous” as the creator, and the work is left off your "
        "profile; untick it later to reveal yourself.",
    )
    text_format = forms.ChoiceField(
        label="I am typing", choices=TextFormat.choices, initial=TextFormat.HTML
    )

    def __init__(self, *args, user, posting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pseuds"].queryset = user.pseuds.all()
        if not self.is_bound and "pseuds" not in self.initial:
            self.initial["pseuds"] = [p.pk for p in user.pseuds.all() if p.is_default]
        # The tag fields, rendered by tags/_tag_fields.html inside the work forms.
        self.tags = WorkTagsForm(
            self.data if self.is_bound else None, initial=self.initial, posting=posting
        )
        self.series_form = WorkSeriesForm(self.data if self.is_bound else None, user=user)

    def is_valid(self):
        work_valid = super().is_valid()
        return self.tags.is_valid() and self.series_form.is_valid() and work_valid

    def series_values(self) -> dict:
        return self.series_form.cleaned_data

    def preview(self) -> dict:
        """The work's own parts as a reader would see them; call after is_valid()."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "tags": self.tags.preview_groups(),
            **{part: to_clean_html(data[part], data["text_format"]) for part in HTML_PARTS},
        }

    def tag_values(self) -> dict:
        return self.tags.tag_values()

    def add_service_error(self, error) -> None:
        """Show a service's ValidationError on the field it names, tag fields included."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field, errors in error.error_dict.items():
            if field in self.tags.fields:
                self.tags.add_error(field, errors)
            else:
                self.add_error(field if field in self.fields else None, errors)


class ChapterForm(forms.Form):
    title = forms.CharField(
        label="Chapter title", required=False, max_length=settings.FANSHELF_TITLE_MAX_LENGTH
    )
    summary = forms.CharField(
        label="Chapter summary",
        required=False,
        max_length=settings.FANSHELF_SUMMARY_MAX_LENGTH,
        widget=_textarea(3),
    )
    notes_begin = forms.CharField(
        label="Chapter notes at the beginning",
        required=False,
        max_length=settings.FANSHELF_NOTES_MAX_LENGTH,
        widget=_textarea(3),
    )
    notes_end = forms.CharField(
        label="Chapter notes at the end",
        required=False,
        max_length=settings.FANSHELF_NOTES_MAX_LENGTH,
        widget=_textarea(3),
    )
    warnings = forms.MultipleChoiceField(
        label="Warnings for this chapter",
        required=False,
        choices=[(w, w) for w in CHAPTER_WARNINGS],
        widget=forms.CheckboxSelectMultiple,
        help_text="Beside the work's warnings: readers may choose to see these before the "
        "chapter or only when they ask.",
    )
    text = forms.CharField(
        label="Chapter text", max_length=settings.FANSHELF_CHAPTER_MAX_LENGTH, widget=_textarea(20)
    )

    def preview(self, *, heading: str, text_format: str) -> dict:
        """The chapter as a reader would see it; call after is_valid()."""
        data = self.cleaned_data
        return {
            "heading": heading,
            **{part: to_clean_html(data[part], text_format) for part in (*HTML_PARTS, "text")},
        }


class ChapterWithFormatForm(ChapterForm):
    text_format = forms.ChoiceField(
        label="I am typing", choices=TextFormat.choices, initial=TextFormat.HTML
    )


class BaseChapterFormSet(BaseFormSet):
    """Chapters of a new work. A post declaring more chapters than a work may have is refused
    from the declared count, before any chapter form is built. The first chapter form is always
    required, so an empty one reports "Chapter text" is missing; Django's own minimum check would
    add a puzzling "Please submit at least 1 form."."""

    def clean(self):
        if self.total_form_count() < 1 and not self.declares_too_many():
            raise forms.ValidationError("A work needs at least one chapter.")

    def declares_too_many(self) -> bool:
        if not self.is_bound or not self.management_form.is_valid():
            return False
        return self.management_form.cleaned_data[TOTAL_FORM_COUNT] > self.max_num

    def total_form_count(self):
        return 0 if self.declares_too_many() else super().total_form_count()

    def full_clean(self):
        super().full_clean()
        if self.declares_too_many():
            declared = self.management_form.cleaned_data[TOTAL_FORM_COUNT]
            self._non_form_errors = self.error_class(
                [
                    f"This post has {declared:,} chapters; a work can have at most "
                    f"{self.max_num:,}. Split it into a series of works."
                ],
                error_class="nonform",
                renderer=self.renderer,
            )


ChapterFormSet = formset_factory(
    ChapterForm,
    formset=BaseChapterFormSet,
    absolute_max=settings.FANSHELF_CHAPTERS_PER_WORK_MAX,
    extra=0,
    min_num=1,
    validate_min=False,
    max_num=settings.FANSHELF_CHAPTERS_PER_WORK_MAX,
    validate_max=True,
)


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Story file",
        help_text="A .txt, .md or .html file in UTF-8, at most "
        f"{settings.FANSHELF_UPLOAD_MAX_BYTES // 1024:,} KB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.md,.markdown,.html,.htm"}),
    )


class ReorderForm(forms.Form):
    """A position for each item (chapters of a work, works of a series), each used once."""

    def __init__(self, *args, items, label=str, noun: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.items, self.noun = list(items), noun
        for position, item in enumerate(self.items, start=1):
            self.fields[f"{self.noun}_{item.pk}"] = forms.IntegerField(
                label=label(item), min_value=1, max_value=len(self.items), initial=position
            )

    def clean(self):
        cleaned = super().clean()
        positions = [cleaned.get(f"{self.noun}_{item.pk}") for item in self.items]
        if None not in positions and len(set(positions)) != len(positions):
            raise forms.ValidationError(f"Give each {self.noun} a different position.")
        return cleaned

    def ordered_ids(self) -> list[int]:
        return [
            item.pk
            for item in sorted(
                self.items, key=lambda item: self.cleaned_data[f"{self.noun}_{item.pk}"]
            )
        ]
