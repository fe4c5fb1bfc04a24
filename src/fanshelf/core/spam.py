"""Spam scoring for new works and comments from new or little-active accounts.

Signals a moderator would name: links, text that repeats itself, the vocabulary of advertising,
a brand-new account, and posting fast. Each adds to a score between 0 and 1; above
FANSHELF_SPAM_THRESHOLD the content waits for a moderator. An Akismet-compatible service, when
configured, can only raise the score.
"""

import logging
import re
import urllib.parse
import urllib.request
import zlib
from dataclasses import dataclass, field

from django.conf import settings

log = logging.getLogger(__name__)

_LINK = re.compile(r"https?://|www\.", re.IGNORECASE)
# Phrases of advertising and scams; fiction rarely uses several of them at once.
SPAM_PHRASES = (
    "buy now", "click here", "free money", "work from home", "casino", "viagra", "cialis",
    "crypto", "bitcoin", "forex", "payday loan", "cheap", "discount code", "promo code",
    "seo service", "backlink", "escort", "essay writing service", "earn $", "limited offer",
    "visit our website", "whatsapp", "telegram", "followers", "best price",
)  # fmt: skip


@dataclass
class SpamVerdict:
    score: float
    reasons: list[str] = field(default_factory=list)

    @property
    def is_spam(self) -> bool:
        return self.score >= settings.FANSHELF_SPAM_THRESHOLD


def _repetition(text: str) -> float:
    """How much of the text repeats: 0 for ordinary prose, near 1 for a line pasted many times."""
    data = text.encode("utf-8")[: settings.FANSHELF_SPAM_SCAN_BYTES]
    if len(data) < 200:
        return 0.0
    ratio = len(zlib.compress(data, 6)) / len(data)
    # Prose compresses to about 0.35-0.5 of its size; pasted repeats to far less.
    return max(0.0, min(1.0, (0.3 - ratio) / 0.25))


def spam_score(
    text: str,
    *,
    account_age_days: float | None,
    earlier_posts: int,
    posts_last_hour: int,
    author_name: str = "",
    author_email: str = "",
    author_ip: str = "",
    author_agent: str = "",
) -> SpamVerdict:
    """Score `text` by a new or little-active author; established accounts are never scored.
    The author's network address and user agent, when known, go to the Akismet-compatible
    service, which requires the address."""
    verdict = SpamVerdict(0.0)
    if account_age_days is not None and (
        account_age_days >= settings.FANSHELF_SPAM_NEW_ACCOUNT_DAYS
        and earlier_posts >= settings.FANSHELF_SPAM_ACTIVE_POSTS
    ):
        return verdict
    sample = text[: settings.FANSHELF_SPAM_SCAN_BYTES]
    lowered = sample.lower()

    def add(points: float, reason: str) -> None:
        verdict.score = min(1.0, verdict.score + points)
        verdict.reasons.append(reason)

    links = len(_LINK.findall(sample))
    if links:
        add(min(0.5, 0.15 * links), f"{links} link{'s' if links > 1 else ''}")
    phrases = [phrase for phrase in SPAM_PHRASES if phrase in lowered]
    if phrases:
        add(min(0.6, 0.25 * len(phrases)), "advertising words: " + ", ".join(phrases[:5]))
    repetition = _repetition(sample)
    if repetition > 0.2:
        add(0.4 * repetition, "the same text repeated")
    if account_age_days is None:
        add(0.1, "a guest")
    elif account_age_days < settings.FANSHELF_SPAM_NEW_ACCOUNT_DAYS:
        add(0.15, "a new account")
    if posts_last_hour >= settings.FANSHELF_SPAM_POSTS_PER_HOUR:
        add(0.3, f"{posts_last_hour} posts in the last hour")
    if (
        verdict.score < settings.FANSHELF_SPAM_THRESHOLD
        and settings.FANSHELF_AKISMET_URL
        and _akismet_says_spam(
            sample,
            author_name=author_name,
            author_email=author_email,
            author_ip=author_ip,
            author_agent=author_agent,
        )
    ):
        add(1.0, "the spam-checking service")
    return verdict


def _akismet_says_spam(
    text: str, *, author_name: str, author_email: str, author_ip: str, author_agent: str
) -> bool:
    """Ask an Akismet-compatible service; a service that fails or is slow is not believed, and
    one that refuses the check (it answers neither "true" nor "false") is logged."""
    data = urllib.parse.urlencode(
        {
            "api_key": settings.FANSHELF_AKISMET_KEY,
            "blog": settings.FANSHELF_SITE_URL,
            "user_ip": author_ip,
            "user_agent": author_agent,
            "comment_type": "comment",
            "comment_author": author_name,
            "comment_author_email": author_email,
            "comment_content": text,
        }
    ).encode()
    url = settings.FANSHELF_AKISMET_URL.rstrip("/") + "/1.1/comment-check"
    try:
        with urllib.request.urlopen(
            url, data=data, timeout=settings.FANSHELF_AKISMET_TIMEOUT
        ) as answer:
            said = answer.read(64).strip()
            if said not in (b"true", b"false"):
                why = answer.headers.get("X-akismet-debug-help") or said.decode(errors="replace")
                log.warning("spam-checking service refused the check: %s", why)
            return said == b"true"
    except OSError as error:
        log.warning("spam-checking service unreachable: %s", error)
        return False
