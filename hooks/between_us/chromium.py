"""Debian's Chromium, driven by Playwright: the build's pack PDFs (between_us/pack_pdfs.py), the browser tests
and the search benchmark use the same browser, started the same way."""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))  # Debian's, as `make chromium` installs it
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
MISSING = (f"Chromium is missing at {CHROMIUM}: run `make chromium` (Debian's chromium) or "
           "`sudo apt-get install chromium`; set CHROMIUM_PATH if it is elsewhere.")
