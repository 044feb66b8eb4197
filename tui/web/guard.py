"""Who may use the served app: the decision (pure) and the aiohttp middleware that applies it.

Local mode (`achilles serve`, 127.0.0.1 only) needs no secret, but every request must name this
machine in its Host header (so a web page that rebinds its own domain name to 127.0.0.1 cannot
reach the app) and the websocket must come from our own page (its Origin), so no other site can
drive the coach through the runner's browser.

LAN mode (`--lan`) adds a secret: the URL printed (and shown as a QR code) carries `?key=TOKEN`.
The first request with the right token (compared in constant time) is answered with a redirect to
the same address without it, setting an HttpOnly, SameSite=Strict cookie with a second secret;
from then on only the cookie is accepted. So the token never stays in the address bar or the
browser history, never appears in a URL of the page (static files, websocket), and no Referer
can carry it. Every refused request gets 403 with a plain sentence and is logged by method, path
and address: never the query string, never a token or cookie.
"""

from __future__ import annotations

import hmac
import logging
import re
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger
from aiohttp.typedefs import Middleware

log = logging.getLogger("achilles.serve")

TOKEN_PARAM = "key"
"""The query parameter of the printed URL that carries the token."""

COOKIE = "achilles_key"

REFUSED_TEXT = (
    "This coach only opens from the link that `achilles serve --lan` printed (or its QR code). "
    "Scan the code again, or ask whoever runs it for the link.\n"
)

_HOST_RE = re.compile(r"^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?$")
"""A well-formed Host header: a name, an IPv4 address or a bracketed IPv6 address, and a port."""

SECURITY_HEADERS = {
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def content_security_policy(host: str) -> str:
    """What the page may load: only this server, and its own websocket."""
    return "; ".join(
        (
            "default-src 'none'",
            "script-src 'self'",
            # xterm.js positions its layers with inline style attributes.
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            f"connect-src 'self' ws://{host}",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )


@dataclass(frozen=True, slots=True)
class Allow:
    """Let the request through."""


@dataclass(frozen=True, slots=True)
class Enter:
    """The right token: answer with a redirect to `location` (the token removed) and the cookie."""

    location: str


@dataclass(frozen=True, slots=True)
class Refuse:
    """403. `reason` is for the log and never contains a secret."""

    reason: str


Decision = Allow | Enter | Refuse


@dataclass(frozen=True, slots=True)
class Request:
    """What the guard looks at, taken from an HTTP request."""

    method: str
    host: str
    path: str
    query: tuple[tuple[str, str], ...]
    cookie: str | None
    origin: str | None
    websocket: bool


@dataclass(frozen=True)
class Guard:
    """The rules of one server run. `token` None: local mode (no secret, known Host names only)."""

    token: str | None
    allowed_hosts: frozenset[str] | None
    """Host headers accepted (name:port, lower case); None accepts any well-formed one."""
    cookie_secret: str = field(default_factory=lambda: secrets.token_urlsafe(32), repr=False)

    @classmethod
    def local(cls, port: int) -> Guard:
        names = ("127.0.0.1", "localhost", "[::1]")
        return cls(token=None, allowed_hosts=frozenset(f"{name}:{port}" for name in names))

    @classmethod
    def lan(cls, token: str | None = None) -> Guard:
        """With a fresh token (256 random bits) unless one is given."""
        return cls(token=token or secrets.token_urlsafe(32), allowed_hosts=None)

    def decide(self, request: Request) -> Decision:
        host = request.host.lower()
        if not _HOST_RE.match(host):
            return Refuse("a malformed Host header")
        if self.allowed_hosts is not None and host not in self.allowed_hosts:
            return Refuse(f"Host {host!r} is not this machine")
        if request.websocket and (request.origin or "").lower() != f"http://{host}":
            return Refuse("a websocket from another site (its Origin is not this page)")
        if self.token is None:
            return Allow()
        given = [value for name, value in request.query if name == TOKEN_PARAM]
        if given:
            if request.method != "GET" or request.websocket:
                return Refuse("a key on a request other than opening the page")
            if _same(given[-1], self.token):
                return Enter(_without_token(request.path, request.query))
            return Refuse("a wrong key in the link")
        if request.cookie is not None and _same(request.cookie, self.cookie_secret):
            return Allow()
        return Refuse("no key (neither the link's nor its cookie)")


def _same(given: str, secret: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8", "replace"), secret.encode("utf-8"))


def _without_token(path: str, query: tuple[tuple[str, str], ...]) -> str:
    from urllib.parse import urlencode

    kept = [(name, value) for name, value in query if name != TOKEN_PARAM]
    return path + (f"?{urlencode(kept)}" if kept else "")


def from_aiohttp(request: web.BaseRequest) -> Request:
    upgrade = request.headers.get("Upgrade", "").lower() == "websocket"
    return Request(
        method=request.method,
        host=request.headers.get("Host", ""),
        path=request.path,
        query=tuple(request.query.items()),
        cookie=request.cookies.get(COOKIE),
        origin=request.headers.get("Origin"),
        websocket=upgrade,
    )


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def middleware(guard: Guard) -> Middleware:
    """The aiohttp middleware: refuse, enter (redirect + cookie) or pass on; headers on all."""

    @web.middleware
    async def guarded(request: web.Request, handler: Handler) -> web.StreamResponse:
        decision = guard.decide(from_aiohttp(request))
        if isinstance(decision, Refuse):
            log.warning(
                "refused %s %s from %s: %s",
                request.method,
                request.path,
                request.remote,
                decision.reason,
            )
            response: web.StreamResponse = web.Response(status=403, text=REFUSED_TEXT)
        elif isinstance(decision, Enter):
            response = web.Response(status=303, headers={"Location": decision.location})
            response.set_cookie(COOKIE, guard.cookie_secret, httponly=True, samesite="Strict")
        else:
            response = await handler(request)
        if not response.prepared:  # a websocket has sent its headers already
            add_headers(response, request.headers.get("Host", ""))
        return response

    return guarded


def add_headers(response: web.StreamResponse, host: str) -> None:
    response.headers.update(SECURITY_HEADERS)
    response.headers["Content-Security-Policy"] = content_security_policy(host)
    if response.content_type in ("text/html", "text/plain") or response.status in (303, 403):
        response.headers["Cache-Control"] = "no-store"


class AccessLog(AbstractAccessLogger):
    """aiohttp's access log without the query string (where the token travels) or any header."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        self.logger.info(
            '%s "%s %s" %s %.0f ms',
            request.remote,
            request.method,
            request.path,
            response.status,
            time * 1000,
        )
