"""The command line: the kiosk itself and the tools for staff, content authors and tests.

Every subcommand is a thin call into the same services the kiosk uses, so what a tool prints,
renders or speaks is exactly what the kiosk shows. Bad input exits non-zero with one line.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from kiosk import __version__, paths
from kiosk.content import load_topics
from kiosk.content.model import SUPPORTED_LANGUAGES
from kiosk.content.quality import check_topic, overall_score


class CliError(Exception):
    """A one-line reason to exit non-zero."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk", description="Clinic patient-education kiosk.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command")

    topics = sub.add_parser("topics", help="list topics")
    topics.add_argument("--lang", choices=SUPPORTED_LANGUAGES, help="only this language")
    topics.add_argument("--json", action="store_true", help="every field of every topic as JSON")
    topics.add_argument("--dir", type=Path, action="append", help="topic folder (default: shipped)")

    check = sub.add_parser("check-content", help="validate topics for authors")
    check.add_argument("dir", nargs="*", type=Path, help="topic folder(s) (default: shipped)")
    check.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    return parser


def _cmd_topics(args: argparse.Namespace) -> int:
    result = load_topics(args.dir or [paths.TOPICS])
    for error in result.errors:
        print(f"warning: {error}", file=sys.stderr)
    topics = sorted(result.topics, key=lambda t: (t.lang, t.id))
    if args.lang:
        topics = [t for t in topics if t.lang == args.lang]
    if args.json:
        json.dump([t.to_json() for t in topics], sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for t in topics:
            review = "awaits review" if t.review.awaiting else "reviewed"
            print(f"{t.lang}  {t.id:<28} {t.title}  ({review})")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    roots: list[Path] = args.dir or [paths.TOPICS]
    result = load_topics(roots)
    problems = [str(e) for e in result.errors]
    for topic in sorted(result.topics, key=lambda t: (t.lang, t.id)):
        findings = check_topic(topic)
        problems.extend(str(f) for f in findings)
        if not args.quiet:
            figure = "Fernández-Huerta" if topic.lang == "es" else "grade"
            state = "ok" if not findings else f"{len(findings)} problem(s)"
            print(f"{topic.path}: {state} ({figure} {overall_score(topic):.1f})", file=sys.stderr)
    for line in problems:
        print(line)
    if not result.topics and not result.errors:
        print(f"{', '.join(map(str, roots))}: no topic files found")
        return 1
    return 1 if problems else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `python main.py` and the `kiosk` command."""
    args = _parser().parse_args(argv)
    commands = {"topics": _cmd_topics, "check-content": _cmd_check}
    try:
        if args.command is None:
            print("kiosk: the kiosk window arrives with the shell; try 'topics'", file=sys.stderr)
            return 2
        return commands[args.command](args)
    except CliError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
