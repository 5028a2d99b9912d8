"""The command line: the kiosk itself and the tools for staff, content authors and tests.

Every subcommand is a thin call into the same services the kiosk uses, so what a tool prints,
renders or speaks is exactly what the kiosk shows. Bad input exits non-zero with one line.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import __version__, content, languages, paths
from kiosk.config import (
    PAPER_SIZES,
    TEXT_SIZES,
    THEMES,
    Settings,
    load_settings,
    topic_roots,
    write_setting,
)
from kiosk.ui.screens import Screen

if TYPE_CHECKING:  # the kiosk itself starts without the topic loader (see kiosk/start.py)
    import concurrent.futures
    import datetime as dt

    from PySide6.QtWidgets import QApplication

    from kiosk.content import Topic


class CliError(Exception):
    """A one-line reason to exit non-zero."""


# Given before or after the subcommand: the subcommands' own --config must not reset it.
CONFIG_HELP = "settings file (TOML; default: KIOSK_CONFIG or the platform's config folder)"
DIR_HELP = "topic folder (default: the kiosk's: the shipped topics, then the config's topics_dir)"


def _parser(tools: bool = True) -> argparse.ArgumentParser:
    """The command line; `tools` False: the kiosk's own options only, without the dozen
    subcommands (6-8 ms to build, at every start of the kiosk)."""
    parser = argparse.ArgumentParser(prog="kiosk", description="Clinic patient-education kiosk.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--windowed", action="store_true", help="run in a window (development)")
    parser.add_argument("--config", type=Path, help=CONFIG_HELP)
    if not tools:
        parser.set_defaults(command=None)
        return parser
    offered = languages.codes()  # from resources/languages.toml, in the order offered
    sub = parser.add_subparsers(dest="command")

    topics = sub.add_parser("topics", help="list topics")
    topics.add_argument("--lang", choices=offered, help="only this language")
    topics.add_argument("--json", action="store_true", help="every field of every topic as JSON")
    topics.add_argument("--dir", type=Path, action="append", help=DIR_HELP)
    topics.add_argument("--config", type=Path, default=argparse.SUPPRESS, help=CONFIG_HELP)

    check = sub.add_parser("check-content", help="validate topics for authors")
    check.add_argument("dir", nargs="*", type=Path, help=DIR_HELP)
    check.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    check.add_argument("--config", type=Path, default=argparse.SUPPRESS, help=CONFIG_HELP)

    shot = sub.add_parser("screenshot", help="render a screen to PNG, offscreen")
    shot.add_argument("--screen", choices=SCREENS, default="home")
    shot.add_argument("--topic", help="topic id for --screen topic (default: the first)")
    shot.add_argument("--lang", choices=offered, help="language (default: config)")
    shot.add_argument("--theme", choices=THEMES, help="colour theme (default: config)")
    shot.add_argument("--text-size", type=int, choices=TEXT_SIZES, help="text size in percent")
    shot.add_argument("--size", type=_size, default=(1920, 1080), help="WxH (default 1920x1080)")
    shot.add_argument("--full", action="store_true", help="the whole topic page, not one screen")
    shot.add_argument("-o", "--output", type=Path, required=True, help="PNG file to write")
    shot.add_argument("--config", type=Path, default=argparse.SUPPRESS, help=CONFIG_HELP)

    narrate = sub.add_parser("narrate", help="the whole topic read aloud, as one WAV")
    narrate.add_argument("topic", metavar="ID")
    narrate.add_argument("--lang", choices=offered, default=languages.ENGLISH)
    narrate.add_argument("-o", "--output", type=Path, required=True, help="WAV file to write")
    narrate.add_argument("--timings", type=Path, help="JSON file: each sentence and its start")
    narrate.add_argument("--config", type=Path, default=argparse.SUPPRESS, help=CONFIG_HELP)

    handout = sub.add_parser("handout", help="the one-page summary as a PDF")
    handout.add_argument("topic", metavar="ID")
    handout.add_argument("--lang", choices=offered, default=languages.ENGLISH)
    handout.add_argument("--paper", choices=PAPER_SIZES, help="paper size (default: config)")
    handout.add_argument("-o", "--output", type=Path, required=True, help="PDF file to write")
    handout.add_argument("--config", type=Path, default=argparse.SUPPRESS, help=CONFIG_HELP)

    stats = sub.add_parser("stats", help="usage counts per day and per topic")
    stats.add_argument("--since", type=_date, help="only from this day on (YYYY-MM-DD)")
    stats.add_argument("--csv", action="store_true", help="CSV for a spreadsheet")

    pin = sub.add_parser("set-pin", help="set the staff PIN (stored as a salted hash)")
    pin.add_argument("--config", type=Path, default=argparse.SUPPRESS, help=CONFIG_HELP)
    _pack_parser(sub)
    return parser


def _pack_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    pack = sub.add_parser("pack", help="signed content packs for many kiosks")
    packs = pack.add_subparsers(dest="pack_command", required=True)
    keygen = packs.add_parser("keygen", help="write a new Ed25519 signing key pair")
    keygen.add_argument("-o", "--output", type=Path, required=True, help="folder for the keys")
    build = packs.add_parser("build", help="pack and sign a topic folder (<lang>/<id>.toml)")
    build.add_argument("dir", type=Path, help="the topic folder to pack")
    build.add_argument("--key", type=Path, required=True, help="the private key (PEM)")
    build.add_argument("-o", "--output", type=Path, required=True, help="the .kpack to write")
    build.add_argument(
        "--pack-version",
        type=int,
        help="the pack's version, higher than any sent before (default: the time, 20261201171500)",
    )
    verify = packs.add_parser("verify", help="check a pack's signature and every file")
    verify.add_argument("file", type=Path, help="the .kpack to check")
    verify.add_argument("--public-key", type=Path, required=True, help="the public key (PEM)")
    verify.add_argument("--max-mb", type=int, default=100, help="size limit, MB (default 100)")


SCREENS = tuple(Screen)  # every screen of the kiosk, the dark one included


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 1920x1080") from None
    if not (320 <= width <= 8192 and 320 <= height <= 8192):
        raise argparse.ArgumentTypeError(f"'{text}' is outside 320x320 to 8192x8192")
    return width, height


def _config_path(path: Path | None) -> Path | None:
    """The named config, else the kiosk's own (KIOSK_CONFIG or the platform's) if it exists."""
    if path is not None:
        return path
    default = paths.config_file()
    return default if default.exists() else None


def _date(text: str) -> dt.date:
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-01-31") from None


def _settings(path: Path | None) -> Settings:
    settings, problems = load_settings(_config_path(path))
    for problem in problems:
        print(f"kiosk: {problem}", file=sys.stderr)
    return settings


def _roots(args: argparse.Namespace) -> list[Path]:
    """The folders named on the command line, else the kiosk's own for the config in use."""
    named: list[Path] | None = args.dir
    return named or topic_roots(_settings(args.config))


def _application() -> QApplication:
    """The kiosk's own QApplication, offscreen unless told otherwise.

    Always the one kind of application object, whichever subcommand makes it first: a
    QGuiApplication or QCoreApplication made here would stay for the life of the process, and
    anything run later in it that needs widgets (the kiosk, a test) could not have its
    QApplication.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.app import application

    return application()


def _cmd_topics(args: argparse.Namespace) -> int:
    result = content.load_topics(_roots(args))
    for line in [*languages.table().problems, *map(str, result.errors)]:
        print(f"warning: {line}", file=sys.stderr)
    topics = sorted(result.topics, key=lambda t: (t.lang, t.id))
    if args.lang:
        topics = [t for t in topics if t.lang == args.lang]
    if args.json:
        import json

        json.dump([t.to_json() for t in topics], sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for t in topics:
            review = "awaits review" if t.review.awaiting else "reviewed"
            print(f"{t.lang}  {t.id:<28} {t.title}  ({review})")
    return 0


# check-content lays out every topic's page to print (a few milliseconds each); from this many
# topic files on, half of them are laid out in a second process at the same time.
TWO_PROCESSES_FROM = 80


def _handout_warnings(topics: list[Topic]) -> dict[str, str]:
    """Topics too long for the one-page handout (a warning: the page still prints, shorter),
    by file.

    Laying out the page takes Qt (fonts and a QTextDocument), hence an application object.
    """
    _application()
    from kiosk.fonts import load_fonts
    from kiosk.handout.layout import build_handout

    load_fonts()
    lines = {}
    for topic in topics:
        handout = build_handout(topic, Settings(), qr=False)
        total = len(topic.self_care)
        if not handout.fits:
            lines[topic.path] = f"{topic.path}: handout: does not fit one page even at 12 pt"
        elif handout.steps_shown < total:
            lines[topic.path] = (
                f"{topic.path}: handout: only {handout.steps_shown} of {total} "
                "self-care steps fit on the one-page handout"
            )
    return lines


def _in_order(topics: list[Topic]) -> list[Topic]:
    return sorted(topics, key=lambda t: (t.lang, t.id, t.path))


def handout_warnings_of_half(roots: list[str]) -> dict[str, str]:
    """In check-content's second process: the warnings of every other topic (the second,
    fourth, ... in order), read from the same folders."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    result = content.load_topics([Path(root) for root in roots])
    return _handout_warnings(_in_order(result.topics)[1::2])


_SecondHalf = tuple[
    "concurrent.futures.ProcessPoolExecutor", "concurrent.futures.Future[dict[str, str]]"
]


def _start_second_half(roots: list[Path]) -> _SecondHalf | None:
    """The second process, laying out every other topic's page, if the library is big enough
    and the machine has a second core; None otherwise."""
    from kiosk.content.loader import TOPIC_SUFFIX

    if (os.cpu_count() or 1) < 2:
        return None
    try:
        files = sum(1 for root in roots for _ in root.rglob(f"*{TOPIC_SUFFIX}"))
    except OSError:
        return None
    if files < TWO_PROCESSES_FROM:
        return None
    import concurrent.futures
    import multiprocessing

    try:
        pool = concurrent.futures.ProcessPoolExecutor(
            max_workers=1, mp_context=multiprocessing.get_context("spawn")
        )
        return pool, pool.submit(handout_warnings_of_half, [str(r) for r in roots])
    except (OSError, RuntimeError):
        return None


def _all_handout_warnings(topics: list[Topic], second: _SecondHalf | None) -> list[str]:
    """Every topic's handout warning, in order: half from the second process when it runs
    (the other half, or all if it fails, laid out here)."""
    ordered = _in_order(topics)
    lines: dict[str, str] = {}
    if second is not None:
        pool, future = second
        lines.update(_handout_warnings(ordered[0::2]))
        try:
            lines.update(future.result())
        except Exception:
            lines.update(_handout_warnings(ordered[1::2]))
        pool.shutdown()
    else:
        lines = _handout_warnings(ordered)
    return [lines[t.path] for t in ordered if t.path in lines]


def _figure_problems(topics: list[Topic]) -> list[str]:
    """Drawings the loader accepted (a readable SVG file) that Qt still cannot draw."""
    _application()
    from kiosk.content.loader import ContentError, display_field, locate
    from kiosk.figures import renders

    lines = []
    for topic in sorted(topics, key=lambda t: (t.lang, t.id)):
        for i, figure in enumerate(topic.figures):
            if not renders(figure.path):
                dotted = f"figures[{i}].file"
                error = ContentError(
                    topic.path,
                    locate(Path(topic.path), dotted),
                    display_field(dotted),
                    f"{figure.file} cannot be drawn; save it as plain SVG"
                    " (lines and shapes, no CSS, filters or embedded pictures)",
                )
                lines.append(str(error))
    return lines


def _category_problems(topics: list[Topic]) -> list[str]:
    """Categories a topic names that the kiosk does not have: it is listed under "other"."""
    import difflib

    from kiosk import categories
    from kiosk.content.loader import ContentError, display_field, locate

    table = categories.table()
    known = [c for c in table.ids() if c != categories.OTHER]
    lines = []
    for topic in sorted(topics, key=lambda t: (t.lang, t.id)):
        for i, name in enumerate(topic.categories):
            if name in known:
                continue
            close = difflib.get_close_matches(name, known, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"known: {', '.join(known)}"
            dotted = f"categories[{i}]"
            message = f"unknown category '{name}' ({hint}); it is listed under '{categories.OTHER}'"
            error = ContentError(
                topic.path, locate(Path(topic.path), dotted), display_field(dotted), message
            )
            lines.append(str(error))
    return lines


def _reading_level(topic: Topic) -> str:
    """The figures check-content shows beside a topic, each with its limit, or why there are
    none: "grade 3.8, at most 6.0"."""
    from kiosk.content.quality import overall_scores
    from kiosk.content.readability import formula_for

    formula = formula_for(topic.lang)
    if formula is not None:
        return "; ".join(m.says(value, limit) for m, value, limit in overall_scores(topic))
    language = languages.get(topic.lang)
    rule = language.readability if language is not None else ""
    if rule == "none":
        return f'reading level not checked: readability = "none" for {topic.lang}'
    return f"reading level not checked: unknown readability rule '{rule}' for {topic.lang}"


def _cmd_check(args: argparse.Namespace) -> int:
    from kiosk import categories

    roots = _roots(args)
    second = _start_second_half(roots)  # it starts while the topics are read and checked here
    result = content.load_topics(roots)
    problems = [
        *languages.table().problems,
        *categories.table().problems,
        *map(str, result.errors),
    ]
    from kiosk.content.quality import check_topic

    for topic in sorted(result.topics, key=lambda t: (t.lang, t.id)):
        findings = check_topic(topic)
        problems.extend(str(f) for f in findings)
        if not args.quiet:
            state = "ok" if not findings else f"{len(findings)} problem(s)"
            print(f"{topic.path}: {state} ({_reading_level(topic)})", file=sys.stderr)
    problems += _figure_problems(result.topics)
    problems += _category_problems(result.topics)
    for line in _all_handout_warnings(result.topics, second):
        print(f"warning: {line}", file=sys.stderr)
    for line in problems:
        print(line)
    if not result.topics and not result.errors:
        print(f"{', '.join(map(str, roots))}: no topic files found")
        return 1
    return 1 if problems else 0


def _cmd_screenshot(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QByteArray
    from PySide6.QtGui import QImageWriter

    from kiosk.app import render_screen
    from kiosk.logs import route_qt_messages
    from kiosk.ui.scrolling import TouchScrollArea

    route_qt_messages()
    TouchScrollArea.gestures_on_show = False  # a still picture: nothing in it is flicked
    settings = _settings(args.config)
    try:
        image = render_screen(
            settings,
            Screen(args.screen),
            args.size,
            topic_id=args.topic,
            language=args.lang,
            theme=args.theme,
            text_size=args.text_size,
            full_page=args.full,
        )
    except LookupError as exc:
        raise CliError(str(exc)) from None
    writer = QImageWriter(str(args.output), QByteArray(b"png"))
    if not writer.write(image):
        raise CliError(f"cannot write {args.output}: {writer.errorString()}")
    return 0


def _cmd_narrate(args: argparse.Namespace) -> int:
    from kiosk.i18n import Translations
    from kiosk.narration.export import NarrateError, narrate_topic

    settings = _settings(args.config)
    topic = content.load_topics(topic_roots(settings)).find(args.topic, args.lang)
    if topic is None:
        raise CliError(f"no topic '{args.topic}' in language '{args.lang}'")
    Translations(_application()).use(args.lang)
    try:
        timings = narrate_topic(topic, args.output)
    except NarrateError as exc:
        raise CliError(str(exc)) from None
    if args.timings:
        import json

        data = [{"text": t.text, "start": t.start} for t in timings]
        try:
            args.timings.write_text(
                json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )
        except OSError as exc:
            raise CliError(f"cannot write {args.timings}: {exc.strerror}") from None
    return 0


def _cmd_handout(args: argparse.Namespace) -> int:
    from kiosk.fonts import load_fonts
    from kiosk.handout.layout import build_handout
    from kiosk.handout.output import HandoutError, write_pdf
    from kiosk.i18n import Translations
    from kiosk.logs import route_qt_messages

    route_qt_messages()
    settings = _settings(args.config)
    topic = content.load_topics(topic_roots(settings)).find(args.topic, args.lang)
    if topic is None:
        raise CliError(f"no topic '{args.topic}' in language '{args.lang}'")
    app = _application()
    load_fonts()
    Translations(app).use(args.lang)
    handout = build_handout(topic, settings, args.paper)
    if not handout.fits:
        print(f"kiosk: warning: '{topic.id}' does not fit one page even at 12 pt", file=sys.stderr)
    try:
        write_pdf(handout, args.output)
    except HandoutError as exc:
        raise CliError(str(exc)) from None
    return 0


def _cmd_stats(args: argparse.Namespace) -> int:
    from kiosk.stats import (
        DB_NAME,
        NothingCountedError,
        Report,
        StatsError,
        format_csv,
        format_text,
        report,
    )

    path = paths.data_dir() / DB_NAME
    try:
        result = report(path, args.since)
    except NothingCountedError as exc:
        # A kiosk that has counted nothing yet has an empty report (the CSV: its header row),
        # not an error: a nightly export must not fail on its first nights.
        print(f"kiosk: {exc}", file=sys.stderr)
        result = Report(args.since, (), (), ())
    except StatsError as exc:
        raise CliError(str(exc)) from None
    sys.stdout.write(format_csv(result) if args.csv else format_text(result))
    return 0


def _read_pin(prompt: str) -> str:
    """A PIN from the terminal without echo, or one line of standard input from a script."""
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass(prompt)
    line = sys.stdin.readline()
    if not line:
        raise CliError("no PIN given on standard input")
    return line.strip()


def _cmd_set_pin(args: argparse.Namespace) -> int:
    from kiosk.staff import PIN_MAX, PIN_MIN, hash_pin, pin_problem

    target: Path = args.config or paths.config_file()
    print(f"Setting the staff PIN in {target} ({PIN_MIN} to {PIN_MAX} digits).", file=sys.stderr)
    pin = _read_pin("New staff PIN: ")
    problem = pin_problem(pin)
    if problem:
        raise CliError(problem)
    if _read_pin("The same PIN again: ") != pin:
        raise CliError("the two PINs are not the same; nothing was changed")
    try:
        write_setting(target, "staff_pin_hash", hash_pin(pin))
    except ValueError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"cannot write {target}: {exc.strerror}") from None
    print(f"The staff PIN is set in {target}. Restart the kiosk to use it.", file=sys.stderr)
    return 0


def _cmd_run(args: argparse.Namespace) -> int:
    # The running kiosk collects reference cycles itself, on a timer on the GUI thread
    # (kiosk/collector.py); until it runs, Python's automatic collection is held off too: while
    # Qt and the kiosk's code are imported and the first frame is built, it ran some fifty times
    # (4-5 ms of the first frame's time) and found next to nothing to free.
    collecting = gc.isenabled()
    gc.disable()
    try:
        from kiosk.start import has_display, run_kiosk

        if not has_display():
            raise CliError(
                "no display found (DISPLAY and WAYLAND_DISPLAY are unset); to render "
                f"screens without one, use: {paths.tool_command('screenshot -o FILE.png')}"
            )
        config = _config_path(args.config)
        return run_kiosk(_settings(config), windowed=args.windowed, config_path=config)
    finally:
        if collecting:
            gc.enable()


def _cmd_pack(args: argparse.Namespace) -> int:
    from kiosk.content import packs

    try:
        if args.pack_command == "keygen":
            private, public = packs.generate_keys(args.output)
            print(f"{private}: the private key: keep it secret, off the kiosks")
            print(f"{public}: the public key: give it to every kiosk (content_public_key)")
            return 0
        if args.pack_command == "build":
            return _build_pack(args)
        manifest = packs.verify_pack(
            args.file, packs.load_public_key(args.public_key), args.max_mb * 1024 * 1024
        )
    except packs.PackError as exc:
        where = f"{args.file}: " if args.pack_command == "verify" else ""
        raise CliError(f"{where}{exc}") from None
    print(f"{args.file}: good: {packs.describe(manifest)}")
    return 0


def _build_pack(args: argparse.Namespace) -> int:
    from kiosk.content import packs

    files, left_out = packs.pack_files(args.dir)
    for line in left_out:
        print(f"kiosk: left out {line}", file=sys.stderr)
    result = content.load_topics([args.dir])
    if result.errors:
        for error in result.errors:
            print(f"kiosk: {error}", file=sys.stderr)
        raise CliError(
            f"{args.dir}: {len(result.errors)} topic file(s) do not load; nothing was packed"
        )
    key = packs.load_private_key(args.key)
    manifest = packs.build_pack(args.dir, key, args.output, args.pack_version)
    size = args.output.stat().st_size
    print(
        f"{args.output}: {packs.describe(manifest)}; {len(files)} files, "
        f"{manifest.total_bytes // 1024} KiB unpacked, {size // 1024} KiB packed"
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `python main.py` and the `kiosk` command."""
    words = list(sys.argv[1:] if argv is None else argv)
    # Only the kiosk's options (its config file's name the only word without a dash): the
    # kiosk itself, which needs no subcommand's parser. Anything else, help included, is
    # read by the whole parser.
    options = [w for w in words if w.startswith("-")]
    alone = len(words) - len(options) <= options.count("--config") and not (
        {"-h", "--help"} & set(options)
    )
    args = _parser(tools=not alone).parse_args(words)
    commands = {
        None: _cmd_run,
        "topics": _cmd_topics,
        "check-content": _cmd_check,
        "screenshot": _cmd_screenshot,
        "narrate": _cmd_narrate,
        "handout": _cmd_handout,
        "set-pin": _cmd_set_pin,
        "stats": _cmd_stats,
        "pack": _cmd_pack,
    }
    try:
        return commands[args.command](args)
    except CliError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
