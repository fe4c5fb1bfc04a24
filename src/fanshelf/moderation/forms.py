from django import forms
from django.conf import settings

from .models import Report


class ReportForm(forms.Form):
    reason = forms.ChoiceField(choices=Report.Reason.choices, widget=forms.RadioSelect)
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text="What is wrong, and where in the text (optional).",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].max_length = settings.FANSHELF_REPORT_DESCRIPTION_MAX_LENGTH


class ActionForm(forms.Form):
    ACTIONS = [
        ("dismiss", "Dismiss the report"),
        ("hide", "Hide the content"),
        ("warn", "Warn the user"),
        ("suspend", "Suspend the user"),
        ("ban", "Ban the user"),
        ("spam", "Spam: hide everything they posted and suspend them"),
    ]
    action = forms.ChoiceField(choices=ACTIONS, widget=forms.RadioSelect)
    days = forms.IntegerField(label="Suspension in days", min_value=1, required=False, initial=7)
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the moderation log; the user sees it.",
    )

    def __init__(self, *args, can_hide: bool = True, has_owner: bool = True, **kwargs):
        """Offer only what applies: hiding to works, chapters and comments, and the actions
        on an account when the reported content has one."""
        super().__init__(*args, **kwargs)
        offered = [
            (value, label)
            for value, label in self.ACTIONS
            if (value != "hide" or can_hide) and (value in ("dismiss", "hide") or has_owner)
        ]
        self.fields["action"].choices = offered
        if not has_owner:
            del self.fields["days"]

    def clean(self):
        data = super().clean()
        if data.get("action") == "suspend" and not data.get("days"):
            self.add_error("days", "Say for how many days.")
        return data


class UnhideForm(forms.Form):
    reason = forms.CharField(
        label="Why unhide?",
        widget=forms.TextInput(),
        help_text="Kept in the moderation log; the owner sees it.",
    )


class AppealForm(forms.Form):
    text = forms.CharField(
        label="Why should the moderators look again?", widget=forms.Textarea(attrs={"rows": 5})
    )


class AppealAnswerForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("grant", "Grant: undo the action"), ("refuse", "Refuse")],
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))


class GrantInvitationsForm(forms.Form):
    username = forms.CharField(label="User name")
    count = forms.IntegerField(label="Invitations", min_value=1, max_value=100, initial=5)
