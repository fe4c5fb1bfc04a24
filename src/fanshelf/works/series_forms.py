from django import forms
from django.conf import settings

from .models import Series
from .text_formats import TextFormat


class SeriesForm(forms.Form):
    title = forms.CharField(max_length=settings.FANSHELF_TITLE_MAX_LENGTH)
    pseuds = forms.ModelMultipleChoiceField(
        queryset=None, label="Creators", widget=forms.CheckboxSelectMultiple
    )
    summary = forms.CharField(
        required=False,
        max_length=settings.FANSHELF_SUMMARY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    notes = forms.CharField(
        required=False,
        max_length=settings.FANSHELF_NOTES_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    complete = forms.BooleanField(label="This series is complete", required=False)
    text_format = forms.ChoiceField(
        label="I am typing", choices=TextFormat.choices, initial=TextFormat.PLAIN
    )

    def __init__(self, *args, user, series: Series | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        from fanshelf.accounts.models import Pseud

        # One's own pseuds, and the pseuds of the co-creators of the series' works.
        users = {user.pk}
        if series is not None:
            users |= set(series.works.values_list("pseuds__user_id", flat=True))
        self.fields["pseuds"].queryset = Pseud.objects.filter(user_id__in=users).select_related(
            "user"
        )
        if not self.is_bound and "pseuds" not in self.initial:
            self.initial["pseuds"] = [p.pk for p in user.pseuds.all() if p.is_default]


class WorkSeriesForm(forms.Form):
    """On the work form: add the work to one of the author's series, or to a new one."""

    series = forms.ModelChoiceField(
        queryset=None, required=False, label="Add to series", empty_label="No series"
    )
    new_series_title = forms.CharField(
        label="Or start a new series called",
        required=False,
        max_length=settings.FANSHELF_TITLE_MAX_LENGTH,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from .series_selectors import own_series

        self.fields["series"].queryset = own_series(user=user)
