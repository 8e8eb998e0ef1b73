"""Questions a guide asks its reader, and the `when` and `unless` conditions that pick what fits them.

The checks that need only the file itself run when the file is read (`check_file`); those that need the
edition's countries run with the catalog (`check_countries`), which also works out what each guide asks
(`asks`). Matching follows the contract: an unanswered question matches every option.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from typing import Any

import yaml

from .checker import Checker, join
from .languages import Language
from .problems import Problem, did_you_mean, quoted
from .schema import CONDITION_KEYS, COUNTRY, MAX_QUESTIONS, OTHER_COUNTRY, STAGE, STAGES

CONDITIONAL_LISTS = ("advice", "letters", "faq", "before_you_decline", "avoid")
BUILT_IN = (STAGE, COUNTRY)


def conditional_items(data: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every item that may carry a condition, with its key path, in file order of the keys above."""
    for key in CONDITIONAL_LISTS:
        for index, item in enumerate(data.get(key, ())):
            if isinstance(item, dict):  # a file with problems may hold less
                yield f"{key}[{index}]", item


def conditions(item: Mapping[str, Any]) -> Iterator[tuple[str, dict[str, list[str]]]]:
    """The item's `when` and `unless`, those it has."""
    for key in CONDITION_KEYS:
        if key in item:
            yield key, item[key]


def used_questions(data: Mapping[str, Any]) -> set[str]:
    """The ids of the questions some item's condition names."""
    used: set[str] = set()
    for key in CONDITIONAL_LISTS:  # written out, not through conditional_items: it runs on every guide
        for item in data.get(key, ()):
            if isinstance(item, dict) and "when" in item:
                used.update(item["when"])
            if isinstance(item, dict) and "unless" in item:
                used.update(item["unless"])
    return used


def fits(item: Mapping[str, Any], answers: Mapping[str, str]) -> bool:
    """True if the item is for a reader with these answers (a question left out is unanswered)."""
    when, unless = item.get("when"), item.get("unless")
    if when and any(question in answers and answers[question] not in options for question, options in when.items()):
        return False
    return not (unless and all(answers.get(question) in options for question, options in unless.items()))


def check_file(checker: Checker, data: dict[str, Any], used: set[str]) -> None:
    """The rules one file can be checked against on its own: declared questions, `stage`, and the count;
    `used` are the questions its items name."""
    if not used and "questions" not in data:
        return  # most guides
    declared = {question["id"]: question for question in data.get("questions", ())
                if "id" in question and question["id"] not in BUILT_IN}
    for index, question in enumerate(data.get("questions", ())):
        if question.get("id") in BUILT_IN:
            checker.report(None, f"questions[{index}].id", f"'{question['id']}' is a built-in question; every "
                           f"guide can use it in when and unless without declaring it, so remove this question "
                           "(or give yours another id)", at=checker.position_of(f"questions[{index}].id"))
    options = {id_: list(question.get("options", {})) for id_, question in declared.items()}
    options[STAGE] = list(data.get("stages", ()))
    known = [*declared, *BUILT_IN]
    for path, item in conditional_items(data):
        for key, condition in conditions(item):
            for question, answers in condition.items():
                if question not in known:
                    question_path = join(join(path, key), question)
                    checker.report(_key_node(checker, join(path, key), question), question_path,
                                   _unknown_question(question, declared))
                    continue
                for position, answer in enumerate(answers):
                    if question == COUNTRY:
                        if answer == OTHER_COUNTRY and key == "when":
                            _report_answer(checker, join(path, key), question, position, _other_in_when())
                    elif answer not in options[question]:
                        _report_answer(checker, join(path, key), question, position, _unknown_option(
                            question, answer, options[question], question in declared))
    for index, question in enumerate(data.get("questions", ())):
        if "id" in question and question["id"] not in used and question["id"] not in BUILT_IN:
            checker.report(None, f"questions[{index}].id", f"no item depends on the question '{question['id']}', "
                           "so the reader's answer would change nothing; add "
                           f"'when: {{{question['id']}: {next(iter(question.get('options') or {'...': ''}))}}}' "
                           "to the letters, steps or other items it should pick, or remove the question",
                           at=checker.position_of(f"questions[{index}].id"))
    asked = [*declared, *(question for question in BUILT_IN if question in used)]
    if len(asked) > MAX_QUESTIONS >= len(declared):  # more declared than that is the list's own error
        built_in = [question for question in BUILT_IN if question in used]
        checker.report(None, "questions", f"this guide asks {len(asked)} questions ({', '.join(asked)}); the most "
                       f"is {MAX_QUESTIONS}, and the built-in {' and '.join(built_in)} count once an item depends "
                       "on them: drop the question that changes the least",
                       at=checker.position_of("questions") or checker.position_of(""))


def _key_node(checker: Checker, condition_path: str, question: str) -> yaml.Node | None:
    """The key node that names `question` in the condition at `condition_path`."""
    mapping = checker.nodes.get(condition_path)
    if isinstance(mapping, yaml.MappingNode):
        return next((key_node for key_node, _ in mapping.value if key_node.value == question), None)
    return None


def _report_answer(checker: Checker, condition_path: str, question: str, position: int, message: str) -> None:
    """Report on one answer of a condition, where it is written (in a list, or alone)."""
    question_path = join(condition_path, question)
    at = checker.position_of(join(question_path, position)) or checker.position_of(question_path)
    checker.report(None, question_path, message, at=at)


def _unknown_question(question: str, declared: Mapping[str, Any]) -> str:
    ids = ", ".join(f"'{id_}'" for id_ in declared)
    own = f"this guide declares {ids}" if declared else "this guide declares no questions"
    return (f"there is no question '{question}'{did_you_mean(question, [*declared, *BUILT_IN])}; {own}, and every "
            f"guide can use the built-in '{STAGE}' and '{COUNTRY}'. Name one of them, or declare '{question}' under "
            f"'questions' (- id: {question}  ask: ...  options: {{option-id: label, ...}})")


def _unknown_option(question: str, answer: str, options: list[str], declared: bool) -> str:
    listed = ", ".join(options)
    if declared:
        return (f"'{answer}' is not an option of '{question}'{did_you_mean(answer, options)}; its options are "
                f"{listed}: use one of them, or add it to the options of '{question}'")
    if answer in STAGES:
        return (f"'{answer}' is not one of this guide's stages ({listed}): use one of them, or add '{answer}' to "
                "the guide's 'stages'")
    return (f"'{answer}' is not a stage{did_you_mean(answer, STAGES)}; the stages are {', '.join(STAGES)}, and "
            f"this guide's are {listed}: use one of those")


def _other_in_when() -> str:
    return (f"'{OTHER_COUNTRY}' (somewhere else) cannot be named in when: an item for readers outside the declared "
            f"countries is one with no {COUNTRY} condition, or one with 'unless: {{{COUNTRY}: [...]}}' listing "
            "the countries it is not for")


def check_countries(scenario: Any, countries: Mapping[str, str], shown_countries: str,
                    dead_ends: bool = True) -> list[Problem]:
    """The rules that need the edition's countries: every `country` answer is declared, and (with
    `dead_ends`, for a file without problems of its own: a dropped condition would mislead it) no full
    combination of answers leaves the reader without a letter."""
    used = scenario.depends_on
    if not used:
        return []  # most guides
    problems = []
    known = list(countries)
    for path, item in conditional_items(scenario.data) if COUNTRY in used else ():
        for key, condition in conditions(item):
            answers = condition.get(COUNTRY, ())
            question_path = join(join(path, key), COUNTRY)
            for position, answer in enumerate(answers):
                if answer == OTHER_COUNTRY or answer in countries:
                    continue
                at = (scenario.positions.get(join(question_path, position))
                      or scenario.positions.get(question_path) or (1, 1))
                declared = f"the declared countries are {', '.join(known)}" if known else "no country is declared yet"
                problems.append(Problem(scenario.shown_path, *at, question_path, (
                    f"{quoted(answer)} is not a declared country{did_you_mean(answer, known)}; {declared}. Use one "
                    f"of them, or declare it in {shown_countries} (- id: {answer}  name: ...)")))
    if problems or not dead_ends:
        return problems
    if dead_end := find_dead_end(scenario.data, options_of(scenario.data, countries, used)):
        problems.append(Problem(scenario.shown_path, *scenario.positions.get("letters", (1, 1)), "letters",
                                _dead_end_message(dead_end)))
    return problems


def options_of(data: Mapping[str, Any], countries: Mapping[str, str], used: set[str]) -> dict[str, list[str]]:
    """Every question the guide asks, declared then built in, with its option ids; `used` are the
    questions its items name."""
    options = {question["id"]: list(question.get("options", ())) for question in data.get("questions", ())
               if "id" in question}
    if STAGE in used:
        options[STAGE] = list(data.get("stages", ()))
    if COUNTRY in used:
        options[COUNTRY] = [*countries, OTHER_COUNTRY]
    return options


def find_dead_end(data: Mapping[str, Any], options: Mapping[str, list[str]]) -> dict[str, str] | None:
    """A full combination of answers for which no letter fits, or None.

    Only the questions some letter's condition names can leave a reader without a letter; the others are
    left unanswered, which matches every option. At most 4 x 4 x (countries + 1) combinations.
    """
    letters = [letter for letter in data.get("letters", ()) if isinstance(letter, dict)]
    if not letters or any("when" not in letter and "unless" not in letter for letter in letters):
        return None
    named = [question for question in options
             if any(question in condition for letter in letters for _, condition in conditions(letter))]
    for combination in itertools.product(*(options[question] for question in named)):
        answers = dict(zip(named, combination, strict=True))
        if not any(fits(letter, answers) for letter in letters):
            return answers
    return None


def _dead_end_message(answers: Mapping[str, str]) -> str:
    combination = " and ".join(f"{question}: {answer}" for question, answer in answers.items())
    return (f"no letter fits a reader who answers {combination}, so they would have no message to send; every "
            "full combination of answers needs a letter. Add one for them, or widen a letter's when (or narrow "
            "its unless): a last letter with no when or unless fits every reader")


def asks(data: Mapping[str, Any], used: set[str], countries: Mapping[str, str], lang: Language) -> list[dict[str, Any]]:
    """The questions the guide asks the reader, in the order to show them: its own, then `stage` and
    `country` if an item depends on them (`used`: those its items name), each `{"id", "ask", "options":
    {id: label}}`."""
    asked = [{"id": question["id"], "ask": question["ask"], "options": dict(question["options"])}
             for question in data.get("questions", ())]
    wording = lang.questions
    if STAGE in used:
        asked.append({"id": STAGE, "ask": wording[STAGE]["ask"],
                      "options": {stage: lang.stage_labels[stage] for stage in data["stages"]}})
    if COUNTRY in used:
        asked.append({"id": COUNTRY, "ask": wording[COUNTRY]["ask"],
                      "options": {**countries, OTHER_COUNTRY: wording[COUNTRY]["other"]}})
    return asked


def question_shape(data: Mapping[str, Any]) -> list[tuple[str, list[str]]]:
    """The declared questions' ids and option ids, in order: what a translation must keep."""
    return [(question.get("id", ""), list(question.get("options", ()))) for question in data.get("questions", ())]


def _declares(shape: list[tuple[str, list[str]]]) -> str:
    if not shape:
        return "declares no questions"
    return "declares the questions " + "; ".join(f"{id_} ({', '.join(options)})" for id_, options in shape)


def translation_message(mine: list[tuple[str, list[str]]], english: list[tuple[str, list[str]]],
                        twin: str) -> str:
    """Why a translation's questions do not match its English guide's, and what to do."""
    return (f"this translation {_declares(mine)}, but {twin} {_declares(english)}; a translation asks the same "
            "questions as its English guide, with the same question ids and option ids in the same order (only "
            "'ask' and the labels are in its own words), so "
            + ("copy the English 'questions' block here and translate its texts" if english else
               f"remove 'questions' here, or declare the same questions in {twin} first"))
