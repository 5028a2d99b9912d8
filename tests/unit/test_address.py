"""The metrics address setting: host:port written the ways people write it, and one line for
anything else."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.address import listen_problem, parse_listen
from kiosk.config import load_settings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("127.0.0.1:9464", ("127.0.0.1", 9464)),
        ("0.0.0.0:9464", ("0.0.0.0", 9464)),
        ("[::1]:9464", ("::1", 9464)),
        ("[::]:1", ("::", 1)),
        ("localhost:65535", ("localhost", 65535)),
        ("kiosk-3.clinic.example:9464", ("kiosk-3.clinic.example", 9464)),
    ],
)
def test_good_addresses(text: str, expected: tuple[str, int]) -> None:
    assert parse_listen(text) == expected
    assert listen_problem(text) is None


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("9464", "must be host:port"),
        (":9464", "must be host:port"),
        ("127.0.0.1", "must be host:port"),
        ("127.0.0.1:", "the port must be a number from 1 to 65535"),
        ("127.0.0.1:0", "the port must be a number from 1 to 65535"),
        ("127.0.0.1:65536", "the port must be a number from 1 to 65535"),
        ("127.0.0.1:http", "the port must be a number from 1 to 65535"),
        ("127.0.0.1:٩٤٦٤", "the port must be a number from 1 to 65535"),
        ("::1:9464", "an IPv6 address goes in brackets"),
        ("[fe80::zz]:9464", "is not an IPv6 address"),
        ("300.1.2.3:9464", "is not an IP address or host name"),
        ("my kiosk:9464", "is not an IP address or host name"),
        ("-kiosk:9464", "is not an IP address or host name"),
        ("http://127.0.0.1:9464", "no http:// and no path"),
        ("127.0.0.1:9464/metrics", "no http:// and no path"),
    ],
)
def test_bad_addresses_say_why_in_one_line(text: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        parse_listen(text)
    problem = listen_problem(text)
    assert problem is not None
    assert says in problem
    assert problem.endswith("(empty: no metrics)")
    assert "\n" not in problem


@pytest.mark.parametrize("value", [9464, True, None, ["127.0.0.1:9464"], "127.0.0.1:9464\n"])
def test_not_one_line_of_text(value: object) -> None:
    assert listen_problem(value) == (
        "must be one line host:port, like 127.0.0.1:9464 (empty: no metrics)"
    )


def test_empty_is_off_and_the_default() -> None:
    assert listen_problem("") is None
    settings, problems = load_settings(None)
    assert settings.metrics_listen == ""
    assert problems == []


def test_a_bad_setting_is_one_line_and_the_default(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text('metrics_listen = "127.0.0.1:99999"\nclinic_name = "Valley"\n')
    settings, problems = load_settings(path)
    assert problems == [
        f"{path}: metrics_listen: the port must be a number from 1 to 65535, like"
        " 127.0.0.1:9464 (empty: no metrics); using the default ''"
    ]
    assert settings.metrics_listen == ""
    assert settings.clinic_name == "Valley"
    path.write_text('metrics_listen = "127.0.0.1:9464"\n')
    assert load_settings(path) == (load_settings(path)[0], [])
    assert load_settings(path)[0].metrics_listen == "127.0.0.1:9464"
