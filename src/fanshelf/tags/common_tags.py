"""The additional tags readers filter by most on the Archive of Our Own, canonical out of the box
with their usual other spellings as synonyms, so "Fluff" can be included or excluded everywhere
from the first day. Put in place after every migrate (tags.apps); a wrangler's own decisions win:
a name already canonical, or already a synonym of something else, is left as it is."""

from __future__ import annotations

from .models import Tag, TagType

# canonical name: (synonyms, ...)
COMMON_FREEFORMS: dict[str, tuple[str, ...]] = {
    "Fluff": ("Fluffy", "Pure Fluff", "Fluffiness"),
    "Angst": ("Angsty", "Lots of Angst", "Heavy Angst"),
    "Hurt/Comfort": ("Hurt and Comfort", "Hurt & Comfort", "h/c"),
    "Alternate Universe": ("AU", "Alternative Universe", "Alternate Reality"),
    "Alternate Universe - Modern Setting": ("Modern AU", "Modern Setting"),
    "Alternate Universe - Canon Divergence": ("Canon Divergence", "Canon Divergent"),
    "Alternate Universe - Coffee Shops & Cafés": ("Coffee Shop AU", "Coffee Shop"),
    "Alternate Universe - Soulmates": ("Soulmate AU", "Soulmates", "Soul Mates"),
    "Fluff and Angst": ("Angst and Fluff", "Fluff & Angst"),
    "Angst with a Happy Ending": ("Angst With Happy Ending", "Sad With A Happy Ending"),
    "Romance": ("Romantic", "Love Story"),
    "Humor": ("Humour", "Funny", "Comedy"),
    "Friendship": ("Friends",),
    "Family": ("Family Feels", "Family Dynamics"),
    "Found Family": ("Family of Choice", "Found Families"),
    "Established Relationship": ("Established Couple",),
    "Slow Burn": ("Slowburn", "Slow-Burn"),
    "Enemies to Lovers": ("Enemies To Lovers AU", "Enemies 2 Lovers"),
    "Friends to Lovers": ("Friends To Lovers AU", "Friends 2 Lovers"),
    "Mutual Pining": ("Both Pining",),
    "Pining": ("Yearning",),
    "First Kiss": ("Their First Kiss",),
    "Smut": ("Porn", "Lemon"),
    "Porn with Plot": ("PWP with Plot", "Plot with Porn"),
    "Crack": ("Crackfic", "Crack Fic"),
    "Crack Treated Seriously": ("Crack Taken Seriously",),
    "Canon Compliant": ("Canon-Compliant", "Canon Compliance"),
    "Canon-Typical Violence": ("Canon Typical Violence",),
    "Post-Canon": ("Post Canon", "After Canon"),
    "Pre-Canon": ("Pre Canon", "Before Canon"),
    "Missing Scene": ("Missing Scenes", "Deleted Scene"),
    "Character Study": ("Character Piece",),
    "Time Travel": ("Time-Travel", "Timetravel"),
    "Fix-It": ("Fix It", "Fixit", "Fix-It Fic"),
    "Whump": ("Whumping",),
    "Hurt No Comfort": ("Hurt/No Comfort", "No Comfort"),
    "Minor Character Death": ("Minor Death",),
    "Grief/Mourning": ("Grief", "Mourning"),
    "Depression": ("Depressed",),
    "Domestic Fluff": ("Domesticity", "Domestic"),
    "Tooth-Rotting Fluff": ("Tooth Rotting Fluff", "Teeth-Rotting Fluff"),
    "Cuddling & Snuggling": ("Cuddling", "Snuggling", "Cuddles"),
    "Fake/Pretend Relationship": ("Fake Dating", "Pretend Relationship", "Fake Relationship"),
    "Secret Relationship": ("Secret Dating",),
    "Sick Fic": ("Sickfic", "Sick-fic"),
    "Nightmares": ("Bad Dreams",),
    "Jealousy": ("Jealous",),
    "Misunderstandings": ("Miscommunication",),
    "Coming Out": ("Coming Out Story",),
    "Happy Ending": ("Happy Endings",),
    "Drama": ("Dramatic",),
    "Mystery": ("Whodunnit",),
    "Adventure": ("Adventures",),
    "Horror": ("Scary",),
    "One Shot": ("Oneshot", "One-Shot"),
    "Drabble": ("Drabbles",),
    "Christmas": ("Xmas", "Christmas Fic"),
}


def ensure_common_freeforms() -> None:
    """Idempotent: tags already in place cost one lookup each."""
    from . import services

    for name, synonyms in COMMON_FREEFORMS.items():
        target = services.find_tag(tag_type=TagType.FREEFORM, name=name)
        if target is None:
            target = Tag.objects.create(name=name, type=TagType.FREEFORM, canonical=True)
        elif not target.canonical and target.merger_id is None:
            target = services.tag_make_canonical(tag=target, user=None)
        if not target.canonical:
            continue  # a wrangler made it a synonym of another tag
        for synonym in synonyms:
            tag = services.find_tag(tag_type=TagType.FREEFORM, name=synonym)
            if tag is None:
                Tag.objects.create(name=synonym, type=TagType.FREEFORM, merger=target)
            elif not tag.canonical and tag.merger_id is None:
                services.tag_merge(tag=tag, into=target, user=None)
