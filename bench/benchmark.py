"""`make bench`: build synthetic catalogs of 100, 1,000 and 3,000 guides, with the hooks and as plain
Markdown, and report time, memory and weight against the targets. Writes BENCHMARKS.md."""

from __future__ import annotations

import argparse
import datetime
import gzip
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


def run_build(project: Path) -> Build:
    """One `mkdocs build` in a fresh process: wall time, CPU time and peak memory."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "hooks")}
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-d", "site"], cwd=project, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
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
                 max(peak_total, usage.ru_maxrss * 1024) / 2**20)


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


def median_builds(projects: list[Path]) -> list[Build]:
    """The median of RUNS builds of each project, taking turns so that drift in the machine's speed
    weighs on each the same."""
    runs = [[run_build(project) for project in projects] for _ in range(RUNS)]
    return [Build(*(statistics.median(getattr(run[index], name) for run in runs)
                    for name in ("seconds", "cpu_seconds", "peak_rss_mb", "peak_total_mb")))
            for index in range(len(projects))]


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--no-serve", action="store_true", help="skip the serve rebuild measurement")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args()

    rows = []
    serve_seconds = None
    # In memory where the machine allows it, so that disk latency does not blur a comparison of 5%.
    memory = Path("/dev/shm")
    in_memory = str(memory) if memory.is_dir() and os.access(memory, os.W_OK) else None
    with tempfile.TemporaryDirectory(prefix="bow-out-bench-", dir=in_memory) as temp:
        for count in args.sizes:
            project = make_project(Path(temp) / f"generated-{count}", count)
            plain = make_plain_twin(project, Path(temp) / f"plain-{count}")
            generated_build, plain_build = median_builds([project, plain])
            rows.append((count, generated_build, plain_build, measure_site(project / "site")))
            print(f"{count:>5} guides: {generated_build.seconds:.1f} s with the hooks, {plain_build.seconds:.1f} s "
                  "plain", flush=True)
            if count == 1000 and not args.no_serve:
                serve_seconds = serve_rebuild_seconds(project)
            shutil.rmtree(project / "site"), shutil.rmtree(plain / "site")
    report = format_report(rows, serve_seconds)
    print(report)
    args.output.write_text(report, encoding="utf-8")
    return 0


def format_report(rows, serve_seconds: float | None) -> str:
    lines = [
        "# Benchmarks",
        "",
        f"Measured by `make bench` on {machine()}. Each figure is the median of {RUNS} builds, each in a fresh "
        "process, the two kinds taking turns. *Plain* builds the same pages (the generator's output written as "
        "Markdown files), the same nav and theme, with the hooks removed.",
        "",
        "| guides | build (s) | plain (s) | ratio | CPU, build / plain (s) | CPU ratio "
        "| peak RSS, largest process / all (MB) | plain RSS (MB) | site (MB) "
        "| guide page, mean / max (KB) | page + CSS + JS, raw / gzip (KB) | search index, raw / gzip (KB) "
        "| first visit, gzip (KB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for count, built, plain, site in rows:
        lines.append(
            f"| {count:,} | {built.seconds:.2f} | {plain.seconds:.2f} | {built.seconds / plain.seconds:.3f} | "
            f"{built.cpu_seconds:.2f} / {plain.cpu_seconds:.2f} | {built.cpu_seconds / plain.cpu_seconds:.3f} | "
            f"{built.peak_rss_mb:.0f} / {built.peak_total_mb:.0f} | {plain.peak_rss_mb:.0f} | {site['site_mb']:.1f} | "
            f"{site['guide_kb']:.1f} / {site['guide_max_kb']:.1f} | "
            f"{site['assets_kb']:.0f} / {site['assets_gzip_kb']:.0f} | "
            f"{site['search_kb']:.0f} / {site['search_gzip_kb']:.0f} | "
            f"{site['assets_gzip_kb'] + site['search_gzip_kb']:.0f} |")
    by_count = {row[0]: row for row in rows}
    lines += ["", "## Targets", ""]
    if 1000 in by_count:
        _, built, plain, _ = by_count[1000]
        lines.append(check("generator overhead at 1,000 guides (ratio to plain)", built.seconds / plain.seconds, 1.05))
    if 1000 in by_count and 3000 in by_count:
        small, large = by_count[1000], by_count[3000]
        lines.append(check("build time growth, 1,000 to 3,000", large[1].seconds / small[1].seconds, 3.3))
        lines.append(check("site size growth, 1,000 to 3,000", large[3]["site_mb"] / small[3]["site_mb"], 3.3))
        lines.append(check("search index growth, 1,000 to 3,000", large[3]["search_kb"] / small[3]["search_kb"], 3.3))
        lines.append(check("peak memory at 3,000, all processes (MB)", large[1].peak_total_mb, 1024))
    for count, _, _, site in rows:
        lines.append(check(f"largest guide page at {count:,} (KB)", site["guide_max_kb"], PAGE_BUDGET / 1000))
        lines.append(check(f"page, CSS and JS of a first visit at {count:,}, gzipped (KB)", site["assets_gzip_kb"],
                           ASSETS_BUDGET_GZIP / 1000))
        lines.append(check(f"search index per guide at {count:,}, gzipped (KB)", site["search_gzip_kb"] / count,
                           INDEX_BUDGET_GZIP_PER_GUIDE / 1000))
    if serve_seconds is not None:
        lines += ["", f"`mkdocs serve` with 1,000 guides: {serve_seconds:.1f} s from saving a scenario file to "
                  "the rebuilt page being served."]
    lines += ["", "## Reading the table", "",
              "- *Ratio* is the generator's own work: reading YAML with positions, validation, Jinja rendering "
              "and the nh3 pass over each guide. MkDocs and Material's per-page work is in both columns.",
              "- `mkdocs serve` rebuilds the whole site on every save (MkDocs has no safe partial rebuild: its "
              "`--dirty` mode leaves navigation stale). The hooks re-read and re-render only the scenarios an "
              "edit touched; the rest of the time is MkDocs and Material.",
              "- The search index is what Material fetches on every first visit; it grows with the catalog, "
              "so its budget is per guide. Only one letter per guide is indexed, and related-guide lists and "
              "form hints are left out.",
              "- Timings on a shared 2-core machine vary by about 10% from run to run."]
    return "\n".join(lines) + "\n"


def check(label: str, value: float, limit: float) -> str:
    return f"- {'met' if value <= limit else '**missed**'}: {label}: {value:.2f} (target at most {limit:g})"


if __name__ == "__main__":
    sys.exit(main())
