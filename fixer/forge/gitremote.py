"""Talking to the git remote: read, fetch and push one branch, with a transient token.

For an https remote the token travels in an ``http.<url>.extraHeader`` set
through git's ``GIT_CONFIG_COUNT``/``GIT_CONFIG_KEY_n``/``GIT_CONFIG_VALUE_n``
environment of that one git process: it is never in a command line (which other
users can list), in .git/config, in the remote URL or in a reflog. An ssh
remote or a local path uses what git already has and gets no token at all.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Mapping

import git

from fixer.forge import remote
from fixer.forge.httpjson import ForgeError

TIMEOUT = 300.0


def auth_env(url: str, user: str, token: str,
             environ: Mapping[str, str] = os.environ) -> dict[str, str]:
    """Extra environment for git commands that reach ``url``."""
    env = {"GIT_TERMINAL_PROMPT": "0"}   # fail, never wait for a password
    if not remote.is_http(url) or not token:
        return env
    index = int(environ.get("GIT_CONFIG_COUNT", "0") or "0")  # keep the user's own entries
    basic = base64.b64encode(f"{user}:{token}".encode()).decode()
    # An empty value first clears headers configured before (actions/checkout persists its
    # own Authorization header): two Authorization headers would be refused.
    for offset, value in enumerate(("", f"Authorization: Basic {basic}")):
        env[f"GIT_CONFIG_KEY_{index + offset}"] = f"http.{url}.extraHeader"
        env[f"GIT_CONFIG_VALUE_{index + offset}"] = value
    env["GIT_CONFIG_COUNT"] = str(index + 2)
    return env


def head(repo: git.Repo, name: str, branch: str, env: Mapping[str, str]) -> str | None:
    """The sha of ``branch`` on the remote, None when it has no such branch."""
    out = _git(repo, "ls-remote", env, ["--heads"], name, f"refs/heads/{branch}")
    for line in out.splitlines():
        sha, _, ref = line.partition("\t")
        if ref == f"refs/heads/{branch}":
            return sha
    return None


def fetch(repo: git.Repo, name: str, branch: str, env: Mapping[str, str]) -> None:
    """Bring the remote branch's commits here (as ``refs/remotes/NAME/BRANCH``)."""
    _git(repo, "fetch", env, ["--quiet", "--no-tags"], name,
         f"+refs/heads/{branch}:refs/remotes/{name}/{branch}")


def push(repo: git.Repo, name: str, branch: str, env: Mapping[str, str],
         expect: str | None) -> None:
    """Set the remote ``branch`` to the local one if it is still at ``expect`` (None: absent).

    The lease makes this safe against a push that lands between our look and our
    write: git refuses instead of overwriting what it has not seen.
    """
    _git(repo, "push", env, ["--quiet",
                             f"--force-with-lease=refs/heads/{branch}:{expect or ''}"],
         name, f"refs/heads/{branch}:refs/heads/{branch}")


def _git(repo: git.Repo, command: str, env: Mapping[str, str], options: list[str],
         name: str, ref: str) -> str:
    try:
        out: str = getattr(repo.git, command.replace("-", "_"))(
            *options, name, ref, env=dict(env), kill_after_timeout=TIMEOUT)
    except git.GitCommandError as exc:
        said = [ln.strip() for ln in str(exc.stderr or "").replace("stderr: '", "").splitlines()
                if ln.strip() and not ln.strip().startswith("hint:")]
        # "To <url>" comes first; the line that says why starts with "!", fatal: or error:.
        why = ([ln for ln in said if ln.startswith("!")]
               or [ln for ln in said if ln.startswith(("fatal:", "error:"))] or said)
        reason = why[0].rstrip("'") if why else f"exit code {exc.status}"
        raise ForgeError(f"git {command} {name}: {reason}") from None
    return out
