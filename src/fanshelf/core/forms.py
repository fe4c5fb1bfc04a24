from django import forms

from .models import SiteSettings


class SiteSettingsForm(forms.ModelForm):
    class Meta:
        model = SiteSettings
        fields = (
            "signup_mode",
            "invitations_per_batch",
            "invitation_interval_hours",
            "guest_comments",
            "terms_of_service",
            "privacy_policy",
        )
        widgets = {"signup_mode": forms.RadioSelect}

    def clean_invitation_interval_hours(self):
        hours = self.cleaned_data["invitation_interval_hours"]
        if hours < 1:
            raise forms.ValidationError("Send invitations at most once an hour.")
        return hours
