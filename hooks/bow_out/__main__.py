"""Command line: `python -m bow_out check` and `python -m bow_out schema`.

Run from the project root with `hooks/` on the path (the Makefile does this).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import languages
from .editions import edition_codes, load_edition, untranslated
from .problems import ScenarioError, annotation, summary
from .schema import json_schema

SCHEMA_PATH = Path("docs/schema/scenario.schema.json")


def schema_text() -> str:
    """The JSON Schema as committed: sorted keys would hide the schema's order, so keep it."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def check(project: Path) -> int:
    """Check every edition's scenarios and the editorial standards without rendering; print what is wrong.

    Everything is reported in one run: problems, editorial findings and notes. Under GitHub Actions
    (`GITHUB_ACTIONS=true`) each is also printed as a workflow command, which a pull request shows on its line.
    """
    problems, findings, notes, counts = [], [], [], []
    for code in edition_codes(project):
        lang = languages.language(code)
        try:
            catalog = load_edition(project, code)
        except ScenarioError as error:
            problems += error.problems
            findings += error.notes
            notes += error.remarks
            continue
        findings += catalog.notes
        notes += catalog.remarks
        counts.append(f"{len(catalog.scenarios)} {lang.name}")
        if not lang.is_primary:
            notes += untranslated(project, code)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for level, listed in (("error", problems), ("warning", findings), ("notice", notes)):
            print("\n".join(annotation(problem, level) for problem in listed), end="\n" * bool(listed))
    if notes:
        print("\n".join(f"{note} (note)" for note in notes))
    if problems:
        print(ScenarioError(problems).report(), file=sys.stderr)
    if findings:
        print("\n".join(map(str, findings)), file=sys.stderr)
        print(f"{summary(findings, 'finding')} against the editorial standards (see docs/add-a-scenario.md): "
              + ("fix these too." if problems else "every file builds, but fix these before you commit."),
              file=sys.stderr)
    if problems or findings:
        return 1
    print(f"{' and '.join(counts)} scenarios checked: no problems")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m bow_out", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check_command = commands.add_parser("check", help="check every scenario without building the site")
    check_command.add_argument("--project", type=Path, default=Path("."), help="the project folder")
    schema = commands.add_parser("schema", help="write the JSON Schema for editors")
    schema.add_argument("--output", type=Path, default=SCHEMA_PATH)
    args = parser.parse_args(argv)

    if args.command == "schema":
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(schema_text(), encoding="utf-8")
        print(f"wrote {args.output}")
        return 0
    return check(args.project)


if __name__ == "__main__":
    sys.exit(main())
