"""Run the clinic education kiosk, or one of its staff tools (see `python main.py --help`)."""

from kiosk.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
