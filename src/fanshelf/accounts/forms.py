from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordMixin, UsernameField
from django.urls import reverse
from django.utils.html import format_html

from .invitations import invitation_usable
from .models import Pseud, User
from .standing import is_banned, standing_message


class SignupForm(forms.Form):
    """The first step: a name and an address. Whether either is taken is told only to the
    address, by e-mail, so the form cannot be used to find out who has an account."""

    username = UsernameField(
        max_length=User._meta.get_field("username").max_length,
        help_text=User._meta.get_field("username").help_text,
        validators=User._meta.get_field("username").validators,
    )
    email = forms.EmailField(label="E-mail address")
    invitation = forms.CharField(
        label="Invitation code", required=False, max_length=40, widget=forms.HiddenInput
    )
    accept_terms = forms.BooleanField(
        required=True,
        error_messages={"required": "Please accept the terms of service to sign up."},
    )

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


class SignupPasswordForm(SetPasswordMixin, forms.Form):
    """The second step, from the e-mailed link: the password."""

    password1, password2 = SetPasswordMixin.create_password_fields()

    def __init__(self, *args, username: str, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = User(username=username, email=email)  # for the similarity check

    def clean(self):
        self.validate_passwords()
        self.validate_password_for_user(self.user)
        return super().clean()


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
