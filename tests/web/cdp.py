"""A real headless Chromium driven over the DevTools protocol (CDP), for the browser tests.

Why raw CDP: it needs only Debian's `chromium` and aiohttp (already here through textual-serve);
it sees the page's own websocket frames (so a test reads the terminal the browser was sent, by
replaying them into a pyte screen), dispatches real mouse and key events, sets the phone's
viewport and takes screenshots. Playwright would bring a Node driver of ~100 MB and selenium a
second browser package (chromium-driver), for nothing more here.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import json
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import aiohttp
import pyte

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--remote-debugging-port=0",
)


def chromium_missing() -> str | None:
    """Why the browser tests cannot run here (None: they can)."""
    if shutil.which("chromium") is None:
        return "Debian's chromium is not installed (apt-get install chromium; .ci/run does)"
    return None


@dataclass
class Terminal:
    """The terminal the page shows, rebuilt from the websocket frames the browser received."""

    screen: pyte.Screen = field(default_factory=lambda: pyte.Screen(80, 24))
    stream: pyte.ByteStream = field(init=False)

    def __post_init__(self) -> None:
        self.stream = pyte.ByteStream(self.screen)

    def resize(self, columns: int, lines: int) -> None:
        self.screen.resize(lines, columns)

    def feed(self, data: bytes) -> None:
        self.stream.feed(data)

    @property
    def size(self) -> tuple[int, int]:
        return self.screen.columns, self.screen.lines

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def find(self, pattern: str) -> tuple[int, int] | None:
        """(column, row) of the first match of the regular expression, row by row."""
        for row, line in enumerate(self.screen.display):
            match = re.search(pattern, line)
            if match:
                return match.start(), row
        return None


class Page:
    """One browser tab, over its own CDP websocket."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.terminal = Terminal()
        self.handshakes: list[dict[str, Any]] = []
        self.console: list[str] = []
        self.scale = 1
        self._ids = itertools.count(1)
        self._pending: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._reader = asyncio.create_task(self._read())

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        n = next(self._ids)
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._pending[n] = future
        await self.ws.send_json({"id": n, "method": method, "params": params})
        answer = await asyncio.wait_for(future, 30)
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        result: dict[str, Any] = answer.get("result", {})
        return result

    async def _read(self) -> None:
        async for message in self.ws:
            data = json.loads(message.data)
            if "id" in data:
                future = self._pending.pop(data["id"], None)
                if future is not None and not future.done():
                    future.set_result(data)
            else:
                self._event(data.get("method", ""), data.get("params", {}))

    def _event(self, method: str, params: dict[str, Any]) -> None:
        if method == "Network.webSocketCreated":
            query = parse_qs(urlparse(params["url"]).query)
            self.terminal.resize(int(query["width"][0]), int(query["height"][0]))
        elif method == "Network.webSocketWillSendHandshakeRequest":
            self.handshakes.append(params["request"]["headers"])
        elif method == "Network.webSocketFrameReceived":
            frame = params["response"]
            if frame["opcode"] == 2:
                self.terminal.feed(base64.b64decode(frame["payloadData"]))
        elif method == "Network.webSocketFrameSent":
            sent = params["response"]["payloadData"]
            if sent.startswith('["resize"'):
                size = json.loads(sent)[1]
                self.terminal.resize(size["width"], size["height"])
        elif method == "Runtime.consoleAPICalled":
            self.console.append(" ".join(str(a.get("value", "")) for a in params["args"]))
        elif method == "Log.entryAdded":
            self.console.append(params["entry"]["text"])

    async def start(self, width: int, height: int, *, mobile: bool) -> None:
        for domain in ("Network", "Page", "Runtime", "Log"):
            await self.call(f"{domain}.enable")
        await self.viewport(width, height, mobile=mobile)

    async def viewport(self, width: int, height: int, *, mobile: bool) -> None:
        await self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=self.scale if mobile else 1,
            mobile=mobile,
        )
        if mobile:
            await self.call("Emulation.setTouchEmulationEnabled", enabled=True, maxTouchPoints=5)

    async def goto(self, url: str) -> None:
        await self.call("Page.navigate", url=url)

    async def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (promises are awaited)."""
        result = await self.call(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        return result["result"].get("value")

    async def wait_for(
        self, what: Callable[[], bool], timeout: float, describe: str = "the page"
    ) -> None:
        deadline = time.monotonic() + timeout
        while not what():
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"timed out after {timeout} s waiting for {describe}; the page shows:\n"
                    + self.terminal.text()
                )
            await asyncio.sleep(0.05)

    async def wait_text(self, pattern: str, timeout: float = 20.0) -> tuple[int, int]:
        await self.wait_for(lambda: self.terminal.find(pattern) is not None, timeout, repr(pattern))
        found = self.terminal.find(pattern)
        assert found is not None
        return found

    async def cell_centre(self, column: int, row: int) -> tuple[float, float]:
        """Where on the page (CSS pixels) the middle of a terminal cell is."""
        rect = await self.evaluate(
            "(() => { const r = document.querySelector('.xterm-screen')"
            ".getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })()"
        )
        x, y, width, height = rect
        columns, lines = self.terminal.size
        return x + (column + 0.5) * width / columns, y + (row + 0.5) * height / lines

    async def tap(self, column: int, row: int) -> None:
        """A finger tap on a terminal cell (touch events, as on a phone)."""
        x, y = await self.cell_centre(column, row)
        point = [{"x": x, "y": y}]
        await self.call("Input.dispatchTouchEvent", type="touchStart", touchPoints=point)
        await self.call("Input.dispatchTouchEvent", type="touchEnd", touchPoints=[])

    async def click(self, column: int, row: int) -> None:
        """A mouse click on a terminal cell."""
        x, y = await self.cell_centre(column, row)
        for kind in ("mousePressed", "mouseReleased"):
            await self.call(
                "Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1
            )

    async def key(self, key: str, code: str, vk: int, text: str = "") -> None:
        """A real key press on the focused page (the terminal's hidden text area)."""
        down: dict[str, Any] = {"key": key, "code": code, "windowsVirtualKeyCode": vk}
        await self.call("Input.dispatchKeyEvent", type="keyDown", text=text, **down)
        await self.call("Input.dispatchKeyEvent", type="keyUp", **down)

    async def screenshot(self, path: Path) -> Path:
        shot = await self.call("Page.captureScreenshot", format="png")
        path.write_bytes(base64.b64decode(shot["data"]))
        return path

    async def close(self) -> None:
        self._reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._reader
        await self.ws.close()


class Browser:
    """A headless Chromium with a fresh profile, on a DevTools port of its own choosing."""

    def __init__(self, process: subprocess.Popen[str], devtools: str, profile: str) -> None:
        self.process = process
        self.devtools = devtools
        self.profile = profile
        self.session = aiohttp.ClientSession()
        self.pages: list[Page] = []

    @classmethod
    @contextlib.asynccontextmanager
    async def launch(cls) -> AsyncIterator[Browser]:
        profile = tempfile.mkdtemp(prefix="achilles-chromium-")
        process = subprocess.Popen(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        browser: Browser | None = None
        try:
            devtools = await asyncio.to_thread(_devtools_address, process)
            browser = cls(process, devtools, profile)
            yield browser
        finally:
            if browser is not None:
                for page in browser.pages:
                    await page.close()
                await browser.session.close()
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            shutil.rmtree(profile, ignore_errors=True)

    async def new_page(self, width: int, height: int, *, mobile: bool) -> Page:
        async with self.session.put(f"http://{self.devtools}/json/new?about:blank") as answer:
            target = await answer.json()
        ws = await self.session.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0)
        page = Page(ws)
        self.pages.append(page)
        await page.start(width, height, mobile=mobile)
        return page


def _devtools_address(process: subprocess.Popen[str]) -> str:
    """host:port from Chromium's "DevTools listening on ws://HOST:PORT/..." line on stderr."""
    assert process.stderr is not None
    seen = []
    for line in process.stderr:
        seen.append(line)
        match = re.search(r"DevTools listening on ws://([^/]+)/", line)
        if match:
            # Keep reading its stderr, or Chromium blocks once the pipe is full.
            threading.Thread(target=process.stderr.read, daemon=True).start()
            return match.group(1)
    raise RuntimeError("chromium exited before it listened:\n" + "".join(seen[-20:]))
