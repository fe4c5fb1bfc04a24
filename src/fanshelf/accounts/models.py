from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.urls import reverse


class User(AbstractUser):
    class Theme(models.TextChoices):
        SYSTEM = "system", "Follow my device"
        LIGHT = "light", "Light"
        DARK = "dark", "Dark"

    email = models.EmailField("e-mail address", unique=True)
    theme = models.CharField(max_length=10, choices=Theme.choices, default=Theme.SYSTEM)
    hide_notes = models.BooleanField(
        "hide author's notes", default=False, help_text="Hide notes before and after the story."
    )
    # Standing, set only by moderators through moderation.services.
    suspended_until = models.DateTimeField(null=True, blank=True)
    suspension_reason = models.TextField(blank=True)
    banned_at = models.DateTimeField(null=True, blank=True)
    ban_reason = models.TextField(blank=True)
    terms_accepted_at = models.DateTimeField(null=True, blank=True)

    def get_absolute_url(self):
        return reverse("accounts:profile", args=[self.username])

    @property
    def default_pseud(self):
        return self.pseuds.get(is_default=True)


class Pseud(models.Model):
    """A name an author writes under; every user has a default one made at sign-up."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pseuds"
    )
    name = models.CharField(max_length=40)
    description = models.TextField(blank=True, max_length=500)
    is_default = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_default", "name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="pseud_name_unique_per_user"),
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(is_default=True), name="one_default_pseud"
            ),
        ]

    def __str__(self):
        if self.name == self.user.username:
            return self.name
        return f"{self.name} ({self.user.username})"

    def get_absolute_url(self):
        return reverse("accounts:profile", args=[self.user.username]) + f"?pseud={self.pk}"


class Block(models.Model):
    """The blocker's works and comments are closed to the blocked user."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_made"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_received"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="block_unique_pair"),
            models.CheckConstraint(
                condition=~models.Q(blocker=models.F("blocked")), name="block_not_self"
            ),
        ]


class Mute(models.Model):
    """The muted user's works, series, bookmarks and comments vanish from what the muter sees."""

    muter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mutes_made"
    )
    muted = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mutes_received"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["muter", "muted"], name="mute_unique_pair"),
            models.CheckConstraint(
                condition=~models.Q(muter=models.F("muted")), name="mute_not_self"
            ),
        ]


class Invitation(models.Model):
    """A one-use code that lets its holder sign up while sign-up is by invitation."""

    code = models.CharField(max_length=40, unique=True)
    # Null when the archive itself sent it from the queue.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    sent_to = models.EmailField(blank=True)
    used_by = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invited_by",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)


class InviteRequest(models.Model):
    """Somebody waiting in the invitation queue."""

    email = models.EmailField(unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    invitation = models.OneToOneField(
        Invitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="request"
    )

    class Meta:
        ordering = ["created_at", "pk"]
