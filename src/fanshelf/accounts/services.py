"""Every write to accounts and pseuds."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Pseud, User


@transaction.atomic
def user_signup(*, username: str, email: str, password: str) -> User:
    """Create a user with a default pseud of the same name."""
    user = User.objects.create_user(username=username, email=email, password=password)
    Pseud.objects.create(user=user, name=username, is_default=True)
    return user


def pseud_create(*, user: User, name: str, description: str = "") -> Pseud:
    name = name.strip()
    if user.pseuds.count() >= settings.FANSHELF_PSEUDS_PER_USER_MAX:
        raise ValidationError(
            f"You can have at most {settings.FANSHELF_PSEUDS_PER_USER_MAX} pseuds."
        )
    if user.pseuds.filter(name__iexact=name).exists():
        raise ValidationError(f"You already have a pseud named “{name}”.")
    return Pseud.objects.create(user=user, name=name, description=description)


def preferences_update(
    *, user: User, theme: str, hide_notes: bool, chapter_warnings: str = User.ChapterWarnings.SHOW
) -> User:
    user.theme = theme
    user.hide_notes = hide_notes
    user.chapter_warnings = chapter_warnings
    user.save(update_fields=["theme", "hide_notes", "chapter_warnings"])
    return user
