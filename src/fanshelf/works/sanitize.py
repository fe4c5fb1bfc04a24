"""The one HTML sanitizer every piece of user HTML passes through.

The allowlist follows the Archive of Our Own's: text, list, table, quote and heading elements;
links to http, https, mailto or relative addresses with rel="nofollow"; images from http(s) only.
Bump SANITIZER_VERSION whenever the rules change, so stored text can be re-cleaned.

The HTML parser inside nh3 slows down with the square of the nesting depth (100,000 nested <div>
take minutes), so markup nested deeper than FANSHELF_HTML_NESTING_MAX is refused first, by a
single pass over the tags, and each call spends from the request's text-processing budget.
"""

import re

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError

from fanshelf.core.budget import spend_text_budget

SANITIZER_VERSION = 1

ALLOWED_TAGS = {
    "a", "abbr", "acronym", "address", "b", "big", "blockquote", "br", "caption", "center",
    "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd",
    "li", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strike",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    "tt", "u", "ul", "var",
}  # fmt: skip
_COMMON_ATTRIBUTES = {"title", "dir", "lang", "align"}
ALLOWED_ATTRIBUTES = {
    "*": _COMMON_ATTRIBUTES,
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "ol": {"start", "type"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
SETTLE_PASSES = 3  # more cleanings at most, until mended mis-nesting reads back the same
_IMAGE_SCHEMES = ("http://", "https://")


def _filter_attribute(element: str, attribute: str, value: str) -> str | None:
    if (
        element == "img"
        and attribute == "src"
        and not value.strip().lower().startswith(_IMAGE_SCHEMES)
    ):
        return None
    return value


# Elements without content, and elements a browser closes by itself when the next one opens
# (so they can't be nested by repetition), don't count towards the depth.
_NOT_NESTING = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "rp", "rt",
}  # fmt: skip
_TAG_OPEN = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)")


def nesting_depth(html: str) -> int:
    """How deep the elements of `html` nest, read in one pass (an estimate from above: a tag
    inside a comment or an attribute counts too)."""
    open_tags: list[str] = []
    open_counts: dict[str, int] = {}
    deepest = 0
    for match in _TAG_OPEN.finditer(html):
        closing, name = match.group(1), match.group(2).lower()
        if name in _NOT_NESTING:
            continue
        if not closing:
            open_tags.append(name)
            open_counts[name] = open_counts.get(name, 0) + 1
            deepest = max(deepest, len(open_tags))
        elif open_counts.get(name):
            # A closing tag closes everything opened after its element; each tag is popped once.
            while True:
                top = open_tags.pop()
                open_counts[top] -= 1
                if top == name:
                    break
    return deepest


def check_nesting(html: str) -> None:
    limit = settings.FANSHELF_HTML_NESTING_MAX
    depth = nesting_depth(html)
    if depth > limit:
        raise ValidationError(
            f"The HTML nests elements {depth:,} deep; the limit is {limit:,}. "
            "Close the tags you open (every <div> needs its </div>).",
            code="too_deep",
        )


def sanitize_html(html: str) -> str:
    """Clean user HTML; scripts, styles, frames, SVG, event attributes and javascript: URLs go.
    Raises ValidationError for markup nested too deep or when the text budget is spent."""
    if not html:
        return ""
    check_nesting(html)
    spend_text_budget()
    cleaned = _clean(html)
    # The parser mends mis-nested markup ("<li><table><li>") in a way that a second reading
    # mends again; what is stored must read back the same, so clean until it settles.
    for _ in range(SETTLE_PASSES):
        again = _clean(cleaned)
        if again == cleaned:
            break
        cleaned = again
    return cleaned


def _clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={
            "script",
            "style",
            "iframe",
            "svg",
            "math",
            "object",
            "embed",
            "template",
            "noscript",
        },
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="nofollow",
        strip_comments=True,
    ).strip()
