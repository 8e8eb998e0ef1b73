"""Synthetic scenario files written to the contract, sized like the project's own guides."""

from __future__ import annotations

import random
from pathlib import Path

CATEGORIES = [
    "You chose another path", "The job is not right for you", "Something about the company worries you",
    "Life got in the way", "Timing and logistics", "Offers you already have", "Recruiters and internal roles",
    "Senior and executive roles", "Pay and benefits", "Relocation and travel",
]
STAGES = ["before-interview", "between-rounds", "after-offer"]
TAGS = [f"topic {number}" for number in range(40)]
WORDS = [
    "interview", "offer", "recruiter", "role", "team", "manager", "panel", "schedule", "week", "reason",
    "thanks", "call", "email", "note", "company", "process", "decision", "travel", "portal", "referral",
    "timeline", "answer", "kindly", "promptly", "clearly",
]


def sentence(rng: random.Random, words: int = 14) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, sentences: int = 3) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def block(text: str, indent: int) -> str:
    pad = " " * indent
    return "|\n" + "\n".join(pad + line if line else "" for line in text.splitlines()) + "\n"


def letter_body(rng: random.Random, number: int) -> str:
    return (f"Hi [Recipient name],\n\n{paragraph(rng, 2)} [Role] at [Company] on [Visit date {number % 3}].\n\n"
            f"[Your reason]\n\n{paragraph(rng, 1)}\n\nBest regards,\n[Your name]")


def scenario(rng: random.Random, number: int, total: int) -> str:
    """One complete scenario file."""
    related = rng.sample(range(total), k=min(3, total - 1)) if total > 1 else []
    lines = [
        "# yaml-language-server: $schema=../docs/schema/scenario.schema.json",
        f"title: {quoted(f'Synthetic situation {number}: ' + sentence(rng, 6)[:-1])}",
        f"summary: {quoted(paragraph(rng, 2)[:290])}",
        f"category: {CATEGORIES[number % len(CATEGORIES)]}",
        f"stages: [{', '.join(rng.sample(STAGES, k=rng.randint(1, 3)))}]",
        f"tags: [{', '.join(rng.sample(TAGS, k=3))}]",
        f"situation: {quoted(paragraph(rng, 2) + ' See [the principles](/how-to-decline-well/).')}",
        # Every real guide asks the reader something: a question, and items that depend on it and the country.
        "questions:\n  - id: reached\n    ask: Have you told them yet?\n    options:\n"
        "      not-yet: Not yet\n      voicemail: I left a voicemail\n      spoke: Yes, we spoke",
        "before_you_decline:",
        *(f"  - {quoted('**' + sentence(rng, 5) + '** ' + sentence(rng))}" for _ in range(3)),
        "advice:",
        *(f"  - title: {quoted(sentence(rng, 6)[:-1])}\n    body: {quoted(paragraph(rng, 2))}" for _ in range(4)),
        *(f"  - title: {quoted(sentence(rng, 6)[:-1])}\n    when: {{country: {country}}}\n"
          f"    body: {quoted(paragraph(rng, 2))}" for country in ("uk", "in")),
        "letters:",
        f"  - kind: email\n    title: Short email\n    when: {{reached: [not-yet, spoke]}}\n"
        "    subject: Withdrawing from the [Role] process\n"
        f"    body: {block(letter_body(rng, number), 6)}",
        f"  - kind: phone\n    title: Phone script\n    body: {block(paragraph(rng, 3) + ' [Your name].', 6)}",
        f"  - kind: voicemail\n    title: Voicemail\n    when: {{reached: voicemail}}\n"
        f"    body: {block(paragraph(rng, 2) + ' [Your name].', 6)}",
        f"  - kind: message\n    title: Short message\n    body: {block(sentence(rng, 20) + ' [Your name]', 6)}",
        "avoid:",
        *(f"  - {quoted(sentence(rng, 10))}" for _ in range(4)),
        "faq:",
        *(f"  - question: {quoted(sentence(rng, 7)[:-1] + '?')}\n    answer: {quoted(paragraph(rng, 2))}"
          for _ in range(3)),
        f"related: [{', '.join(f'synthetic-{other:05}' for other in related if other != number)}]",
        "fields:",
        f"  Visit date {number % 3}: the day you were due to visit",
        "  Your reason:\n    hint: one short, true line\n    optional: true",
    ]
    return "\n".join(lines) + "\n"


def write_scenarios(folder: Path, count: int, seed: int = 7) -> None:
    """Write `count` synthetic scenarios into `folder`."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    declared = "".join(f"- name: {name}\n  description: Synthetic guides for {name.lower()}.\n" for name in CATEGORIES)
    (folder / "_categories.yml").write_text(declared, encoding="utf-8")
    (folder / "_countries.yml").write_text("- id: uk\n  name: United Kingdom\n- id: in\n  name: India\n",
                                           encoding="utf-8")
    for number in range(count):
        (folder / f"synthetic-{number:05}.yml").write_text(scenario(rng, number, count), encoding="utf-8")
