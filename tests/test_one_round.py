"""One round: every problem of every file in one run, each on the line that holds the mistake."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from mkdocs.config import load_config

from bow_out.languages import language
from bow_out.problems import Problem, annotation
from bow_out.render import field_reference
from conftest import MINIMAL, Project, make_project, run_check

GOOD = MINIMAL + ("stages: [before-interview]\ntags: [offer]\nbefore_you_decline: [Is it signed?]\n"
                  "avoid: [Saying sorry three times.]\nfaq:\n  - question: Email or phone?\n    answer: Email.\n"
                  "related: [b]\n")
ALL_STEPS = GOOD.replace("advice:\n", "advice:\n  - title: One\n    body: First.\n  - title: Two\n    body: Second.\n")
LETTERS = ("  - kind: message\n    title: Note\n    body: Hi [Recipient name], I am withdrawing. [Your name]\n"
           "  - kind: phone\n    title: Call\n    body: Hello, this is [Your name]. I am withdrawing.\n")
COMPLETE = ALL_STEPS.replace("letters:\n", "letters:\n" + LETTERS)


def test_every_problem_and_finding_of_every_file_comes_in_one_run(project: Project) -> None:
    project.write("a.yml", MINIMAL.replace("[Role]", "[Rol]") + "category: Amber situations\nrelated: [nowhere]\n")
    project.write("b.yml", COMPLETE.replace("related: [b]", "related: [a]").replace("body: First.", "body: See "
                                                                                     "[the FAQ](/faq/#nope)."))
    result = run_check(project)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    for expected in (
        "scenarios/a.yml:10:35: letters[0].subject: unknown placeholder [Rol] (did you mean [Role]?)",  # the file's own
        "scenarios/a.yml:18:11: category: 'Amber situations' is not a declared category",  # across files
        "scenarios/a.yml:19:11: related[0]: there is no scenario 'nowhere'",
        "scenarios/b.yml:6:15: advice[0].body: links to '/faq/#nope', but /faq/ has no heading '#nope'",
        "scenarios/a.yml:1:1: (file): has no 'avoid'; a guide lists what not to say or do (editorial standard)",
    ):
        assert any(line.startswith(expected) for line in lines), expected
    assert "4 problems in 2 scenario files" in result.stderr and "against the editorial standards" in result.stderr


def test_a_letter_line_wrapped_mid_sentence_is_a_located_finding(project: Project) -> None:
    project.write("b.yml", COMPLETE.replace("related: [b]", "related: [a]"))
    project.write("a.yml", COMPLETE.replace("I have accepted another offer, so I am withdrawing.",
                                            "I have accepted another offer, so I am\n      withdrawing."))
    result = run_check(project)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "scenarios/a.yml:24:45: letters[2].body: a sentence goes on to the next line, and letters keep every line "
        "break, so it would break in two on the page and in the reader's email; write each paragraph on one line "
        "(editorial standard)")
    project.write("a.yml", COMPLETE)  # greetings, sign-offs and a name under them are no wrapping
    assert "sentence goes on" not in run_check(project).stderr


def test_a_dedented_line_in_a_block_is_reported_on_its_own_line(tmp_path: Path) -> None:
    from bow_out.loader import load_yaml

    path = tmp_path / "a.yml"
    path.write_text(MINIMAL.replace("situation: You signed an offer and still have an interview booked.",
                                    "situation: |\n  You signed an offer.\nStill have an interview booked.\n\n  More."))
    [problem] = load_yaml(path, "scenarios/a.yml").problems
    assert str(problem) == (
        "scenarios/a.yml:5:1: (file): this line is neither a 'key: value' line nor indented as the text above it; "
        "if it belongs to that text, indent it like the text's other lines (if it is a key, add ': ' after it)")


@pytest.mark.build
def test_serve_logs_editorial_findings_to_the_terminal_and_a_strict_build_never_sees_them(
        project: Project, caplog: pytest.LogCaptureFixture) -> None:
    import bow_out_hooks

    project.write("a.yml", MINIMAL)
    config = load_config(str(project.root / "mkdocs.yml"))
    caplog.set_level(logging.INFO)
    bow_out_hooks.on_startup("serve", dirty=False)
    try:
        bow_out_hooks.on_config(config)
    finally:
        bow_out_hooks.on_startup("build", dirty=False)
    notes = [record for record in caplog.records if "(editorial standard)" in record.getMessage()]
    assert len(notes) == 7 and {record.levelno for record in notes} == {logging.INFO}
    assert "scenarios/a.yml:1:1: (file): has no 'avoid'" in notes[0].getMessage()
    caplog.clear()
    project.build()  # strict: a warning would stop it
    assert "(editorial standard)" not in caplog.text


def test_a_copied_english_guide_in_the_spanish_folder_is_told_the_spanish_category_and_schema_path(
        tmp_path: Path) -> None:
    project = make_project(tmp_path, with_scenarios=True)
    shutil.copy(project.scenarios / "poor-fit.yml", project.scenarios / "es" / "poor-fit.yml")
    result = run_check(project)
    lines = result.stderr.splitlines()
    assert ("scenarios/es/poor-fit.yml:1:33: (file): the $schema path '../docs/schema/scenario.schema.json' leads "
            "to no file, so the editor checks nothing as you type; write "
            "$schema=../../docs/schema/scenario.schema.json, the path from this file's folder (editorial "
            "standard)") in lines
    assert any(line.startswith(
        "scenarios/es/poor-fit.yml:5:11: category: 'The job is not right for you' is not a declared category (did "
        "you mean 'El puesto no es para ti'? It is what the Spanish translations of the English guides in 'The job "
        "is not right for you' use)") for line in lines), lines


def test_an_unknown_placeholder_is_matched_against_the_declared_fields(tmp_path: Path) -> None:
    from bow_out.catalog import load_catalog
    from bow_out.problems import ScenarioError

    (tmp_path / "a.yml").write_text(MINIMAL.replace("I have accepted", "On [Start] I have accepted")
                                    + "fields:\n  Start date: the day you start elsewhere\n")
    with pytest.raises(ScenarioError) as raised:
        load_catalog(tmp_path)
    assert [str(p) for p in raised.value.problems] == [
        "scenarios/a.yml:14:10: letters[0].body: unknown placeholder [Start] (did you mean [Start date]?); the "
        "built-in ones are [Your name], [Recipient name], [Company], [Role], others must be declared under "
        "'fields' (this guide declares [Start date])",
        "scenarios/a.yml:19:15: fields.Start date: 'Start date' is declared but no letter uses [Start date]; use it "
        "in a letter or remove it"]


def test_the_field_reference_agrees_with_the_editorial_standards() -> None:
    reference = field_reference()
    assert "list of list" not in reference
    assert ("| `advice` | yes | list of `{title, body}`, at least 1 (the editorial standards ask for at least 3) |"
            in reference)
    [body] = [line for line in reference.splitlines() if line.startswith("| `body` | yes | text with placeholders")]
    assert "The editorial standards set the most words, greeting and sign-off included: email 80, message 50" in body
    for code in ("en", "es"):
        assert all(f"{kind} {words}" in body for kind, words in language(code).max_words.items())
    assert "; in Spanish, email 95" in body


def test_two_categories_one_letter_apart_are_a_note_not_an_error(project: Project) -> None:
    categories = project.scenarios / "_categories.yml"
    categories.write_text(categories.read_text() + "- name: Checks and paperwork\n  description: Forms.\n"
                          "- name: Checks and paperworks\n  description: More forms.\n")
    project.write("a.yml", MINIMAL + "category: Checks and paperworks\n")
    result = run_check(project)
    assert " problem" not in result.stderr, "the editorial findings of a.yml, but no problem"
    assert [line for line in result.stdout.splitlines() if "paperworks" in line] == [
        "scenarios/_categories.yml:23:9: [10].name: 'Checks and paperworks' is a letter away from 'Checks and "
        "paperwork', declared above; if they are meant to be one category, keep one name (a note: both build) (note)"]


def test_under_github_actions_check_also_prints_workflow_annotations(project: Project) -> None:
    project.write("a.yml", MINIMAL.replace("[Role]", "[Rol]"))
    plain, actions = run_check(project), run_check(project, GITHUB_ACTIONS="true")
    assert "::error" not in plain.stdout
    assert ("::error file=scenarios/a.yml,line=10,col=35::letters[0].subject: unknown placeholder [Rol] (did you "
            "mean [Role]?)") in actions.stdout
    assert "::warning file=scenarios/a.yml,line=1,col=1::(file): has no 'avoid'" in actions.stdout
    assert actions.stderr == plain.stderr, "the problem lines stay as they were"


def test_workflow_annotations_escape_what_github_reads_as_syntax() -> None:
    problem = Problem("scenarios/a,b:c.yml", 3, 1, "title", "100% sure\r\nnext line")
    assert annotation(problem) == "::error file=scenarios/a%2Cb%3Ac.yml,line=3,col=1::title: 100%25 sure%0D%0Anext line"
    assert annotation(problem, "notice").startswith("::notice file=")
