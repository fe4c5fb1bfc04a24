"""Spam defence for guest and new-account comments: a score from simple signals, and an optional
check with an Akismet-compatible service (run in a job, never while the commenter waits)."""

import datetime
import re
import urllib.parse
import urllib.request

from django.conf import settings
from django.utils import timezone

_LINK = re.compile(r"<a\s|https?://|www\.", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+")


def is_new_or_low_activity(user) -> bool:
    """New accounts, and accounts with too few approved comments and no posted work."""
    age = timezone.now() - user.date_joined
    if age < datetime.timedelta(days=settings.FANSHELF_COMMENT_NEW_ACCOUNT_DAYS):
        return True
    if user.pseuds.filter(works__posted=True).exists():
        return False
    approved = user.comments.filter(status="approved", deleted=False).count()
    return approved < settings.FANSHELF_COMMENT_ACTIVE_MIN_COMMENTS


def spam_score(*, text: str, repeated_elsewhere: bool, new_account: bool, guest: bool) -> int:
    """Higher is likelier spam; FANSHELF_COMMENT_SPAM_THRESHOLD sends a comment to moderation."""
    words = [w.lower() for w in _WORD.findall(text)]
    spam_words = {w.strip().lower() for w in settings.FANSHELF_COMMENT_SPAM_WORDS if w.strip()}
    score = 2 * len(_LINK.findall(text))
    score += 3 * sum(1 for w in words if w in spam_words)
    if words and len(words) >= 8 and len(set(words)) / len(words) < 0.3:
        score += 2  # the same few words over and over
    if repeated_elsewhere:
        score += 3
    if guest or new_account:
        score += 1
    return score


def akismet_says_spam(*, text: str, author: str, email: str, address: str, url: str) -> bool:
    """Ask the configured Akismet-compatible service; raises on network errors (the job retries)."""
    data = urllib.parse.urlencode(
        {
            "api_key": settings.FANSHELF_AKISMET_KEY,
            "blog": settings.FANSHELF_SITE_URL,
            "user_ip": address,
            "comment_type": "comment",
            "comment_author": author,
            "comment_author_email": email,
            "comment_content": text,
            "permalink": url,
        }
    ).encode()
    endpoint = settings.FANSHELF_AKISMET_URL.rstrip("/") + "/1.1/comment-check"
    with urllib.request.urlopen(endpoint, data=data, timeout=10) as response:
        return response.read().strip() == b"true"
