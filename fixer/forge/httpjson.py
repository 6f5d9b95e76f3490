"""JSON over HTTPS with the standard library, for the forge clients.

Every failure becomes one ``ForgeError`` line that says what went wrong in the
user's terms (a rejected token, a repository that is not there, a server that
cannot be reached). The token goes into the Authorization header only: never
into a URL, never into a message (messages are scrubbed of it, in case a server
echoes it back). Redirects are followed only on the same scheme, host and port,
so the header is never sent to another host.
"""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from fixer.repo import InputError

TIMEOUT = 30.0
_READ_LIMIT = 8 * 1024 * 1024


class ForgeError(InputError):
    """A forge could not be reached or refused a request: one line, exit code 2."""


class StatusError(ForgeError):
    """The forge answered with an HTTP error status (kept for callers that recover)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class _SameOriginRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req: urllib.request.Request, fp: Any, code: int, msg: str,
                         headers: Any, newurl: str) -> urllib.request.Request | None:
        if _origin(newurl) != _origin(req.full_url):
            raise ForgeError(f"{req.full_url}: redirected to another host ({_origin(newurl)}); "
                             "not following with credentials")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _origin(url: str) -> tuple[str, str]:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme, parts.netloc


_OPENER = urllib.request.build_opener(_SameOriginRedirects)


@dataclass(frozen=True)
class Client:
    """A JSON API at ``base`` (e.g. https://api.github.com) with a bearer token."""

    base: str
    token: str
    service: str                 # "GitHub", "GitLab": who is speaking, in messages
    token_variable: str          # where the token came from, for the 401 message
    timeout: float = TIMEOUT

    def url(self, path: str, query: dict[str, str] | None = None) -> str:
        url = self.base.rstrip("/") + path
        return url + ("?" + urllib.parse.urlencode(query) if query else "")

    def call(self, method: str, path: str, body: Any = None,
             query: dict[str, str] | None = None) -> Any:
        """Send one request; the decoded JSON answer (None for an empty body)."""
        url = self.url(path, query)
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(url, data=data, method=method, headers={
            "Accept": "application/json",
            "Authorization": f"Bearer {self.token}",
            "User-Agent": "leakfix",
            **({"Content-Type": "application/json"} if data is not None else {}),
        })
        try:
            with _OPENER.open(request, timeout=self.timeout) as response:
                raw = response.read(_READ_LIMIT)
        except urllib.error.HTTPError as exc:
            detail = _server_message(exc.read(64 * 1024))
            raise StatusError(self._scrub(self._status_message(method, url, exc.code, detail)),
                              exc.code) from None
        except TimeoutError:
            raise ForgeError(f"{self.service}: {method} {url}: no answer within "
                             f"{self.timeout:g}s") from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, TimeoutError):
                reason = f"no answer within {self.timeout:g}s"
            raise ForgeError(self._scrub(f"{self.service}: cannot reach {self.base}: "
                                         f"{getattr(reason, 'strerror', None) or reason}")
                             ) from None
        except (ConnectionError, http.client.HTTPException) as exc:
            raise ForgeError(self._scrub(f"{self.service}: {method} {url}: connection failed: "
                                         f"{exc}")) from None
        if not raw.strip():
            return None
        try:
            return json.loads(raw)
        except ValueError:
            raise ForgeError(f"{self.service}: {method} {url}: the answer is not JSON; is "
                             f"{self.base} the API address (--api-url)?") from None

    def _status_message(self, method: str, url: str, status: int, detail: str) -> str:
        said = f" ({detail})" if detail else ""
        if status == 401:
            return (f"{self.service} rejected the token in {self.token_variable} "
                    f"(401 Unauthorized{said})")
        if status == 403:
            return (f"{self.service}: {method} {url}: 403 Forbidden{said}; does the token "
                    "have permission to push and open pull requests?")
        if status == 404:
            return (f"{self.service}: {method} {url}: 404 Not Found{said}; check the "
                    "repository name and that the token can see it")
        return f"{self.service}: {method} {url}: HTTP {status}{said}"

    def _scrub(self, text: str) -> str:
        return text.replace(self.token, "***") if self.token else text


def _server_message(raw: bytes) -> str:
    """The API's own explanation (`message`, GitLab's `message`/`error`), on one line."""
    try:
        data = json.loads(raw)
    except ValueError:
        return raw.decode("utf-8", "replace").strip().splitlines()[0][:200] if raw.strip() else ""
    if isinstance(data, dict):
        parts = [data.get("message"), data.get("error")]
        errors = data.get("errors")
        if isinstance(errors, list):
            parts += [_error_item(e) for e in errors]
        text = "; ".join(_flatten(p) for p in parts if p)
        return " ".join(text.split())[:300]
    return ""


def _error_item(error: Any) -> Any:
    """GitHub's validation errors: a message, else e.g. {"field": "base", "code": "invalid"}."""
    if not isinstance(error, dict):
        return error
    named = " ".join(str(error[k]) for k in ("field", "code") if error.get(k))
    return error.get("message") or named or error


def _flatten(value: Any) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{k} {_flatten(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_flatten(v) for v in value)
    return str(value)
