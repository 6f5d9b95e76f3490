"""Adding imports to a Go file the way gofmt/goimports would lay them out.

Standard-library paths go into the first group in sorted position; other paths
into the last non-standard group (or a new group after the standard one).
"""

from __future__ import annotations

from fixer import gosyntax
from fixer.edits import apply_edits
from fixer.model import TextEdit


def is_std(path: str) -> bool:
    return "." not in path.split("/", 1)[0]


def add_imports(source: bytes, paths: list[str]) -> bytes:
    """``source`` with every path of ``paths`` imported (those already there are kept)."""
    tree = gosyntax.parse(source)
    present = set(gosyntax.import_names(tree.root_node))
    missing = sorted(p for p in paths if p not in present)
    if not missing:
        return source
    return apply_edits(source, _edits(source, tree.root_node, missing))


def _edits(source: bytes, root: gosyntax.Node, missing: list[str]) -> list[TextEdit]:
    newline = gosyntax.newline_at(source, 0)
    decls = [c for c in root.named_children if c.type == "import_declaration"]
    grouped = next((d for d in decls for c in d.named_children if c.type == "import_spec_list"),
                   None)
    if grouped is None:
        if len(decls) == 1:
            single = decls[0].named_children[0]
            old = _path(single)
            name = single.child_by_field_name("name")
            keep = f"{gosyntax.text(name)} " if name is not None else ""
            block = _block(sorted([*missing, old]), newline, {old: keep})
            return [TextEdit(decls[0].start_byte, decls[0].end_byte, block.rstrip("\r\n"))]
        package = next(c for c in root.named_children if c.type == "package_clause")
        anchor = decls[-1].end_byte if decls else package.end_byte
        _, anchor_end = gosyntax.line_bounds(source, anchor)
        return [TextEdit(anchor_end, anchor_end, newline + _block(missing, newline, {}))]
    spec_list = next(c for c in grouped.named_children if c.type == "import_spec_list")
    specs = [c for c in spec_list.named_children if c.type == "import_spec"]
    groups = _groups(source, specs)
    edits: list[TextEdit] = []
    std_new = [p for p in missing if is_std(p)]
    other_new = [p for p in missing if not is_std(p)]
    std_group = next((g for g in groups if all(is_std(_path(s)) for s in g)), None)
    other_group = next((g for g in reversed(groups) if not all(is_std(_path(s)) for s in g)),
                       None)
    close = spec_list.end_byte - 1  # the ')'
    for group, new in ((std_group, std_new), (other_group, other_new)):
        if not new or group is None:
            continue
        by_offset: dict[int, str] = {}
        for path in new:
            before = [s for s in group if _path(s) < path]
            offset = (gosyntax.line_bounds(source, before[-1].end_byte)[1] if before
                      else gosyntax.line_bounds(source, group[0].start_byte)[0])
            by_offset[offset] = by_offset.get(offset, "") + f'\t"{path}"{newline}'
        edits += [TextEdit(offset, offset, lines) for offset, lines in by_offset.items()]
    if std_new and std_group is None:
        start = gosyntax.line_bounds(source, specs[0].start_byte)[0] if specs else close
        lines = "".join(f'\t"{p}"{newline}' for p in std_new)
        edits.append(TextEdit(start, start, lines + (newline if specs else "")))
    if other_new and other_group is None:
        start, _ = gosyntax.line_bounds(source, close)
        lines = "".join(f'\t"{p}"{newline}' for p in other_new)
        edits.append(TextEdit(start, start, (newline if specs else "") + lines))
    return edits


def _block(paths: list[str], newline: str, names: dict[str, str]) -> str:
    """A grouped import declaration; ``names`` keeps aliases of existing imports."""
    std = [p for p in paths if is_std(p)]
    other = [p for p in paths if not is_std(p)]
    if len(paths) == 1:
        return f'import {names.get(paths[0], "")}"{paths[0]}"{newline}'
    body = "".join(f'\t{names.get(p, "")}"{p}"{newline}' for p in std)
    if std and other:
        body += newline
    body += "".join(f'\t{names.get(p, "")}"{p}"{newline}' for p in other)
    return f"import ({newline}{body}){newline}"


def _path(spec: gosyntax.Node) -> str:
    node = spec.child_by_field_name("path")
    return gosyntax.text(node).strip('"`') if node is not None else ""


def _groups(source: bytes, specs: list[gosyntax.Node]) -> list[list[gosyntax.Node]]:
    """Import specs split at blank lines, as gofmt sees groups."""
    groups: list[list[gosyntax.Node]] = []
    for spec in specs:
        if groups and b"\n\n" not in source[groups[-1][-1].end_byte : spec.start_byte].replace(
            b"\r\n", b"\n"
        ):
            groups[-1].append(spec)
        else:
            groups.append([spec])
    return groups
