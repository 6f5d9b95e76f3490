"""HTTP to the one pprof endpoint the user named, and nowhere else.

Only ``http://`` and ``https://`` are accepted. Proxy settings from the environment
are ignored and redirects are refused, so no request goes to another address. Every
request has a timeout and a size cap (the Go runtime itself caps a goroutine dump
at 64 MiB).
"""

from __future__ import annotations

import http.client
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from fixer.watch import WatchError

DEFAULT_ENDPOINT = "http://127.0.0.1:6060"
MAX_BYTES = 64 << 20


class NotFound(WatchError):
    """HTTP 404: the server does not have this profile."""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # urllib then raises the 3xx as an HTTPError


class Client:
    def __init__(self, endpoint: str, timeout: float = 10.0) -> None:
        parts = urllib.parse.urlsplit(endpoint)
        if parts.scheme not in ("http", "https"):
            raise WatchError(f"{endpoint}: not an http:// or https:// address")
        if not parts.hostname:
            raise WatchError(f"{endpoint}: no host in the address")
        if parts.query or parts.fragment:
            raise WatchError(f"{endpoint}: give the server address without a query")
        path = parts.path if parts.path not in ("", "/") else "/debug/pprof/"
        self.base = urllib.parse.urlunsplit(
            (parts.scheme, parts.netloc, path.rstrip("/") + "/", "", ""))
        self.timeout = timeout
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}),
                                                   _NoRedirect())

    def url(self, profile: str, debug: int) -> str:
        return f"{self.base}{profile}?debug={debug}"

    def get(self, profile: str, debug: int) -> str:
        """The profile as text; NotFound on 404, WatchError on anything else that fails."""
        url = self.url(profile, debug)
        try:
            with self._opener.open(url, timeout=self.timeout) as response:
                body: bytes = response.read(MAX_BYTES + 1)
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                raise NotFound(f"{url}: HTTP 404 Not Found") from None
            if 300 <= exc.code < 400:
                raise WatchError(f"{url}: HTTP {exc.code} redirect refused "
                                 "(only the given address is contacted)") from None
            raise WatchError(f"{url}: HTTP {exc.code} {exc.reason}") from None
        except urllib.error.URLError as exc:
            raise WatchError(f"{url}: cannot connect ({exc.reason})") from None
        except (OSError, http.client.HTTPException) as exc:
            raise WatchError(f"{url}: {exc.__class__.__name__}: {exc}".rstrip(": ")) from None
        if len(body) > MAX_BYTES:
            raise WatchError(f"{url}: response larger than {MAX_BYTES >> 20} MiB")
        return body.decode("utf-8", "replace")
