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
    class Meta:
        model = User
        fields = ("theme", "hide_notes", "chapter_warnings")
        widgets = {"chapter_warnings": forms.RadioSelect}
