from django import forms
from django.contrib.auth.forms import UserCreationForm

from .models import Pseud, User


class SignupForm(UserCreationForm):
    class Meta:
        model = User
        fields = ("username", "email")


class PseudForm(forms.ModelForm):
    class Meta:
        model = Pseud
        fields = ("name", "description")


class PreferencesForm(forms.ModelForm):
    # Optional: a form (or a client) that leaves it out keeps chapter warnings shown.
    chapter_warnings = forms.ChoiceField(
        label="Chapter warnings",
        choices=User.ChapterWarnings.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=User._meta.get_field("chapter_warnings").help_text,
    )

    class Meta:
        model = User
        fields = ("theme", "hide_notes", "chapter_warnings")

    def clean_chapter_warnings(self):
        return self.cleaned_data["chapter_warnings"] or User.ChapterWarnings.SHOW
