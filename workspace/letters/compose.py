"""The html part of a letter built from the same lines as its plain text: every line escaped (user text stays
text), links to this site (absolute, on PUBLIC_URL) made clickable, one main link as a button-like anchor.

    html = letter_html([greeting, lead, note], link=link, link_label=_("Задать пароль"))
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from flask import current_app
from markupsafe import Markup, escape

STYLE = "font-family: sans-serif; font-size: 15px; color: #222"
BUTTON = ("display: inline-block; padding: 8px 16px; background: #1d4ed8; color: #fff; border-radius: 4px; "
          "text-decoration: none")


def linkified(line: str) -> Markup:
    """The line escaped, with links to this site (PUBLIC_URL…) made clickable; other addresses stay text."""
    site = current_app.config["PUBLIC_URL"].rstrip("/")
    pattern = re.compile(re.escape(site) + r"(?:/[^\s<>\"«»]*)?")
    out, position = [], 0
    for found in pattern.finditer(line):
        out.append(escape(line[position:found.start()]))
        url = found.group(0).rstrip(".,;:)")
        out.append(Markup('<a href="{0}">{0}</a>').format(url))
        position = found.start() + len(url)
    out.append(escape(line[position:]))
    return Markup("").join(out)


def paragraphs(lines: Iterable[str]) -> Markup:
    """Blank lines separate paragraphs; the lines of one paragraph are joined by <br>."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return Markup("").join(Markup("<p>{}</p>").format(Markup("<br>").join(linkified(line) for line in block))
                           for block in blocks if block)


def letter_html(lines: Iterable[str], *, link: str | None = None, link_label: str | None = None,
                after: Iterable[str] = ()) -> str:
    """The lines, then the main link, then the ``after`` lines (a note below the button)."""
    body = paragraphs(lines)
    if link:
        body += Markup('<p><a href="{0}" style="{1}">{2}</a></p>').format(link, BUTTON, link_label or link)
    body += paragraphs(after)
    return str(Markup('<html><body style="{0}">{1}</body></html>').format(STYLE, body))
