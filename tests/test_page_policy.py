"""The page policy: valid markup where Material's is not, the CSP and its hashes, the _headers file."""

from __future__ import annotations

import re

from between_us.page_policy import headers_file, mend_markup, policy, script_hashes, with_policy
from conftest import Build

PAGE = """<!doctype html><html><head>
<meta charset="utf-8">
<script>var a=1</script></head><body>
<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">
<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">
<input type="text" name="q" autocomplete="off">
<form class="md-header__option" data-md-component="palette"><input type="radio" id="p0"></form>
<label class="md-nav__title" for="__drawer">Menu</label><label class="md-nav__title" for="__toc">Contents</label>
<script>document.title="x"</script><script src="a.js"></script><script type="application/json">{}</script>
</body></html>"""


def test_materials_markup_is_mended_and_nothing_else_changes():
    page = mend_markup(PAGE)
    assert '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">' in page
    assert "__search" not in page
    assert '<input type="text" name="q" autocomplete="off">' in page  # allowed on a text box
    assert '<div class="md-header__option" data-md-component="palette"><input type="radio" id="p0"></div>' in page
    assert '<label class="md-nav__title" for="__drawer">Menu</label>' in page
    assert '<label class="md-nav__title">Contents</label>' in page
    assert mend_markup(page) == page


def test_a_contents_toggle_without_a_label_is_dropped_and_one_with_a_label_kept():
    toggle = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'
    assert "__toc" not in mend_markup(f"<nav>{toggle}\n<a href='#x'>Page</a></nav>")
    labelled = f'<nav>{toggle}<label class="md-nav__link" for="__toc">Page</label></nav>'
    assert mend_markup(labelled) == labelled


def test_each_inline_script_is_hashed_and_only_those():
    # sha256 of the exact text between the tags, as browsers compute it (`printf %s 'var a=1' | openssl dgst
    # -sha256 -binary | base64`); not the external script, not the JSON block
    assert script_hashes(PAGE) == ["'sha256-WazVQOu5lmXfSreSrMJd1CsaQ4c00fUQpJfBYCuMSIw='",
                                   "'sha256-eawmn9Ja0slk0t23UB0XPhR3DidQg5gBGKEBS+LWEMY='"]


def test_the_policy_allows_the_site_and_the_hashed_scripts_only():
    csp = policy(["'sha256-b'", "'sha256-a'", "'sha256-a'"])
    assert csp.startswith("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-a' 'sha256-b';")
    for directive in ("object-src 'none'", "base-uri 'none'", "form-action 'none'", "style-src 'self'"):
        assert directive in csp
    assert "unsafe-inline" not in csp and "'unsafe-eval'" not in csp
    assert "frame-ancestors" not in csp and "frame-ancestors 'none'" in policy([], header=True)


def test_the_policy_comes_right_after_the_charset_before_any_script():
    page = with_policy(PAGE)
    head = page[:page.index("<script>")]
    assert re.search(r'<meta charset="utf-8">\s*<meta http-equiv="Content-Security-Policy" content="[^"]+">\s*'
                     r'<meta name="referrer" content="no-referrer">', head)


def test_without_the_csp_only_the_referrer_policy_is_added():
    page = with_policy(PAGE, csp=False)
    assert "Content-Security-Policy" not in page and '<meta name="referrer" content="no-referrer">' in page


def test_the_headers_file_has_the_policy_and_the_other_headers():
    text = headers_file(["'sha256-a'"])
    assert "/*\n  Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-a'" in text
    for header in ("X-Content-Type-Options: nosniff", "Referrer-Policy: no-referrer", "camera=()",
                   "X-Frame-Options: DENY", "frame-ancestors 'none'"):
        assert header in text


def test_every_written_page_carries_the_policy_for_its_own_inline_scripts(site: Build):
    headers = site.html("_headers")
    for path in [p.relative_to(site.site).as_posix() for p in site.site.rglob("*.html")]:
        text = site.html(path)
        meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', text)
        assert meta, path
        for digest in script_hashes(text):
            assert digest in meta.group(1) and digest in headers, path
        assert '<meta name="referrer" content="no-referrer">' in text, path
        assert not re.search(r'<input[^>]*type="checkbox"[^>]*autocomplete', text), path
        assert "<form" not in text, path
