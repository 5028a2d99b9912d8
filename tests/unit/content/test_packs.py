"""Signed content packs: keys, building, and every way a pack is refused (real Ed25519 keys,
real zip files changed as an attacker or a bad disk would change them)."""

from __future__ import annotations

import json
import stat
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from kiosk.cli import main
from kiosk.content.packs import (
    MANIFEST,
    SIGNATURE,
    PackError,
    load_private_key,
    load_public_key,
    pack_files,
    path_problem,
    verify_pack,
)
from tests.pack_samples import (
    file_entry,
    make_keys,
    make_pack,
    manifest_of,
    member,
    other_key,
    rewrite,
    shipped_copy,
    signed_manifest,
)


@pytest.fixture
def keys(tmp_path: Path) -> tuple[Path, Path]:
    return make_keys(tmp_path / "keys")


@pytest.fixture
def pack(tmp_path: Path, keys: tuple[Path, Path]) -> Path:
    return make_pack(shipped_copy(tmp_path / "topics"), keys[0], tmp_path / "t.kpack", 7)


def refused(pack: Path, public: Path, max_bytes: int = 100 * 1024 * 1024) -> str:
    with pytest.raises(PackError) as caught:
        verify_pack(pack, load_public_key(public), max_bytes)
    text = str(caught.value)
    assert "\n" not in text
    return text


def test_keygen_writes_a_private_key_only_its_owner_reads_and_never_overwrites(
    tmp_path: Path,
) -> None:
    private, public = make_keys(tmp_path / "k")
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert b"PRIVATE KEY" in private.read_bytes()
    assert b"PUBLIC KEY" in public.read_bytes()
    load_private_key(private)
    load_public_key(public)
    before = private.read_bytes()
    with pytest.raises(PackError, match="never overwritten"):
        make_keys(tmp_path / "k")
    assert private.read_bytes() == before


def test_a_built_pack_verifies_and_lists_every_topic_and_drawing(
    pack: Path, keys: tuple[Path, Path]
) -> None:
    manifest = verify_pack(pack, load_public_key(keys[1]))
    assert manifest.version == 7
    paths = {f.path for f in manifest.files}
    shipped = {p for p, _ in pack_files(shipped_copy(pack.parent / "again"))[0]}
    assert paths == shipped
    assert "en/ibs-leg-pain.toml" in paths
    assert "figures/calf-stretch.svg" in paths
    assert manifest.topic_count == 6


def test_cli_keygen_build_verify(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pack", "keygen", "-o", str(tmp_path / "keys")]) == 0
    key, pub = tmp_path / "keys/pack-signing.key", tmp_path / "keys/pack-signing.pub"
    topics = shipped_copy(tmp_path / "topics")
    (topics / "notes.txt").write_text("not content")
    out = tmp_path / "c.kpack"
    args = ["pack", "build", str(topics), "--key", str(key), "-o", str(out)]
    assert main([*args, "--pack-version", "42"]) == 0
    captured = capsys.readouterr()
    assert "pack version 42" in captured.out
    assert "6 topics (en, es, zh)" in captured.out
    assert "left out notes.txt" in captured.err
    assert main(["pack", "verify", str(out), "--public-key", str(pub)]) == 0
    assert "good: pack version 42" in capsys.readouterr().out
    wrong = other_key(tmp_path / "other")
    assert main(["pack", "verify", str(out), "--public-key", str(wrong)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "signature does not match" in err


def test_build_refuses_a_folder_with_a_broken_topic(
    tmp_path: Path, keys: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    topics = shipped_copy(tmp_path / "topics")
    (topics / "en" / "broken.toml").write_text("id = [unclosed\n")
    out = tmp_path / "c.kpack"
    assert main(["pack", "build", str(topics), "--key", str(keys[0]), "-o", str(out)]) == 1
    assert "nothing was packed" in capsys.readouterr().err
    assert not out.exists()


def test_build_refuses_links(tmp_path: Path, keys: tuple[Path, Path]) -> None:
    topics = shipped_copy(tmp_path / "topics")
    (topics / "en" / "link.toml").symlink_to(topics / "en" / "ibs-leg-pain.toml")
    with pytest.raises(PackError, match="is a link"):
        make_pack(topics, keys[0], tmp_path / "c.kpack", 1)


def test_a_pack_signed_by_another_key_is_refused(pack: Path, tmp_path: Path) -> None:
    assert "signature does not match" in refused(pack, other_key(tmp_path / "other"))


def test_one_changed_byte_in_a_topic_is_refused(
    pack: Path, keys: tuple[Path, Path], tmp_path: Path
) -> None:
    with zipfile.ZipFile(pack) as archive:
        data = bytearray(archive.read(member("en/ibs-leg-pain.toml")))
    data[100] ^= 0x01
    bad = rewrite(pack, tmp_path / "bad.kpack", files={member("en/ibs-leg-pain.toml"): bytes(data)})
    assert "en/ibs-leg-pain.toml does not match its signed checksum" in refused(bad, keys[1])


def test_a_changed_manifest_breaks_the_signature(
    pack: Path, keys: tuple[Path, Path], tmp_path: Path
) -> None:
    data = manifest_of(pack)
    data["version"] = 99  # a newer number on an old pack, to win the version check
    bad = rewrite(pack, tmp_path / "bad.kpack", manifest=json.dumps(data).encode())
    assert "signature does not match" in refused(bad, keys[1])


def test_a_truncated_pack_is_refused(pack: Path, keys: tuple[Path, Path], tmp_path: Path) -> None:
    raw = pack.read_bytes()
    for cut in (len(raw) // 2, len(raw) - 10, 100):
        short = tmp_path / f"short-{cut}.kpack"
        short.write_bytes(raw[:cut])
        assert "damaged or cut short" in refused(short, keys[1])


def test_files_not_listed_or_missing_are_refused(
    pack: Path, keys: tuple[Path, Path], tmp_path: Path
) -> None:
    extra = rewrite(pack, tmp_path / "extra.kpack", files={member("en/evil.toml"): b'id = "x"'})
    assert "not in its signed manifest" in refused(extra, keys[1])
    gone = rewrite(pack, tmp_path / "gone.kpack", files={member("en/ibs-leg-pain.toml"): None})
    assert "missing from the pack" in refused(gone, keys[1])
    no_sig = rewrite(pack, tmp_path / "nosig.kpack", files={SIGNATURE: None})
    assert "no manifest.sig" in refused(no_sig, keys[1])


@pytest.mark.parametrize(
    "name", ["../evil.toml", "/etc/evil.toml", "en/../../evil.toml", "en\\evil.toml", "C:/x.toml"]
)
def test_a_path_that_leaves_the_pack_is_refused_even_when_signed(
    pack: Path, keys: tuple[Path, Path], tmp_path: Path, name: str
) -> None:
    """Signed by the right key, still refused: the signature is not what keeps files in."""
    data = b'id = "evil"\n'
    manifest, signature = signed_manifest(
        keys[0], {"format": 1, "version": 8, "built": "2026-12-01T12:00:00+00:00",
                  "files": {name: file_entry(data)}}
    )  # fmt: skip
    bad = tmp_path / "evil.kpack"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr(MANIFEST, manifest)
        archive.writestr(SIGNATURE, signature)
        archive.writestr(member(name), data)
    assert "not a plain relative path" in refused(bad, keys[1])
    assert path_problem(name)


def test_a_link_in_the_zip_is_refused(pack: Path, keys: tuple[Path, Path], tmp_path: Path) -> None:
    name = member("en/ibs-leg-pain.toml")
    with zipfile.ZipFile(pack) as archive:
        data = archive.read(name)
    bad = rewrite(
        pack, tmp_path / "link.kpack", files={name: data}, modes={name: stat.S_IFLNK | 0o777}
    )
    assert "is a link or special file" in refused(bad, keys[1])


def test_a_pack_over_the_size_limit_is_refused(pack: Path, keys: tuple[Path, Path]) -> None:
    assert "over the limit" in refused(pack, keys[1], max_bytes=10 * 1024)


def test_a_file_larger_inside_than_the_zip_header_says_is_refused(
    pack: Path, keys: tuple[Path, Path], tmp_path: Path
) -> None:
    """A zip bomb's trick: the header says small, the data inflates to more. The manifest's
    size is checked against the header, and the bytes against both as they are read."""
    name = member("en/ibs-leg-pain.toml")
    with zipfile.ZipFile(pack) as archive:
        data = archive.read(name)
    bigger = rewrite(pack, tmp_path / "big.kpack", files={name: data + b"\n# more" * 1000})
    assert "does not match its signed size" in refused(bigger, keys[1])


def test_keys_of_the_wrong_kind_are_one_line(tmp_path: Path) -> None:
    not_key = tmp_path / "x.pub"
    not_key.write_text("hello")
    with pytest.raises(PackError, match="is not a PEM public key"):
        load_public_key(not_key)
    with pytest.raises(PackError, match="no public key at"):
        load_public_key(tmp_path / "missing.pub")
    other = ec.generate_private_key(ec.SECP256R1()).public_key()
    ec_file = tmp_path / "ec.pub"
    ec_file.write_bytes(
        other.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    with pytest.raises(PackError, match="is not an Ed25519 public key"):
        load_public_key(ec_file)


def test_a_zip_that_is_not_a_pack_is_refused(keys: tuple[Path, Path], tmp_path: Path) -> None:
    plain = tmp_path / "plain.kpack"
    with zipfile.ZipFile(plain, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert "not a signed content pack" in refused(plain, keys[1])
    garbage = tmp_path / "garbage.kpack"
    garbage.write_bytes(b"<html>Not found</html>")
    assert "damaged or cut short" in refused(garbage, keys[1])
