"""Tag names in URLs. Names may hold "/" ("Missy/Twelfth Doctor"), so, as AO3 does, some
characters are spelled with "*" (which no tag name contains): "/" is "*s*", "&" "*a*", "." "*d*",
"?" "*q*", "#" "*h*". A name that is also a word of the tags URLs gets a leading "*r*"."""

_ESCAPES = (("/", "*s*"), ("&", "*a*"), (".", "*d*"), ("?", "*q*"), ("#", "*h*"))
RESERVED = {"wrangle", "autocomplete"}


def name_to_url(name: str) -> str:
    for char, escape in _ESCAPES:
        name = name.replace(char, escape)
    return f"*r*{name}" if name.casefold() in RESERVED else name


def url_to_name(value: str) -> str:
    value = value.removeprefix("*r*")
    for char, escape in _ESCAPES:
        value = value.replace(escape, char)
    return value


class TagNameConverter:
    regex = "[^/]+"

    def to_python(self, value: str) -> str:
        return url_to_name(value)

    def to_url(self, value: str) -> str:
        return name_to_url(value)
