"""Where a phone can reach this machine: its IPv4 addresses on the local network, and the links.

Read from the network interfaces themselves (no packet is sent to find them).
"""

from __future__ import annotations

import ipaddress
import socket
import struct

SIOCGIFADDR = 0x8915
"""Linux ioctl: an interface's IPv4 address."""


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses other than loopback, private (home network) ones first."""
    found = _interface_addresses() or _hostname_addresses()
    unique = {a for a in found if not ipaddress.ip_address(a).is_loopback}
    return sorted(unique, key=lambda a: (not ipaddress.ip_address(a).is_private, a))


def _interface_addresses() -> list[str]:
    try:
        import fcntl
    except ImportError:  # not Linux or another Unix: fall back to the host name
        return []
    addresses = []
    for _, name in socket.if_nameindex():
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            request = struct.pack("256s", name.encode()[:15])
            try:
                answer = fcntl.ioctl(sock.fileno(), SIOCGIFADDR, request)
            except OSError:  # this interface has no IPv4 address
                continue
        addresses.append(socket.inet_ntoa(answer[20:24]))
    return addresses


def _hostname_addresses() -> list[str]:
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return []
    return [str(info[4][0]) for info in infos]


def link(host: str, port: int, token: str | None = None) -> str:
    """The address to open: `http://host:port/`, with `?key=TOKEN` in LAN mode."""
    from tui.web.guard import TOKEN_PARAM

    shown = f"[{host}]" if ":" in host else host
    query = f"?{TOKEN_PARAM}={token}" if token else ""
    return f"http://{shown}:{port}/{query}"
