"""A touchscreen patient-education kiosk for clinic waiting rooms."""

import time

__version__ = "0.1.0"

STARTED = time.monotonic()  # when the kiosk's code began to run (start-up figures count from it)
