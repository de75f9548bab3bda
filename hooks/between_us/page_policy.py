"""What every written page promises browsers and checkers: valid markup, a Content Security Policy, and
no referrer sent to other sites.

Material's templates print a few things that the W3C checker and pa11y reject. They are mended here, on
the written page, rather than in copies of Material's templates (base.html, nav.html, palette.html): four
small rewrites in one place, where a copy would freeze hundreds of lines of Material's markup.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable

# ---- markup -------------------------------------------------------------------------------------------

_CHECKBOX = re.compile(r'<input\b[^>]*\btype="checkbox"[^>]*>')
_SEARCH_TOGGLE = re.compile(r'<input\b[^>]*\bid="__search"[^>]*>\s*')
_PALETTE_FORM = re.compile(r'<form (class="md-header__option" data-md-component="palette")>(.*?)</form>', re.S)
_LABEL_FOR = re.compile(r'(<label\b[^>]*?)\s+for="([^"]+)"')
_TOC_TOGGLE = re.compile(r'<input\b[^>]*\bid="__toc"[^>]*>\s*')


def mend_markup(page: str) -> str:
    """Material's markup, made valid where the checkers reject it."""
    # `autocomplete` is not allowed on a checkbox (Material sets it on its menu toggles).
    page = _CHECKBOX.sub(lambda m: m.group(0).replace(' autocomplete="off"', ""), page)
    # Material's search toggle: the site's search is its own, nothing opens this one.
    page = _SEARCH_TOGGLE.sub("", page)
    # The colour toggle is a form without a submit button (pa11y, H32.2); nothing submits it.
    page = _PALETTE_FORM.sub(r"<div \1>\2</div>", page)
    # Material's table-of-contents toggle on a page whose contents list is empty (the A to Z: its headings
    # are written by a hook) has no label: a nameless control (pa11y, H91), and nothing to open.
    if 'for="__toc"' not in page:
        page = _TOC_TOGGLE.sub("", page)
    # A label must point at a control on the page (Material's table of contents points at "__toc" also
    # where it renders no such control). A page has a few labels: each target is looked up, not every id.
    return _LABEL_FOR.sub(lambda m: m.group(0) if f'id="{m.group(2)}"' in page else m.group(1), page)


# ---- Content Security Policy --------------------------------------------------------------------------

_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_CHARSET = re.compile(r'<meta charset="[^"]*">\s*')  # the charset comes first; the policy right after
_HEAD = re.compile(r"<head>\s*")
REFERRER_POLICY = "no-referrer"


def script_hashes(page: str) -> list[str]:
    """The CSP source of each inline script, in page order: 'sha256-...' of its exact text."""
    return [f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'"
            for body in _INLINE_SCRIPT.findall(page)]


def policy(hashes: Iterable[str], *, header: bool = False) -> str:
    """The site's policy: everything from the site itself; scripts only its files and the hashed inline
    scripts (and WebAssembly, which search runs); nothing embedded, no base, no form submitted.
    `frame-ancestors` works only in a header, not in a meta tag."""
    directives = [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval' " + " ".join(sorted(set(hashes))),
        "style-src 'self'",
        "img-src 'self' data:",  # Material's icons are SVG data URLs in its CSS
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ]
    if header:
        directives.append("frame-ancestors 'none'")
    return "; ".join(d.strip() for d in directives)


def with_policy(page: str, hashes: Iterable[str] | None = None, *, csp: bool = True) -> str:
    """The page with its CSP and referrer policy at the top of <head>, before any script they govern.
    `hashes`: the page's `script_hashes`, when the caller has them already.

    Without `csp` (`mkdocs serve`, whose live reload adds an inline script that changes with every
    reload, so no hash can allow it) only the referrer policy."""
    tags = f'<meta name="referrer" content="{REFERRER_POLICY}">\n    '
    if csp:
        allowed = script_hashes(page) if hashes is None else hashes
        tags = f'<meta http-equiv="Content-Security-Policy" content="{policy(allowed)}">\n    ' + tags
    anchor = _CHARSET if _CHARSET.search(page) else _HEAD
    return anchor.sub(lambda m: m.group(0) + tags, page, count=1)


# ---- headers, for hosts that read a _headers file (Netlify, Cloudflare Pages) ---------------------------

PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "fullscreen", "geolocation",
    "gyroscope", "hid", "magnetometer", "microphone", "midi", "payment", "picture-in-picture",
    "publickey-credentials-get", "screen-wake-lock", "serial", "usb", "xr-spatial-tracking", "browsing-topics",
))


def headers_file(hashes: Iterable[str]) -> str:
    """A `_headers` file: the same policy for every page (every inline script's hash), and more."""
    return (
        "# Written by the build (hooks/page_policy.py). Netlify and Cloudflare Pages read this file; GitHub\n"
        "# Pages cannot set headers, so every page carries the same policy in <meta> tags as well.\n"
        "/*\n"
        f"  Content-Security-Policy: {policy(hashes, header=True)}\n"
        "  X-Content-Type-Options: nosniff\n"
        f"  Referrer-Policy: {REFERRER_POLICY}\n"
        f"  Permissions-Policy: {PERMISSIONS_POLICY}\n"
        "  X-Frame-Options: DENY\n"
    )
