from django import forms
from django.conf import settings

from .models import CommentSettings


class CommentForm(forms.Form):
    content = forms.CharField(
        label="Comment",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Plain text, or HTML as in works.",
    )
    guest_name = forms.CharField(label="Name", max_length=100, required=False)
    guest_email = forms.EmailField(
        label="E-mail address",
        required=False,
        help_text="Never shown; needed to comment as a guest.",
    )
    pseud = forms.ChoiceField(label="Comment as", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["content"].max_length = settings.FANSHELF_COMMENT_MAX_LENGTH
        self.fields["content"].widget.attrs["maxlength"] = settings.FANSHELF_COMMENT_MAX_LENGTH
        self.user = user
        if user.is_authenticated:
            del self.fields["guest_name"], self.fields["guest_email"]
            pseuds = list(user.pseuds.all())
            if len(pseuds) > 1:
                self.fields["pseud"].choices = [(p.pk, p.name) for p in pseuds]
            else:
                del self.fields["pseud"]
        else:
            del self.fields["pseud"]
            self.fields["guest_name"].required = True
            self.fields["guest_email"].required = True

    def chosen_pseud(self):
        if "pseud" not in self.fields:
            return None
        return self.user.pseuds.filter(pk=self.cleaned_data.get("pseud") or 0).first()


class EditCommentForm(forms.Form):
    content = forms.CharField(label="Comment", widget=forms.Textarea(attrs={"rows": 6}))


class CommentSettingsForm(forms.ModelForm):
    class Meta:
        model = CommentSettings
        fields = ["permission", "moderated"]
        widgets = {"permission": forms.RadioSelect}
        labels = {"permission": "Who can comment"}
