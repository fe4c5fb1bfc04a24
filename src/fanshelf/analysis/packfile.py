"""Fandom packs: small TOML files that teach the archive one fandom.

The analyser reads packs through `knowledge_from_pack`; the tag app (`tags.pack_loading`) fills
the tag database from the same parsed `FandomPack`. Nothing here imports Django, so the command
line and the analyser read packs without settings.

tomllib reports no positions for values, so every error after parsing finds its line by looking
for the offending key or value inside the right table of the source text.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from fanshelf.analysis.knowledge import (
    CanonWorkInfo,
    CharacterInfo,
    EraInfo,
    FandomInfo,
    Knowledge,
    RelationshipInfo,
)

BUNDLED_PACKS_DIR = Path(__file__).resolve().parent / "packs"
PACK_FORMAT = 1
MAX_TAG_LENGTH = 150
# AO3 refuses these in tag names: commas separate tags and the rest break its search syntax.
FORBIDDEN_TAG_CHARACTERS = ",^*<>{}=`\\，"
PRONOUNS = ("he", "she", "they", "")

_DISAMBIGUATION = re.compile(r"\s+\([^()]*\)\Z")
_ERA_KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_HEADER = re.compile(r"\s*\[\[?\s*([A-Za-z0-9_-]+)\s*\]")
_TOML_POSITION = re.compile(r"\s*\(at (?:line (\d+), column \d+|end of document)\)\s*$")


class PackError(ValueError):
    """A pack that cannot be used, with the line to look at when one is known."""

    def __init__(self, reason: str, *, line: int | None = None, path: str = "<pack>") -> None:
        self.reason = reason
        self.line = line
        self.path = str(path)
        super().__init__(reason)

    def __str__(self) -> str:
        name = Path(self.path).name or self.path
        where = f"{name} line {self.line}" if self.line else name
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class PackFandom:
    name: str
    aliases: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    description: str = ""
    # The character who tells the canon's stories in the first person (Watson, in Conan Doyle).
    narrator: str = ""


@dataclass(frozen=True)
class PackEra:
    key: str
    name: str
    main_characters: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class PackCharacter:
    name: str
    aliases: tuple[str, ...] = ()
    ambiguous_aliases: tuple[str, ...] = ()
    pronoun: str = ""
    eras: tuple[str, ...] = ()
    metas: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class PackRelationship:
    name: str
    characters: tuple[str, ...]
    romantic: bool
    ship_names: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class PackCanonWork:
    title: str
    order: int  # position in the pack, 1-based
    abbreviations: tuple[str, ...] = ()
    group: str = ""
    era: str = ""
    keywords: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class FandomPack:
    format: int
    fandom: PackFandom
    eras: tuple[PackEra, ...] = ()
    characters: tuple[PackCharacter, ...] = ()
    relationships: tuple[PackRelationship, ...] = ()
    canon: tuple[PackCanonWork, ...] = ()


_TEXT, _LIST = "a string", "a list of strings"
_FIELDS: dict[str, dict[str, str]] = {
    "fandom": {
        "name": _TEXT,
        "aliases": _LIST,
        "terms": _LIST,
        "description": _TEXT,
        "narrator": _TEXT,
    },
    "eras": {"key": _TEXT, "name": _TEXT, "main_characters": _LIST, "description": _TEXT},
    "characters": {
        "name": _TEXT,
        "aliases": _LIST,
        "ambiguous_aliases": _LIST,
        "pronoun": _TEXT,
        "eras": _LIST,
        "metas": _LIST,
        "description": _TEXT,
    },
    "relationships": {"name": _TEXT, "ship_names": _LIST, "description": _TEXT},
    "canon": {
        "title": _TEXT,
        "abbreviations": _LIST,
        "group": _TEXT,
        "era": _TEXT,
        "keywords": _LIST,
        "description": _TEXT,
    },
}
_REQUIRED = {
    "fandom": ("name",),
    "eras": ("key", "name"),
    "characters": ("name",),
    "relationships": ("name",),
    "canon": ("title",),
}
_NOUN = {
    "fandom": "fandom",
    "eras": "era",
    "characters": "character",
    "relationships": "relationship",
    "canon": "canon work",
}
_TOP_LEVEL = ("format", "fandom", "eras", "characters", "relationships", "canon")


def relationship_parts(name: str) -> tuple[bool, tuple[str, ...]]:
    """Split a relationship tag into (romantic, characters): "A/B" is romantic, "A & B" platonic,
    and either takes three or more names. Raises ValueError for anything else."""
    romantic, platonic = "/" in name, "&" in name
    if romantic and platonic:
        raise ValueError(f'relationship "{name}" mixes "/" and "&"; use one of them')
    if not (romantic or platonic):
        raise ValueError(
            f'relationship "{name}" needs "/" (romantic) or " & " (platonic) between names'
        )
    parts = tuple(" ".join(part.split()) for part in name.split("/" if romantic else "&"))
    if not all(parts):
        raise ValueError(f'relationship "{name}" has an empty name')
    if len({part.casefold() for part in parts}) < len(parts):
        raise ValueError(f'relationship "{name}" names the same character twice')
    return romantic, parts


class _Lines:
    """Finds the line of a key or value inside one table of the pack's source text."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.headers = [
            (match.group(1), number)
            for number, line in enumerate(self.lines)
            if (match := _HEADER.match(line))
        ]

    def _block(self, section: str | None, index: int) -> tuple[int, int, int | None]:
        """(first line, end, header line) of a table; the whole text when it has no header
        (inline tables)."""
        if section is None:
            end = self.headers[0][1] if self.headers else len(self.lines)
            return 0, end, None
        starts = [number for name, number in self.headers if name == section]
        if index >= len(starts):
            return 0, len(self.lines), None
        start = starts[index]
        end = next((n for _, n in self.headers if n > start), len(self.lines))
        return start, end, start

    def find(
        self, section: str | None, index: int = 0, key: str | None = None, value: str | None = None
    ) -> int | None:
        start, end, header = self._block(section, index)
        key_line = None
        if key is not None:
            key_pattern = re.compile(rf"\s*{re.escape(key)}\s*=")
            key_line = next(
                (n for n in range(start, end) if key_pattern.match(self.lines[n])), None
            )
        if value is not None:
            quoted = (json.dumps(value, ensure_ascii=False), f"'{value}'")
            for number in range(start if key_line is None else key_line, end):
                line = self.lines[number]
                if not line.lstrip().startswith("#") and any(q in line for q in quoted):
                    return number + 1
        if key_line is not None:
            return key_line + 1
        return None if header is None else header + 1


class _Parser:
    def __init__(self, text: str, source: str) -> None:
        self.source = source
        self.where = _Lines(text)
        try:
            self.data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            message = str(exc)
            match = _TOML_POSITION.search(message)
            line = None
            if match:
                line = int(match.group(1)) if match.group(1) else max(len(self.where.lines), 1)
                message = message[: match.start()]
            raise PackError(f"invalid TOML: {message}", line=line, path=source) from None

    def fail(
        self,
        reason: str,
        section: str | None = None,
        index: int = 0,
        key: str | None = None,
        value: str | None = None,
    ) -> NoReturn:
        raise PackError(reason, line=self.where.find(section, index, key, value), path=self.source)

    # -- shape --------------------------------------------------------------------------------
    def entries(self, section: str) -> list[dict[str, Any]]:
        raw = self.data.get(section, [])
        if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
            reason = f'"{section}" must be an array of tables ([[{section}]])'
            self.fail(reason, section, 0, section)
        return [self.table(item, section, index) for index, item in enumerate(raw)]

    def table(self, raw: dict[str, Any], section: str, index: int) -> dict[str, Any]:
        noun, fields = _NOUN[section], _FIELDS[section]
        for key in raw:
            if key not in fields:
                known = ", ".join(fields)
                self.fail(f'unknown key "{key}" in {noun} (known: {known})', section, index, key)
        for key in _REQUIRED[section]:
            if key not in raw:
                self.fail(f'{noun} is missing "{key}"', section, index)
        values: dict[str, Any] = {}
        for key, kind in fields.items():
            value = raw.get(key, "" if kind == _TEXT else [])
            if kind == _TEXT:
                ok = isinstance(value, str)
            else:
                ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
            if not ok:
                self.fail(f'"{key}" of {noun} must be {kind}', section, index, key)
            if kind == _LIST:
                for item in value:
                    if not item.strip():
                        reason = f'"{key}" of {noun} has an empty entry'
                        self.fail(reason, section, index, key, item)
                    if value.count(item) > 1:
                        reason = f'"{key}" of {noun} lists "{item}" twice'
                        self.fail(reason, section, index, key, item)
                value = tuple(value)
            elif key in _REQUIRED[section] and not value.strip():
                self.fail(f'"{key}" of {noun} must not be empty', section, index, key)
            values[key] = value
        return values

    def tag_name(self, name: str, what: str, section: str, index: int, key: str) -> None:
        bad = "".join(sorted({c for c in name if c in FORBIDDEN_TAG_CHARACTERS}))
        if bad:
            shown = " ".join(bad)
            reason = f'{what} "{name}" contains {shown}, not allowed in tag names'
            self.fail(reason, section, index, key, name)
        if len(name) > MAX_TAG_LENGTH:
            reason = f'{what} "{name[:40]}..." is longer than {MAX_TAG_LENGTH} characters'
            self.fail(reason, section, index, key, name)
        if name != name.strip():
            self.fail(f'{what} "{name}" has spaces around it', section, index, key, name)

    # -- the pack -----------------------------------------------------------------------------
    def pack(self) -> FandomPack:
        for key in self.data:
            if key not in _TOP_LEVEL:
                self.fail(
                    f'unknown top-level key "{key}" (known: {", ".join(_TOP_LEVEL)})', None, 0, key
                )
        version = self.data.get("format")
        if version is None:
            self.fail('the pack is missing "format = 1"')
        if not isinstance(version, int) or isinstance(version, bool) or version != PACK_FORMAT:
            self.fail(
                f"unsupported pack format {version!r} (expected {PACK_FORMAT})", None, 0, "format"
            )
        if not isinstance(self.data.get("fandom"), dict):
            self.fail("the pack needs a [fandom] table", "fandom")
        fandom = self.fandom(self.table(self.data["fandom"], "fandom", 0))
        characters = self.characters(self.entries("characters"))
        names = {c.name for c in characters}
        eras = self.eras(self.entries("eras"), names)
        self.check_character_links(characters, {e.key for e in eras})
        if fandom.narrator and fandom.narrator not in names:
            reason = f'narrator "{fandom.narrator}" must be a character of this pack'
            self.fail(reason, "fandom", 0, "narrator", fandom.narrator)
        relationships = self.relationships(self.entries("relationships"), characters)
        canon = self.canon(self.entries("canon"), {e.key for e in eras})
        return FandomPack(PACK_FORMAT, fandom, eras, characters, relationships, canon)

    def fandom(self, values: dict[str, Any]) -> PackFandom:
        self.tag_name(values["name"], "fandom", "fandom", 0, "name")
        for alias in values["aliases"]:
            self.tag_name(alias, "fandom alias", "fandom", 0, "aliases")
        return PackFandom(**values)

    def eras(self, entries: list[dict[str, Any]], names: set[str]) -> tuple[PackEra, ...]:
        seen: set[str] = set()
        for index, values in enumerate(entries):
            key = values["key"]
            if not _ERA_KEY.match(key):
                reason = f'era key "{key}" must be lower-case words joined by "-"'
                self.fail(reason, "eras", index, "key")
            if key in seen:
                self.fail(f'era "{key}" is declared twice', "eras", index, "key")
            seen.add(key)
            for name in values["main_characters"]:
                if name not in names:
                    reason = f'era "{key}" names unknown character "{name}"'
                    self.fail(reason, "eras", index, "main_characters", name)
        return tuple(PackEra(**values) for values in entries)

    def characters(self, entries: list[dict[str, Any]]) -> tuple[PackCharacter, ...]:
        # Every name and unambiguous alias must mean one character: it becomes a synonym tag.
        owner: dict[str, str] = {}
        for index, values in enumerate(entries):
            name = values["name"]
            self.tag_name(name, "character", "characters", index, "name")
            if name.casefold() in owner:
                self.fail(f'character "{name}" is declared twice', "characters", index, "name")
            owner[name.casefold()] = name
            if values["pronoun"] not in PRONOUNS:
                reason = f'pronoun of "{name}" must be one of he, she, they or ""'
                self.fail(reason, "characters", index, "pronoun")
        for index, values in enumerate(entries):
            name = values["name"]
            for alias in values["aliases"]:
                self.tag_name(alias, "alias", "characters", index, "aliases")
                other = owner.setdefault(alias.casefold(), name)
                if other != name:
                    reason = (
                        f'alias "{alias}" of "{name}" also names "{other}"; '
                        "a shared name belongs in ambiguous_aliases"
                    )
                    self.fail(reason, "characters", index, "aliases", alias)
        for index, values in enumerate(entries):
            name = values["name"]
            for alias in values["ambiguous_aliases"]:
                self.tag_name(alias, "alias", "characters", index, "ambiguous_aliases")
                other = owner.get(alias.casefold())
                if other is not None:
                    reason = (
                        f'ambiguous alias "{alias}" of "{name}" is a name or alias of "{other}"'
                    )
                    self.fail(reason, "characters", index, "ambiguous_aliases", alias)
        return tuple(PackCharacter(**values) for values in entries)

    def check_character_links(self, characters: tuple[PackCharacter, ...], eras: set[str]) -> None:
        names = {c.name for c in characters}
        for index, character in enumerate(characters):
            for key in character.eras:
                if key not in eras:
                    reason = f'character "{character.name}" names unknown era "{key}"'
                    self.fail(reason, "characters", index, "eras", key)
            for meta in character.metas:
                if meta not in names or meta == character.name:
                    reason = (
                        f'meta tag "{meta}" of "{character.name}" '
                        "must be another character of this pack"
                    )
                    self.fail(reason, "characters", index, "metas", meta)

    def relationships(
        self, entries: list[dict[str, Any]], characters: tuple[PackCharacter, ...]
    ) -> tuple[PackRelationship, ...]:
        # AO3 drops a disambiguation ("Missy (Doctor Who)") inside relationship tags when what is
        # left still names one character.
        full = {c.name: c.name for c in characters}
        short: dict[str, list[str]] = {}
        for c in characters:
            if _DISAMBIGUATION.search(c.name):
                short.setdefault(_DISAMBIGUATION.sub("", c.name), []).append(c.name)
        known = {s: names[0] for s, names in short.items() if len(names) == 1 and s not in full}
        known.update(full)
        result = []
        seen: dict[str, str] = {}  # casefolded names and ship names -> relationship
        for index, values in enumerate(entries):
            name = values["name"]
            self.tag_name(name, "relationship", "relationships", index, "name")
            try:
                romantic, parts = relationship_parts(name)
            except ValueError as exc:
                self.fail(str(exc), "relationships", index, "name")
            canonical = ("/" if romantic else " & ").join(parts)
            if name != canonical:
                self.fail(
                    f'write relationship "{name}" as "{canonical}"', "relationships", index, "name"
                )
            for part in parts:
                if part in short and part not in known:
                    reason = (
                        f'"{part}" in relationship "{name}" could be several characters; '
                        "use the full name"
                    )
                    self.fail(reason, "relationships", index, "name")
                if part not in known:
                    reason = f'relationship "{name}" names unknown character "{part}"'
                    self.fail(reason, "relationships", index, "name")
            ordered = sorted(parts, key=str.casefold)
            if list(parts) != ordered:
                better = ("/" if romantic else " & ").join(ordered)
                reason = (
                    f'relationship "{name}" must name its characters '
                    f'in alphabetical order: "{better}"'
                )
                self.fail(reason, "relationships", index, "name")
            for label in (name, *values["ship_names"]):
                if label != name:
                    self.tag_name(label, "ship name", "relationships", index, "ship_names")
                other = seen.get(label.casefold())
                if other == name == label:
                    reason = f'relationship "{name}" is declared twice'
                    self.fail(reason, "relationships", index, "name")
                if other is not None:
                    reason = f'"{label}" of relationship "{name}" is already used by "{other}"'
                    self.fail(reason, "relationships", index, None, label)
                seen[label.casefold()] = name
            members = tuple(known[part] for part in parts)
            same = next(
                (r for r in result if (r.romantic, set(r.characters)) == (romantic, set(members))),
                None,
            )
            if same is not None:
                reason = f'relationship "{name}" names the same characters as "{same.name}"'
                self.fail(reason, "relationships", index, "name")
            result.append(PackRelationship(characters=members, romantic=romantic, **values))
        return tuple(result)

    def canon(self, entries: list[dict[str, Any]], eras: set[str]) -> tuple[PackCanonWork, ...]:
        titles: set[str] = set()
        abbreviations: dict[str, str] = {}
        for index, values in enumerate(entries):
            title = values["title"]
            if title.casefold() in titles:
                self.fail(f'canon work "{title}" is listed twice', "canon", index, "title")
            titles.add(title.casefold())
            for abbreviation in values["abbreviations"]:
                other = abbreviations.setdefault(abbreviation.casefold(), title)
                if other != title:
                    reason = f'abbreviation "{abbreviation}" of "{title}" already means "{other}"'
                    self.fail(reason, "canon", index, "abbreviations", abbreviation)
            if values["era"] and values["era"] not in eras:
                reason = f'canon work "{title}" names unknown era "{values["era"]}"'
                self.fail(reason, "canon", index, "era")
        return tuple(
            PackCanonWork(order=index, **values) for index, values in enumerate(entries, start=1)
        )


def parse_pack(text: str, *, source: str = "<pack>") -> FandomPack:
    """Parse and check a pack; raise PackError naming the line at fault."""
    return _Parser(text, source).pack()


def read_pack(path: str | Path) -> FandomPack:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise PackError("the pack is not UTF-8 text", path=str(path)) from None
    except OSError as exc:
        raise PackError(f"cannot read the pack: {exc.strerror}", path=str(path)) from None
    return parse_pack(text, source=str(path))


def bundled_pack_paths() -> tuple[Path, ...]:
    """The packs that ship with Fanshelf, in a stable order."""
    return tuple(sorted(BUNDLED_PACKS_DIR.glob("*.toml")))


def knowledge_from_pack(pack: FandomPack) -> Knowledge:
    """The analyser's view of one pack. A character's eras are the ones it lists plus the eras
    that list it as a main character, and the other way round, so either side may be written."""
    fandom = pack.fandom.name
    eras_of = {c.name: list(c.eras) for c in pack.characters}
    members = {e.key: list(e.main_characters) for e in pack.eras}
    for era in pack.eras:
        for name in era.main_characters:
            if era.key not in eras_of[name]:
                eras_of[name].append(era.key)
    for character in pack.characters:
        for key in character.eras:
            if character.name not in members[key]:
                members[key].append(character.name)
    return Knowledge(
        fandoms=(FandomInfo(fandom, pack.fandom.aliases, pack.fandom.terms, pack.fandom.narrator),),
        characters=tuple(
            CharacterInfo(
                name=c.name,
                fandom=fandom,
                aliases=c.aliases,
                ambiguous_aliases=c.ambiguous_aliases,
                pronoun=c.pronoun,
                eras=tuple(eras_of[c.name]),
                metas=c.metas,
            )
            for c in pack.characters
        ),
        relationships=tuple(
            RelationshipInfo(r.name, fandom, r.characters, r.romantic, r.ship_names)
            for r in pack.relationships
        ),
        canon_works=tuple(
            CanonWorkInfo(w.title, fandom, w.order, w.abbreviations, w.group, w.era, w.keywords)
            for w in pack.canon
        ),
        eras=tuple(EraInfo(e.key, e.name, fandom, tuple(members[e.key])) for e in pack.eras),
    )


def _clash(path: str | Path, reason: str, section: str, index: int, key: str) -> PackError:
    """An error between packs, placed in the later one."""
    line = _Lines(Path(path).read_text(encoding="utf-8")).find(section, index, key)
    return PackError(reason, line=line, path=str(path))


def load_knowledge(*paths: str | Path) -> Knowledge:
    """Knowledge merged from several packs, e.g. `load_knowledge(*bundled_pack_paths())`.
    Fandom names and era keys must be unique across them: characters name eras by key alone."""
    knowledge = Knowledge()
    fandoms: dict[str, str] = {}
    era_keys: dict[str, str] = {}
    for path in dict.fromkeys(Path(p).resolve() for p in paths):  # the same file once
        pack = read_pack(path)
        other = fandoms.setdefault(pack.fandom.name.casefold(), str(path))
        if other != str(path):
            reason = f'fandom "{pack.fandom.name}" is also loaded from {other}'
            raise _clash(path, reason, "fandom", 0, "name")
        for index, era in enumerate(pack.eras):
            other = era_keys.setdefault(era.key, pack.fandom.name)
            if other != pack.fandom.name:
                reason = f'era key "{era.key}" is also used by fandom "{other}"'
                raise _clash(path, reason, "eras", index, "key")
        knowledge = knowledge.merged(knowledge_from_pack(pack))
    return knowledge
