"""Allow `python -m kiosk`."""

from kiosk.cli import main

if __name__ == "__main__":  # not when a second process of check-content imports it
    raise SystemExit(main())
