"""External links only to reviewed domains; a finding says how to propose one."""

from pathlib import Path

from between_us.external_domains import check_external_links, host_allowed, load_allowed, reference_urls

ALLOWED = {"nhs.uk", "nih.gov"}


def check(body: str, front: str | None = None) -> list[str]:
    return [f.format() for f in check_external_links(body, 8, front, "docs/x.md", ALLOWED)]


def test_subdomains_of_listed_domains_are_allowed():
    assert host_allowed("www.nhs.uk", ALLOWED) and host_allowed("NIMH.NIH.GOV.", ALLOWED)
    assert not host_allowed("nhs.uk.evil.com", ALLOWED) and not host_allowed("fakenhs.uk", ALLOWED)


def test_unlisted_domain_in_body_names_line_column_and_how_to_propose():
    found = check("Intro.\nSee [this](https://shop.example.com/pills) and [NHS](https://www.nhs.uk/).\n")
    assert found == ["docs/x.md:9:12: error: [external-domain] 'shop.example.com' is not on the list of reviewed "
                     "sites. Link to a health service, university, journal, government agency or helpline already "
                     "listed in data/allowed-domains.yml, or propose this domain: add it there in the same pull "
                     "request with its kind and a one-line reason."]


def test_autolinks_raw_html_and_reference_definitions_are_checked():
    body = "<https://a.example/x>\n<a href=\"https://b.example/\">b</a>\n\n[r]: https://c.example/r\n"
    assert [m.split("'")[1] for m in check(body)] == ["a.example", "b.example", "c.example"]


def test_front_matter_references_are_checked_with_their_line():
    front = "title: T\nreferences:\n  - title: A\n    url: https://spam.example/a\n  - {url: 'https://www.nhs.uk/'}\n"
    assert reference_urls(front)[0] == (5, "https://spam.example/a")
    assert check("Body.\n", front)[0].startswith("docs/x.md:5: error: [external-domain] 'spam.example'")


def test_internal_mail_and_phone_links_pass():
    assert check("[a](other.md) [b](mailto:jo@example.org) [c](tel:988) [d](#top)\n") == []


def test_the_project_list_loads_and_is_unique():
    allowed = load_allowed(Path(__file__).parents[1] / "data" / "allowed-domains.yml")
    names = [d.domain for d in allowed.domains]
    assert len(names) == len(set(names)) and "nhs.uk" in names
