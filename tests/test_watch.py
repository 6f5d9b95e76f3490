"""leakfix watch: sampling a live Go process, finding what grows, pointing at the code.

The end-to-end tests build a real Go service (LEAKY_MAIN) with the real toolchain, run
it on 127.0.0.1 and drive requests at it while ``watch`` samples its pprof endpoint and
/proc/PID/fd; then leakfix fixes its source and the rebuilt service shows no growth.
Error paths use small real HTTP servers on loopback that replay responses captured
from that service (tests/watch_samples/), or answer garbage, 404s and redirects.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import os
import select
import socket
import subprocess
import sys
import threading
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from forge_server import serve as serve_http

from fixer import cli
from fixer.watch import WatchError, fds, frames, goroutines, grouping, heap, plot, render, trend
from fixer.watch.paths import RepoIndex
from fixer.watch.sampler import Schedule, parse_duration
from fixer.watch.session import Request, run
from gotools import GoEnv

SAMPLES = Path(__file__).parent / "watch_samples"

# The service under watch: every /leak request leaks one goroutine (blocked on a
# channel receive: its context is never cancelled) and one file descriptor (a file
# never closed); three workers form a steady group. lost-cancel and unclosed-file fix
# both. tests/watch_samples/ holds dumps captured from this program.
LEAKY_MAIN = """\
// Command leakysvc serves /leak, which leaks a goroutine and a file descriptor on
// every request, next to a fixed pool of three workers. It prints its address.
package main

import (
\t"context"
\t"fmt"
\t"io"
\t"net"
\t"net/http"
\t_ "net/http/pprof"
\t"os"
)

var jobs = make(chan string)

// worker is one of a fixed pool: the group's size never changes.
func worker() {
\tfor job := range jobs {
\t\tfmt.Println(job)
\t}
}

// holdLease keeps a lease until ctx is done.
func holdLease(ctx context.Context) {
\t<-ctx.Done()
}

func acquireLease(ctx context.Context) {
\tgo holdLease(ctx)
}

func readConfig(path string) (string, error) {
\tf, err := os.Open(path)
\tif err != nil {
\t\treturn "", err
\t}
\tbuf := make([]byte, 64)
\tn, err := f.Read(buf)
\tif err != nil && err != io.EOF {
\t\treturn "", err
\t}
\treturn string(buf[:n]), nil
}

func handleLeak(w http.ResponseWriter, r *http.Request) {
\tctx, _ := context.WithCancel(context.Background())
\tacquireLease(ctx)
\tconfig, err := readConfig(os.Args[1])
\tif err != nil {
\t\thttp.Error(w, err.Error(), http.StatusInternalServerError)
\t\treturn
\t}
\tfmt.Fprint(w, config)
}

func main() {
\tfor i := 0; i < 3; i++ {
\t\tgo worker()
\t}
\thttp.HandleFunc("/leak", handleLeak)
\tln, err := net.Listen("tcp", "127.0.0.1:0")
\tif err != nil {
\t\tfmt.Fprintln(os.Stderr, err)
\t\tos.Exit(1)
\t}
\tfmt.Println(ln.Addr())
\tfmt.Fprintln(os.Stderr, http.Serve(ln, nil))
}
"""


def line_of(needle: str, source: str = LEAKY_MAIN) -> int:
    return next(i for i, line in enumerate(source.splitlines(), 1) if needle in line)


# -- a real Go service on loopback ----------------------------------------------------------

@dataclass
class Service:
    address: str
    process: subprocess.Popen[str]

    @property
    def url(self) -> str:
        return f"http://{self.address}"


@contextlib.contextmanager
def serve(binary: Path, config: Path) -> Iterator[Service]:
    # GOGC=off: a leaked *os.File is closed by its finalizer when the GC runs, and every
    # goroutine dump allocates 1 MiB, so a GC mid-run would saw the fd series down. In a
    # real service leaks outpace the GC; here the run is 1.5 seconds long.
    env = {**os.environ, "GOGC": "off"}
    process = subprocess.Popen([str(binary), str(config)], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True, env=env)
    try:
        assert process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], 20)
        assert ready, "the service did not print its address"
        yield Service(process.stdout.readline().strip(), process)
    finally:
        process.kill()
        process.wait(timeout=10)


_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@contextlib.contextmanager
def load(service: Service, period: float = 0.04, limit: int = 400) -> Iterator[list[int]]:
    """Requests to /leak at a steady rate while the body runs; yields [requests sent]."""
    stop, sent = threading.Event(), [0]

    def drive() -> None:
        while not stop.is_set() and sent[0] < limit:
            _DIRECT.open(f"{service.url}/leak", timeout=5).read()
            sent[0] += 1
            stop.wait(period)

    thread = threading.Thread(target=drive, daemon=True)
    thread.start()
    try:
        yield sent
    finally:
        stop.set()
        thread.join(timeout=10)


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com",
                           *args], cwd=repo, check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture(scope="module")
def service_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("leakysvc")
    (repo / "go.mod").write_text("module example.com/leakysvc\n\ngo 1.22\n")
    (repo / "main.go").write_text(LEAKY_MAIN)
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "leaky service")
    return repo


def _build(go: GoEnv, repo: Path) -> Path:
    binary = repo.parent / f"{repo.name}.bin"
    go.run(["build", "-o", str(binary), "."], repo, check=True, timeout=300)
    return binary


@pytest.fixture(scope="module")
def leaky_binary(go: GoEnv, service_repo: Path) -> Path:
    return _build(go, service_repo)


@pytest.fixture(scope="module")
def fixed_service(go: GoEnv, service_repo: Path,
                  tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """A clone of the service fixed by `leakfix apply --no-commit`: (repo, binary, diff)."""
    repo = tmp_path_factory.mktemp("fixed") / "leakysvc"
    subprocess.run(["git", "clone", "-q", str(service_repo), str(repo)], check=True)
    applied = subprocess.run(
        [sys.executable, "-m", "fixer", "apply", "--no-commit", "--no-verify",
         "--goleak", "none", str(repo)], capture_output=True, text=True, timeout=120)
    assert applied.returncode == 1, applied.stderr  # 1: fixes were made
    return repo, _build(go, repo), _git(repo, "diff")


# -- end to end -----------------------------------------------------------------------------

def test_watch_finds_the_leaking_group_its_finding_and_the_fd_growth(
    leaky_binary: Path, service_repo: Path, tmp_path: Path
) -> None:
    config = tmp_path / "config.txt"
    config.write_text("level=debug\n")
    with serve(leaky_binary, config) as service, load(service) as sent:
        report = run(Request(service.url, Schedule(0.2, 8), service.process.pid,
                             service_repo))
    assert sent[0] >= 20 and report.aborted is None and len(report.times) == 8

    [group] = report.growing_groups
    blocking, created = report.site(group.key.blocking), report.site(group.key.created_by)
    assert (blocking.function, blocking.path, blocking.line) == (
        "main.holdLease", "main.go", line_of("<-ctx.Done()"))
    assert (created.function, created.path, created.line) == (
        "main.acquireLease", "main.go", line_of("go holdLease(ctx)"))
    assert group.state == "chan receive"
    assert group.trend.rise >= 10 and group.trend.fit.r2 >= 0.8 and group.trend.fit.slope > 0
    assert group.leaked is not None and group.leaked >= group.counts[-1] - 2  # goroutineleak
    [match] = group.findings
    assert (match.finding.rule, match.finding.path, match.finding.line) == (
        "lost-cancel", "main.go", line_of("context.WithCancel"))
    assert match.how == "in handleLeak, which calls acquireLease, the creation site"

    [workers] = [g for g in report.groups if g.key.blocking is not None
                 and g.key.blocking.function == "main.worker"]
    assert workers.counts == [3] * 8 and not workers.trend.growing and workers.leaked == 0
    assert report.site(workers.key.blocking).line == line_of("for job := range jobs")

    [files] = report.growing_fds
    assert files.kind == "file" and files.trend.rise >= 10
    assert files.top_files[0][0] == str(config) and files.top_files[0][1] >= 10
    assert [(m.finding.rule, m.finding.line) for m in files.findings] == [
        ("unclosed-file", line_of("os.Open(path)"))]
    assert report.heap is not None and report.heap.trend is None  # GOGC=off: no verdict

    text = render.text(report)
    assert "GROWING goroutines" in text
    assert f"blocked in main.holdLease at main.go:{line_of('<-ctx.Done()')}\n" in text
    assert f"= lost-cancel main.go:{line_of('context.WithCancel')}:7" in text
    assert f"candidate: unclosed-file main.go:{line_of('os.Open(path)')}:2" in text
    assert "main.worker" in text.split("steady:")[1]
    document = json.loads(render.as_json(report))
    growing = [g for g in document["groups"] if g["trend"]["growing"]]
    assert [g["blocking"]["line"] for g in growing] == [line_of("<-ctx.Done()")]
    assert growing[0]["findings"][0]["rule"] == "lost-cancel"
    markdown = render.markdown(report)
    assert (f"| `main.holdLease` main.go:{line_of('<-ctx.Done()')} | `main.acquireLease` "
            f"main.go:{line_of('go holdLease(ctx)')} |") in markdown
    svg = ET.fromstring(plot.render(report))
    lines = svg.findall("{http://www.w3.org/2000/svg}polyline")
    thick = [p for p in lines if p.get("stroke-width") == "2.5"]
    assert len(thick) == 2 and len(lines) == min(len(report.groups), plot.MAX_SERIES) + sum(
        1 for s in report.fds if any(s.counts))


def test_after_leakfix_apply_the_rebuilt_service_shows_no_growth(
    fixed_service: tuple[Path, Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo, binary, diff = fixed_service
    assert "+\tdefer cancel()" in diff and "+\tdefer f.Close()" in diff
    config = tmp_path / "config.txt"
    config.write_text("level=debug\n")
    with serve(binary, config) as service, load(service) as sent:
        code = cli.main(["watch", "--pprof", service.url, "--pid", str(service.process.pid),
                         "--interval", "0.2s", "--samples", "8", "--format", "json",
                         str(repo)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert sent[0] >= 20
    document = json.loads(out)
    assert document["growing"] is False and document["aborted"] is None
    assert not [g for g in document["groups"] if g["trend"]["growing"]]
    files = next(s for s in document["fds"] if s["kind"] == "file")
    assert max(files["counts"]) - min(files["counts"]) <= 1  # one open while serving, at most
    assert all(g["leaked"] == 0 for g in document["groups"])


# -- the dump parser, on dumps captured from LEAKY_MAIN and on fixed text ---------------------

def test_parses_a_real_dump_into_groups() -> None:
    dump = goroutines.parse((SAMPLES / "goroutine_debug2.txt").read_text())
    assert len(dump) == 11
    classifier = frames.Classifier(frames.go_root(dump))
    assert classifier.root == "/tmp/venv/lib/python3.11/site-packages/go/src/"
    groups = {str(k.blocking.function if k.blocking else None): s
              for k, s in grouping.group(dump, classifier).items()}
    leases = groups["main.holdLease"]
    assert leases.count == 5 and dict(leases.states) == {"chan receive": 5}
    assert leases.example is not None and leases.example.created_by == goroutines.Frame(
        "main.acquireLease", "/tmp/watchdev/svc/main.go", line_of("go holdLease(ctx)"))
    assert groups["main.worker"].count == 3
    # the goroutine writing the dump has no user frame: its first non-runtime frame
    assert groups["runtime/pprof.writeGoroutineStacks"].count == 1
    main = next(g for g in dump if g.id == 1)
    assert main.state == "IO wait" and main.created_by is None
    assert main.frames[0] == goroutines.Frame(
        "internal/poll.runtime_pollWait",
        "/tmp/venv/lib/python3.11/site-packages/go/src/runtime/netpoll.go", 351)


def test_the_goroutineleak_profile_marks_the_leaked_goroutines() -> None:
    dump = goroutines.parse((SAMPLES / "goroutineleak_debug2.txt").read_text())
    leaked = [g for g in dump if g.leaked]
    assert len(leaked) == 5 and {g.state for g in leaked} == {"chan receive"}
    assert {g.frames[0].function for g in leaked} == {"main.holdLease"}


HANDWRITTEN = """\
goroutine 42 gp=0xc000102000 m=nil [chan receive (leaked), 12 minutes, locked to thread]:
main.(*Pool[...]).wait.func1(0xc0000a0000?)
\t/build/svc/pool.go:88 +0x2a
created by main.(*Pool[...]).Start in goroutine 7
\t/build/svc/pool.go:80 +0x66
[originating from goroutine 7]:
main.serve(...)
\t/build/svc/main.go:31 +0x34

goroutine 7 [select, 3 minutes] {"handler":"api"}:
example.com/svc/store.(*Cache).Get(...)
\texample.com/svc/store/cache.go:14
net/http.(*conn).serve(0xc0001, {0x1, 0x2})
\tnet/http/server.go:2157 +0x6dc
...additional frames elided...
created by net/http.(*Server).Serve in goroutine 1
\tnet/http/server.go:3604 +0x4fd

goroutine 9 [running]:
\tgoroutine running on other thread; stack unavailable
"""


def test_parses_headers_annotations_ancestors_and_trimpath_frames() -> None:
    first, second, third = goroutines.parse(HANDWRITTEN)
    assert (first.id, first.state, first.wait_minutes, first.leaked) == (
        42, "chan receive", 12, True)
    assert first.frames == (goroutines.Frame("main.(*Pool[...]).wait.func1",
                                             "/build/svc/pool.go", 88),)
    assert first.created_by == goroutines.Frame("main.(*Pool[...]).Start",
                                                "/build/svc/pool.go", 80)
    assert first.ancestors == (goroutines.Frame("main.serve", "/build/svc/main.go", 31),)
    assert (second.state, second.wait_minutes, second.leaked) == ("select", 3, False)
    assert [f.function for f in second.frames] == [
        "example.com/svc/store.(*Cache).Get", "net/http.(*conn).serve"]
    assert (third.state, third.frames, third.created_by) == ("running", (), None)
    # -trimpath: the Go root is unknown, library files are relative
    classifier = frames.Classifier(frames.go_root([first, second, third]))
    assert classifier.root is None
    assert [classifier.is_user(f) for f in second.frames] == [True, False]
    assert grouping.blocking_frame(second, classifier) == second.frames[0]


@pytest.mark.parametrize("text", [
    "<html><body>Not Found</body></html>", "", "goroutine profile: total 4\n4 @ 0x1\n"])
def test_a_response_that_is_not_a_dump_is_refused(text: str) -> None:
    with pytest.raises(WatchError, match="not a goroutine dump"):
        goroutines.parse(text)


@pytest.mark.parametrize(("function", "expected"), [
    ("main.handleLeak.func1", ("main", "", "handleLeak")),
    ("net/http.(*conn).serve", ("net/http", "conn", "serve")),
    ("example.com/svc/store.Cache.Get.gowrap1", ("example.com/svc/store", "Cache", "Get")),
    ("main.(*Pool[...]).wait.func1.2", ("main", "Pool", "wait")),
    ("main.main", ("main", "", "main")),
])
def test_symbols_fold_closures_into_their_declaration(
    function: str, expected: tuple[str, str, str]
) -> None:
    found = frames.symbol(function)
    assert (found.package, found.receiver, found.name) == expected


def test_library_frames_are_the_go_root_the_module_cache_and_vendor() -> None:
    classifier = frames.Classifier("/usr/local/go/src/")
    frame = goroutines.Frame
    assert not classifier.is_user(frame("net/http.Get", "/usr/local/go/src/net/http/c.go", 1))
    assert not classifier.is_user(frame(
        "golang.org/x/net/http2.(*Framer).ReadFrame",
        "/root/go/pkg/mod/golang.org/x/net@v0.20.0/http2/frame.go", 1))
    assert not classifier.is_user(frame("github.com/a/b.F", "/src/svc/vendor/github.com/a/b/f.go",
                                        1))
    assert classifier.is_user(frame("example.com/svc/api.Serve", "/src/svc/api/api.go", 1))
    assert classifier.is_user(frame("svc/api.Serve", "/src/svc/api/api.go", 1))  # dot-less


def test_stack_paths_map_to_repository_paths_by_their_longest_tail() -> None:
    index = RepoIndex(["main.go", "cmd/api/main.go", "store/cache.go"])
    assert index.resolve("/build/x/cmd/api/main.go") == "cmd/api/main.go"
    assert index.resolve("/home/u/go/src/example.com/svc/main.go") == "main.go"
    assert index.resolve("example.com/svc/store/cache.go") == "store/cache.go"
    assert index.resolve("/build/x/store/other.go") is None


# -- trend statistics -----------------------------------------------------------------------

def test_least_squares_on_an_exact_line() -> None:
    fit = trend.fit([0, 1, 2, 3], [5, 7, 9, 11])
    assert (fit.slope, fit.intercept, fit.r2) == (2.0, 5.0, 1.0)
    assert trend.fit([0, 1, 2], [4, 4, 4]).r2 == 0.0


TIMES = [0.5 * i for i in range(8)]


@pytest.mark.parametrize(("values", "growing"), [
    ([10, 13, 16, 19, 22, 25, 28, 31], True),       # a leak: 3 per sample
    ([3, 3, 3, 3, 3, 3, 3, 3], False),              # a fixed pool
    ([4, 6, 4, 6, 5, 4, 6, 5], False),              # busy connections coming and going
    ([2, 20, 20, 20, 20, 20, 20, 20], False),       # a pool filling up once
    ([500, 500, 501, 501, 502, 502, 503, 503], False),  # +3 on 500: under 10%
    ([0, 0, 1, 1, 1, 2, 2, 2], False),              # +2: under the minimum rise
    ([0, 1, 2, 3, 4, 5, 6, 7], True),
])
def test_growth_verdicts(values: list[int], growing: bool) -> None:
    verdict = trend.trend(TIMES, values, trend.GOROUTINES)
    assert verdict.growing is growing


def test_three_samples_are_never_a_trend() -> None:
    verdict = trend.trend([0, 1, 2], [0, 50, 100], trend.GOROUTINES)
    assert verdict.fit.r2 == 1.0 and not verdict.growing
    assert trend.trend(TIMES, [0, 2, 4, 6, 8, 10, 12, 14], trend.GOROUTINES).per_sample == 2.0


# -- heap and fds ---------------------------------------------------------------------------

def test_parses_a_real_heap_profile() -> None:
    sample = heap.parse((SAMPLES / "heap_debug1.txt").read_text())
    assert (sample.heap_inuse, sample.num_gc) == (1892352, 0)
    assert 1 << 20 < sample.live_bytes < 2 << 20  # the 1 MiB dump buffer, scaled up


def test_heap_samples_are_scaled_like_pprof() -> None:
    text = "heap profile: 1: 1048576 [1: 1048576] @ heap/1048576\n1: 1048576 [1: 1048576] @ 0x1\n"
    # one 1 MiB object sampled at a 512 KiB rate stands for 1 / (1 - e^-2) of itself
    assert heap.parse(text).live_bytes == round(1048576 / (1 - 2.718281828459045 ** -2))
    with pytest.raises(WatchError, match="not a heap profile"):
        heap.parse("404 page not found\n")


def test_counts_this_process_fds_by_kind(tmp_path: Path) -> None:
    before = fds.sample(os.getpid())
    read_end, write_end = os.pipe()
    opened = [open(tmp_path / "a.txt", "w") for _ in range(16)]  # noqa: SIM115
    try:
        after = fds.sample(os.getpid())
    finally:
        for handle in opened:
            handle.close()
        os.close(read_end)
        os.close(write_end)
    assert after.counts["pipe"] - before.counts["pipe"] == 2
    assert after.counts["file"] - before.counts["file"] == 16
    assert after.top_files[0] == (str(tmp_path / "a.txt"), 16)
    assert [fds.kind_of(t) for t in ("socket:[1]", "anon_inode:[eventfd]", "/x", "net:[4]")] \
        == ["socket", "anon_inode", "file", "other"]


def test_durations_and_schedules() -> None:
    assert [parse_duration(t) for t in ("5s", "200ms", "1m30s", "0.2", "1h")] == [
        5.0, 0.2, 90.0, 0.2, 3600.0]
    assert Schedule.of(5.0, None, 60.0).samples == 13
    assert Schedule.of(0.2, None, None).samples == 12
    with pytest.raises(ValueError, match="not a duration"):
        parse_duration("5 parsecs")
    with pytest.raises(ValueError, match="need between 4"):
        Schedule.of(5.0, None, 10.0)


# -- bad input: one line on stderr, exit 2, samples kept ------------------------------------

@dataclass
class Replay:
    """A loopback HTTP server answering each path from a script (the last answer repeats;
    unknown paths get Go's 404), and counting every request it sees."""

    routes: dict[str, list[tuple[int, str]]]
    headers: dict[str, str] = field(default_factory=dict)
    hits: list[str] = field(default_factory=list)


@contextlib.contextmanager
def replay(script: Replay) -> Iterator[str]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            script.hits.append(self.path)
            answers = script.routes.get(urllib.parse.urlsplit(self.path).path)
            status, body = (answers.pop(0) if len(answers) > 1 else answers[0]) if answers \
                else (404, "404 page not found\n")
            self.send_response(status)
            for name, value in script.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args: object) -> None:
            pass

    with serve_http(Handler) as url:
        yield url


DUMP = (SAMPLES / "goroutine_debug2.txt").read_text()
HEAP = (SAMPLES / "heap_debug1.txt").read_text()


def _watch(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(["watch", "--interval", "0.05s", "--samples", "4", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _one_error_line(err: str, *fragments: str) -> None:
    assert len(err.splitlines()) == 1 and err.startswith("leakfix: error: "), err
    for fragment in fragments:
        assert fragment in err


@pytest.mark.parametrize(("endpoint", "message"), [
    ("ftp://127.0.0.1:6060", "not an http:// or https:// address"),
    ("file:///etc/passwd", "not an http:// or https:// address"),
    ("http://", "no host in the address"),
])
def test_only_http_addresses_are_accepted(
    capsys: pytest.CaptureFixture[str], endpoint: str, message: str
) -> None:
    code, out, err = _watch(capsys, "--pprof", endpoint)
    assert code == 2 and out == ""
    _one_error_line(err, message)


def test_an_unreachable_endpoint(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code, out, err = _watch(capsys, "--pprof", f"http://127.0.0.1:{port}")
    assert code == 2 and out == ""
    _one_error_line(err, "cannot connect")


def test_a_server_without_pprof_and_one_answering_garbage(
    capsys: pytest.CaptureFixture[str]
) -> None:
    with replay(Replay({"/": [(200, "hello")]})) as url:
        code, out, err = _watch(capsys, "--pprof", url)
    assert code == 2 and out == ""
    _one_error_line(err, "no pprof handlers there (HTTP 404)", 'import _ "net/http/pprof"')
    garbage = {"/debug/pprof/goroutine": [(200, "<html><title>Login</title></html>")]}
    with replay(Replay(garbage)) as url:
        code, out, err = _watch(capsys, "--pprof", url)
    assert code == 2 and out == ""
    _one_error_line(err, "not a goroutine dump", "<html>")


def test_redirects_and_proxies_never_take_requests_elsewhere(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = Replay({"/debug/pprof/goroutine": [(200, DUMP)]})
    with replay(elsewhere) as other:
        monkeypatch.setenv("http_proxy", other)
        monkeypatch.setenv("HTTP_PROXY", other)
        monkeypatch.delenv("no_proxy", raising=False)
        monkeypatch.delenv("NO_PROXY", raising=False)
        moved = Replay({"/debug/pprof/goroutine": [(302, "")]},
                       headers={"Location": f"{other}/debug/pprof/goroutine?debug=2"})
        with replay(moved) as url:
            code, out, err = _watch(capsys, "--pprof", url)
    assert code == 2 and out == ""
    _one_error_line(err, "HTTP 302 redirect refused")
    assert elsewhere.hits == [] and len(moved.hits) == 1


def test_a_failure_mid_run_keeps_the_samples_taken(capsys: pytest.CaptureFixture[str]) -> None:
    script = Replay({"/debug/pprof/goroutine": [(200, DUMP)] * 3 + [(500, "oops")],
                     "/debug/pprof/heap": [(200, HEAP)]})
    with replay(script) as url:
        code, out, err = _watch(capsys, "--pprof", url, "--samples", "10", "--format", "json")
    assert code == 2
    _one_error_line(err, "HTTP 500", "(after 3 samples)")
    document = json.loads(out)
    assert len(document["times"]) == 3 and document["goroutines"] == [11, 11, 11]
    assert "(after 3 samples)" in document["aborted"]


def test_a_process_that_exits_mid_run(capsys: pytest.CaptureFixture[str]) -> None:
    script = Replay({"/debug/pprof/goroutine": [(200, DUMP)]})
    short_lived = subprocess.Popen(["sleep", "1"])
    try:
        with replay(script) as url:
            code, out, err = _watch(capsys, "--pprof", url, "--pid", str(short_lived.pid),
                                    "--interval", "0.1s", "--samples", "100")
    finally:
        short_lived.wait(timeout=10)
    assert code == 2
    _one_error_line(err, f"process {short_lived.pid} exited (after ")
    assert "stopped early" in out and "steady file descriptors" in out
    assert "note: heap: the server has no heap profile (HTTP 404)" in out
    assert "Nothing grew." in out
    assert len(script.hits) < 100


def test_bad_options(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _watch(capsys, "--samples", "3")
    assert code == 2 and out == ""
    _one_error_line(err, "need between 4")
    code, out, err = _watch(capsys, "--interval", "soon")
    assert code == 2
    _one_error_line(err, "not a duration")
    with replay(Replay({"/debug/pprof/goroutine": [(200, DUMP)]})) as url:
        code, out, err = _watch(capsys, "--pprof", url, "--pid", "999999999")
    assert code == 2 and out == ""
    _one_error_line(err, "process 999999999 is not running")


def test_markdown_from_replayed_dumps_is_ready_for_a_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    script = Replay({"/debug/pprof/goroutine": [(200, DUMP)], "/debug/pprof/heap": [(200, HEAP)]})
    with replay(script) as url:
        code, out, err = _watch(capsys, "--pprof", url, "--format", "markdown",
                                "--plot", str(tmp_path / "plot.svg"), str(tmp_path))
    assert code == 0, err
    assert out.startswith("## Runtime leak watch\n") and "### Goroutine groups that grow" in out
    assert "None." in out and "undetermined" in out
    assert "goroutineleak: not served" in out
    assert ET.parse(tmp_path / "plot.svg").getroot().tag == "{http://www.w3.org/2000/svg}svg"


def test_trimpath_paths_and_ancestor_frames_lead_to_the_finding(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A -trimpath build run with GODEBUG=tracebackancestors=5: its stack paths are
    module-relative and each leaked goroutine carries its creator's stack (handleLeak).
    The growth is made by replaying the captured dump with 1, 4, 7, 10 leaked goroutines."""
    blocks = (SAMPLES / "goroutine_trimpath_ancestors.txt").read_text().strip().split("\n\n")
    [lease] = [b for b in blocks if "\nmain.holdLease(" in b]
    others = [b for b in blocks if b is not lease]
    header = lease.split(" [", 1)[0]

    def dump(leaked: int) -> str:
        copies = [lease.replace(header, f"goroutine {1000 + i}", 1) for i in range(leaked)]
        return "\n\n".join(others + copies) + "\n"

    (tmp_path / "main.go").write_text(LEAKY_MAIN)
    script = Replay({"/debug/pprof/goroutine": [(200, dump(n)) for n in (1, 4, 7, 10)]})
    with replay(script) as url:
        code, out, err = _watch(capsys, "--pprof", url, "--format", "json", str(tmp_path))
    assert code == 1, err
    document = json.loads(out)
    [group] = [g for g in document["groups"] if g["trend"]["growing"]]
    assert group["counts"] == [1, 4, 7, 10]
    assert group["blocking"] == {"function": "main.holdLease", "path": "main.go",
                                 "line": line_of("<-ctx.Done()"), "in_repo": True}
    [finding] = group["findings"]
    assert (finding["rule"], finding["line"], finding["how"]) == (
        "lost-cancel", line_of("context.WithCancel"),
        "in handleLeak, in the creating goroutine's stack")
    steady = [g for g in document["groups"] if not g["trend"]["growing"]]
    assert {"path": "net/http/server.go", "in_repo": False}.items() <= next(
        g["created_by"] for g in steady if g["created_by"]
        and g["created_by"]["function"] == "net/http.(*Server).Serve").items()


def test_the_samples_directory_matches_the_program() -> None:
    """The captured dumps come from LEAKY_MAIN: their main.go lines must still agree."""
    dump = (SAMPLES / "goroutine_debug2.txt").read_text()
    assert f"svc/main.go:{line_of('<-ctx.Done()')}\n" in dump
    assert f"svc/main.go:{line_of('go holdLease(ctx)')} +" in dump
