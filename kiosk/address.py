"""A listening address written as host:port (`127.0.0.1:9464`, `[::1]:9464`, `localhost:9464`),
checked when the settings are read, so a bad one is one line naming the setting."""

from __future__ import annotations

import ipaddress
import re

# A host name as DNS allows it: dot-separated labels of letters, digits and inner dashes.
_HOST_NAME = re.compile(
    r"(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
)
_EXAMPLE = "like 127.0.0.1:9464"


def parse_listen(value: str) -> tuple[str, int]:
    """(host, port) from `host:port`; an IPv6 host is written in brackets (`[::1]:9464`) and
    comes back without them. Raises ValueError with a one-line reason."""
    if "/" in value:
        raise ValueError(f"must be host:port alone (no http:// and no path), {_EXAMPLE}")
    host, sep, port_text = value.rpartition(":")
    if not sep or not host:
        raise ValueError(f"must be host:port, {_EXAMPLE}")
    if not port_text.isascii() or not port_text.isdigit():
        raise ValueError(f"the port must be a number from 1 to 65535, {_EXAMPLE}")
    port = int(port_text)
    if not 1 <= port <= 65535:
        raise ValueError(f"the port must be a number from 1 to 65535, {_EXAMPLE}")
    if host.startswith("[") and host.endswith("]"):
        try:
            ipaddress.IPv6Address(host[1:-1])
        except ValueError:
            raise ValueError(f"{host} is not an IPv6 address, {_EXAMPLE}") from None
        return host[1:-1], port
    if ":" in host:
        raise ValueError(f"an IPv6 address goes in brackets, like [::1]:{port}")
    try:
        ipaddress.IPv4Address(host)
    except ValueError:
        if host.replace(".", "").isdigit() or not _HOST_NAME.fullmatch(host):
            raise ValueError(f"{host} is not an IP address or host name, {_EXAMPLE}") from None
    return host, port


def listen_problem(value: object) -> str | None:
    """The settings check of `metrics_listen`: None if it is empty (off) or a host:port."""
    if not isinstance(value, str) or "\n" in value or len(value) > 300:
        return f"must be one line host:port, {_EXAMPLE} (empty: no metrics)"
    if value == "":
        return None
    try:
        parse_listen(value)
    except ValueError as exc:
        return f"{exc} (empty: no metrics)"
    return None
