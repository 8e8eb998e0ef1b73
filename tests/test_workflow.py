"""The publishing workflow: checks and tests (in Chromium too) on every pull request, deploys to GitHub Pages only
from main, installs only pins and Debian's chromium; and `make serve` takes a port."""

from __future__ import annotations

import re
import shlex
import subprocess
from typing import Any

import pytest
import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
PINNED_FILES = ("requirements.txt", "requirements-dev.txt")
ON_MAIN = {"github.event_name == 'push'", "github.ref == 'refs/heads/main'"}
# Ways to fetch software that the pins do not cover (apt-get is checked on its own: Debian's chromium only).
UNPINNED = re.compile(r"\b(npm|npx|yarn|pipx|uv|conda|apt|brew|curl|wget|playwright\s+install)\b(?!-get)")
APT_INSTALL = re.compile(r"\bapt-get install ([^>\n]*)")


@pytest.fixture(scope="module")
def workflow() -> dict[str, Any]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    return workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` key as true


def conditions(job: dict[str, Any]) -> set[str]:
    return {part.strip() for part in str(job.get("if", "")).split("&&") if part.strip()}


def uses(job: dict[str, Any]) -> list[str]:
    return [step["uses"].split("@")[0] for step in job.get("steps", []) if "uses" in step]


def commands(workflow: dict[str, Any]) -> list[str]:
    return [line.strip() for job in workflow["jobs"].values() for step in job.get("steps", [])
            for line in str(step.get("run", "")).splitlines() if line.strip()]


def test_triggers_are_pushes_to_main_and_pull_requests(workflow: dict[str, Any]) -> None:
    on = triggers(workflow)
    assert set(on) == {"push", "pull_request"}
    assert on["push"] == {"branches": ["main"]}


def test_only_the_deploy_job_may_write_pages(workflow: dict[str, Any]) -> None:
    assert workflow["permissions"] == {"contents": "read"}
    [deploy] = [job for job in workflow["jobs"].values() if "permissions" in job]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert uses(deploy) == ["actions/deploy-pages"]
    assert deploy["environment"]["name"] == "github-pages"


def test_build_and_deploy_run_only_on_a_push_to_main(workflow: dict[str, Any]) -> None:
    jobs = workflow["jobs"]
    test_jobs = [name for name, job in jobs.items() if "if" not in job]
    assert test_jobs == ["test"]
    assert any("pytest" in line for line in jobs["test"]["steps"][-1]["run"].splitlines())
    publishing = [name for name, job in jobs.items()
                  if {"actions/upload-pages-artifact", "actions/deploy-pages"} & set(uses(job))]
    assert publishing and all(conditions(jobs[name]) == ON_MAIN for name in publishing)
    # Each publishing job waits for the tests, directly or through the job before it.
    for name in publishing:
        needs = jobs[name].get("needs")
        chain = []
        while needs:
            chain.append(needs)
            needs = jobs[needs].get("needs")
        assert "test" in chain, name
    build = next(job for job in jobs.values() if "actions/upload-pages-artifact" in uses(job))
    builds = [line for line in (step.get("run", "") for step in build["steps"])
              if re.search(r"\b(mkdocs|properdocs) build\b.*--strict", line)]
    assert len(builds) == 2 and "-f mkdocs.es.yml" in builds[1], "both editions, English first"
    upload = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"


def test_every_install_is_of_pinned_files(workflow: dict[str, Any]) -> None:
    installs = [line for line in commands(workflow) if re.search(r"\bpip\b.*\binstall\b", line)]
    assert installs, "the workflow installs the pins"
    for line in installs:
        words = shlex.split(line)
        rest = iter(words[words.index("install") + 1:])
        for word in rest:  # only `-r <pinned file>` and options: never a package named on the line
            assert (word == "-r" and next(rest, None) in PINNED_FILES) or word.startswith("--"), line
    for line in commands(workflow):
        assert not UNPINNED.search(line), line
    for name in PINNED_FILES:
        for requirement in (ROOT / name).read_text(encoding="utf-8").splitlines():
            requirement = requirement.split("#")[0].strip()
            if requirement and not requirement.startswith("-r "):
                assert re.fullmatch(r"[A-Za-z0-9._-]+==[0-9][0-9A-Za-z.]*", requirement), f"{name}: {requirement}"


def debian_packages(line: str) -> list[str]:
    """The packages an `apt-get install` line names (its options left out)."""
    match = APT_INSTALL.search(line)
    return sorted(word for word in shlex.split(match[1]) if not word.startswith("-")) if match else []


def test_the_tests_run_in_debians_chromium_as_ci_run_installs_it(workflow: dict[str, Any]) -> None:
    job = workflow["jobs"]["test"]
    assert re.fullmatch(r"python:3\.11\.\d+-bookworm", job["container"]["image"])  # Debian, as .ci/run assumes
    steps = [str(step.get("run", "")) for step in job["steps"]]
    installs = [index for index, run in enumerate(steps) if debian_packages(run)]
    ci_run = [debian_packages(line) for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    assert [debian_packages(steps[index]) for index in installs] == [packages for packages in ci_run if packages]
    assert "chromium" in debian_packages(steps[installs[0]])
    assert steps[installs[0] - 1].startswith("apt-get update")
    assert installs[0] < next(index for index, run in enumerate(steps) if "pytest" in run)
    # Only the test job installs from Debian, and only those packages.
    assert [line for line in commands(workflow) if "apt-get" in line] == [steps[installs[0] - 1], steps[installs[0]]]


def test_check_runs_before_the_tests(workflow: dict[str, Any]) -> None:
    job = workflow["jobs"]["test"]
    runs = [(str(step.get("run", "")), {**job.get("env", {}), **step.get("env", {})}) for step in job["steps"]]
    check = next(index for index, (run, _) in enumerate(runs) if re.match(r"python -m bow_out check\b", run))
    assert runs[check][1].get("PYTHONPATH") == "hooks"
    assert check < next(index for index, (run, _) in enumerate(runs) if "pytest" in run)


@pytest.mark.parametrize(("target", "default"), [("serve", 8000), ("serve-es", 8001)])
def test_make_serve_takes_a_port(target: str, default: int) -> None:
    def serve_line(*arguments: str) -> str:
        result = subprocess.run(["make", "-n", target, *arguments], cwd=ROOT, capture_output=True, text=True,
                                env={"PATH": "/usr/bin:/bin"}, check=True)
        return next(line for line in result.stdout.splitlines() if "mkdocs serve" in line)

    assert serve_line().endswith(f"--dev-addr 127.0.0.1:{default}")
    assert serve_line("PORT=8010").endswith("--dev-addr 127.0.0.1:8010")


def test_actions_are_versioned(workflow: dict[str, Any]) -> None:
    for job in workflow["jobs"].values():
        for step in job.get("steps", []):
            if "uses" in step:
                assert re.fullmatch(r"actions/[a-z-]+@(v\d+|[0-9a-f]{40})", step["uses"]), step["uses"]
