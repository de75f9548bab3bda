"""Synthetic articles for the benchmark: about 1,000 words each, in the project's own article format.

Every article has the front matter the schema asks for (tags from data/tags.yml, references on
domains from data/allowed-domains.yml), six sections of short sentences in everyday words (a reading
grade near 4), and a few internal links to other articles, its hub and the Get help now page. The
text is made from a seeded random generator, so every run writes the same files.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import yaml

TOPICS = ("intimacy", "stigma", "communication", "recovery")
SECTIONS = 6

# Plural subjects and base-form verbs, so every combination agrees. No word here is in data/language.yml.
_SUBJECTS = ("You", "You both", "Many people", "Some couples", "Partners", "Friends", "Most of us", "Families",
             "People in recovery", "Doctors", "Therapists", "Both of you", "Young people", "Older couples",
             "People with depression", "People with anxiety", "New parents", "Carers")
_VERBS = ("notice", "talk about", "share", "plan", "name", "write down", "ask about", "listen to",
          "make room for", "look after", "check in on", "come back to", "think about", "set limits on",
          "care about", "speak up about", "learn about", "keep track of", "laugh about", "go back to",
          "agree on", "slow down on", "look for", "hold on to", "let go of", "work on")
_OBJECTS = ("small changes", "hard feelings", "your needs", "sleep", "the next step", "what helps", "touch",
            "time together", "a calm moment", "old habits", "worries about sex", "side effects",
            "a plan for bad days", "trust", "money worries", "the good days", "each other", "their own pace",
            "long walks", "kind words", "a safe word", "the small wins", "quiet time", "their fears",
            "what they want", "new routines", "a weekly check-in", "shared meals", "simple goals",
            "the hard parts", "a list of signs", "their own limits", "how they feel", "old memories",
            "a short break", "the last argument", "a fresh start", "honest answers")
_TAILS = ("each week", "when you feel calm", "at your own pace", "without blame", "over time", "with kindness",
          "on a walk", "before bed", "in a few words", "after a hard day", "with a friend", "at home",
          "most days", "once in a while", "when things feel hard", "in the morning", "with care", "")
_SHORT = ("That is common.", "It can get better.", "Help works.", "Go slowly.", "You are not alone.",
          "Small steps count.", "There is no rush.", "This takes time.", "Be kind to yourself.",
          "It is okay to ask.", "Nothing is wrong with you.", "Rest is part of it.")
_HEADINGS = ("What is going on", "Why it happens", "Signs to look for", "What helps", "Talking about it",
             "When one of you is low", "Looking after yourself", "Looking after each other",
             "Making a plan", "Small steps", "When things get hard", "What to say", "What not to say",
             "Setting limits", "Getting support", "A note for partners", "Going slowly",
             "Rest and sleep", "Touch and closeness", "Money and stress", "Good days and bad days",
             "Trying again")
_LINK_LEADS = ("You can read more in", "There is more on this in", "It may help to read", "See also")


def load_choices(data_dir: Path) -> tuple[list[str], list[str]]:
    """Tags and reviewed domains from the project's data files (not the neutral quick-exit site)."""
    tags = yaml.safe_load((data_dir / "tags.yml").read_text(encoding="utf-8"))["tags"]
    domains = yaml.safe_load((data_dir / "allowed-domains.yml").read_text(encoding="utf-8"))["domains"]
    return list(tags), [d["domain"] for d in domains if d["kind"] != "neutral"]


def article_path(index: int) -> str:
    """Where article `index` goes under docs/: topics in turn, so every hub gets a quarter."""
    return f"{TOPICS[index % len(TOPICS)]}/bench-{index:04d}.md"


def _link(src: str, target: str) -> str:
    """A Markdown link target from article `src` to the docs path `target`."""
    return target.split("/", 1)[1] if src.split("/")[0] == target.split("/")[0] else f"../{target}"


class _Writer:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def sentence(self) -> str:
        if self.rng.random() < 0.15:
            return self.rng.choice(_SHORT)
        tail = self.rng.choice(_TAILS)
        words = [self.rng.choice(_SUBJECTS), self.rng.choice(_VERBS), self.rng.choice(_OBJECTS)]
        return " ".join([*words, tail] if tail else words) + "."

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def bullets(self, count: int) -> str:
        return "\n".join(f"- {self.rng.choice(_VERBS)} {self.rng.choice(_OBJECTS)}" for _ in range(count))


def _rng(index: int, seed: int) -> random.Random:
    return random.Random(seed * 1_000_003 + index)


def title(index: int, seed: int = 0) -> str:
    """Article `index`'s title: the first draw of its generator, so other articles can link to it by name."""
    first, second = _rng(index, seed).sample(_OBJECTS, 2)
    return f"{first.capitalize()} and {second} ({index})"


def article(index: int, total: int, tags: list[str], domains: list[str], seed: int = 0) -> str:
    """The Markdown of synthetic article `index` of `total`, about 1,000 words."""
    rng = _rng(index, seed)
    write = _Writer(rng)
    src = article_path(index)
    topic = src.split("/")[0]
    first, second = rng.sample(_OBJECTS, 2)
    date = dt.date(2026, 1, 1) + dt.timedelta(days=index % 300)
    references = [{"title": f"{rng.choice(_OBJECTS).capitalize()}: facts and support",
                   "publisher": domain.split(".")[0].upper(), "url": f"https://www.{domain}/mental-health/{topic}/{index}/"}
                  for domain in rng.sample(domains, 3)]
    front = {
        "title": title(index, seed),
        "description": f"A plain guide to {first} and {second} when one of you is having a hard time.",
        "topic": topic,
        "tags": rng.sample(tags, rng.randint(2, 4)),
        "date": date,
        "updated": date + dt.timedelta(days=rng.randint(0, 30)),
        "review": "pending",
        "id": 100_000 + index,  # a short-link number far above the real articles' (data/urls.txt)
        **({"warnings": ["mentions suicide"]} if index % 5 == 0 else {}),
        "summary": ["This is a made-up article for the benchmark.", "It has the same parts as a real one.",
                    "It is never published."],
        "references": references,
    }
    others = [i for i in rng.sample(range(total), min(total, 3)) if i != index][:2]
    sections = []
    for number, heading in enumerate(rng.sample(_HEADINGS, SECTIONS)):
        parts = [f"## {heading}", write.paragraph(6), write.paragraph(5)]
        if number % 2:
            parts.append(write.bullets(4))
        parts.append(write.paragraph(5))
        if number < len(others):
            other = others[number]
            target = _link(src, article_path(other))
            parts.append(f"{rng.choice(_LINK_LEADS)} [{title(other, seed).lower()}]({target}).")
        sections.append("\n\n".join(parts))
    ending = ("## When to get help\n\nIf you are in danger or thinking about ending your life, "
              "[get help now](../get-help.md). You can also read [other articles on this topic](index.md).")
    body = "\n\n".join([write.paragraph(5), *sections, ending])
    return f"---\n{yaml.safe_dump(front, sort_keys=False, allow_unicode=True)}---\n\n{body}\n"


def write_articles(docs: Path, count: int, data_dir: Path, seed: int = 0) -> list[str]:
    """Write `count` articles under `docs`; returns their paths relative to it."""
    tags, domains = load_choices(data_dir)
    paths = []
    for index in range(count):
        path = article_path(index)
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(article(index, count, tags, domains, seed), encoding="utf-8")
        paths.append(path)
    return paths
