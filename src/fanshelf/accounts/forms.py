from django import forms
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.urls import reverse
from django.utils.html import format_html

from .invitations import invitation_usable
from .models import Pseud, User
from .standing import is_banned, standing_message


class SignupForm(UserCreationForm):
    invitation = forms.CharField(
        label="Invitation code", required=False, max_length=40, widget=forms.HiddenInput
    )
    accept_terms = forms.BooleanField(
        required=True,
        error_messages={"required": "Please accept the terms of service to sign up."},
    )

    class Meta:
        model = User
        fields = ("username", "email")

    def __init__(self, *args, invitation_required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accept_terms"].label = format_html(
            'I have read and accept the <a href="{}">terms of service</a> and the '
            '<a href="{}">privacy policy</a>.',
            reverse("core:terms"),
            reverse("core:privacy"),
        )
        self.invitation_required = invitation_required
        if invitation_required:
            self.fields["invitation"].widget = forms.TextInput()
            self.fields["invitation"].required = True

    def clean_invitation(self):
        code = self.cleaned_data.get("invitation", "").strip()
        if self.invitation_required and invitation_usable(code) is None:
            raise forms.ValidationError(
                "That invitation code is not valid or has already been used."
            )
        return code


class LoginForm(AuthenticationForm):
    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if is_banned(user):
            raise forms.ValidationError(standing_message(user), code="banned")


class PseudForm(forms.ModelForm):
    class Meta:
        model = Pseud
        fields = ("name", "description")


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ("theme", "hide_notes")
