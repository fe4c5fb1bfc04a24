"""`fanshelf generate --works N`: a synthetic archive for load and benchmark work.

Deterministic by seed. Fandom sizes follow a Zipf-like law; each work has 5 to 20 tags (rating,
warnings, categories, one fandom or two for a crossover, characters, relationships, additional
tags), some typed as synonyms or as sub tags of a meta tag, so the canonical filter semantics
matter. Word counts run from 100 to 500,000 (log-normal), dates over 15 years, hits and kudos
are long-tailed. Text comes from a vocabulary with Zipf frequencies.

To keep a million works small and fast, each work has one short chapter of generated text (about
60 to 120 words) while its word and chapter counts follow the distributions above. Rows go straight
into the real tables (accounts, works, tags, the search index) through the backend's bulk
loader, not through the ORM one row at a time.
"""

from __future__ import annotations

import datetime
import itertools
import math
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from fanshelf.accounts.models import Pseud
from fanshelf.tags.models import FilterTagging, MetaTagging, Tag, Tagging, TagType
from fanshelf.tags.names import fold
from fanshelf.works.creators import ANONYMOUS
from fanshelf.works.models import Chapter, Work
from fanshelf.works.sanitize import SANITIZER_VERSION

from .backends import get_backend
from .backends.shapes import INDEX_COLUMNS
from .documents import sort_key
from .models import WorkIndex, audience_of

ANONYMOUS_EVERY = 50  # one generated work in this many is posted anonymously
_COMMON_TEXT = (
    "the and of to a in was he she it that his her with as had for they you on at but not be "
    "said one all there when what were so up out into from then about him could like time would "
    "them no back know only over just down now eyes before hand again never night way away head "
    "door face think long still room something looked little thought even turned heart voice "
    "light dark home love war storm dragon coffee shop rain snow winter summer ship sea star "
    "fire blood letter kiss dance ghost forest castle city school music dream sword magic king "
    "queen soldier doctor detective captain pilot secret promise memory morning silence garden "
    "library train bridge river mountain moon sun wolf crow rose tea bread wine island tower"
)
_SYLLABLE_TEXT = "ka ri to mel an dor vel is ar en ly sa bre thon wyn gal ea os ul fen mar ti cor"
COMMON_WORDS = _COMMON_TEXT.split()
SYLLABLES = _SYLLABLE_TEXT.split()
RATING_WEIGHTS = tuple(itertools.accumulate((5, 35, 30, 18, 12)))
WARNING_WEIGHTS = tuple(itertools.accumulate((25, 45, 12, 8, 5, 5)))
CATEGORY_WEIGHTS = tuple(itertools.accumulate((30, 25, 30, 8, 4, 3)))
OTHER_LANGUAGES = ("es", "fr", "de", "ru", "pt", "it", "pl", "nl")
CHUNK = 20_000


@dataclass
class Taxonomy:
    ratings: list[int]
    warnings: list[int]
    categories: list[int]
    fandoms: list[int]
    characters: list[list[int]]  # per fandom
    relationships: list[list[int]]  # per fandom
    freeforms: list[int]
    names: dict[int, str]
    synonym_of: dict[int, int]  # canonical -> a synonym authors sometimes type instead
    meta_of: dict[int, int]  # sub -> meta


def _zipf_weights(n: int, exponent: float = 1.0) -> list[float]:
    return list(itertools.accumulate(1 / (rank + 1) ** exponent for rank in range(n)))


class _Ids:
    """Hands out primary keys after the highest one already in each table."""

    def __init__(self):
        self.next: dict[type, int] = {}

    def take(self, model, count: int = 1) -> int:
        if model not in self.next:
            top = model.objects.aggregate(top=models.Max("pk"))["top"] or 0
            self.next[model] = top + 1
        first = self.next[model]
        self.next[model] += count
        return first


def _table(model, given: list[str], *, vendor: str) -> tuple[str, list[str], tuple]:
    """(table, columns, constant tail): the given columns, then every other concrete column
    with its default, so columns added later by other apps still get a value."""
    columns, constants = list(given), []
    now = timezone.now()
    for field in model._meta.concrete_fields:
        if field.attname in given or field.primary_key or getattr(field, "generated", False):
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = now
        else:
            value = field.get_default()
        columns.append(field.column)
        constants.append(_db_value(field.get_db_prep_save(value, connection), vendor))
    return model._meta.db_table, columns, tuple(constants)


def _db_value(value, vendor: str):
    if vendor == "sqlite" and isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).replace(tzinfo=None).isoformat(" ")
    if vendor == "sqlite" and isinstance(value, datetime.date):
        return value.isoformat()
    return value


class Generator:
    def __init__(self, *, works: int, seed: int, on_progress: Callable[[int], None]):
        self.count = works
        self.rng = random.Random(seed)
        self.on_progress = on_progress
        self.vendor = connection.vendor
        self.ids = _Ids()
        self.tables: dict[tuple, tuple[str, list[str], tuple]] = {}
        self.today = timezone.localdate()
        syllable_words = {
            "".join(self.rng.choices(SYLLABLES, k=self.rng.randint(2, 3))) for _ in range(6000)
        }
        self.vocabulary = COMMON_WORDS + sorted(syllable_words - set(COMMON_WORDS))
        self.rng.shuffle(self.vocabulary[len(COMMON_WORDS) :])
        self.vocabulary_weights = _zipf_weights(len(self.vocabulary))
        # Prose is drawn a sentence at a time from a pool: a million works need fast text.
        self.sentences = [" ".join(self.words(self.rng.randint(6, 16))) for _ in range(40_000)]

    def prose(self, sentences: int) -> str:
        return ". ".join(self.rng.choices(self.sentences, k=sentences))

    def words(self, k: int) -> list[str]:
        return self.rng.choices(self.vocabulary, cum_weights=self.vocabulary_weights, k=k)

    def name(self, words: int) -> str:
        return " ".join(w.capitalize() for w in self.words(words))

    def dt(self, value):
        return _db_value(value, self.vendor)

    # ---- tags -------------------------------------------------------------------------------

    def _fixed(self, tag_type: str, names) -> list[int]:
        found = []
        for name in names:
            tag = Tag.objects.filter(type=tag_type, name__iexact=name).first()
            if tag is None:
                tag = Tag.objects.create(type=tag_type, name=name, canonical=True)
            found.append(tag.pk)
        return found

    def taxonomy(self, loader) -> Taxonomy:
        from fanshelf.tags import models as tag_models

        n = self.count
        taxonomy = Taxonomy(
            ratings=self._fixed(TagType.RATING, tag_models.RATINGS),
            warnings=self._fixed(TagType.WARNING, tag_models.WARNINGS),
            categories=self._fixed(TagType.CATEGORY, tag_models.CATEGORIES),
            fandoms=[],
            characters=[],
            relationships=[],
            freeforms=[],
            names={},
            synonym_of={},
            meta_of={},
        )
        fixed = [*taxonomy.ratings, *taxonomy.warnings, *taxonomy.categories]
        taxonomy.names.update(Tag.objects.filter(pk__in=fixed).values_list("pk", "name"))
        # Names are kept unique across types too, so a name finds exactly one tag.
        taken = {fold(name) for name in Tag.objects.values_list("name", flat=True)}
        rows = []

        def tag(tag_type: str, name: str, *, canonical=True, merger=None) -> int:
            base, number = name[:140], 2
            while fold(name) in taken:
                name, number = f"{base} ({number})", number + 1
            taken.add(fold(name))
            pk = self.ids.take(Tag)
            rows.append((pk, name, fold(name), tag_type, canonical, merger))
            taxonomy.names[pk] = name
            return pk

        for _ in range(max(5, n // 250)):
            fandom = tag(TagType.FANDOM, self.name(self.rng.randint(1, 3)))
            taxonomy.fandoms.append(fandom)
            people = [
                tag(TagType.CHARACTER, f"{self.name(2)} ({taxonomy.names[fandom]})"[:150])
                for _ in range(12)
            ]
            taxonomy.characters.append(people)
            for sub in people[1:3]:
                taxonomy.meta_of[sub] = people[0]
            for person in people[::10]:
                taxonomy.synonym_of[person] = tag(
                    TagType.CHARACTER,
                    self.name(1) + " " + self.name(1),
                    canonical=False,
                    merger=person,
                )
            taxonomy.relationships.append(
                [
                    tag(
                        TagType.RELATIONSHIP,
                        "/".join(taxonomy.names[p].split(" (")[0] for p in pair)[:150],
                    )
                    for pair in (self.rng.sample(people, 2) for _ in range(8))
                ]
            )
        for _ in range(max(30, n // 50)):
            taxonomy.freeforms.append(tag(TagType.FREEFORM, self.name(self.rng.randint(1, 4))))
        self.write(
            loader, Tag, ["id", "name", "name_lower", "type", "canonical", "merger_id"], rows
        )
        self.write(
            loader,
            MetaTagging,
            ["id", "meta_id", "sub_id"],
            [(self.ids.take(MetaTagging), meta, sub) for sub, meta in taxonomy.meta_of.items()],
        )
        loader.commit()
        return taxonomy

    def write(self, loader, model, given: list[str], rows) -> None:
        key = (model, tuple(given))
        if key not in self.tables:
            self.tables[key] = _table(model, given, vendor=self.vendor)
        table, columns, tail = self.tables[key]
        loader.insert(table, columns, (row + tail for row in rows) if tail else rows)

    # ---- people -----------------------------------------------------------------------------

    def creators(self, loader) -> list[tuple[int, str]]:
        """(pseud id, name) of the generated authors, each with a default pseud."""
        count = max(5, self.count // 20)
        first_user = self.ids.take(get_user_model(), count)
        first_pseud = self.ids.take(Pseud, count)
        now = self.dt(timezone.now())
        users, pseuds = [], []
        for i in range(count):
            name = f"{self.words(1)[0]}{first_user + i}"
            users.append((first_user + i, name, f"{name}@generated.invalid", "!", now))
            pseuds.append((first_pseud + i, first_user + i, name, True, now))
        self.write(
            loader, get_user_model(), ["id", "username", "email", "password", "date_joined"], users
        )
        self.write(loader, Pseud, ["id", "user_id", "name", "is_default", "created_at"], pseuds)
        loader.commit()
        return [(pk, name) for pk, _, name, _, _ in pseuds]

    # ---- works ------------------------------------------------------------------------------

    def works(self, loader, taxonomy: Taxonomy, creators: list[tuple[int, str]]) -> None:
        rng = self.rng
        fandom_weights = _zipf_weights(len(taxonomy.fandoms), 1.1)
        people_weights = _zipf_weights(12)
        freeform_weights = _zipf_weights(len(taxonomy.freeforms))
        through = Work.pseuds.through
        work_columns = [
            "id", "title", "summary", "language", "expected_chapters", "posted", "restricted",
            "hidden_by_admin", "published_on", "revised_at", "created_at", "word_count",
            "chapter_count", "complete", "hits", "kudos_count", "comment_count",
            "bookmark_count", "sanitizer_version", "anonymous",
        ]  # fmt: skip
        chapter_columns = [
            "id", "work_id", "position", "text", "posted", "published_on", "word_count",
            "created_at", "updated_at", "sanitizer_version",
        ]  # fmt: skip
        now = timezone.now()
        span = 15 * 365
        for start in range(0, self.count, CHUNK):
            size = min(CHUNK, self.count - start)
            first = self.ids.take(Work, size)
            first_link = self.ids.take(through, size)
            first_chapter = self.ids.take(Chapter, size)
            works, links, chapters, taggings, filters, index_rows, filter_rows = (
                [], [], [], [], [], [], []
            )  # fmt: skip
            for i in range(size):
                work_id = first + i
                pseud_id, creator = creators[rng.randrange(len(creators))]
                fandom = rng.choices(range(len(taxonomy.fandoms)), cum_weights=fandom_weights)[0]
                fandoms = [fandom]
                if rng.random() < 0.05:
                    fandoms.append(rng.randrange(len(taxonomy.fandoms)))
                typed = [rng.choices(taxonomy.ratings, cum_weights=RATING_WEIGHTS)[0]]
                typed += set(
                    rng.choices(
                        taxonomy.warnings, cum_weights=WARNING_WEIGHTS, k=1 + (rng.random() < 0.15)
                    )
                )
                typed += set(
                    rng.choices(
                        taxonomy.categories,
                        cum_weights=CATEGORY_WEIGHTS,
                        k=1 + (rng.random() < 0.1),
                    )
                )
                typed += dict.fromkeys(taxonomy.fandoms[f] for f in fandoms)
                people = taxonomy.characters[fandom]
                typed += set(rng.choices(people, cum_weights=people_weights, k=rng.randint(1, 5)))
                typed += rng.sample(taxonomy.relationships[fandom], rng.randint(0, 2))
                typed += set(
                    rng.choices(
                        taxonomy.freeforms, cum_weights=freeform_weights, k=rng.randint(1, 8)
                    )
                )
                direct = list(dict.fromkeys(typed))
                inherited = {taxonomy.meta_of[t] for t in direct if t in taxonomy.meta_of}
                inherited -= set(direct)
                shown = [
                    taxonomy.synonym_of[t]
                    if t in taxonomy.synonym_of and rng.random() < 0.25
                    else t
                    for t in direct
                ]
                words = int(min(500_000, max(100, math.exp(rng.gauss(8.3, 1.4)))))
                chapter_count = (
                    1 if rng.random() < 0.55 else max(1, min(200, words // rng.randint(1500, 6000)))
                )
                complete = chapter_count == 1 or rng.random() < 0.6
                expected = chapter_count if complete else rng.choice((None, chapter_count + 3))
                published = self.today - datetime.timedelta(days=rng.randrange(span))
                age = (self.today - published).days
                revised_day = published + datetime.timedelta(
                    days=0 if chapter_count == 1 else rng.randint(0, min(age, 700))
                )
                revised = datetime.datetime.combine(
                    revised_day, datetime.time(rng.randrange(24), rng.randrange(60)), datetime.UTC
                )
                hits = int(math.exp(rng.gauss(6, 1.5)))
                kudos = int(hits * rng.uniform(0.02, 0.12))
                comments = int(kudos * rng.uniform(0, 0.3))
                bookmarks = int(kudos * rng.uniform(0, 0.25))
                posted = rng.random() < 0.98
                restricted = rng.random() < 0.1
                hidden = rng.random() < 0.003
                language = "en" if rng.random() < 0.88 else rng.choice(OTHER_LANGUAGES)
                title = self.name(rng.randint(2, 5))
                summary = self.prose(rng.randint(1, 3))
                text = self.prose(rng.randint(6, 11))
                audience = audience_of(posted=posted, hidden=hidden, restricted=restricted)
                anonymous = work_id % ANONYMOUS_EVERY == 0  # not drawn: the draws stay as they were
                works.append((
                    work_id, title, f"<p>{summary}</p>", language, expected, posted, restricted,
                    hidden, self.dt(published), self.dt(revised), self.dt(now), words,
                    chapter_count, complete, hits, kudos, comments, bookmarks, SANITIZER_VERSION,
                    anonymous,
                ))  # fmt: skip
                links.append((first_link + i, work_id, pseud_id))
                chapters.append((
                    first_chapter + i, work_id, 1, f"<p>{text}</p>", posted, self.dt(published),
                    words, self.dt(now), self.dt(now), SANITIZER_VERSION,
                ))  # fmt: skip
                taggings += [(work_id, t) for t in shown]
                filters += [(work_id, t, False) for t in direct]
                filters += [(work_id, t, True) for t in inherited]
                tag_ids = sorted({*direct, *inherited})
                filter_rows += [(work_id, t, audience) for t in tag_ids]
                fandom_count = len({taxonomy.fandoms[f] for f in fandoms})
                names = dict.fromkeys(taxonomy.names[t] for t in (*shown, *direct, *inherited))
                shown_creator = ANONYMOUS if anonymous else creator
                index_rows.append((
                    work_id, posted, hidden, restricted, audience, typed[0], fandom_count,
                    language, complete, chapter_count, anonymous, words, hits, kudos, comments,
                    bookmarks, self.dt(published), self.dt(revised), sort_key(title),
                    sort_key(shown_creator), title, shown_creator, " ".join(names), summary, "",
                    text,
                ))  # fmt: skip
            first_tagging = self.ids.take(Tagging, len(taggings))
            first_filter = self.ids.take(FilterTagging, len(filters))
            filters.sort(key=lambda row: row[1])  # fills the (filter, work) index in order
            self.write(loader, Work, work_columns, works)
            self.write(loader, through, ["id", "work_id", "pseud_id"], links)
            self.write(loader, Chapter, chapter_columns, chapters)
            self.write(
                loader,
                Tagging,
                ["id", "work_id", "tag_id"],
                ((first_tagging + n, *row) for n, row in enumerate(taggings)),
            )
            self.write(
                loader,
                FilterTagging,
                ["id", "work_id", "filter_id", "inherited"],
                ((first_filter + n, *row) for n, row in enumerate(filters)),
            )
            loader.insert("search_workfilter", ("work_id", "tag_id", "audience"), filter_rows)
            loader.insert_index(index_rows)
            loader.commit()
            self.on_progress(size)


LOADED_TABLES = (
    "accounts_user",
    "accounts_pseud",
    "tags_tag",
    "tags_metatagging",
    "works_work",
    "works_work_pseuds",
    "works_chapter",
    "tags_tagging",
    "tags_filtertagging",
    "search_workindex",
    "search_workfilter",
)


def generate_archive(
    *, works: int, seed: int, on_progress: Callable[[int], None] = lambda n: None
) -> None:
    """Add `works` generated works (with their authors and tags) to the archive and index."""
    if len(INDEX_COLUMNS) != 20:
        raise RuntimeError("The work index changed shape; update the generator's index rows.")
    backend = get_backend()
    generator = Generator(works=works, seed=seed, on_progress=on_progress)
    with backend.bulk_loader(LOADED_TABLES) as loader:
        taxonomy = generator.taxonomy(loader)
        creators = generator.creators(loader)
        generator.works(loader, taxonomy, creators)
    _stamp_index()
    _reset_sequences()
    backend.recount()
    backend.optimize()


GENERATED_MODELS = (Tag, MetaTagging, Work, Work.pseuds.through, Chapter, Tagging, FilterTagging)


def _stamp_index() -> None:
    """Generated index rows are current: reconciliation must not re-index them."""
    WorkIndex.objects.filter(source_changed_at__isnull=True).update(
        source_changed_at=Subquery(Work.objects.filter(pk=OuterRef("pk")).values("changed_at")[:1])
    )


def _reset_sequences() -> None:
    """Rows went in with their ids given: move each id sequence past them (PostgreSQL), or the
    next sign-up or post would take an id already used."""
    statements = connection.ops.sequence_reset_sql(
        no_style(), [get_user_model(), Pseud, *GENERATED_MODELS]
    )
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
