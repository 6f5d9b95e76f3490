"""Where a git remote lives: host and repository path from its URL.

git accepts URLs (``https://host/owner/repo.git``, ``ssh://git@host:22/owner/repo``)
and the scp-like form (``git@host:owner/repo.git``); anything else is a local
path, which names no forge (then ``--repo``/``--project`` must say which).
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass

_SCP = re.compile(r"^(?:[^@/]+@)?(?P<host>[^:/]+):(?!/)(?P<path>.+)$")
_SCHEMES = {"http", "https", "ssh", "git", "git+ssh", "ssh+git"}


@dataclass(frozen=True)
class RemoteUrl:
    host: str        # without user or port
    path: str        # "owner/repo" or "group/subgroup/project": no ".git", no slashes around

    @property
    def web(self) -> str:
        return f"https://{self.host}"


def parse(url: str) -> RemoteUrl | None:
    """The host and path of a forge URL; None for a local path or another form."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme in _SCHEMES and parts.hostname:
        return _made(parts.hostname, parts.path)
    if "://" in url:
        return None
    match = _SCP.match(url)
    if match is None:
        return None
    return _made(match.group("host"), match.group("path"))


def is_http(url: str) -> bool:
    return urllib.parse.urlsplit(url).scheme in ("http", "https")


def _made(host: str, path: str) -> RemoteUrl | None:
    path = path.strip("/").removesuffix(".git").strip("/")
    if "/" not in path:
        return None
    return RemoteUrl(host.lower(), path)
