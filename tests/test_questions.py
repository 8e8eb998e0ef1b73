"""Questions, `when` and `unless`, countries and optional fields: the normalized data and every located error."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from bow_out import editorial
from bow_out.catalog import load_catalog
from bow_out.feed import feed_files, feed_schema, guides_feed
from bow_out.languages import language
from bow_out.problems import ScenarioError
from bow_out.questions import find_dead_end, fits
from bow_out.schema import json_schema
from conftest import MINIMAL

HEAD = MINIMAL.split("letters:")[0]  # title, summary, situation, advice: lines 1 to 6
QUESTION = """\
questions:
  - id: reached
    ask: Did you reach them by phone?
    options:
      spoke: Yes, we spoke
      voicemail: I left a voicemail
      not-yet: Not yet
"""  # lines 7 to 13 after HEAD
EMAIL = """\
  - kind: email
    title: Short email
    subject: Withdrawing from the [Role] interview
    body: Dear [Recipient name], I am withdrawing. [Your name]
"""
COUNTRIES = "- id: uk\n  name: United Kingdom\n- id: es\n  name: Spain\n"


def catalog_of(tmp_path: Path, files: dict[str, str], countries: str | None = COUNTRIES, lang: str = "en",
               originals: set[str] | None = None):
    folder = tmp_path / "scenarios"
    folder.mkdir(exist_ok=True)
    if countries is not None:
        (folder / "_countries.yml").write_text(countries, encoding="utf-8")
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return load_catalog(folder, lang=language(lang), originals=originals, standards=False)


def problems_of(tmp_path: Path, text: str, countries: str | None = COUNTRIES) -> list[str]:
    with pytest.raises(ScenarioError) as raised:
        catalog_of(tmp_path, {"a.yml": text}, countries)
    return [str(problem) for problem in raised.value.problems]


def test_questions_and_conditions_are_normalized(tmp_path: Path) -> None:
    text = HEAD + QUESTION.replace("spoke: Yes, we spoke", "yes: Yes").replace("not-yet: Not yet", "no: No") + """\
before_you_decline:
  - Plain Markdown
  - text: Only outside the UK
    unless: {country: uk}
avoid:
  - text: Only after a voicemail
    when: {reached: voicemail}
faq:
  - question: Why?
    answer: Because.
    when: {reached: [yes, no]}
fields:
  Your reason:
    hint: one short line
    optional: yes
  Date: the day
letters:
  - kind: email
    title: After a call
    subject: Withdrawing on [Date]
    when: {reached: yes, country: [uk, es]}
    body: |
      Dear [Recipient name],
      [Your reason]
      [Your name]
  - kind: printed
    title: To print and sign
    body: Dear [Recipient name], I resign. [Your name]
"""
    catalog = catalog_of(tmp_path, {"a.yml": text})
    data = catalog.scenarios["a"].data
    assert data["questions"] == [{"id": "reached", "ask": "Did you reach them by phone?",
                                  "options": {"yes": "Yes", "voicemail": "I left a voicemail", "no": "No"}}]
    assert data["before_you_decline"] == [{"text": "Plain Markdown"},
                                          {"text": "Only outside the UK", "unless": {"country": ["uk"]}}]
    assert data["avoid"] == [{"text": "Only after a voicemail", "when": {"reached": ["voicemail"]}}]
    assert data["faq"][0]["when"] == {"reached": ["yes", "no"]}
    assert data["fields"] == {"Your reason": {"hint": "one short line", "optional": True},
                              "Date": {"hint": "the day", "optional": False}}
    assert data["letters"][0]["when"] == {"reached": ["yes"], "country": ["uk", "es"]}
    assert data["letters"][1]["kind"] == "printed" and "subject" not in data["letters"][1]
    assert "when" not in data["advice"][0] and "unless" not in data["advice"][0]
    assert catalog.countries == {"uk": "United Kingdom", "es": "Spain"}
    assert catalog.scenarios["a"].asks == [
        {"id": "reached", "ask": "Did you reach them by phone?",
         "options": {"yes": "Yes", "voicemail": "I left a voicemail", "no": "No"}},
        {"id": "country", "ask": "Which country are you in?",
         "options": {"uk": "United Kingdom", "es": "Spain", "other": "Somewhere else"}}]


def test_the_feed_carries_questions_conditions_and_optional_fields(tmp_path: Path) -> None:
    text = HEAD + QUESTION + """\
stages: [before-interview, between-rounds]
fields:
  Your reason: {hint: one   short line, optional: true}
letters:
  - kind: email
    title: After a voicemail
    subject: Withdrawing
    when: {reached: voicemail}
    unless: {stage: between-rounds}
    body: |
      Hi [Recipient name],
      [Your reason]
  - kind: message
    title: Anyone
    body: Hi [Recipient name]
"""
    feed = guides_feed(catalog_of(tmp_path, {"a.yml": text}))
    jsonschema.Draft7Validator(feed_schema()).validate(feed)
    guide = feed["guides"][0]
    assert feed["format"] == 2
    assert guide["questions"] == [
        {"id": "reached", "ask": "Did you reach them by phone?", "options": [
            {"id": "spoke", "label": "Yes, we spoke"}, {"id": "voicemail", "label": "I left a voicemail"},
            {"id": "not-yet", "label": "Not yet"}]},
        {"id": "stage", "ask": "Where are you in the process?", "options": [
            {"id": "before-interview", "label": "Before the interview"},
            {"id": "between-rounds", "label": "Between rounds"}]}]
    email, message = guide["letters"]
    assert email["when"] == {"reached": ["voicemail"]} and email["unless"] == {"stage": ["between-rounds"]}
    assert "when" not in message and "unless" not in message
    assert email["placeholders"] == [
        {"label": "Recipient name", "hint": "the name you greet them by, such as Sam or Ms. Rivera", "optional": False},
        {"label": "Your reason", "hint": "one short line", "optional": True}]
    assert guide["before_you_decline"] == [] and guide["advice"][0] == {
        "title": "Tell them the same day", "body": "The team is holding a slot for you."}


@pytest.mark.parametrize("guides", [0, 1, 3])
def test_the_feed_file_is_the_feed_data_as_one_json_text(tmp_path: Path, guides: int) -> None:
    # The file is written guide by guide: it must read exactly as the whole tree encoded at once.
    catalog = catalog_of(tmp_path, {f"g{n}.yml": MINIMAL.replace("title: ", f"title: Guide {n}, ", 1)
                                    for n in range(guides)})
    written = feed_files(catalog, "https://example.org/")["api/guides.json"]
    assert written == json.dumps(guides_feed(catalog, "https://example.org/"), ensure_ascii=False,
                                 separators=(",", ":")) + "\n"
    assert [guide["id"] for guide in json.loads(written)["guides"]] == [f"g{n}" for n in range(guides)]


def test_matching_follows_the_contract() -> None:
    item = {"when": {"reached": ["voicemail", "not-yet"], "country": ["uk"]}, "unless": {"stage": ["after-offer"]}}
    assert fits(item, {})  # unanswered matches every option
    assert fits(item, {"reached": "voicemail"})
    assert not fits(item, {"reached": "spoke"})
    assert not fits(item, {"reached": "voicemail", "country": "es"})
    assert not fits(item, {"stage": "after-offer"})
    assert fits(item, {"stage": "before-interview", "country": "uk"})
    assert fits({"unless": {"stage": ["after-offer"], "country": ["uk"]}}, {"stage": "after-offer"})
    options = {"reached": ["spoke", "voicemail"], "country": ["uk", "other"]}
    letters = [{"when": {"reached": ["spoke"]}}, {"when": {"reached": ["voicemail"]}, "unless": {"country": ["uk"]}}]
    assert find_dead_end({"letters": letters}, options) == {"reached": "voicemail", "country": "uk"}
    assert find_dead_end({"letters": [*letters, {"unless": {"reached": ["spoke"]}}]}, options) is None
    assert find_dead_end({"letters": [*letters, {}]}, options) is None


LETTERS = "letters:\n" + EMAIL  # line 7 after HEAD


CASES = {
    "unknown question": (HEAD + LETTERS + "    when: {reachd: voicemail}\n" + QUESTION, [
        "scenarios/a.yml:12:12: letters[0].when.reachd: there is no question 'reachd' (did you mean 'reached'?); "
        "this guide declares 'reached', and every guide can use the built-in 'stage' and 'country'. Name one of "
        "them, or declare 'reachd' under 'questions' (- id: reachd  ask: ...  options: {option-id: label, ...})",
        "scenarios/a.yml:14:9: questions[0].id: no item depends on the question 'reached', so the reader's answer "
        "would change nothing; add 'when: {reached: spoke}' to the letters, steps or other items it should pick, "
        "or remove the question"]),
    "unknown option": (HEAD + LETTERS + "    when: {reached: [spoke, voicemial]}\n" + QUESTION, [
        "scenarios/a.yml:12:29: letters[0].when.reached: 'voicemial' is not an option of 'reached' (did you mean "
        "'voicemail'?); its options are spoke, voicemail, not-yet: use one of them, or add it to the options of "
        "'reached'"]),
    "a stage the guide is not for": (HEAD + "stages: [before-interview]\n" + LETTERS
                                     + "    unless: {stage: after-offer}\n", [
        "scenarios/a.yml:13:21: letters[0].unless.stage: 'after-offer' is not one of this guide's stages "
        "(before-interview): use one of them, or add 'after-offer' to the guide's 'stages'"]),
    "a misspelled stage": (HEAD + "stages: [before-interview, after-offer]\n" + LETTERS
                           + "    when: {stage: after-ofer}\n" + EMAIL, [
        "scenarios/a.yml:13:19: letters[0].when.stage: 'after-ofer' is not a stage (did you mean 'after-offer'?); "
        "the stages are before-interview, between-rounds, after-offer, and this guide's are before-interview, "
        "after-offer: use one of those"]),
    "empty condition": (HEAD + LETTERS + "    when: {}\n", [
        "scenarios/a.yml:12:11: letters[0].when: is an empty condition; name a question and its answers, such "
        "as 'when: {reached: voicemail}', or remove it"]),
    "condition left blank": (HEAD + LETTERS + "    unless:\n", [
        "scenarios/a.yml:12:12: letters[0].unless: is an empty condition; name a question and its answers, "
        "such as 'unless: {reached: voicemail}', or remove it"]),
    "empty list of answers": (HEAD + LETTERS + "    when: {reached: []}\n" + QUESTION, [
        "scenarios/a.yml:12:21: letters[0].when.reached: is an empty list of answers; list at least one option "
        "of 'reached', or remove 'reached'",
        "scenarios/a.yml:14:9: questions[0].id: no item depends on the question 'reached', so the reader's answer "
        "would change nothing; add 'when: {reached: spoke}' to the letters, steps or other items it should pick, "
        "or remove the question"]),
    "other in when": (HEAD + LETTERS + "    when: {country: other}\n", [
        "scenarios/a.yml:12:21: letters[0].when.country: 'other' (somewhere else) cannot be named in when: an "
        "item for readers outside the declared countries is one with no country condition, or one with "
        "'unless: {country: [...]}' listing the countries it is not for"]),
    "undeclared country": (HEAD + LETTERS + "    when: {country: [uk, fr]}\n" + LETTERS.replace("letters:\n", ""), [
        "scenarios/a.yml:12:26: letters[0].when.country: 'fr' is not a declared country; the declared "
        "countries are uk, es. Use one of them, or declare it in scenarios/_countries.yml (- id: fr  name: ...)"]),
    "a declared country's typo": (HEAD + LETTERS
                                  + "    unless:\n      country: [ukk]\n", [
        "scenarios/a.yml:13:17: letters[0].unless.country: 'ukk' is not a declared country (did you mean 'uk'?); "
        "the declared countries are uk, es. Use one of them, or declare it in scenarios/_countries.yml "
        "(- id: ukk  name: ...)"]),
    "a built-in question declared": (HEAD + QUESTION.replace("id: reached", "id: stage") + LETTERS
                                     + "    when: {stage: spoke}\n", [
        "scenarios/a.yml:8:9: questions[0].id: 'stage' is a built-in question; every guide can use it in when "
        "and unless without declaring it, so remove this question (or give yours another id)",
        "scenarios/a.yml:19:19: letters[0].when.stage: 'spoke' is not a stage; the stages are before-interview, "
        "between-rounds, after-offer, and this guide's are before-interview, between-rounds, after-offer: use one "
        "of those"]),
    "a question with one option": (HEAD + QUESTION.split("      voicemail")[0] + LETTERS
                                   + "    when: {reached: spoke}\n", [
        "scenarios/a.yml:11:7: questions[0].options: has 1 option; a question offers 2 to 4, each on its own "
        "line such as 'voicemail: I left a voicemail'"]),
    "a question id that is not kebab-case": (HEAD + QUESTION.replace("id: reached", "id: Reached") + LETTERS
                                             + "    when: {Reached: spoke}\n", [
        "scenarios/a.yml:8:9: questions[0].id: 'Reached' is not a question or option id: use lowercase letters, "
        "digits and single hyphens, e.g. not-yet",
        "scenarios/a.yml:19:12: letters[0].when.Reached: 'Reached' is not a question or option id: use lowercase "
        "letters, digits and single hyphens, e.g. not-yet"]),
    "an optional placeholder in a subject": (HEAD + "fields:\n  Your reason: {hint: why, optional: true}\n"
                                             + LETTERS.replace("the [Role] interview", "[Your reason]"), [
        "scenarios/a.yml:12:31: letters[0].subject: [Your reason] is optional, so it cannot be in a subject: a "
        "reader who leaves it blank would send a subject with a gap. Move it to its own line of the body, or make "
        "the field required (remove 'optional: true')"]),
    "optional that is not true or false": (HEAD + "fields:\n  Your reason: {hint: why, optional: maybe}\n"
                                           + LETTERS.replace("I am withdrawing.", "[Your reason]"), [
        "scenarios/a.yml:8:38: fields.Your reason.optional: must be true or false, such as 'optional: true', "
        "not text"]),
    "a dead end": (HEAD + QUESTION + LETTERS + "    when: {reached: spoke}\n" + EMAIL
                   + "    when: {reached: voicemail}\n    unless: {country: uk}\n", [
        "scenarios/a.yml:15:3: letters: no letter fits a reader who answers reached: voicemail and country: uk, "
        "so they would have no message to send; every full combination of answers needs a letter. Add one for "
        "them, or widen a letter's when (or narrow its unless): a last letter with no when or unless fits every "
        "reader"]),
    "a dead end at a stage": (HEAD + "stages: [before-interview, after-offer]\n" + LETTERS
                              + "    unless: {stage: after-offer}\n", [
        "scenarios/a.yml:9:3: letters: no letter fits a reader who answers stage: after-offer, so they would have "
        "no message to send; every full combination of answers needs a letter. Add one for them, or widen a "
        "letter's when (or narrow its unless): a last letter with no when or unless fits every reader"]),
    "more than three questions with the built-ins": (
        HEAD + QUESTION + QUESTION.replace("questions:\n", "").replace("reached", "soon") + LETTERS
        + "    when: {reached: spoke, soon: spoke, stage: after-offer}\n" + EMAIL
        + "    unless: {country: uk}\n" + EMAIL, [
            "scenarios/a.yml:8:3: questions: this guide asks 4 questions (reached, soon, stage, country); the most "
            "is 3, and the built-in stage and country count once an item depends on them: drop the question "
            "that changes the least"]),
    "four declared questions": (
        HEAD + QUESTION + "".join(QUESTION.replace("questions:\n", "").replace("reached", name)
                                  for name in ("b", "c", "d")) + LETTERS
        + "    when: {reached: spoke, b: spoke, c: spoke, d: spoke}\n" + EMAIL, [
            "scenarios/a.yml:8:3: questions: has 4 items; the most is 3, so keep the ones that matter most"]),
    "two questions with one id": (
        HEAD + QUESTION + QUESTION.replace("questions:\n", "") + LETTERS + "    when: {reached: spoke}\n" + EMAIL, [
            "scenarios/a.yml:14:9: questions[1].id: 'reached' is used by an earlier item; give each its own id"]),
    "a subject on a printed letter is fine, on a voicemail it is not": (
        HEAD + LETTERS.replace("kind: email", "kind: printed") + LETTERS.replace("letters:\n", "").replace(
            "kind: email", "kind: voicemail"), [
            "scenarios/a.yml:14:5: letters[1].subject: only a letter with kind 'email' or 'printed' has a "
            "'subject'; remove it"]),
}


@pytest.mark.parametrize("case", CASES)
def test_located_problems(tmp_path: Path, case: str) -> None:
    text, expected = CASES[case]
    assert problems_of(tmp_path, text) == sorted(expected, key=lambda line: (
        int(line.split(":")[1]), int(line.split(":")[2])))


def test_a_country_when_none_is_declared(tmp_path: Path) -> None:
    assert problems_of(tmp_path, HEAD + LETTERS + "    when: {country: uk}\n" + EMAIL, countries=None) == [
        "scenarios/a.yml:12:21: letters[0].when.country: 'uk' is not a declared country; no country is declared "
        "yet. Use one of them, or declare it in scenarios/_countries.yml (- id: uk  name: ...)"]


def test_countries_file_errors_are_located(tmp_path: Path) -> None:
    countries = COUNTRIES + "- id: uk\n  name: Britain\n- id: other\n  name: Elsewhere\n- id: Fr\n  name: France\n"
    assert problems_of(tmp_path, HEAD + LETTERS, countries) == [
        "scenarios/_countries.yml:5:7: [2].id: 'uk' is listed twice; remove one",
        "scenarios/_countries.yml:7:7: [3].id: 'other' is built in: it is every reader outside the declared "
        "countries (\"Somewhere else\"); remove this entry",
        "scenarios/_countries.yml:9:7: [4].id: 'Fr' is not a question or option id: use lowercase letters, digits "
        "and single hyphens, e.g. not-yet"]


def test_a_translation_declares_the_same_questions(tmp_path: Path) -> None:
    english = HEAD + QUESTION + LETTERS + "    when: {reached: spoke}\n" + EMAIL
    folder = tmp_path / "scenarios"
    (folder / "es").mkdir(parents=True)
    (folder / "a.yml").write_text(english, encoding="utf-8")
    (folder / "b.yml").write_text(HEAD + LETTERS, encoding="utf-8")
    spanish = english.replace("[Role]", "[Puesto]").replace("[Recipient name]", "[Nombre del destinatario]").replace(
        "[Your name]", "[Tu nombre]")
    (folder / "es" / "a.yml").write_text(spanish.replace(
        "      voicemail: I left a voicemail\n      not-yet: Not yet\n",
        "      not-yet: Todavía no\n      voicemail: Dejé un mensaje\n"), encoding="utf-8")
    (folder / "es" / "b.yml").write_text(HEAD + QUESTION + "letters:\n" + spanish.split("letters:\n")[1],
                                         encoding="utf-8")

    def load():
        return load_catalog(folder / "es", lang=language("es"), originals={"a", "b"}, standards=False)

    with pytest.raises(ScenarioError) as raised:
        load()
    assert [str(problem) for problem in raised.value.problems] == [
        "scenarios/es/a.yml:8:3: questions: this translation declares the questions reached (spoke, not-yet, "
        "voicemail), but scenarios/a.yml declares the questions reached (spoke, voicemail, not-yet); a translation "
        "asks the same questions as its English guide, with the same question ids and option ids in the same order "
        "(only 'ask' and the labels are in its own words), so copy the English 'questions' block here and "
        "translate its texts",
        "scenarios/es/b.yml:8:3: questions: this translation declares the questions reached (spoke, voicemail, "
        "not-yet), but scenarios/b.yml declares no questions; a translation asks the same questions as its "
        "English guide, with the same question ids and option ids in the same order (only 'ask' and the labels "
        "are in its own words), so remove 'questions' here, or declare the same questions in scenarios/b.yml "
        "first"]
    (folder / "es" / "a.yml").write_text(spanish.replace("I left a voicemail", "Dejé un mensaje"), encoding="utf-8")
    (folder / "es" / "b.yml").write_text(HEAD + LETTERS.replace("[Role]", "[Puesto]").replace(
        "[Recipient name]", "[Nombre del destinatario]").replace("[Your name]", "[Tu nombre]"), encoding="utf-8")
    assert load().scenarios["a"].asks[0]["options"]["voicemail"] == "Dejé un mensaje"


def test_optional_lines_are_an_editorial_standard(tmp_path: Path) -> None:
    text = HEAD + """\
fields:
  Your reason: {hint: why, optional: true}
  Start date: the day you start
letters:
  - kind: email
    title: Short email
    subject: Withdrawing
    body: |
      Dear [Recipient name],
      I start on [Start date] because [Your reason].
      [Your name]
  - kind: message
    title: Only optional
    body: "[Your reason]"
"""
    scenario = catalog_of(tmp_path, {"a.yml": text}).scenarios["a"]
    found = [str(finding) for finding in editorial.findings(scenario, language("en")) if "optional" in str(finding)]
    assert found == [
        "scenarios/a.yml:11:5: letters[0]: line 2 of the body holds the optional [Your reason] and also [Start date]: "
        "a reader who leaves [Your reason] blank loses the whole line; put the optional sentence on its own line "
        "(editorial standard)",
        "scenarios/a.yml:18:5: letters[1]: every line of the body holds an optional placeholder, so a reader who "
        "leaves them blank has nothing to send; keep the message itself on lines without one (editorial standard)"]


def test_the_json_schema_knows_questions_conditions_and_printed_letters() -> None:
    validator = jsonschema.Draft7Validator(json_schema())
    valid = yaml.safe_load(HEAD + QUESTION + """\
before_you_decline:
  - Plain
  - {text: Only in the UK, when: {country: uk}}
fields:
  Your reason: {hint: why, optional: true}
  Date: the day
letters:
  - kind: printed
    title: To print
    subject: Resignation
    when: {reached: [spoke, voicemail]}
    body: Dear [Recipient name], [Your reason] [Date]
  - kind: phone
    title: Call
    unless: {reached: spoke}
    body: Hi
""")
    assert list(validator.iter_errors(valid)) == []
    question, letter = valid["questions"][0], valid["letters"][1]
    for broken in (
        {**valid, "questions": [{**question, "options": {"spoke": "Yes"}}]},
        {**valid, "questions": [question] * 4},
        {**valid, "questions": [{**question, "id": "Reached"}]},
        {**valid, "letters": [{**letter, "subject": "Hi"}]},
        {**valid, "letters": [{**letter, "when": {}}]},
        {**valid, "letters": [{**letter, "when": {"reached": []}}]},
        {**valid, "avoid": [{"text": "x", "if": {"reached": "spoke"}}]},
        {**valid, "fields": {"Date": {"hint": "the day", "optional": "yes"}}},
    ):
        assert list(validator.iter_errors(broken)), broken
