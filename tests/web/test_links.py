"""The printed links and their QR code, the addresses offered, and the options each page gets."""

from __future__ import annotations

import argparse
import ipaddress
import re
from pathlib import Path

from tests.web.conftest import LINK, Served
from tui.cli.serve import app_options
from tui.web.addresses import lan_addresses, link
from tui.web.qr import modules, qr_lines, read_back


def test_the_qr_lines_draw_exactly_the_code_of_the_link() -> None:
    url = "http://192.168.1.20:8421/?key=abc_DEF-123"
    for colour in (False, True):
        lines = qr_lines(url, colour=colour)
        code = modules(url)
        assert read_back(lines)[: len(code)] == code
    assert all(
        line.startswith("\x1b[38;2;0;0;0;48;2;255;255;255m") for line in qr_lines(url, colour=True)
    )


def test_links() -> None:
    assert link("127.0.0.1", 8421) == "http://127.0.0.1:8421/"
    assert link("192.168.1.5", 80, "k") == "http://192.168.1.5:80/?key=k"
    assert link("fe80::1", 8421) == "http://[fe80::1]:8421/"


def test_lan_addresses_are_this_machines_and_never_loopback() -> None:
    for address in lan_addresses():
        assert not ipaddress.ip_address(address).is_loopback


def test_each_page_gets_the_same_options(tmp_path: Path) -> None:
    args = argparse.Namespace(program=None, no_voice=True, refuse_damaged=True, time_scale=20.0)
    assert app_options(args, tmp_path) == [
        "--data-dir", str(tmp_path.resolve()), "--no-voice", "--refuse-damaged",
        "--time-scale", "20.0",
    ]  # fmt: skip


def test_serve_lan_prints_its_link_and_the_qr_code_of_that_link(lan: Served) -> None:
    printed = [m for m in (LINK.search(line) for line in lan.lines) if m]
    assert printed and printed[0]["token"] == lan.token
    blocks = [line[2:].rstrip("\n") for line in lan.lines if re.fullmatch(r"  [ ▀▄█]+\n", line)]
    if not lan_addresses():  # no network here: no QR code, and it says so
        assert "no network address" in lan.output()
        return
    code = modules(printed[0].group(0))
    assert read_back(blocks)[: len(code)] == code
    assert "plain HTTP" in lan.output()
