"""The categories file: each problem one line and that category left out, never a stop."""

from __future__ import annotations

from pathlib import Path

from kiosk import categories
from kiosk.categories import OTHER, load


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "categories.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_categories_load_with_names_in_every_language() -> None:
    table = categories.table()
    assert table.problems == ()
    assert table.ids()[-1] == OTHER  # listed last, shown only when it has topics
    assert {"head", "chest", "stomach", "legs"} <= set(table.ids())
    parts = {c.body for c in table.categories if c.body}
    assert parts == set(categories.BODY_PARTS)  # every part of the outline opens a group
    for category in table.categories:
        assert category.name("es") != category.name("en") or category.id == OTHER


def test_bad_tables_are_left_out_in_one_line_each(tmp_path: Path) -> None:
    table = load(
        _file(
            tmp_path,
            """
[legs]
icon = "legs"
body = "legs"
name = { en = "Legs", es = "Piernas" }

[Bad_Id]
icon = "legs"
name = { en = "Bad" }

[no-english]
icon = "legs"
name = { es = "Solo" }

[wrong-icon]
icon = "rocket"
name = { en = "Rockets" }

[wrong-part]
icon = "head"
body = "tail"
name = { en = "Tails" }

[again]
icon = "legs"
body = "legs"
name = { en = "Legs again" }

[typo]
icon = "head"
nmae = { en = "Typo" }
""",
        )
    )
    assert table.ids() == ("legs", "again", OTHER)
    assert table.get("again") is not None
    assert table.get("again").body == ""
    assert len(table.problems) == 6
    assert all("\n" not in line for line in table.problems)
    joined = " ".join(table.problems)
    for word in ("Bad_Id", "no English", "rocket", "tail", "already opens", "nmae"):
        assert word in joined
    assert table.get(OTHER) is not None  # built in when the file has none
    assert table.get("legs").name("fr") == "Legs"  # type: ignore[union-attr]


def test_a_missing_or_broken_file_groups_nothing_and_says_so(tmp_path: Path) -> None:
    for table in (load(tmp_path / "none.toml"), load(_file(tmp_path, "[legs\n"))):
        assert table.ids() == (OTHER,)
        assert len(table.problems) == 1
        assert "not grouped" in table.problems[0]


def test_a_topic_in_no_known_category_is_listed_under_other() -> None:
    table = categories.table()
    assert table.of(("legs", "stomach")) == ("legs", "stomach")
    assert table.of(("legz",)) == (OTHER,)
    assert table.of(()) == (OTHER,)
    assert table.for_part("legs") is not None
    assert table.for_part("legs").id == "legs"
