"""The guard of `achilles serve`: its pure rules, then the real server answering real requests.

The HTTP tests talk to a real `achilles serve` subprocess on 127.0.0.1 with aiohttp's client.
"""

from __future__ import annotations

import re
from pathlib import Path

import aiohttp

from tests.web.conftest import Served
from tui.web.guard import COOKIE, Allow, Enter, Guard, Refuse, Request

# --- the rules, as pure code -------------------------------------------------------------------


def request(
    *,
    host: str = "127.0.0.1:8421",
    path: str = "/",
    query: tuple[tuple[str, str], ...] = (),
    cookie: str | None = None,
    origin: str | None = None,
    websocket: bool = False,
    method: str = "GET",
) -> Request:
    return Request(method, host, path, query, cookie, origin, websocket)


def test_local_mode_needs_no_key_but_a_host_name_of_this_machine() -> None:
    guard = Guard.local(8421)
    for host in ("127.0.0.1:8421", "localhost:8421", "LOCALHOST:8421", "[::1]:8421"):
        assert guard.decide(request(host=host)) == Allow()
    for host in ("evil.example:8421", "127.0.0.1:9999", "127.0.0.1", "", "a b", "x\r\n:1"):
        assert isinstance(guard.decide(request(host=host)), Refuse), host


def test_a_websocket_must_come_from_the_page_itself() -> None:
    guard = Guard.local(8421)
    ours = request(websocket=True, origin="http://127.0.0.1:8421")
    assert guard.decide(ours) == Allow()
    for origin in (None, "http://evil.example", "http://127.0.0.1:8421.evil.example", "null"):
        refused = guard.decide(request(websocket=True, origin=origin))
        assert isinstance(refused, Refuse), origin


def test_lan_mode_lets_the_key_in_once_then_only_the_cookie() -> None:
    guard = Guard.lan("the-right-key")
    host = "192.168.1.5:8421"
    entered = guard.decide(request(host=host, query=(("key", "the-right-key"), ("fontsize", "20"))))
    assert entered == Enter("/?fontsize=20")
    assert guard.decide(request(host=host, cookie=guard.cookie_secret)) == Allow()
    for refused in (
        request(host=host),
        request(host=host, query=(("key", "the-wrong-key"),)),
        request(host=host, query=(("key", ""),)),
        request(host=host, query=(("key", "the-right-key"),), method="POST"),
        request(host=host, cookie="the-right-key"),  # the link's key is not the cookie
        request(host=host, cookie=guard.cookie_secret + "x"),
        request(host=host, cookie=guard.cookie_secret, websocket=True, origin="http://evil"),
        # The key is never accepted on the websocket itself: only the page's cookie is.
        request(
            host=host, query=(("key", "the-right-key"),), websocket=True, origin=f"http://{host}"
        ),
    ):
        decision = guard.decide(refused)
        assert isinstance(decision, Refuse), refused
        assert "the-right-key" not in decision.reason and guard.cookie_secret not in decision.reason


def test_each_lan_run_makes_a_new_long_key() -> None:
    keys = {Guard.lan().token for _ in range(20)}
    assert len(keys) == 20
    assert all(key is not None and len(key) >= 43 for key in keys)  # 32 random bytes
    assert Guard.lan().cookie_secret != Guard.lan().cookie_secret


# --- the real server ---------------------------------------------------------------------------


async def get(
    url: str, *, cookies: dict[str, str] | None = None, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], str]:
    async with (
        aiohttp.ClientSession(cookies=cookies) as session,
        session.get(url, headers=headers, allow_redirects=False) as answer,
    ):
        return answer.status, dict(answer.headers), await answer.text()


async def websocket_status(url: str, *, origin: str, cookies: dict[str, str] | None) -> int:
    async with aiohttp.ClientSession(cookies=cookies) as session:
        try:
            async with session.ws_connect(url, headers={"Origin": origin}) as ws:
                await ws.close()
                return 101
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status


async def test_without_the_key_every_request_gets_403_and_is_logged(lan: Served) -> None:
    for path in ("/", "/static/js/textual.js", "/coach/coach.js", "/download/x", "/nothing"):
        status, headers, text = await get(lan.base + path)
        assert status == 403, path
        assert "only opens from the link" in text
        assert headers["Cache-Control"] == "no-store"
    status, _, _ = await get(lan.base + "/?key=not-the-key")
    assert status == 403
    ws = f"ws://127.0.0.1:{lan.port}/ws"
    assert await websocket_status(ws, origin=lan.base, cookies=None) == 403
    log = lan.log()
    assert "refused GET /static/js/textual.js from 127.0.0.1: no key" in log
    assert "refused GET / from 127.0.0.1: a wrong key in the link" in log
    assert "refused GET /ws from 127.0.0.1" in log
    assert "not-the-key" not in log


async def test_the_key_becomes_a_strict_cookie_and_leaves_the_url(lan: Served) -> None:
    assert lan.token is not None
    status, headers, _ = await get(lan.link + "&fontsize=20")
    assert status == 303
    assert headers["Location"] == "/?fontsize=20"
    cookie = headers["Set-Cookie"]
    assert re.search(r"HttpOnly", cookie, re.I) and re.search(r"SameSite=Strict", cookie, re.I)
    secret = re.match(rf"{COOKIE}=([^;]+)", cookie)
    assert secret is not None and secret.group(1) != lan.token

    jar = {COOKIE: secret.group(1)}
    status, headers, page = await get(lan.base + "/", cookies=jar)
    assert status == 200
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert lan.token not in page
    assert f'data-session-websocket-url="ws://127.0.0.1:{lan.port}/ws"' in page
    # Nothing is loaded from elsewhere (textual-serve's own page asks Google for a font).
    assert not re.search(r"(src|href)=\"(https?:)?//", page)
    status, _, _ = await get(lan.base + "/static/js/textual.js", cookies=jar)
    assert status == 200
    status, _, _ = await get(lan.base + "/static/", cookies=jar)
    assert status in (403, 404)  # no folder listings
    # The cookie alone does not open the websocket for another site's page.
    ws = f"ws://127.0.0.1:{lan.port}/ws"
    assert await websocket_status(ws, origin="http://evil.example", cookies=jar) == 403
    log = lan.log()
    assert lan.token not in log and secret.group(1) not in log
    assert '"GET /" 303' in log  # the access log: path only, never the query string


async def test_local_mode_refuses_other_host_names(local: Served) -> None:
    status, headers, _ = await get(local.base + "/")
    assert status == 200
    assert headers["Referrer-Policy"] == "no-referrer"
    status, _, _ = await get(local.base + "/", headers={"Host": f"rebound.example:{local.port}"})
    assert status == 403
    assert "Host 'rebound.example:" in local.log()
    ws = f"ws://127.0.0.1:{local.port}/ws"
    assert await websocket_status(ws, origin="http://rebound.example", cookies=None) == 403


def test_serve_says_plainly_when_the_port_is_taken(tmp_path: Path) -> None:
    import socket

    from tests.cli import achilles

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = achilles("--data-dir", tmp_path, "serve", "--port", str(port))
    assert result.returncode == 1
    assert f"cannot listen on port {port}" in result.stderr and "--port" in result.stderr
