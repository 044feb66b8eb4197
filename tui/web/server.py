"""The server behind `achilles serve`: textual-serve's aiohttp app, guarded, one recorder at once.

Each browser page opens a websocket and gets its own app process (textual-serve's AppService runs
`python -m tui.web.child ...`), on this machine, so the voice plays here. Only the first page
runs the coach; while it is open every other page gets the notice app, which says in words that
the coach is already open, and reloads the page by itself once it is free (the store's lock does
the same for an `achilles` in a terminal). Our own page template loads nothing from elsewhere.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shlex
import signal
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from tui.web.guard import AccessLog, Guard, middleware

log = logging.getLogger("achilles.serve")

HERE = Path(__file__).resolve().parent
MAX_PAGES = 4
"""App processes at once (each is a whole app, ~60 MB): more pages get 503."""
FONT_SIZES = (8, 48)


class CoachServer(Server):
    """textual-serve's Server with the guard, our page, and a single recording session."""

    def __init__(self, app_args: list[str], *, guard: Guard, host: str, port: int) -> None:
        super().__init__(command="", host=host, port=port, title="achilles-coach")
        self.app_args = app_args
        self.guard = guard
        self.templates_path = HERE / "templates"
        self.recording: AppService | None = None
        """The page whose app process may record (None: nobody has the coach open)."""
        self.pages: set[AppService] = set()

    def page_command(self, *, busy: bool) -> str:
        """The shell command for one page's app process (textual-serve runs it with a shell)."""
        child = [sys.executable, "-m", "tui.web.child", *(["--busy"] if busy else [])]
        return shlex.join([*child, "--", *self.app_args])

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[middleware(self.guard)])
        loader = jinja2.FileSystemLoader(self.templates_path)
        aiohttp_jinja2.setup(app, loader=loader, autoescape=True)
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, name="static"),
                web.static("/coach", HERE / "static", name="coach"),
            ]
        )
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def handle_index(self, request: web.Request) -> web.Response:
        low, high = FONT_SIZES
        size = min(high, max(low, to_int(request.query.get("fontsize", "16"), 16)))
        context: dict[str, Any] = {
            "font_size": size,
            # The Host header passed the guard (well-formed; in local mode, this machine).
            "websocket_url": f"ws://{request.host}/ws",
        }
        return aiohttp_jinja2.render_template("index.html", request, context)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if len(self.pages) >= MAX_PAGES:
            log.warning("refused a page from %s: %d pages are open", request.remote, MAX_PAGES)
            raise web.HTTPServiceUnavailable(text="Too many pages are open on this coach.\n")
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        busy = self.recording is not None

        async def close() -> None:
            await websocket.close()

        service = AppService(
            self.page_command(busy=busy),
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=close,
            download_manager=self.download_manager,
            debug=self.debug,
        )
        self.pages.add(service)
        if not busy:
            self.recording = service
        log.info("a page opened from %s%s", request.remote, " (busy: notice)" if busy else "")
        try:
            await websocket.prepare(request)
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception:
            log.exception("the page from %s failed", request.remote)
        finally:
            await service.stop()
            self.pages.discard(service)
            if self.recording is service:
                self.recording = None
            log.info("a page closed from %s", request.remote)
        return websocket

    async def on_shutdown(self, app: web.Application) -> None:
        """Stop every app process: each keeps its finished sets, as after Ctrl+C."""
        await asyncio.gather(*(page.stop() for page in list(self.pages)), return_exceptions=True)

    async def on_startup(self, app: web.Application) -> None:
        """textual-serve prints its logo here; we print the links once the port is bound."""


async def run(server: CoachServer, sock: socket.socket, *, ready: Callable[[], None]) -> None:
    """Serve on the bound `sock` until SIGINT or SIGTERM; `ready()` once requests are answered."""
    app = await server._make_app()
    runner = web.AppRunner(app, handle_signals=False, access_log_class=AccessLog)
    await runner.setup()
    try:
        await web.SockSite(runner, sock).start()
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(signum, stop.set)
        ready()
        await stop.wait()
    finally:
        await runner.cleanup()
