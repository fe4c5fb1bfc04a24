"""The one HTML sanitizer every piece of user HTML passes through.

The allowlist follows the Archive of Our Own's: text, list, table, quote and heading elements;
links to http, https, mailto or relative addresses with rel="nofollow"; images from http(s) only.
Bump SANITIZER_VERSION whenever the rules change, so stored text can be re-cleaned.
"""

import nh3

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
_IMAGE_SCHEMES = ("http://", "https://")


def _filter_attribute(element: str, attribute: str, value: str) -> str | None:
    if (
        element == "img"
        and attribute == "src"
        and not value.strip().lower().startswith(_IMAGE_SCHEMES)
    ):
        return None
    return value


def sanitize_html(html: str) -> str:
    """Clean user HTML; scripts, styles, frames, SVG, event attributes and javascript: URLs go."""
    if not html:
        return ""
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
