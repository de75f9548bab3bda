"""Raw HTML in content: nothing that runs code, loads other sites' files, or sends data."""

from __future__ import annotations

from .findings import Finding
from .markdown_text import Positions, Tag, link_targets, raw_html_tags

RULE = "unsafe-html"
# Elements that run code, embed or load other documents, submit data or restyle the page.
FORBIDDEN_TAGS = frozenset(
    {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "style", "link", "meta", "base"}
)
FORBIDDEN_SCHEMES = ("javascript:", "data:", "vbscript:")
_URL_ATTRS = ("href", "src", "srcset", "action", "formaction", "poster", "xlink:href", "background")


def _unsafe_scheme(url: str) -> bool:
    return "".join(url.split()).lower().startswith(FORBIDDEN_SCHEMES)


def _tag_problems(tag: Tag) -> list[str]:
    problems = []
    if tag.name in FORBIDDEN_TAGS:
        problems.append(f"<{tag.name}> is not allowed in content: it can run code or load other sites. "
                        "Remove it; ask in the pull request if you need an interactive element.")
    for name, value in tag.attrs.items():
        if name.startswith("on"):
            problems.append(f"the event attribute '{name}' runs JavaScript: remove it.")
        elif name == "style":
            problems.append("inline 'style' is not allowed: it can load files from other sites and breaks "
                            "dark mode and print. Use Markdown formatting instead.")
        elif name == "srcdoc":
            problems.append("the 'srcdoc' attribute embeds a document: remove it.")
        elif name in _URL_ATTRS and _unsafe_scheme(value):
            problems.append(f"'{name}' uses a {value.split(':')[0].strip()}: URL, which can run code: "
                            "link to a page or a file in docs/ instead.")
    return problems


def check_raw_html(body: str, first_line: int, shown_path: str) -> list[Finding]:
    findings = [
        Finding(shown_path, tag.line, tag.column, RULE, problem)
        for tag in raw_html_tags(body, first_line)
        for problem in _tag_problems(tag)
    ]
    positions = Positions(body, first_line)
    for offset, url in link_targets(body):
        if _unsafe_scheme(url) and not body[max(0, offset - 12):offset].rstrip("\"' =").endswith(_URL_ATTRS):
            line, column = positions.at(offset)
            findings.append(Finding(shown_path, line, column, RULE,
                                    f"the link target '{url[:40]}' uses a scheme that can run code or hide content "
                                    "(javascript:, data:): link to a page or a file in docs/ instead."))
    return sorted(findings)
