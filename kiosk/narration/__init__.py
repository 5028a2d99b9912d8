"""Reading a topic aloud: a render process (pyttsx3), a WAV cache and a player in the GUI thread."""

import os

# Qt's audio back end reports, at import, every optional library it does not find (PipeWire,
# VA-API); that is not news for the kiosk. Set before QtMultimedia loads; an explicit
# QT_LOGGING_RULES from the environment wins.
os.environ.setdefault(
    "QT_LOGGING_RULES",
    "qt.multimedia.*.info=false;qt.multimedia.*.debug=false;qt.multimedia.symbolsresolver=false",
)
