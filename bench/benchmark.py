"""`make bench`: build synthetic catalogs of 100, 1,000 and 3,000 guides, with the hooks and as plain
Markdown, and report time, memory and weight against the targets. Writes BENCHMARKS.md."""

from __future__ import annotations

import argparse
import compileall
import dataclasses
import datetime
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "hooks"), str(ROOT / "bench")]

from synthetic import write_scenarios  # noqa: E402

from bow_out.catalog import load_catalog  # noqa: E402
from bow_out.render import fill_markers, grow_nav, render_pages  # noqa: E402

SIZES = (100, 1000, 3000)
RUNS = 3
PAGE_BUDGET_GZIP = 10_000  # a guide page's own HTML, gzipped as a server sends it
ASSETS_BUDGET_GZIP = 120_000  # HTML, CSS and JS of a first visit to a guide, gzipped
INDEX_BUDGET_GZIP_PER_GUIDE = 2_000  # the search index Material fetches on every first visit, gzipped
HOOK_CPU_SHARE = 0.15  # CPU time inside the hooks, as a share of the plain build's CPU time
CHECK_TO_PARSE = 4.0  # `check` against merely parsing the same files with PyYAML's C loader
SERVE_REBUILDS = 30


@dataclass
class Build:
    seconds: float  # wall time
    cpu_seconds: float  # user and system time of the build and any process it started
    peak_rss_mb: float  # the largest process's peak
    peak_total_mb: float  # the process and its children together, sampled every 0.1 s
    hook_cpu_seconds: float  # CPU time spent inside the hooks' functions


def run_build(project: Path) -> Build:
    """One `mkdocs build` in a fresh process: wall time, CPU time, peak memory and CPU time in the hooks."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "hooks")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # MkDocs and Material are compiled once; so are the hooks
    report = project / "timings.json"
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, str(ROOT / "bench" / "timed_build.py"), str(report)], cwd=project,
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_total = 0
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        peak_total = max(peak_total, tree_rss(process.pid))
        time.sleep(0.1)
    seconds = time.perf_counter() - start
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        raise SystemExit(f"build failed in {project}:\n{process.stderr.read().decode()}")
    return Build(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                 max(peak_total, usage.ru_maxrss * 1024) / 2**20, json.loads(report.read_text())["hook_seconds"])


def tree_rss(pid: int) -> int:
    """Bytes resident in `pid` and its descendants now (shared pages counted in each: an upper bound)."""
    total = 0
    try:
        total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                total += tree_rss(int(child))
    except (OSError, ValueError):
        pass  # the process ended while we looked
    return total


def paired_builds(generated: Path, plain: Path) -> tuple[Build, Build, float]:
    """The median of RUNS builds of each project, and the median ratio of their times.

    The two take turns, and each ratio compares two builds made one after the other, so that drift
    in the machine's speed weighs on both sides alike.
    """
    pairs = [(run_build(generated), run_build(plain)) for _ in range(RUNS)]
    medians = [Build(*(statistics.median(getattr(pair[side], name.name) for pair in pairs)
                       for name in dataclasses.fields(Build))) for side in (0, 1)]
    return medians[0], medians[1], statistics.median(built.seconds / plain.seconds for built, plain in pairs)


def make_project(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", folder)
    shutil.copytree(ROOT / "docs", folder / "docs")
    (folder / "hooks").symlink_to(ROOT / "hooks")
    (folder / "overrides").symlink_to(ROOT / "overrides")
    write_scenarios(folder / "scenarios", count)
    # The project's own pages link to its own guides, which a synthetic catalog does not have.
    for name in ("how-to-decline-well.md", "faq.md", "404.md"):
        (folder / "docs" / name).write_text(f"# {name[:-3]}\n\n## Be sure first\n", encoding="utf-8")
    return folder


def make_plain_twin(project: Path, folder: Path) -> Path:
    """The same pages, nav and theme as plain Markdown files, with the hooks removed."""
    shutil.copytree(project, folder, symlinks=True, ignore=shutil.ignore_patterns("site"))
    catalog = load_catalog(folder / "scenarios", folder / "docs")
    for src_uri, markdown in render_pages(catalog).items():
        path = folder / "docs" / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(markdown, encoding="utf-8")
    for path in (folder / "docs").glob("*.md"):
        path.write_text(fill_markers(path.read_text(encoding="utf-8"), path.name, catalog), encoding="utf-8")
    config = yaml.safe_load((folder / "mkdocs.yml").read_text())
    del config["hooks"]
    config["nav"] = _plain(grow_nav(config["nav"], catalog))
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True))
    return folder


def _plain(value):
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def first_visit_assets(page: Path) -> list[bytes]:
    """The HTML, CSS and JS a browser fetches on a first visit to `page` (the search index aside)."""
    html = page.read_text(encoding="utf-8")
    assets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html) + re.findall(r'<script src="([^"]+)"', html)
    files = [page, *((page.parent / href).resolve() for href in assets)]
    files += sorted((page.parents[2] / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    return [f.read_bytes() for f in files if f.is_file()]


def measure_site(site: Path) -> dict[str, float]:
    guides = list((site / "guides").glob("*/index.html"))
    sizes = [gzipped(p.read_bytes()) for p in guides]
    assets = first_visit_assets(guides[0])
    index = (site / "search" / "search_index.json").read_bytes()
    return {
        "site_mb": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6,
        "guide_gzip_kb": statistics.mean(sizes) / 1000,
        "guide_gzip_max_kb": max(sizes) / 1000,
        "assets_kb": sum(map(len, assets)) / 1000,
        "assets_gzip_kb": sum(map(gzipped, assets)) / 1000,
        "search_kb": len(index) / 1000,
        "search_gzip_kb": gzipped(index) / 1000,
    }


def serve_rebuild_seconds(project: Path) -> float:
    """From saving one scenario file to the changed page being served by `mkdocs serve`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "hooks")}
    port = 8765 + os.getpid() % 1000
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/guides/synthetic-00000/"

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                return response.read().decode()
        except OSError:
            return ""

    try:
        deadline = time.monotonic() + 300
        while "Synthetic situation 0" not in page():
            if time.monotonic() > deadline:
                raise SystemExit("mkdocs serve did not come up")
            time.sleep(0.5)
        time.sleep(1)
        scenario = project / "scenarios" / "synthetic-00000.yml"
        scenario.write_text(scenario.read_text().replace("Synthetic situation 0", "Edited situation 0"))
        start = time.perf_counter()
        while "Edited situation 0" not in page():
            if time.perf_counter() - start > 300:
                raise SystemExit("mkdocs serve did not rebuild")
            time.sleep(0.1)
        return time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=30)


def serve_memory_growth(project: Path, edit: Path, marker: str, rebuilds: int = SERVE_REBUILDS) -> float:
    """How many MB `mkdocs serve` grows over `rebuilds` saves of `edit`, a file holding `marker` once."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "hooks")}
    port = 8765 + (os.getpid() + len(str(project))) % 1000
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    original = edit.read_text(encoding="utf-8")

    def served(text: str) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/guides/synthetic-00000/", timeout=60) as response:
                return text in response.read().decode()
        except OSError:
            return False

    def wait_for(text: str) -> None:
        deadline = time.monotonic() + 300
        while not served(text):
            if time.monotonic() > deadline:
                raise SystemExit(f"mkdocs serve never showed {text!r}")
            time.sleep(0.2)

    def rss_mb() -> float:
        return int(Path(f"/proc/{server.pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

    try:
        wait_for(marker)
        time.sleep(1)
        start = rss_mb()
        for number in range(1, rebuilds + 1):
            edit.write_text(original.replace(marker, f"{marker} edit {number}."), encoding="utf-8")
            wait_for(f"{marker} edit {number}.")
        return rss_mb() - start
    finally:
        server.terminate()
        server.wait(timeout=30)
        edit.write_text(original, encoding="utf-8")


def check_against_parsing(project: Path) -> tuple[float, float]:
    """Seconds to check every scenario, and to merely parse the same files, each the median of 5 runs."""
    files = sorted((project / "scenarios").glob("*.yml"))

    def parse() -> None:
        for path in files:
            yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

    def check() -> None:
        load_catalog(project / "scenarios", project / "docs")

    timings: dict[str, list[float]] = {"check": [], "parse": []}
    for _ in range(5):
        for name, work in (("parse", parse), ("check", check)):
            start = time.process_time()
            work()
            timings[name].append(time.process_time() - start)
    return statistics.median(timings["check"]), statistics.median(timings["parse"])


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    import material
    import mkdocs

    return (f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, MkDocs {mkdocs.__version__}, "
            f"Material {material.__version__}, {datetime.date.today()}")


@dataclass
class Row:
    count: int
    built: Build
    plain: Build
    ratio: float  # the median of the paired ratios
    site: dict[str, float]


@dataclass
class Extras:
    """Measurements made once, at one size, beside the table."""

    serve_seconds: float | None = None  # save to served page at 1,000 guides
    serve_growth_mb: tuple[float, float] | None = None  # with the hooks, plain; over SERVE_REBUILDS saves
    check_seconds: tuple[float, float] | None = None  # check, parse only; at 1,000 guides


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--no-serve", action="store_true", help="skip the `mkdocs serve` measurements")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args()

    compileall.compile_dir(ROOT / "hooks", quiet=1)  # as pip compiled MkDocs, so neither side compiles
    rows = []
    extras = Extras()
    # In memory where the machine allows it, so that disk latency does not blur a comparison of 5%.
    memory = Path("/dev/shm")
    in_memory = str(memory) if memory.is_dir() and os.access(memory, os.W_OK) else None
    with tempfile.TemporaryDirectory(prefix="bow-out-bench-", dir=in_memory) as temp:
        for count in args.sizes:
            project = make_project(Path(temp) / f"generated-{count}", count)
            plain = make_plain_twin(project, Path(temp) / f"plain-{count}")
            row = Row(count, *paired_builds(project, plain), measure_site(project / "site"))
            rows.append(row)
            print(f"{count:>5} guides: {row.built.seconds:.1f} s with the hooks, {row.plain.seconds:.1f} s plain, "
                  f"{row.built.hook_cpu_seconds:.2f} s of CPU in the hooks", flush=True)
            if count == 1000:
                extras.check_seconds = check_against_parsing(project)
            if count == 1000 and not args.no_serve:
                extras.serve_seconds = serve_rebuild_seconds(project)
            if count == min(args.sizes) and not args.no_serve:
                marker = "Synthetic situation 0"
                extras.serve_growth_mb = (
                    serve_memory_growth(project, project / "scenarios" / "synthetic-00000.yml", marker),
                    serve_memory_growth(plain, plain / "docs" / "guides" / "synthetic-00000.md", marker))
            shutil.rmtree(project / "site"), shutil.rmtree(plain / "site")
    report = format_report(rows, extras)
    print(report)
    args.output.write_text(report, encoding="utf-8")
    return 0


def format_report(rows: list[Row], extras: Extras) -> str:
    lines = [
        "# Benchmarks",
        "",
        f"Measured by `make bench` on {machine()}. Each figure is the median of {RUNS} builds, each in a fresh "
        "process, the two kinds taking turns; *ratio* is the median of the three ratios of a build to the plain "
        "build made just after it. *Plain* builds the same pages (the generator's output written as Markdown "
        "files), the same nav and theme, with the hooks removed.",
        "",
        "| guides | build (s) | plain (s) | ratio | CPU in the hooks (s) | CPU, build / plain (s) "
        "| peak RSS, build / plain (MB) | site (MB) | guide page gzip, mean / max (KB) "
        "| page + CSS + JS, raw / gzip (KB) | search index, raw / gzip (KB) | first visit, gzip (KB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        built, plain, site = row.built, row.plain, row.site
        lines.append(
            f"| {row.count:,} | {built.seconds:.2f} | {plain.seconds:.2f} | {row.ratio:.3f} | "
            f"{built.hook_cpu_seconds:.2f} | {built.cpu_seconds:.2f} / {plain.cpu_seconds:.2f} | "
            f"{built.peak_rss_mb:.0f} / {plain.peak_rss_mb:.0f} | {site['site_mb']:.1f} | "
            f"{site['guide_gzip_kb']:.1f} / {site['guide_gzip_max_kb']:.1f} | "
            f"{site['assets_kb']:.0f} / {site['assets_gzip_kb']:.0f} | "
            f"{site['search_kb']:.0f} / {site['search_gzip_kb']:.0f} | "
            f"{site['assets_gzip_kb'] + site['search_gzip_kb']:.0f} |")
    by_count = {row.count: row for row in rows}
    lines += ["", "## Targets", ""]
    if 1000 in by_count:
        row = by_count[1000]
        lines.append(check("CPU time in the hooks at 1,000 guides, as a share of the plain build's CPU time",
                           row.built.hook_cpu_seconds / row.plain.cpu_seconds, HOOK_CPU_SHARE))
    if extras.check_seconds:
        checking, parsing = extras.check_seconds
        lines.append(check(f"`check` at 1,000 guides ({checking:.2f} s CPU) against parsing the same files "
                           f"with PyYAML's C loader ({parsing:.2f} s)", checking / parsing, CHECK_TO_PARSE))
    if extras.serve_growth_mb:
        ours, theirs = extras.serve_growth_mb
        lines.append(check(f"`mkdocs serve` memory growth over {SERVE_REBUILDS} rebuilds at {min(by_count):,} guides, "
                           f"beyond MkDocs' own ({theirs:+.1f} MB) (MB)", ours - max(theirs, 0), 2))
    if 1000 in by_count and 3000 in by_count:
        small, large = by_count[1000], by_count[3000]
        lines.append(check("build time growth, 1,000 to 3,000", large.built.seconds / small.built.seconds, 3.3))
        lines.append(check("site size growth, 1,000 to 3,000", large.site["site_mb"] / small.site["site_mb"], 3.3))
        lines.append(check("search index growth, 1,000 to 3,000",
                           large.site["search_kb"] / small.site["search_kb"], 3.3))
        lines.append(check("peak memory at 3,000 (MB)", large.built.peak_total_mb, 1024))
    for row in rows:
        lines.append(check(f"largest guide page at {row.count:,}, gzipped (KB)", row.site["guide_gzip_max_kb"],
                           PAGE_BUDGET_GZIP / 1000))
        lines.append(check(f"page, CSS and JS of a first visit at {row.count:,}, gzipped (KB)",
                           row.site["assets_gzip_kb"], ASSETS_BUDGET_GZIP / 1000))
        lines.append(check(f"search index per guide at {row.count:,}, gzipped (KB)",
                           row.site["search_gzip_kb"] / row.count, INDEX_BUDGET_GZIP_PER_GUIDE / 1000))
    if extras.serve_seconds is not None and 1000 in by_count:
        lines += ["", f"`mkdocs serve` with 1,000 guides: {extras.serve_seconds:.1f} s from saving a scenario file "
                  f"to the rebuilt page being served. MkDocs alone takes {by_count[1000].plain.seconds:.1f} s to "
                  "build the same pages (the plain build)."]
    lines += ["", "## Reading the table", "",
              "- *Build* runs the hooks; *ratio* is what they add to the wall time. *CPU in the hooks* is the "
              "CPU time spent inside the hooks' functions: reading and checking the scenarios, rendering the "
              "generated pages and cleaning their HTML. The build runs in one process, so it is the hooks' "
              "whole cost, and it varies much less from run to run than wall time.",
              "- `mkdocs serve` rebuilds the whole site on every save (MkDocs has no safe partial rebuild: its "
              "`--dirty` mode leaves navigation stale). The hooks re-read and re-render only the scenarios an "
              "edit touched; the rest of the time is MkDocs and Material. Memory growth is measured over "
              f"{SERVE_REBUILDS} saves of one file, with the hooks and for the plain twin under MkDocs alone.",
              "- The search index is what Material fetches on every first visit; it grows with the catalog, "
              "so its budget is per guide.",
              "- Builds on this shared 2-core machine vary by 5 to 10% from run to run, as much as the "
              "overhead measured; the CPU time in the hooks is the steadier figure."]
    return "\n".join(lines) + "\n"


def check(label: str, value: float, limit: float) -> str:
    return f"- {'met' if value <= limit else '**missed**'}: {label}: {value:.2f} (target at most {limit:g})"


if __name__ == "__main__":
    sys.exit(main())
