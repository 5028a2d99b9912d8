"""The printable one-page summary: one layout for the preview, the PDF and the printer."""
