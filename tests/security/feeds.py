"""The corpus in the archive's XML: the OPDS catalogue and the Atom feeds must parse as XML, hold
only their own elements (a vector that escaped its text would add one), and carry in their
`type="html"` payloads (which feed readers render) nothing that could run."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html

NAMESPACES = {
    "http://www.w3.org/2005/Atom",
    "http://purl.org/dc/terms/",
    "http://opds-spec.org/2010/catalog",
    "http://a9.com/-/spec/opensearch/1.1/",
}
RISKY_ELEMENTS = {
    "script", "iframe", "object", "embed", "frame", "base", "svg", "math", "link", "style",
    "meta", "form", "input", "button", "textarea", "select",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "srcdoc", "xlink:href"}
RISKY_SCHEME = re.compile(r"^\s*(javascript|data|vbscript):", re.IGNORECASE)
ALERT = re.compile(r"alert\((\d+)\)")


def html_markers(source: str) -> list[str]:
    """The Python twin of the browser check: what in this HTML could run or restyle the page."""
    found = []
    for fragment in lxml_html.fragments_fromstring(source or ""):
        if not isinstance(fragment, etree._Element):
            continue
        for element in fragment.iter():
            if not isinstance(element.tag, str):
                continue
            if element.tag.lower() in RISKY_ELEMENTS:
                found.append(element.tag.lower())
            for name, value in element.attrib.items():
                name = name.lower()
                if name.startswith("on") or name == "style":
                    found.append(f"{element.tag} {name}")
                if name in URL_ATTRIBUTES and RISKY_SCHEME.match(value):
                    found.append(f"{element.tag} {name}={value[:40]}")
    return found


def feed_findings(url: str, body: bytes) -> tuple[list[str], str]:
    """(what is wrong with this feed, all of its text) ."""
    try:
        root = etree.fromstring(body)
    except etree.XMLSyntaxError as error:
        return [f"{url}: not well-formed XML: {error}"], ""
    findings, texts = [], []
    for element in root.iter():
        if not isinstance(element.tag, str):
            findings.append(f"{url}: {type(element).__name__} in the feed")
            continue
        namespace = etree.QName(element).namespace
        if namespace not in NAMESPACES:
            findings.append(f"{url}: foreign element {element.tag}")
        if element.text:
            texts.append(element.text)
            if element.get("type") == "html":
                findings += [f"{url}: {marker}" for marker in html_markers(element.text)]
    return findings, "\n".join(texts)


def next_link(body: bytes) -> str | None:
    root = etree.fromstring(body)
    for link in root.iterfind("{http://www.w3.org/2005/Atom}link"):
        if link.get("rel") == "next":
            parts = urlsplit(link.get("href"))
            return parts.path + (f"?{parts.query}" if parts.query else "")
    return None


def vector_numbers(text: str) -> set[int]:
    return {int(number) for number in ALERT.findall(text)}
