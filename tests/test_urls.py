"""The URL manifest's plain functions."""

from between_us import urls


def test_addresses():
    assert urls.site_url("./") == "/" and urls.site_url("intimacy/a/") == "/intimacy/a/"
    assert urls.source_to_url("intimacy/a.md") == "/intimacy/a/"
    assert urls.source_to_url("intimacy/index.md") == "/intimacy/"
    assert urls.source_to_url("index.md") == "/"


def test_missing_and_unlisted():
    manifest = ["/", "/a/", "/old/"]
    assert urls.missing_urls(manifest, {"/", "/a/"}, set()) == ["/old/"]
    assert urls.missing_urls(manifest, {"/", "/a/"}, urls.redirected_urls({"old.md": "a.md"})) == []
    assert urls.unlisted_urls(manifest, {"/", "/a/", "/new/"}) == ["/new/"]


def test_manifest_round_trip_never_loses_a_url(tmp_path):
    path = tmp_path / "urls.txt"
    urls.write_manifest(path, ["/b/", "/a/", "/a/"])
    urls.write_manifest(path, [*urls.read_manifest(path), "/c/"])
    assert urls.read_manifest(path) == ["/a/", "/b/", "/c/"]
    assert path.read_text().startswith("# Every URL")
