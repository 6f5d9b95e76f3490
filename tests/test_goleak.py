"""goleak TestMain generation and merging, and import insertion, checked with gofmt/vet."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixer import goimports, goleak
from gotools import GoEnv, write_module

SOURCE = "package p\n\n// Start runs a worker.\nfunc Start() { go func() {}() }\n"

MAIN_EXIT_VAR = """package p

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	setup()
	code := m.Run()
	teardown()
	os.Exit(code)
}

func setup()    {}
func teardown() {}
"""

MAIN_EXIT_RUN = """package p_test

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	os.Exit(m.Run())
}
"""

MAIN_RETURNS = """package p

import "testing"

func TestMain(m *testing.M) {
	m.Run()
}
"""

MAIN_UNUSUAL = """package p

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int { return m.Run() }
"""


def _package(tmp_path: Path, tests: dict[str, str]) -> Path:
    directory = tmp_path / "p"
    directory.mkdir()
    (directory / "p.go").write_text(SOURCE)
    for name, text in tests.items():
        (directory / name).write_text(text)
    return directory


def test_new_file_uses_the_package_of_existing_tests(tmp_path: Path) -> None:
    directory = _package(tmp_path, {"x_test.go": "package p_test\n"})
    planned = goleak.plan(directory)
    assert isinstance(planned, goleak.TestFileChange) and planned.created
    assert planned.path.name == "leak_test.go"
    assert planned.content.startswith(b"package p_test\n")


def test_internal_tests_or_none_get_the_package_itself(tmp_path: Path) -> None:
    directory = _package(tmp_path, {})
    planned = goleak.plan(directory)
    assert isinstance(planned, goleak.TestFileChange)
    assert planned.content.startswith(b"package p\n")
    assert goleak.starts_goroutines(directory)


def test_existing_goleak_is_left_alone(tmp_path: Path) -> None:
    text = "package p\n\nimport (\n\t\"testing\"\n\n\t\"go.uber.org/goleak\"\n)\n\n" \
           "func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }\n"
    assert goleak.plan(_package(tmp_path, {"main_test.go": text})) is None


def test_unusual_testmain_is_skipped_with_a_reason(tmp_path: Path) -> None:
    planned = goleak.plan(_package(tmp_path, {"main_test.go": MAIN_UNUSUAL}))
    assert isinstance(planned, goleak.Skipped) and "too unusual" in planned.reason


@pytest.mark.go
@pytest.mark.parametrize("text", [MAIN_EXIT_VAR, MAIN_EXIT_RUN, MAIN_RETURNS],
                         ids=["exit-var", "exit-run", "returns"])
def test_merged_testmain_keeps_exit_code_and_checks_leaks(text: str, tmp_path: Path,
                                                          go: GoEnv) -> None:
    module = tmp_path / "mod"
    write_module(module, "example.com/mod", require_goleak=True)
    directory = _package(module, {"main_test.go": text})
    planned = goleak.plan(directory)
    assert isinstance(planned, goleak.TestFileChange) and not planned.created
    merged = planned.content.decode()
    assert merged.count("func TestMain") == 1
    assert merged.index(".Run()") < merged.index("goleak.Find()") < merged.index("os.Exit(")
    planned.path.write_bytes(planned.content)
    go.run(["vet", "./..."], module, check=True)
    fmt = go.run(["fmt", "./..."], module)  # gofmt -l equivalent: lists rewritten files
    assert fmt.stdout == "", f"not gofmt-clean: {fmt.stdout}"
    # A leaking test now fails the package; without the leak it passes.
    (directory / "leak_test.go").write_text(
        f"package {goleak.package_name(text.encode())}\n\nimport \"testing\"\n\n"
        "func TestLeaks(t *testing.T) { ch := make(chan int); go func() { <-ch }() }\n")
    result = go.run(["test", "./..."], module)
    assert result.returncode != 0 and "goleak" in result.stdout + result.stderr
    (directory / "leak_test.go").unlink()
    go.run(["test", "./..."], module, check=True)


@pytest.mark.parametrize(("source", "expected"), [
    (b'package x\n\nimport "testing"\n',
     b'package x\n\nimport (\n\t"fmt"\n\t"testing"\n\n\t"go.uber.org/goleak"\n)\n'),
    (b"package x\n\nfunc f() {}\n",
     b'package x\n\nimport (\n\t"fmt"\n\n\t"go.uber.org/goleak"\n)\n\nfunc f() {}\n'),
    (b'package x\n\nimport (\n\t"testing"\n\n\t"github.com/z/z"\n)\n',
     b'package x\n\nimport (\n\t"fmt"\n\t"testing"\n\n\t"github.com/z/z"\n'
     b'\t"go.uber.org/goleak"\n)\n'),
    (b'package x\r\n\r\nimport "fmt"\r\n', b'package x\r\n\r\nimport (\r\n\t"fmt"\r\n\r\n'
     b'\t"go.uber.org/goleak"\r\n)\r\n'),
])
def test_add_imports_layout(source: bytes, expected: bytes) -> None:
    assert goimports.add_imports(source, ["fmt", goleak.GOLEAK]) == expected
