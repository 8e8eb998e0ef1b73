"""The project's editorial standards, as located findings.

The contract promises that any valid scenario builds, so these are not build errors: `make check` (and
so CI) fails on them, `mkdocs serve` lists them as notes, and `mkdocs build` skips them.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections import Counter
from collections.abc import Iterator

from .languages import Language
from .letters import parts as letter_parts
from .problems import Problem
from .scenario import Scenario

MIN_ADVICE_STEPS = 3
MAX_SIMILARITY = 0.8  # two guides' letters more alike than this are one letter written twice
_WORD = re.compile(r"[\w'’]+")
_COMMON = 4  # a run held by more letters of a kind than this is a common phrase, no sign of copying
_SHARED = 0.2  # share of a letter's runs that another must hold before the two are compared in full


def words(text: str) -> int:
    """Words as a reader counts them: "don't" is one."""
    return len(_WORD.findall(text))


def findings(scenario: Scenario, lang: Language) -> Iterator[Problem]:
    """What keeps one guide from the standard of the project's own guides (letter limits per language)."""
    data = scenario.data

    def finding(key: str, message: str) -> Problem:
        at = scenario.positions.get(key) or scenario.positions.get(key.split("[")[0]) or (1, 1)
        return Problem(scenario.shown_path, *at, key or "(file)", message + " (editorial standard)")

    if len(data["advice"]) < MIN_ADVICE_STEPS:
        yield finding("advice", f"has {len(data['advice'])} step{'s' * (len(data['advice']) != 1)}; a guide "
                      f"gives at least {MIN_ADVICE_STEPS}, each saying what it closes, costs or risks")
    for key, what in (("before_you_decline", "the questions to settle first"), ("avoid", "what not to say or do"),
                      ("faq", "the questions readers ask"), ("related", "links to related guides")):
        if not data.get(key):
            yield finding("", f"has no '{key}'; a guide lists {what}")
    if "stages" not in scenario.positions:
        yield finding("", "has no 'stages'; choose the stages this guide is for (before-interview, between-rounds, "
                      "after-offer), even if it is all three")
    kinds = {letter["kind"] for letter in data["letters"]}
    if "email" not in kinds or "message" not in kinds or not kinds & {"phone", "voicemail"}:
        yield finding("letters", "needs an email, a short message, and a phone script or voicemail; it has "
                      + ", ".join(sorted(kinds)))
    optional = {label for label, field in data.get("fields", {}).items() if field.get("optional")}
    for index, letter in enumerate(data["letters"]):
        count, limit = words(letter["body"]), lang.max_words[letter["kind"]]
        if count > limit:
            yield finding(f"letters[{index}]", f"this {letter['kind']} has {count} words; keep it to {limit} "
                          "or fewer, greeting and sign-off included")
        if optional:
            for message in _optional_line_findings(letter["body"], optional):
                yield finding(f"letters[{index}]", message)


def _optional_line_findings(body: str, optional: set[str]) -> Iterator[str]:
    """A line left out when its optional placeholder is blank must not take other words of the letter with it."""
    kept = 0
    for number, line in enumerate(body.rstrip("\n").split("\n"), 1):
        labels = list(dict.fromkeys(label for _, _, label, _ in letter_parts(line) if label is not None))
        blank = [label for label in labels if label in optional]
        others = [label for label in labels if label not in optional]
        if blank and others:
            yield (f"line {number} of the body holds the optional [{blank[0]}] and also "
                   f"{', '.join(f'[{label}]' for label in others)}: a reader who leaves [{blank[0]}] blank loses "
                   "the whole line; put the optional sentence on its own line")
        kept += bool(line.strip()) and not blank
    if not kept:
        yield ("every line of the body holds an optional placeholder, so a reader who leaves them blank has "
               "nothing to send; keep the message itself on lines without one")


def near_copies(scenarios: dict[str, Scenario]) -> Iterator[Problem]:
    """Letters in two different guides that say nearly the same thing, reported on the later one.

    Comparing every pair of letters grows with the square of the catalog, so only letters of one kind
    that share a good part of their uncommon runs of words (held by few letters) are compared in full. A letter
    copied into many guides makes its runs common, so identical letters are matched by their text.
    """
    letters = [(s, index, letter["body"].lower().split(), letter["kind"]) for s in scenarios.values()
               for index, letter in enumerate(s.data["letters"])]
    holders: dict[tuple[str, ...], list[int]] = {}
    for number, (_, _, words_, kind) in enumerate(letters):
        # Runs of three words, keyed by kind too: an email is compared with emails, a message with messages.
        for run in set(zip(itertools.repeat(kind), words_, words_[1:], words_[2:])):
            holders.setdefault(run, []).append(number)
    shared: Counter[tuple[int, int]] = Counter()
    for numbers in holders.values():
        if 1 < len(numbers) <= _COMMON:
            shared.update(itertools.combinations(numbers, 2))
    same_text: dict[tuple[str, ...], int] = {}
    for number, (_, _, words_, _) in enumerate(letters):
        first = same_text.setdefault(tuple(words_), number)
        if first != number:
            shared[first, number] += len(words_)
    for (first, second), count in sorted(shared.items()):
        (a, _, words_a, _), (b, index_b, words_b, _) = letters[first], letters[second]
        if a is b or count < _SHARED * min(len(words_a), len(words_b)):
            continue
        matcher = difflib.SequenceMatcher(None, words_a, words_b, autojunk=False)
        if matcher.quick_ratio() > MAX_SIMILARITY and (ratio := matcher.ratio()) > MAX_SIMILARITY:
            yield Problem(b.shown_path, *b.positions.get(f"letters[{index_b}]", (1, 1)), f"letters[{index_b}]",
                          f"is {ratio:.0%} the same as a letter in {a.shown_path}; write this guide's own "
                          "letter (editorial standard)")
