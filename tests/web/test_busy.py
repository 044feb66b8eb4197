"""Only one writer: a page opened while `achilles` records elsewhere says so in words.

Through the real server's websocket (as textual.js speaks it), read into a terminal emulator.
"""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import aiohttp

from store import Store
from tests.web.cdp import Terminal
from tests.web.conftest import Served
from tui.web.busy import busy_reason


async def read_page(
    served: Served, until: str, *, timeout: float = 30.0
) -> tuple[Terminal, list[object]]:
    """Open the websocket as the page does; the terminal once `until` shows, and text frames."""
    terminal = Terminal()
    terminal.resize(80, 24)
    texts: list[object] = []
    url = f"ws://127.0.0.1:{served.port}/ws?width=80&height=24"
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(url, headers={"Origin": served.base}) as ws,
    ):
        await ws.send_str(json.dumps(["resize", {"width": 80, "height": 24}]))
        deadline = time.monotonic() + timeout
        while until not in terminal.text() or (until == "open_url" and not texts):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"no {until!r} in time; the page shows:\n{terminal.text()}")
            try:
                message = await ws.receive(timeout=remaining)
            except TimeoutError:
                continue
            if message.type == aiohttp.WSMsgType.BINARY:
                terminal.feed(message.data)
            elif message.type == aiohttp.WSMsgType.TEXT:
                texts.append(json.loads(message.data))
                if until == "open_url" and json.loads(message.data)[0] == "open_url":
                    break
            else:
                break
    return terminal, texts


async def test_a_page_says_in_words_when_an_achilles_in_a_terminal_records(
    local: Served,
) -> None:
    store = Store.open(local.data_dir, write=True)  # as an `achilles` in a terminal would
    try:
        terminal, _ = await read_page(local, "Already running")
        text = " ".join(terminal.text().split())
        assert "already running in another terminal" in text
        assert "opens the coach by itself" in text
    finally:
        store.close()


async def test_the_notice_opens_the_coach_once_the_other_one_is_closed(local: Served) -> None:
    store = Store.open(local.data_dir, write=True)

    async def close_soon() -> None:
        await asyncio.sleep(1.0)
        store.close()

    closing = asyncio.create_task(close_soon())
    try:
        _, texts = await read_page(local, "open_url", timeout=20)
    finally:
        await closing
    opened = [t for t in texts if isinstance(t, list) and t[0] == "open_url"]
    assert opened == [["open_url", {"url": "/", "new_tab": False}]]


def test_busy_reason_is_none_for_a_new_or_free_folder(tmp_path: Path) -> None:
    assert busy_reason(tmp_path / "never-made") is None
    with Store.open(tmp_path, write=True):
        pass
    assert busy_reason(tmp_path) is None
