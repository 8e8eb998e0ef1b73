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

from .languages import Language
from .nodes import Checker, join
from .problems import Problem, did_you_mean, quoted
from .schema import CONDITION_KEYS, COUNTRY, MAX_QUESTIONS, OTHER_COUNTRY, STAGE

CONDITIONAL_LISTS = ("advice", "letters", "faq", "before_you_decline", "avoid")
BUILT_IN = (STAGE, COUNTRY)


def conditional_items(data: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every item that may carry a condition, with its key path, in file order of the keys above."""
    for key in CONDITIONAL_LISTS:
        for index, item in enumerate(data.get(key, ())):
            yield f"{key}[{index}]", item


def conditions(item: Mapping[str, Any]) -> Iterator[tuple[str, dict[str, list[str]]]]:
    """The item's `when` and `unless`, those it has."""
    for key in CONDITION_KEYS:
        if key in item:
            yield key, item[key]


def used_questions(data: Mapping[str, Any]) -> set[str]:
    """The ids of the questions some item's condition names."""
    return {question for _, item in conditional_items(data) for _, condition in conditions(item)
            for question in condition}


def fits(item: Mapping[str, Any], answers: Mapping[str, str]) -> bool:
    """True if the item is for a reader with these answers (a question left out is unanswered)."""
    when, unless = item.get("when"), item.get("unless")
    if when and any(question in answers and answers[question] not in options for question, options in when.items()):
        return False
    return not (unless and all(answers.get(question) in options for question, options in unless.items()))


def check_file(checker: Checker, data: dict[str, Any]) -> None:
    """The rules one file can be checked against on its own: declared questions, `stage`, and the count."""
    declared = {question["id"]: question for question in data.get("questions", ()) if "id" in question}
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
            condition_path = join(path, key)
            mapping = checker.nodes.get(condition_path)
            key_nodes = {key_node.value: key_node for key_node, _ in mapping.value} if isinstance(
                mapping, yaml.MappingNode) else {}
            for question, answers in condition.items():
                question_path = join(condition_path, question)
                if question not in known:
                    checker.report(key_nodes.get(question), question_path, _unknown_question(question, declared))
                    continue
                for position, answer in enumerate(answers):
                    at = checker.position_of(join(question_path, position)) or checker.position_of(question_path)
                    if question == COUNTRY:
                        if answer == OTHER_COUNTRY and key == "when":
                            checker.report(None, question_path, _other_in_when(), at=at)
                    elif answer not in options[question]:
                        checker.report(None, question_path, _unknown_option(question, answer, options[question],
                                                                            question in declared), at=at)
    used = used_questions(data)
    for index, question in enumerate(data.get("questions", ())):
        if "id" in question and question["id"] not in used and question["id"] not in BUILT_IN:
            checker.report(None, f"questions[{index}].id", f"no item depends on the question '{question['id']}', "
                           "so the reader's answer would change nothing; add "
                           f"'when: {{{question['id']}: {next(iter(question.get('options', {'...': ''})))}}}' "
                           "to the letters, steps or other items it should pick, or remove the question",
                           at=checker.position_of(f"questions[{index}].id"))
    asked = [*declared, *(question for question in BUILT_IN if question in used)]
    if len(asked) > MAX_QUESTIONS >= len(declared):  # more declared than that is the list's own error
        built_in = [question for question in BUILT_IN if question in used]
        checker.report(None, "questions", f"this guide asks {len(asked)} questions ({', '.join(asked)}); the most "
                       f"is {MAX_QUESTIONS}, and the built-in {' and '.join(built_in)} count once an item depends "
                       "on them: drop the question that changes the least",
                       at=checker.position_of("questions") or checker.position_of(""))


def _unknown_question(question: str, declared: Mapping[str, Any]) -> str:
    ids = ", ".join(f"'{id_}'" for id_ in declared)
    own = f"this guide declares {ids}" if declared else "this guide declares no questions"
    return (f"there is no question '{question}'{did_you_mean(question, [*declared, *BUILT_IN])}; {own}, and every "
            f"guide can use the built-in '{STAGE}' and '{COUNTRY}'. Name one of them, or declare '{question}' under "
            f"'questions' (- id: {question}  ask: ...  options: {{option-id: label, ...}})")


def _unknown_option(question: str, answer: str, options: list[str], declared: bool) -> str:
    listed = ", ".join(options)
    where = (f"add it to the options of '{question}'" if declared else
             "add the stage to this guide's 'stages'")
    return (f"'{answer}' is not an option of '{question}'{did_you_mean(answer, options)}; its options are "
            f"{listed}: use one of them, or {where}")


def _other_in_when() -> str:
    return (f"'{OTHER_COUNTRY}' (somewhere else) cannot be named in when: an item for readers outside the declared "
            f"countries is one with no {COUNTRY} condition, or one with 'unless: {{{COUNTRY}: [...]}}' listing "
            "the countries it is not for")


def check_countries(scenario: Any, countries: Mapping[str, str], shown_countries: str) -> list[Problem]:
    """The rules that need the edition's countries: every `country` answer is declared, and no full
    combination of answers leaves the reader without a letter."""
    problems = []
    known = list(countries)
    for path, item in conditional_items(scenario.data):
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
    if not problems and (dead_end := find_dead_end(scenario.data, options_of(scenario.data, countries))):
        problems.append(Problem(scenario.shown_path, *scenario.positions.get("letters", (1, 1)), "letters",
                                _dead_end_message(dead_end)))
    return problems


def options_of(data: Mapping[str, Any], countries: Mapping[str, str]) -> dict[str, list[str]]:
    """Every question the guide asks, declared then built in, with its option ids."""
    used = used_questions(data)
    options = {question["id"]: list(question["options"]) for question in data.get("questions", ())}
    if STAGE in used:
        options[STAGE] = list(data["stages"])
    if COUNTRY in used:
        options[COUNTRY] = [*countries, OTHER_COUNTRY]
    return options


def find_dead_end(data: Mapping[str, Any], options: Mapping[str, list[str]]) -> dict[str, str] | None:
    """A full combination of answers for which no letter fits, or None.

    Only the questions some letter's condition names can leave a reader without a letter; the others are
    left unanswered, which matches every option. At most 4 x 4 x (countries + 1) combinations.
    """
    letters = data["letters"]
    if any("when" not in letter and "unless" not in letter for letter in letters):
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


def asks(data: Mapping[str, Any], countries: Mapping[str, str], lang: Language) -> list[dict[str, Any]]:
    """The questions the guide asks the reader, in the order to show them: its own, then `stage` and
    `country` if an item depends on them, each `{"id", "ask", "options": {id: label}}`."""
    asked = [{"id": question["id"], "ask": question["ask"], "options": dict(question["options"])}
             for question in data.get("questions", ())]
    used = used_questions(data)
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
    return [(question["id"], list(question["options"])) for question in data.get("questions", ())]


def _shape_text(shape: list[tuple[str, list[str]]]) -> str:
    return "; ".join(f"{id_} ({', '.join(options)})" for id_, options in shape) or "none"


def translation_message(mine: list[tuple[str, list[str]]], english: list[tuple[str, list[str]]],
                        twin: str) -> str:
    """Why a translation's questions do not match its English guide's, and what to do."""
    return (f"this translation declares the questions {_shape_text(mine)}, but {twin} declares "
            f"{_shape_text(english)}; a translation asks the same questions as its English guide, with the same "
            "question ids and option ids in the same order (only 'ask' and the labels are in its own words), "
            "so copy the English 'questions' block here and translate its texts")
