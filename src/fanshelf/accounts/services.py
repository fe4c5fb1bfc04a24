"""Every write to accounts and pseuds."""

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from fanshelf.core.tasks import send_email_job
from fanshelf.core.text import clean_name

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


SIGNUP_SALT = "fanshelf.accounts.signup"


def signup_request(*, username: str, email: str, link_base: str, invitation_code: str = "") -> None:
    """Start a sign-up: the address gets either a link to choose a password, or, when it already
    has an account or the name is taken, a message saying so. The asker is told the same in
    every case, so nobody learns from the form who has an account."""
    if User.objects.filter(email__iexact=email).exists():
        template = "accounts/signup_address_known_email.txt"
        context = {"login_url": f"{link_base}/login/", "reset_url": f"{link_base}/password/reset/"}
    elif User.objects.filter(username__iexact=username).exists():
        template = "accounts/signup_name_taken_email.txt"
        context = {"username": username, "signup_url": f"{link_base}/signup/"}
    else:
        wanted = {"username": username, "email": email, "invitation": invitation_code}
        token = signing.dumps(wanted, salt=SIGNUP_SALT)
        template = "accounts/signup_confirm_email.txt"
        context = {"username": username, "link": f"{link_base}/signup/{token}/"}
    send_email_job(
        subject="Your Fanshelf sign-up", body=render_to_string(template, context), to=[email]
    )


def signup_token_read(token: str) -> dict:
    """The name and address a sign-up link was sent for (ValidationError when it is bad or
    older than FANSHELF_SIGNUP_LINK_HOURS)."""
    try:
        return signing.loads(
            token, salt=SIGNUP_SALT, max_age=settings.FANSHELF_SIGNUP_LINK_HOURS * 3600
        )
    except signing.BadSignature as error:
        raise ValidationError(
            "This sign-up link has expired or is not complete. Please sign up again."
        ) from error


@transaction.atomic
def signup_complete(*, token: str, password: str) -> User:
    """Create the account a sign-up link was sent for."""
    wanted = signup_token_read(token)
    if User.objects.filter(email__iexact=wanted["email"]).exists():
        raise ValidationError("This address already has an account: log in instead.")
    if User.objects.filter(username__iexact=wanted["username"]).exists():
        raise ValidationError(
            f"Someone took the name “{wanted['username']}” meanwhile. Please sign up again "
            "with another."
        )
    return user_signup(
        username=wanted["username"],
        email=wanted["email"],
        password=password,
        invitation_code=wanted.get("invitation", ""),
        accepted_terms=True,  # the first step's form requires it
    )


def pseud_create(*, user: User, name: str, description: str = "") -> Pseud:
    name = clean_name(name)  # no invisible or direction characters in a name readers see
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
