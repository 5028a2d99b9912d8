"""Simplified Chinese for real: the page as a PDF (one page, in Noto Sans CJK SC, its text read
back as written), printed through CUPS, and read aloud by the real espeak-ng in Mandarin."""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import time
import wave
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtMultimedia import QMediaPlayer
from pytestqt.qtbot import QtBot

from kiosk import labels, languages, paths
from kiosk.config import Settings
from kiosk.content import Tier, Topic, load_topics
from kiosk.narration.narrator import Narrator, State
from kiosk.narration.script import flatten, reading_blocks
from tests.conftest import run_main
from tests.gui.conftest import MakeKiosk
from tests.integration.test_handout_pdf import pdf_pages, qr_codes
from tests.integration.test_printing import queue, wait_for_pdf

TOPIC_IDS = ("ibs-leg-pain", "diarrhea-leg-pain")
CALM = Settings(idle_timeout_s=600.0, countdown_s=30.0)


def chinese(topic_id: str) -> Topic:
    topic = load_topics(paths.TOPICS).find(topic_id, "zh")
    assert topic is not None
    return topic


def raw_text(pdf: Path) -> str:
    """The PDF's text exactly as its map of characters gives it (no normalising)."""
    done = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


def unspaced(text: str) -> str:
    """Chinese wraps between any two characters: the text with no line breaks or spaces."""
    return "".join(text.split())


def fonts_of(pdf: Path) -> str:
    return subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout


def assert_chinese_page(pdf: Path, topic: Topic, tmp_path: Path) -> None:
    """One page with every word of the topic's page in Chinese, drawn in the Simplified Chinese
    face, readable back as the characters written, and the QR code to its page to learn more."""
    assert pdf_pages(pdf) == 1
    raw = raw_text(pdf)
    # 人 must read back as 人, not as the Kangxi radical ⼈ its glyph is shared with.
    assert [ch for ch in raw if 0x2E80 <= ord(ch) <= 0x2FDF] == []
    text = unspaced(raw)
    assert unspaced(topic.title) in text
    for step in topic.self_care:
        assert unspaced(step) in text, step
    for tier in Tier:
        assert unspaced(labels.tier_name(tier, "zh")) in text
        for sign in topic.signs(tier):
            assert unspaced(sign) in text, sign
    for words in ("在家可以做的事", "什么时候需要就医", "简体中文", "2026年12月1日"):
        assert words in text
    used = fonts_of(pdf)
    assert "NotoSansCJKsc" in used
    assert not re.search(r"NotoSansCJK(jp|kr|tc|hk)", used), used
    assert qr_codes(pdf, tmp_path) == [topic.learn_more]


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("topic_id", TOPIC_IDS)
def test_the_chinese_handout_is_one_page_of_simplified_chinese(
    tmp_path: Path, topic_id: str, paper: str
) -> None:
    pdf = tmp_path / "handout.pdf"
    done = run_main("handout", topic_id, "--lang", "zh", "--paper", paper, "-o", str(pdf))
    assert done.returncode == 0, done.stderr
    assert_chinese_page(pdf, chinese(topic_id), tmp_path)


def test_a_chinese_page_printed_through_cups_comes_out_right(
    make_kiosk: MakeKiosk, qtbot: QtBot, tmp_path: Path
) -> None:
    kiosk = make_kiosk(Settings(printer=queue("KIOSK_TEST_PRINTER"), default_language="zh"))
    out = Path(queue("KIOSK_TEST_PDF_DIR"))
    kiosk.visits.start()
    kiosk.reading.open_topic("diarrhea-leg-pain")
    topic = kiosk.window.topic.topic
    assert topic is not None
    assert topic.lang == "zh"
    qtbot.mouseClick(kiosk.window.topic.print_button, Qt.MouseButton.LeftButton)
    screen = kiosk.window.handout
    assert screen.print_button.text() == "打印这一页"
    started = time.time() - 1
    with qtbot.wait_signal(kiosk.printing.printed, timeout=20_000) as printed:
        qtbot.mouseClick(screen.print_button, Qt.MouseButton.LeftButton)
    assert screen.status.text() == "正在打印。请到前台去取。"
    pdf = wait_for_pdf(out, started, printed.args[0])
    assert_chinese_page(pdf, topic, tmp_path)


# -- read aloud -------------------------------------------------------------------------------


def test_the_chinese_voice_reads_every_character_in_mandarin() -> None:
    """espeak-ng's plain Mandarin voice reads some everyday characters (马 打 发 们) as English
    words; the table's first choice reads every character of the shipped topics in Mandarin
    (only Latin letters, such as IBS, may switch to English)."""
    language = languages.get("zh")
    assert language is not None
    voice = language.voices[0]
    assert voice == "sit/cmn-latn-pinyin"
    listed = subprocess.run(
        ["espeak-ng", "--voices=cmn"], capture_output=True, text=True, check=True
    ).stdout.lower()
    assert voice in listed
    assert "mb/" not in voice
    for topic_id in TOPIC_IDS:
        sentences, _ = flatten(reading_blocks(chinese(topic_id)))
        chinese_only = "\n".join(re.sub(r"[A-Za-z]+", " ", s) for s in sentences)
        phonemes = subprocess.run(
            ["espeak-ng", "-q", "-x", "-v", voice.removeprefix("sit/"), chinese_only],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert "(en)" not in phonemes, topic_id


def test_narrate_writes_the_chinese_topic_sentence_by_sentence(tmp_path: Path) -> None:
    out, timings_file = tmp_path / "zh.wav", tmp_path / "zh.json"
    done = run_main(
        "narrate", "ibs-leg-pain", "--lang", "zh", "-o", str(out), "--timings", str(timings_file)
    )
    assert done.returncode == 0, done.stderr
    sentences, _ = flatten(reading_blocks(chinese("ibs-leg-pain")))
    timings = json.loads(timings_file.read_text(encoding="utf-8"))
    assert [t["text"] for t in timings] == sentences
    assert sentences[0] == "腿疼和肠易激综合征（IBS）"
    assert "马上打 911" in sentences  # the tier's name, in Chinese, where it stands
    starts = [t["start"] for t in timings]
    assert all(b > a for a, b in itertools.pairwise(starts))  # each sentence took time to say
    with wave.open(str(out)) as wav:
        duration = wav.getnframes() / wav.getframerate()
    assert duration > starts[-1] + 0.5
    assert duration > len(sentences) * 1.0  # Mandarin speech, not a blip per sentence


def test_the_kiosk_reads_the_chinese_topic_aloud(make_kiosk: MakeKiosk, qtbot: QtBot) -> None:
    kiosk = make_kiosk(CALM)
    with qtbot.wait_signal(kiosk.speech.ready, timeout=20_000):
        kiosk.speech.start()
    assert kiosk.narrator.voice("zh") == "sit/cmn-latn-pinyin"
    kiosk.visits.start()
    kiosk.visit.update(language="zh")
    kiosk.reading.open_topic("ibs-leg-pain")
    listen = kiosk.window.topic.narration.listen
    assert listen.text() == "听朗读"
    assert listen.isEnabled()
    with qtbot.wait_signal(kiosk.narrator.sentence_started, timeout=20_000) as first:
        qtbot.mouseClick(listen, Qt.MouseButton.LeftButton)
    assert first.args == [0]
    assert kiosk.narrator.lang == "zh"
    assert kiosk.narrator.sentences[0] == "腿疼和肠易激综合征（IBS）"
    with qtbot.wait_signal(kiosk.narrator.sentence_started, timeout=20_000) as second:
        pass
    assert second.args == [1]  # the title was really played to its end
    assert kiosk.window.topic.readings[1].highlighted == 0  # the summary's first sentence
    quiet(qtbot, kiosk.narrator)


def quiet(qtbot: QtBot, narrator: Narrator) -> None:
    """Stopped, and its player with it, before the test ends."""
    narrator.stop()
    qtbot.wait_until(
        lambda: (
            narrator.state is State.IDLE
            and narrator.player.playbackState() == QMediaPlayer.PlaybackState.StoppedState
        ),
        timeout=10_000,
    )
