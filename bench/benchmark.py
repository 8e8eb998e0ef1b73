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

from bow_out.site import generate_site  # noqa: E402

SIZES = (100, 1000, 3000)
RUNS = 3
PAGE_BUDGET = 40_000  # a guide page's own HTML, raw
ASSETS_BUDGET_GZIP = 120_000  # HTML, CSS and JS of a first visit to a guide, gzipped
INDEX_BUDGET_GZIP_PER_GUIDE = 1_000  # the search index Material fetches on every first visit, gzipped


@dataclass
class Build:
    seconds: float  # wall time
    cpu_seconds: float  # user and system time of the build and any process it started
    peak_rss_mb: float  # the largest process's peak
    peak_total_mb: float  # the process and its children together, sampled every 0.1 s
    hook_seconds: float  # time MkDocs spent waiting on the hooks' functions


def run_build(project: Path) -> Build:
    """One `mkdocs build` in a fresh process: wall time, CPU time, peak memory and time in the hooks."""
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
    site = generate_site(folder / "scenarios", folder / "docs")
    for page in site.pages:
        path = folder / "docs" / page.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(site.work.markdown(page.src_uri), encoding="utf-8")
    for path in (folder / "docs").glob("*.md"):
        path.write_text(site.work.filled(path.name, path.read_text(encoding="utf-8")), encoding="utf-8")
    config = yaml.safe_load((folder / "mkdocs.yml").read_text())
    del config["hooks"]
    config["nav"] = _plain(site.nav(config["nav"]))
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
    sizes = [p.stat().st_size for p in guides]
    assets = first_visit_assets(guides[0])
    index = (site / "search" / "search_index.json").read_bytes()
    return {
        "site_mb": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6,
        "guide_kb": statistics.mean(sizes) / 1000,
        "guide_max_kb": max(sizes) / 1000,
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--no-serve", action="store_true", help="skip the serve rebuild measurement")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args()

    compileall.compile_dir(ROOT / "hooks", quiet=1)  # as pip compiled MkDocs, so neither side compiles
    rows = []
    serve_seconds = None
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
                  f"{row.built.hook_seconds:.2f} s in the hooks", flush=True)
            if count == 1000 and not args.no_serve:
                serve_seconds = serve_rebuild_seconds(project)
            shutil.rmtree(project / "site"), shutil.rmtree(plain / "site")
    report = format_report(rows, serve_seconds)
    print(report)
    args.output.write_text(report, encoding="utf-8")
    return 0


def format_report(rows: list[Row], serve_seconds: float | None) -> str:
    lines = [
        "# Benchmarks",
        "",
        f"Measured by `make bench` on {machine()}. Each figure is the median of {RUNS} builds, each in a fresh "
        "process, the two kinds taking turns; *ratio* is the median of the three ratios of a build to the plain "
        "build made just after it. *Plain* builds the same pages (the generator's output written as Markdown "
        "files), the same nav and theme, with the hooks removed.",
        "",
        "| guides | build (s) | plain (s) | ratio | in the hooks (s) | CPU, build / plain (s) "
        "| peak RSS, largest process / all (MB) | plain RSS (MB) | site (MB) | guide page, mean / max (KB) "
        "| page + CSS + JS, raw / gzip (KB) | search index, raw / gzip (KB) | first visit, gzip (KB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        built, plain, site = row.built, row.plain, row.site
        lines.append(
            f"| {row.count:,} | {built.seconds:.2f} | {plain.seconds:.2f} | {row.ratio:.3f} | "
            f"{built.hook_seconds:.2f} | {built.cpu_seconds:.2f} / {plain.cpu_seconds:.2f} | "
            f"{built.peak_rss_mb:.0f} / {built.peak_total_mb:.0f} | {plain.peak_rss_mb:.0f} | {site['site_mb']:.1f} | "
            f"{site['guide_kb']:.1f} / {site['guide_max_kb']:.1f} | "
            f"{site['assets_kb']:.0f} / {site['assets_gzip_kb']:.0f} | "
            f"{site['search_kb']:.0f} / {site['search_gzip_kb']:.0f} | "
            f"{site['assets_gzip_kb'] + site['search_gzip_kb']:.0f} |")
    by_count = {row.count: row for row in rows}
    lines += ["", "## Targets", ""]
    if 1000 in by_count:
        row = by_count[1000]
        lines.append(check("generator overhead at 1,000 guides (ratio to plain)", row.ratio, 1.05))
        lines.append(check("time MkDocs waits on the hooks at 1,000 guides, as a share of the plain build",
                           row.built.hook_seconds / row.plain.seconds, 0.05))
    if 1000 in by_count and 3000 in by_count:
        small, large = by_count[1000], by_count[3000]
        lines.append(check("build time growth, 1,000 to 3,000", large.built.seconds / small.built.seconds, 3.3))
        lines.append(check("site size growth, 1,000 to 3,000", large.site["site_mb"] / small.site["site_mb"], 3.3))
        lines.append(check("search index growth, 1,000 to 3,000",
                           large.site["search_kb"] / small.site["search_kb"], 3.3))
        lines.append(check("peak memory at 3,000, all processes (MB)", large.built.peak_total_mb, 1024))
    for row in rows:
        lines.append(check(f"largest guide page at {row.count:,} (KB)", row.site["guide_max_kb"], PAGE_BUDGET / 1000))
        lines.append(check(f"page, CSS and JS of a first visit at {row.count:,}, gzipped (KB)",
                           row.site["assets_gzip_kb"], ASSETS_BUDGET_GZIP / 1000))
        lines.append(check(f"search index per guide at {row.count:,}, gzipped (KB)",
                           row.site["search_gzip_kb"] / row.count, INDEX_BUDGET_GZIP_PER_GUIDE / 1000))
    if serve_seconds is not None and 1000 in by_count:
        lines += ["", f"`mkdocs serve` with 1,000 guides: {serve_seconds:.1f} s from saving a scenario file to "
                  f"the rebuilt page being served. MkDocs alone takes {by_count[1000].plain.seconds:.1f} s to "
                  "build the same pages (the plain build)."]
    lines += ["", "## Reading the table", "",
              "- *Build* runs the hooks; *ratio* is what they add to the wall time. *In the hooks* is the time "
              "MkDocs spends inside the hooks' functions: reading and checking the scenarios (about nine "
              "tenths of it) and handing pages to and from the helper. It varies less from run to run than wall time.",
              "- The hooks fork one helper process that reads part of the scenarios, renders the pages ahead "
              "of MkDocs and runs the sanitizer beside it, so the generator's work mostly runs on the second "
              "core: *CPU* counts both processes. *All* adds the helper's memory to the build's (its pages "
              "shared with the build are counted twice).",
              "- `mkdocs serve` rebuilds the whole site on every save (MkDocs has no safe partial rebuild: its "
              "`--dirty` mode leaves navigation stale). The hooks re-read and re-render only the scenarios an "
              "edit touched; the rest of the time is MkDocs and Material.",
              "- The search index is what Material fetches on every first visit; it grows with the catalog, "
              "so its budget is per guide. Only one letter per guide is indexed, and related-guide lists and "
              "form hints are left out.",
              "- Builds on this shared 2-core machine vary by 5 to 10% from run to run, as much as the "
              "overhead measured; the time in the hooks is the steadier figure."]
    return "\n".join(lines) + "\n"


def check(label: str, value: float, limit: float) -> str:
    return f"- {'met' if value <= limit else '**missed**'}: {label}: {value:.2f} (target at most {limit:g})"


if __name__ == "__main__":
    sys.exit(main())
