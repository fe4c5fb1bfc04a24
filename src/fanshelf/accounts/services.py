"""Every write to accounts and pseuds."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .invitations import invitation_redeem
from .models import Pseud, User


@transaction.atomic
def user_signup(
    *,
    username: str,
    email: str,
    password: str,
    invitation_code: str = "",
    accepted_terms: bool = False,
) -> User:
    """Create a user with a default pseud of the same name, using up an invitation if given."""
    user = User.objects.create_user(
        username=username,
        email=email,
        password=password,
        terms_accepted_at=timezone.now() if accepted_terms else None,
    )
    Pseud.objects.create(user=user, name=username, is_default=True)
    if invitation_code:
        invitation_redeem(code=invitation_code, user=user)
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


def preferences_update(*, user: User, theme: str, hide_notes: bool) -> User:
    user.theme = theme
    user.hide_notes = hide_notes
    user.save(update_fields=["theme", "hide_notes"])
    return user
