"""goleak checks for packages that start goroutines.

For a package without a TestMain, a ``leak_test.go`` holding
``func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }`` is added, in the
package the existing tests use (``x`` or ``x_test``). Go refuses two TestMains,
so an existing one is merged instead: the exit code of ``m.Run()`` is kept and
``goleak.Find()`` runs after the package's own teardown. TestMains too unusual
to merge safely are left alone with a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from fixer import goimports, goscope, gosyntax, insertion
from fixer.edits import apply_edits
from fixer.gosyntax import Node
from fixer.model import TextEdit

GOLEAK = "go.uber.org/goleak"
_PACKAGE = re.compile(rb"^package\s+(\w+)", re.M)
_TEST_MAIN = """
(function_declaration name: (identifier) @name (#eq? @name "TestMain")) @func
"""


@dataclass(frozen=True)
class TestFileChange:
    path: Path
    content: bytes
    created: bool


@dataclass(frozen=True)
class Skipped:
    directory: Path
    reason: str


def package_name(source: bytes) -> str | None:
    match = _PACKAGE.search(source)
    return match.group(1).decode() if match else None


def go_files(directory: Path) -> tuple[list[Path], list[Path]]:
    files = sorted(p for p in directory.glob("*.go") if p.is_file() and not p.is_symlink())
    return ([p for p in files if not p.name.endswith("_test.go")],
            [p for p in files if p.name.endswith("_test.go")])


def starts_goroutines(directory: Path) -> bool:
    query = gosyntax.compile_query("(go_statement) @go")
    for path in go_files(directory)[0]:
        source = path.read_bytes()
        if b"go " in source and gosyntax.matches(query, gosyntax.parse(source).root_node):
            return True
    return False


def plan(directory: Path) -> TestFileChange | Skipped | None:
    """The test file to add or change in ``directory``; None when goleak is already there."""
    sources, tests = go_files(directory)
    if not sources:
        return Skipped(directory, "no Go source files")
    name = package_name(sources[0].read_bytes())
    if name is None:
        return Skipped(directory, "no package clause")
    for test in tests:
        source = test.read_bytes()
        tree = gosyntax.parse(source)
        found = gosyntax.matches(gosyntax.compile_query(_TEST_MAIN), tree.root_node)
        if found:
            if GOLEAK.encode() in source:
                return None
            return _merge(test, source, found[0][1]["func"][0])
    test_package = name
    if tests and all(package_name(t.read_bytes()) == f"{name}_test" for t in tests):
        test_package = f"{name}_test"
    target = directory / "leak_test.go"
    if target.exists():
        target = directory / "leakfix_leak_test.go"
    return TestFileChange(target, new_test_file(test_package).encode(), created=True)


def new_test_file(package: str) -> str:
    return (
        f"package {package}\n\n"
        "import (\n\t\"testing\"\n\n\t\"go.uber.org/goleak\"\n)\n\n"
        "// TestMain fails the package's tests when they leave goroutines running.\n"
        "func TestMain(m *testing.M) {\n\tgoleak.VerifyTestMain(m)\n}\n"
    )


def _check_lines(code: str) -> list[str]:
    return [
        f"if {code} == 0 {{",
        "\tif err := goleak.Find(); err != nil {",
        '\t\tfmt.Fprintf(os.Stderr, "goleak: errors on successful test run: %v\\n", err)',
        f"\t\t{code} = 1",
        "\t}",
        "}",
    ]


def _merge(path: Path, source: bytes, func: Node) -> TestFileChange | Skipped:
    body = func.child_by_field_name("body")
    params = goscope.parameter_names(func)
    if body is None or len(params) != 1:
        return Skipped(path.parent, f"{path.name}: TestMain has an unexpected shape")
    m = next(iter(params))
    statements = gosyntax.statements(body)
    run_call = f"{m}.Run()"
    edits: list[TextEdit] = []
    exit_stmt = next((s for s in statements if _is_os_exit(s)), None)
    if exit_stmt is not None:
        argument = _exit_argument(exit_stmt)
        if argument is not None and argument.type == "identifier":
            edits = _insert(source, exit_stmt, _check_lines(gosyntax.text(argument)), before=True)
        elif argument is not None and gosyntax.text(argument) == run_call:
            code = goscope.fresh_name("code", func, func)
            edits = _replace(source, exit_stmt,
                             [f"{code} := {run_call}", *_check_lines(code), f"os.Exit({code})"])
    else:
        run_stmt = next((s for s in statements if gosyntax.text(s) == run_call), None)
        has_defer = any(s.type == "defer_statement" for s in statements)
        if run_stmt is not None and not has_defer:
            code = goscope.fresh_name("code", func, func)
            last = statements[-1]
            edits = _replace(source, run_stmt, [f"{code} := {run_call}"])
            edits += _insert(source, last, [*_check_lines(code), f"os.Exit({code})"],
                             before=False)
    if not edits:
        return Skipped(path.parent, f"{path.name}: TestMain is too unusual to merge goleak into "
                                    "safely; add goleak.Find() by hand")
    merged = apply_edits(source, edits)
    merged = goimports.add_imports(merged, ["fmt", "os", GOLEAK])
    return TestFileChange(path, merged, created=False)


def _is_os_exit(stmt: Node) -> bool:
    return stmt.type == "expression_statement" and gosyntax.text(stmt).startswith("os.Exit(")


def _exit_argument(stmt: Node) -> Node | None:
    call = stmt.named_children[0]
    args = call.child_by_field_name("arguments")
    if args is None or len(args.named_children) != 1:
        return None
    return args.named_children[0]


def _insert(source: bytes, anchor: Node, lines: list[str], before: bool) -> list[TextEdit]:
    edit = (insertion.insert_lines_before if before else insertion.insert_lines_after)(
        source, anchor, lines)
    return [edit] if edit is not None else []


def _replace(source: bytes, stmt: Node, lines: list[str]) -> list[TextEdit]:
    indent = gosyntax.indentation(source, stmt.start_byte)
    newline = gosyntax.newline_at(source, stmt.start_byte)
    text = (newline + indent).join(lines)
    return [TextEdit(stmt.start_byte, stmt.end_byte, text)]
