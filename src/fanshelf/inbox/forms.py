from django import forms

from .kinds import all_preferences

ACTIONS = {"read", "unread", "delete"}
ROW_ID_DIGITS = 18  # any row id fits; longer numbers are refused, not handed to the database


class InboxActionForm(forms.Form):
    """Bulk actions on ticked rows, or one row's own button ("read:12")."""

    ids = forms.TypedMultipleChoiceField(coerce=int, required=False, choices=())
    action = forms.ChoiceField(required=False, choices=[(a, a) for a in ("", *sorted(ACTIONS))])
    item = forms.RegexField(
        regex=rf"^(read|unread|delete):\d{{1,{ROW_ID_DIGITS}}}$", required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any id may be posted; the service only touches the user's own rows.
        self.fields["ids"].valid_value = lambda value: (
            str(value).isdigit() and len(str(value)) <= ROW_ID_DIGITS
        )

    def clean(self):
        data = super().clean()
        if data.get("item"):
            action, row_id = data["item"].split(":")
            return {"action": action, "ids": [int(row_id)]}
        if not data.get("action") or not data.get("ids"):
            raise forms.ValidationError("Tick at least one notification, then choose an action.")
        return data


class EmailPreferencesForm(forms.Form):
    def __init__(self, *args, current: dict[str, bool], **kwargs):
        super().__init__(*args, **kwargs)
        for pref in all_preferences():
            self.fields[pref.key] = forms.BooleanField(
                label=pref.label, required=False, initial=current.get(pref.key, pref.default)
            )
