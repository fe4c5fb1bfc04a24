from django import forms
from django.contrib.auth.forms import SetPasswordMixin, UsernameField

from .models import Pseud, User


class SignupForm(forms.Form):
    """The first step: a name and an address. Whether either is taken is told only to the
    address, by e-mail, so the form cannot be used to find out who has an account."""

    username = UsernameField(
        max_length=User._meta.get_field("username").max_length,
        help_text=User._meta.get_field("username").help_text,
        validators=User._meta.get_field("username").validators,
    )
    email = forms.EmailField(label="E-mail address")


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


class PseudForm(forms.ModelForm):
    class Meta:
        model = Pseud
        fields = ("name", "description")


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ("theme", "hide_notes")
