"""A tiny document model with two writers: Markdown and self-contained HTML.

The audit report is built once as blocks (headings, paragraphs, lists, tables,
code) and written by either writer, so both formats always say the same thing.
Text from the scanned code and from messages is data: the Markdown writer
escapes what Markdown would interpret, the HTML writer escapes everything.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    text: str


@dataclass(frozen=True)
class Strong:
    text: str


Inline = str | Code | Strong
Text = tuple[Inline, ...]


@dataclass(frozen=True)
class Heading:
    level: int
    text: Text


@dataclass(frozen=True)
class Paragraph:
    text: Text


@dataclass(frozen=True)
class Bullets:
    items: tuple[Text, ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[Text, ...], ...]


@dataclass(frozen=True)
class CodeBlock:
    code: str
    language: str = ""


Block = Heading | Paragraph | Bullets | Table | CodeBlock

_BACKTICKED = re.compile(r"`([^`]+)`")


def inline(*parts: str | Code | Strong) -> Text:
    """Text from parts; backtick spans inside plain strings become Code."""
    out: list[Inline] = []
    for part in parts:
        if not isinstance(part, str):
            out.append(part)
            continue
        pos = 0
        for match in _BACKTICKED.finditer(part):
            if match.start() > pos:
                out.append(part[pos:match.start()])
            out.append(Code(match.group(1)))
            pos = match.end()
        if pos < len(part):
            out.append(part[pos:])
    return tuple(out)


# -- Markdown ---------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text.replace("\n", " "))


def _md_text(text: Text, in_table: bool = False) -> str:
    out = []
    for part in text:
        if isinstance(part, Code):
            body = " ".join(part.text.split("\n"))
            if in_table:  # GFM ends a cell at any unescaped pipe, even inside code
                body = body.replace("|", "\\|")
            fence = "``" if "`" in body else "`"
            pad = " " if fence == "``" or body.startswith(" ") else ""
            out.append(f"{fence}{pad}{body}{pad}{fence}")
        elif isinstance(part, Strong):
            out.append(f"**{_md_escape(part.text)}**")
        else:
            out.append(_md_escape(part))
    return "".join(out)


def _md_block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"{'#' * block.level} {_md_text(block.text)}"
    if isinstance(block, Paragraph):
        return _md_text(block.text)
    if isinstance(block, Bullets):
        return "\n".join(f"- {_md_text(item)}" for item in block.items)
    if isinstance(block, Table):
        lines = ["| " + " | ".join(block.header) + " |",
                 "|" + "|".join(" --- " for _ in block.header) + "|"]
        lines += ["| " + " | ".join(_md_text(cell, in_table=True) for cell in row) + " |"
                  for row in block.rows]
        return "\n".join(lines)
    longest = max((len(m) for m in re.findall(r"`{3,}", block.code)), default=2)
    fence = "`" * (longest + 1)
    return f"{fence}{block.language}\n{block.code.rstrip(chr(10))}\n{fence}"


def to_markdown(blocks: Iterable[Block]) -> str:
    return "\n\n".join(_md_block(b) for b in blocks) + "\n"


# -- HTML -------------------------------------------------------------------------------

_STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; color: #1f2328; }
code, pre { font: 13px/1.4 ui-monospace, monospace; tab-size: 4; }
code { background: #eff1f3; padding: 0 .2em; border-radius: 3px; }
pre { background: #f6f8fa; padding: .75rem; overflow-x: auto; border-radius: 6px; }
pre code { background: none; padding: 0; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { border: 1px solid #d1d9e0; padding: .25rem .6rem; text-align: left;
         vertical-align: top; }
th { background: #f6f8fa; }
"""


def _html_text(text: Text) -> str:
    out = []
    for part in text:
        if isinstance(part, Code):
            out.append(f"<code>{html.escape(part.text)}</code>")
        elif isinstance(part, Strong):
            out.append(f"<strong>{html.escape(part.text)}</strong>")
        else:
            out.append(html.escape(part))
    return "".join(out)


def _html_row(cells: Sequence[str], tag: str) -> str:
    return "<tr>" + "".join(f"<{tag}>{c}</{tag}>" for c in cells) + "</tr>"


def _html_block(block: Block) -> str:
    if isinstance(block, Heading):
        level = min(max(block.level, 1), 6)
        return f"<h{level}>{_html_text(block.text)}</h{level}>"
    if isinstance(block, Paragraph):
        return f"<p>{_html_text(block.text)}</p>"
    if isinstance(block, Bullets):
        items = "".join(f"<li>{_html_text(item)}</li>" for item in block.items)
        return f"<ul>{items}</ul>"
    if isinstance(block, Table):
        head = _html_row([html.escape(h) for h in block.header], "th")
        body = "".join(_html_row([_html_text(c) for c in row], "td") for row in block.rows)
        return f"<table><thead>{head}</thead><tbody>{body}</tbody></table>"
    language = f' class="language-{html.escape(block.language)}"' if block.language else ""
    return f"<pre><code{language}>{html.escape(block.code.rstrip(chr(10)))}</code></pre>"


def to_html(blocks: Iterable[Block], title: str) -> str:
    body = "\n".join(_html_block(b) for b in blocks)
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{html.escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n"
            f"<body>\n{body}\n</body>\n</html>\n")
