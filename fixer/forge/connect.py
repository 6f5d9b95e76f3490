"""Which forge, which repository, which API address, which token.

The repository comes from the remote's URL (https, ssh or scp-like form) unless
``--repo`` (GitHub) or ``--project`` (GitLab) names it, which is needed when
the remote is a path or a mirror. The API address defaults to the public
service, or to the remote's own host for GitHub Enterprise (``/api/v3``) and
self-managed GitLab (``/api/v4``). The token is read from the environment only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from fixer.forge import Forge, github, gitlab, remote
from fixer.forge.httpjson import TIMEOUT, Client, ForgeError


@dataclass(frozen=True)
class Target:
    forge: str | None = None          # "github" | "gitlab" | None: from the remote's host
    repo: str | None = None           # GitHub OWNER/NAME override
    project: str | None = None        # GitLab GROUP/.../NAME override
    api_url: str | None = None
    timeout: float = TIMEOUT


def connect(remote_url: str, target: Target, environ: Mapping[str, str]) -> Forge:
    parsed = remote.parse(remote_url)
    kind = _kind(target, parsed)
    path = (target.project if kind == "gitlab" else target.repo) or (
        parsed.path if parsed else None)
    if path is None:
        option = "--project GROUP/NAME" if kind == "gitlab" else "--repo OWNER/NAME"
        raise ForgeError(f"the remote URL {remote_url!r} names no {kind} repository; "
                         f"pass {option}")
    variable = gitlab.TOKEN_VARIABLE if kind == "gitlab" else github.TOKEN_VARIABLE
    token = environ.get(variable, "").strip()
    if not token:
        raise ForgeError(f"{variable} is not set: leakfix needs a token in the environment "
                         f"to open a {'merge' if kind == 'gitlab' else 'pull'} request")
    api_url = target.api_url or _default_api(kind, parsed)
    if not api_url.startswith(("https://", "http://")):
        raise ForgeError(f"--api-url {api_url!r}: expected an http(s) URL")
    if kind == "gitlab":
        return gitlab.GitLab(Client(api_url, token, "GitLab", variable, target.timeout), path)
    return github.GitHub(Client(api_url, token, "GitHub", variable, target.timeout), path)


def _kind(target: Target, parsed: remote.RemoteUrl | None) -> str:
    if target.forge is not None:
        return target.forge
    if target.project is not None:
        return "gitlab"
    if target.repo is None and parsed is not None and "gitlab" in parsed.host:
        return "gitlab"
    return "github"


def _default_api(kind: str, parsed: remote.RemoteUrl | None) -> str:
    if kind == "gitlab":
        return (parsed.web if parsed else "https://gitlab.com") + gitlab.API_PATH
    if parsed is None or parsed.host == "github.com":
        return github.API_URL
    return parsed.web + "/api/v3"
