"""The benchmark (run it with bench/run; README "Benchmark" explains it).

For each database (SQLite, PostgreSQL) and each size (100 and 10,000 publications by default) it fills a database of
its own with `bench.load_data`, counts the SQL queries of each page, starts the site under gunicorn with the
production settings on 127.0.0.1, loads each page with wrk for a bounded time, first without and then with the page
cache, checks that a 100 MB download streams at constant memory, and prints the figures against the goals.

In the same run it measures the ceilings bench/bare.py serves (the publications list template rendered with no
query; the same bytes returned from memory), and, with `--before REV`, the site as it was at an earlier commit
(checked out beside this one, at the largest size), so that every figure is a ratio measured on one machine in one
sitting.
"""

import argparse
import contextlib
import datetime
import json
import math
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / ".data"
RESULTS = ROOT / "bench" / "results"
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
README = ROOT / "README.md"
README_START, README_END = "<!-- bench:start -->", "<!-- bench:end -->"
LIST_PAGES = ("meetings, page 1", "meetings, last page", "publications, page 1", "publications, last page")
FILTERED = "publications filtered by topic and year"
DOWNLOAD = "a PDF download"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,10000", help="publication counts, comma-separated (100,10000)")
    parser.add_argument("--databases", default="sqlite,postgres", help="sqlite, postgres or both (default both)")
    parser.add_argument("--duration", type=float, default=10, help="seconds of load per page and mode (10)")
    parser.add_argument("--connections", type=int, default=4, help="concurrent connections wrk keeps open (4)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument(
        "--alone-duration",
        type=float,
        help="seconds of one connection per page at the largest size, uncached (default: half of --duration; 0: skip)",
    )
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py's, 2 x cores + 1)")
    parser.add_argument("--large-file-mb", type=int, default=100, help="size of the download memory check (100)")
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432"),
        help="server to create the benchmark databases on (iomeu_bench_<size>)",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0"),
        help="Redis for the cached runs (local memory if it does not answer)",
    )
    parser.add_argument(
        "--before",
        metavar="REV",
        help="also measure this earlier commit (largest size only) and report each page's speed against it",
    )
    parser.add_argument(
        "--turns",
        type=int,
        default=3,
        help="with --before: windows per page and commit with both servers up, taking turns, from which the "
        "slowdown is read: their medians from 3 windows, else their totals (3; 0: from the two commits' own runs)",
    )
    parser.add_argument(
        "--parts",
        choices=["yes", "no", "only"],
        default="yes",
        help="the production parts (bench/production.py: covers on S3, a 10 MB PDF through nginx): measured too "
        "(yes), skipped (no), or alone (only)",
    )
    parser.add_argument("--quick", action="store_true", help="2 s per page: checks that everything works")
    parser.add_argument("--update-readme", action="store_true", help="write the figures into README.md")
    parser.add_argument("--note", default="", help="a remark printed with the figures (e.g. other load)")
    args = parser.parse_args()
    if args.quick:
        args.duration = 2
    if args.alone_duration is None:
        args.alone_duration = args.duration / 2
    args.sizes = [int(size) for size in args.sizes.split(",")]
    args.databases = [name.strip() for name in args.databases.split(",")]
    return args


def log(message):
    print(f"[bench {datetime.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# Machine ----------------------------------------------------------------------------------------------------------


def machine():
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    with contextlib.suppress(OSError, ValueError, IndexError):
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    system = f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    return f"{os.cpu_count()} cores ({cpu}){memory}, {system}"


def load_average():
    return " / ".join(f"{value:.1f}" for value in os.getloadavg())


# Databases --------------------------------------------------------------------------------------------------------


def postgres_available(url):
    try:
        import psycopg

        with psycopg.connect(f"{url}/postgres", connect_timeout=3) as connection:
            return connection.execute("SELECT version()").fetchone()[0].split(" on ")[0]
    except Exception as error:  # noqa: BLE001 (any failure means: skip PostgreSQL and say why)
        log(f"PostgreSQL at {url} is not available ({error}); skipping it.")
        return None


def database_url(database, size, postgres_url, label=""):
    if database == "sqlite":
        return f"sqlite:///{DATA / f'sqlite-{size}{label}.sqlite3'}"
    import psycopg

    name = f"iomeu_bench_{size}{label.replace('-', '_')}"
    with psycopg.connect(f"{postgres_url}/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')
    return f"{postgres_url}/{name}"


def redis_available(url):
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
        return True
    except Exception:  # noqa: BLE001
        log(f"Redis at {url} does not answer; cached runs use each worker's local memory.")
        return False


# The site ---------------------------------------------------------------------------------------------------------


def site_env(database, size, url, secret, label="", settings="bench.settings"):
    label = f"{database}-{size}{label}"
    return {
        **{key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "IOMEU_"))},
        "DJANGO_SETTINGS_MODULE": settings,
        "DJANGO_SECRET_KEY": secret,
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_LOG_LEVEL": "ERROR",
        "DATABASE_URL": url,
        "DJANGO_STATIC_ROOT": str(DATA / "static"),
        "DJANGO_MEDIA_ROOT": str(DATA / f"media-{label}"),
        "IOMEU_PRIVATE_MEDIA_ROOT": str(DATA / f"private-{label}"),
        # "Without the page cache": every page is rendered for every request, as for a signed-in editor
        # (bench/settings.py drops the page cache's middleware), while the values kept per generation
        # (core.cache.kept_for_generation: the finders' counts, the search form's years) stay on, as in production.
        "IOMEU_PAGE_CACHE_SECONDS": "300",
        "BENCH_RENDER_EVERY_PAGE": "1",
        "REDIS_URL": "",
    }


def python(env, *args, capture=False, root=ROOT):
    """Run the project's Python with `args` (e.g. "manage.py", "migrate") in the benchmark's environment."""
    result = subprocess.run(  # noqa: S603
        [str(PYTHON), *args], cwd=root, env=env, check=False, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout if capture else None


def prepare(env, size, large_file_mb, root=ROOT):
    python(env, "manage.py", "migrate", "--noinput", root=root)
    meetings = max(10, size // 10)
    # Commits before the generator moved to bench/ had it as a management command.
    loader = ["-m", "bench.load_data"]
    if not (root / "bench" / "load_data.py").exists():
        loader = ["manage.py", "generate_load_data"]
    output = python(
        env,
        *loader,
        f"--meetings={meetings}",
        f"--publications={size}",
        f"--large-file-mb={large_file_mb}",
        capture=True,
        root=root,
    )
    log(output.strip())


def count_queries(env, root=ROOT):
    result = subprocess.run(  # noqa: S603
        [str(PYTHON), "-m", "bench.queries"], cwd=root, env=env, check=False, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(f"Counting queries failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


@contextlib.contextmanager
def gunicorn(env, workers, root=ROOT):
    port = free_port()
    # No control socket: its default path is shared, and the comparison with --before runs two servers at once.
    command = [
        str(GUNICORN),
        "-c",
        str(root / "gunicorn.conf.py"),
        "--bind",
        f"127.0.0.1:{port}",
        "--no-control-socket",
    ]
    if workers:
        command += ["--workers", str(workers)]
    # No access log and no worker recycling while measuring.
    server_env = {**env, "GUNICORN_ACCESS_LOG": "", "GUNICORN_MAX_REQUESTS": "0", "GUNICORN_LOG_LEVEL": "warning"}
    log_file = open(DATA / "gunicorn.log", "ab")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(command, cwd=root, env=server_env, stdout=log_file, stderr=subprocess.STDOUT)  # noqa: S603
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(OSError):
                with urllib.request.urlopen(f"{base}/healthz", timeout=5) as response:  # noqa: S310
                    if response.status == 200:
                        break
            if process.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"gunicorn did not start; see {DATA / 'gunicorn.log'}")
            time.sleep(0.3)
        yield base, process.pid
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log_file.close()


# Load -------------------------------------------------------------------------------------------------------------

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def milliseconds(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    return float(match.group(1)) * UNITS[match.group(2)] if match else math.nan


def run_wrk(url, duration, connections, threads, extra=()):
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(duration))}s",
        "--latency",
        "--timeout",
        "10s",
        *extra,
        url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    result = {"rps": math.nan, "p50": math.nan, "p99": math.nan, "errors": 0}
    for line in output.splitlines():
        line = line.strip()
        if line.startswith("Requests/sec:"):
            result["rps"] = float(line.split()[1])
        elif line.startswith("50%"):
            result["p50"] = milliseconds(line.split()[1])
        elif line.startswith("99%"):
            result["p99"] = milliseconds(line.split()[1])
        elif line.startswith("Non-2xx or 3xx responses:"):
            result["errors"] += int(line.split(":")[1])
        elif line.startswith("Socket errors:"):
            result["errors"] += sum(int(n) for n in re.findall(r"\d+", line))
    return result


def warm(url, times=3):
    for _ in range(times):
        with contextlib.suppress(urllib.error.URLError), urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
            response.read()


def worker_pids(master):
    """The gunicorn workers: the processes whose parent is the master."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            # The command name in parentheses may hold spaces: the parent pid is the 2nd field after it.
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == master:
                pids.append(int(stat.parent.name))
    return pids


def memory_kib(pid):
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def download_memory(base, master):
    """Download the large PDF once while sampling the workers' resident memory: how much any worker grew, in MB."""
    url = f"{base}/publications/load-large-file/download/"
    workers = worker_pids(master)
    if not workers:
        return None
    before = {pid: memory_kib(pid) for pid in workers}
    peak = dict(before)
    received = 0
    with urllib.request.urlopen(url, timeout=300) as response:  # noqa: S310
        for chunk in iter(lambda: response.read(256 * 1024), b""):
            received += len(chunk)
            for pid in workers:
                peak[pid] = max(peak[pid], memory_kib(pid))
    growth = max(peak[pid] - before[pid] for pid in workers)
    return {"megabytes": received / 1024 / 1024, "peak_growth_mb": growth / 1024, "workers": len(workers)}


# Report -----------------------------------------------------------------------------------------------------------


def role(name):
    return name.split(", page")[0] + (", last page" if "(last)" in name else "")


def fmt(value, digits=1):
    return "n/a" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:,.{digits}f}"


def db_name(database):
    return "SQLite" if database == "sqlite" else "PostgreSQL"


def percent(value, ceiling):
    return f"{100 * value / ceiling:.0f}%" if value and ceiling and not math.isnan(value) else "n/a"


def report(results, before, args, started, info):
    lines = [
        f"Measured on {started:%Y-%m-%d} ({started:%H:%M} {started.astimezone().tzname()}) on {info['machine']}; "
        f"{info.get('postgres') or 'PostgreSQL not measured'}; commit {info['commit']}"
        + (f", against {info['before']} (“before”)" if info.get("before") else "")
        + f". wrk {args.threads} threads, {args.connections} connections, {args.duration:g} s per page; gunicorn "
        f"with `gunicorn.conf.py` ({args.workers or 'default'} workers), production settings, cached runs on "
        f"{'Redis' if info['redis'] else 'local memory'}. Load average before / after: {info['load_before']} and "
        f"{info['load_after']}.",
    ]
    if args.note:
        lines.append(f"Note: {args.note}")
    sizes = args.sizes
    large = sizes[-1]
    for database in args.databases:
        if database not in results:
            continue
        ceiling = results[database][large]["ceiling"]
        bare_list = ceiling.get("list", {}).get("rps")
        bare_bytes = ceiling.get("bytes", {}).get("rps")
        old = before.get(database, {}).get("pages", {})
        turns = before.get(database, {}).get("turns", {})
        lines += [
            "",
            f"**{db_name(database)}** (latencies in ms; “cached” is the page cache for anonymous visitors; “alone” is "
            f"one connection at a time, uncached; “of bare” compares with the bare Django pages measured in the same "
            f"run at {large:,}: the list template rendered with no query, {fmt(bare_list, 0)} req/s, and the same "
            f"bytes returned from memory, {fmt(bare_bytes, 0)} req/s):",
            "",
        ]
        header = ["page"]
        for size in sizes:
            header += [f"queries @{size:,}", f"req/s @{size:,}", f"p50 @{size:,}", f"p99 @{size:,}"]
        header += [f"of bare @{large:,}", f"alone p50 @{large:,}", f"alone p99 @{large:,}"]
        header += [f"cached req/s @{large:,}", "cached of bare", "cached speed-up"]
        if old:
            header += ["req/s before", "cached req/s before"]
            header += ["req/s in turns (now / before)", "slower than before"] if turns else ["slower than before"]
        lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        for page in results[database][sizes[0]]["pages"]:
            row = [page]
            for size in sizes:
                measured = results[database][size]["pages"].get(page, {})
                row += [
                    str(measured.get("queries", "n/a")),
                    fmt(measured.get("rps"), 0),
                    fmt(measured.get("p50")),
                    fmt(measured.get("p99")),
                ]
            largest = results[database][large]["pages"].get(page, {})
            alone = largest.get("alone") or {}
            row += [
                percent(largest.get("rps"), bare_list) if page != DOWNLOAD else "a file",
                fmt(alone.get("p50")),
                fmt(alone.get("p99")),
            ]
            cached = largest.get("cached")
            speedup = cached["rps"] / largest["rps"] if cached and largest.get("rps") else None
            row += [
                fmt(cached and cached["rps"], 0),
                percent(cached and cached["rps"], bare_bytes) if cached else "n/a",
                f"{speedup:.1f}x" if speedup else "not cached (a file)",
            ]
            if old:
                was = old.get(page, {})
                slower = slowdown(was, largest, turns.get(page))
                row += [fmt(was.get("rps"), 0), fmt((was.get("cached") or {}).get("rps"), 0)]
                if turns:
                    taken = turns.get(page) or {}
                    row.append(
                        " / ".join(", ".join(fmt(rps, 0) for rps in taken.get(side, [])) for side in ("now", "before"))
                        or "n/a"
                    )
                row.append(f"{slower:.2f}x" if slower else "n/a")
            lines.append("| " + " | ".join(row) + " |")
        errors = [
            f"{page} @{size}: {values['errors']}"
            for size in sizes
            for page, values in results[database][size]["pages"].items()
            if values.get("errors")
        ]
        if errors:
            lines.append(f"\nNon-2xx answers or socket errors during the load: {', '.join(errors)}.")
    lines += ["", "Goals (issue 15):", ""] + [f"- {goal}" for goal in goals(results, before, args)]
    lines += ["", "Earlier goals (issue 7), still measured:", ""] + [f"- {goal}" for goal in old_goals(results, args)]
    return "\n".join(lines) + "\n"


def slowdown(was, now, turns=None):
    """How many times slower a page is than before (requests per second under the same load); >1 is slower. From
    the windows taken in turns when there are, else from the two commits' own runs. With three windows or more
    their medians: on this shared machine a single window now and then runs at half its neighbours' rate, whichever
    commit it falls on, and a total carries it into the ratio."""
    if turns and all(turns.get(side) for side in ("now", "before")):
        if min(len(turns["now"]), len(turns["before"])) >= 3:
            return statistics.median(turns["before"]) / statistics.median(turns["now"])
        return sum(turns["before"]) / sum(turns["now"])
    if was.get("rps") and now.get("rps"):
        return was["rps"] / now["rps"]
    return None


def verdict(ok):
    return "**met**" if ok else "**missed**"


def goals(results, before, args):
    small, large = args.sizes[0], args.sizes[-1]
    found = []

    # A list's last page is near the start at the smallest size and deep at the largest, where it reads its ids
    # first (core.views.DeepPagesMixin): one query more, the same at any size past the list's first rows.
    # Search counts a query's matches past the thousand it keeps (search.engine.Ranked): one query more once a query
    # matches that many, the same at any size.
    one_more = {"meetings, last page": 1, "publications, last page": 1, "search": 1}
    grown = [
        f"{db_name(db)} {page} ({results[db][small]['pages'][page]['queries']} → {values['queries']})"
        for db in results
        for page, values in results[db][large]["pages"].items()
        if values["queries"]
        > results[db][small]["pages"].get(page, {}).get("queries", values["queries"]) + one_more.get(page, 0)
    ]
    found.append(
        verdict(not grown)
        + f": queries per page flat from {small:,} to {large:,} publications, in a new generation (the lists' last "
        "pages: one more query once deep in the list, where they read their ids first; search: one more once a query "
        "matches more than the thousand it keeps, to count them)" + (f"; grew: {', '.join(grown)}" if grown else "")
    )

    if "postgres" in results:
        measured = results["postgres"][large]
        bare_list = measured["ceiling"].get("list", {}).get("rps")
        shares = {page: v["rps"] / bare_list for page, v in measured["pages"].items() if page != DOWNLOAD and bare_list}
        under = [f"{page} {100 * share:.0f}%" for page, share in shares.items() if share < 0.4]
        found.append(
            verdict(shares and not under)
            + f": every uncached page at {large:,} publications on PostgreSQL at least 40% of the bare-Django ceiling "
            f"(lowest {100 * min(shares.values(), default=math.nan):.0f}%; the PDF download is a file, not a page)"
            + (f"; under: {', '.join(under)}" if under else "")
        )
    else:
        found.append("not measured: the uncached ceiling on PostgreSQL (PostgreSQL was not available)")

    for db in results:
        measured = results[db][large]
        bare_bytes = measured["ceiling"].get("bytes", {}).get("rps")
        shares = {
            page: values["cached"]["rps"] / bare_bytes
            for page, values in measured["pages"].items()
            if values.get("cached") and bare_bytes
        }
        under = [f"{page} {100 * share:.0f}%" for page, share in shares.items() if share < 0.5]
        found.append(
            verdict(shares and not under)
            + f" on {db_name(db)}: cached anonymous pages at least 50% of a bare Django page returning the same bytes "
            f"from memory (lowest {100 * min(shares.values(), default=math.nan):.0f}%)"
            + (f"; under: {', '.join(under)}" if under else "")
        )

    if before:
        for db, old in before.items():
            now = results[db][large]["pages"]
            turns = old.get("turns", {})
            ratios = {page: slowdown(was, now.get(page, {}), turns.get(page)) for page, was in old["pages"].items()}
            ratios = {page: ratio for page, ratio in ratios.items() if ratio}
            over = [f"{page} {ratio:.2f}x" for page, ratio in ratios.items() if ratio > 1.25]
            found.append(
                verdict(not over)
                + f" on {db_name(db)}: no page more than 1.25 times slower than before (uncached requests per second "
                f"at {large:,}"
                + (
                    f", the two commits taking turns, {args.turns} windows each"
                    + (", their medians" if args.turns >= 3 else ", their totals")
                    if turns
                    else ""
                )
                + f"; worst {max(ratios.values(), default=math.nan):.2f}x)"
                + (f"; over: {', '.join(over)}" if over else "")
            )
    else:
        found.append("not measured: the comparison with the earlier commit (run with --before REV)")
    return found


def old_goals(results, args):
    small, large = args.sizes[0], args.sizes[-1]
    found = []
    if "postgres" in results:
        pages = results["postgres"][large]["pages"]
        slow = [f"{page} {fmt(values['p99'])} ms" for page, values in pages.items() if not values["p99"] < 50]
        found.append(
            ("met" if not slow else "missed")
            + f": p99 under 50 ms for every page at {large:,} publications on PostgreSQL without the page cache"
            + (f"; over: {', '.join(slow)}" if slow else "")
        )
    for db in results:
        ratios = []
        for page in (*LIST_PAGES, FILTERED):
            was = results[db][small]["pages"].get(page, {}).get("p50")
            now = results[db][large]["pages"].get(page, {}).get("p50")
            if was and now:
                ratios.append((page, now / was))
        over = [f"{page} {ratio:.2f}x" for page, ratio in ratios if ratio > 1.3]
        worst = max((ratio for _, ratio in ratios), default=math.nan)
        found.append(
            ("met" if not over else "missed")
            + f" on {db_name(db)}: list pages at {large:,} publications within 1.3x their median time at {small:,} "
            f"(worst {worst:.2f}x)" + (f"; over: {', '.join(over)}" if over else "")
        )
    for db in results:
        memory = results[db][large].get("download")
        if memory:
            found.append(
                ("met" if memory["peak_growth_mb"] < 10 else "missed")
                + f" on {db_name(db)}: a {memory['megabytes']:.0f} MB download streams at constant memory (peak "
                f"worker memory grew by {memory['peak_growth_mb']:.1f} MB)"
            )
    return found


def update_readme(text):
    readme = README.read_text()
    if README_START not in readme or README_END not in readme:
        log("README.md has no bench:start/bench:end markers; not updated.")
        return
    head, rest = readme.split(README_START, 1)
    _, tail = rest.split(README_END, 1)
    README.write_text(f"{head}{README_START}\n{text}{README_END}{tail}")
    log("README.md updated.")


# Main -------------------------------------------------------------------------------------------------------------

BARE_LIST, BARE_BYTES = "/_bench/bare-list/", "/_bench/bare-bytes/"


def measure(env, args, root=ROOT, largest=True, ceilings=False, redis=False, download_check=True):
    """Every page of the site in `env`: queries, then uncached and cached load. With `ceilings`, the bare pages too."""
    pages = {}
    for page in count_queries(env, root):
        if page["status"] != 200:
            sys.exit(f"{page['url']} answered {page['status']} before any load; stopping.")
        pages[role(page["name"])] = {"url": page["url"], "queries": page["queries"]}
    ceiling = {}
    download = None
    with gunicorn(env, args.workers, root) as (base, master):
        for page, values in pages.items():
            warm(base + values["url"])
            values.update(run_wrk(base + values["url"], args.duration, args.connections, args.threads))
            log(f"  uncached {page}: {fmt(values['rps'], 0)} req/s, p99 {fmt(values['p99'])} ms")
            if largest and args.alone_duration:
                # One visitor at a time: the page's own time, without queueing behind the others.
                values["alone"] = run_wrk(base + values["url"], args.alone_duration, 1, 1)
                log(f"  uncached {page}, one connection: p99 {fmt(values['alone']['p99'])} ms")
        if ceilings:
            warm(base + BARE_LIST)
            ceiling["list"] = run_wrk(base + BARE_LIST, args.duration, args.connections, args.threads)
            log(f"  bare Django list page (no query): {fmt(ceiling['list']['rps'], 0)} req/s")
        if largest and download_check and args.large_file_mb:
            download = download_memory(base, master)
            if download:
                log(f"  download: peak worker memory grew {download['peak_growth_mb']:.1f} MB")
    cached_env = {**env, "IOMEU_PAGE_CACHE_SECONDS": "300", "BENCH_RENDER_EVERY_PAGE": ""}
    if redis:
        cached_env.update(REDIS_URL=args.redis_url, IOMEU_CACHE_PREFIX=f"iomeu-bench-{secrets.token_hex(4)}")
    with gunicorn(cached_env, args.workers, root) as (base, _):
        for page, values in pages.items():
            if page == DOWNLOAD:
                continue  # files are streamed, never page-cached
            warm(base + values["url"])
            values["cached"] = run_wrk(base + values["url"], args.duration, args.connections, args.threads)
            log(f"  cached {page}: {fmt(values['cached']['rps'], 0)} req/s")
        if ceilings:
            warm(base + BARE_BYTES)
            ceiling["bytes"] = run_wrk(base + BARE_BYTES, args.duration, args.connections, args.threads)
            log(f"  bare Django page returning the same bytes from memory: {fmt(ceiling['bytes']['rps'], 0)} req/s")
    return {"pages": pages, "download": download, "ceiling": ceiling}


def taking_turns(now, before, args):
    """Each page's uncached load on both commits in turn (this one, the earlier one, this one, the earlier one...),
    with both servers up: a change in the machine's speed between windows, which on this shared machine moves a
    page's figures by a fifth or more, then touches both commits alike. Returns {page: {"now": [...], "before": [...]}}
    of requests per second."""
    (now_env, now_pages), (before_env, before_pages, before_root) = now, before
    turns = {}
    with (
        gunicorn(now_env, args.workers) as (now_base, _),
        gunicorn(before_env, args.workers, before_root) as (before_base, _),
    ):
        for page, values in now_pages.items():
            if page not in before_pages:
                continue
            sides = {"now": now_base + values["url"], "before": before_base + before_pages[page]["url"]}
            for url in sides.values():
                warm(url)
            turns[page] = {"now": [], "before": []}
            for _ in range(args.turns):
                for side, url in sides.items():
                    turns[page][side].append(run_wrk(url, args.duration, args.connections, args.threads)["rps"])
            log(f"  taking turns, {page}: {turns[page]['now']} and before {turns[page]['before']} req/s")
    return turns


def git(*args, check=True):
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=check).stdout.strip()  # noqa: S603, S607


@contextlib.contextmanager
def checkout(rev):
    """The earlier commit, checked out (detached) beside this one for the length of the run."""
    commit = git("rev-parse", "--verify", f"{rev}^{{commit}}")
    path = DATA / f"before-{commit[:10]}"
    if path.exists():
        git("worktree", "remove", "--force", str(path), check=False)
    git("worktree", "add", "--detach", str(path), commit)
    # What that commit ran with and this one no longer needs (e.g. be30047's snowballstemmer); pip leaves what is
    # already installed at a version its ranges accept alone.
    log(f"installing what {commit[:10]} requires (its requirements.txt) into .venv")
    subprocess.run(  # noqa: S603
        [str(PYTHON), "-m", "pip", "install", "--quiet", "-r", str(path / "requirements.txt")], check=True
    )
    try:
        yield path, commit
    finally:
        git("worktree", "remove", "--force", str(path), check=False)


def head_commit():
    dirty = git("status", "--porcelain", "--untracked-files=no")
    return git("rev-parse", "--short", "HEAD") + (" with uncommitted changes" if dirty else "")


def production_parts(args):
    """bench/production.py's section of the report (S3 and nginx), measured in a process of its own."""
    log("production parts: object storage and nginx")
    result = subprocess.run(  # noqa: S603
        [str(PYTHON), "-m", "bench.production", f"--duration={args.duration:g}", f"--threads={args.threads}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    sys.stderr.write(result.stderr)
    if result.returncode != 0:
        return f"**Production parts**: the measurement failed (exit {result.returncode}); see the log above.\n"
    return result.stdout


def main():
    args = parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (bench/run installs it with apt-get).")
    if args.parts == "only":
        RESULTS.mkdir(parents=True, exist_ok=True)
        text = production_parts(args)
        print(text)
        (RESULTS / "parts.md").write_text(text)
        return
    started = datetime.datetime.now().astimezone()
    DATA.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    info = {"machine": machine(), "load_before": load_average(), "commit": head_commit()}
    if "postgres" in args.databases:
        info["postgres"] = postgres_available(args.postgres_url)
        if not info["postgres"]:
            args.databases.remove("postgres")
    info["redis"] = redis_available(args.redis_url)
    secret = secrets.token_urlsafe(64)
    results, before = {}, {}
    static_done = False
    with contextlib.ExitStack() as stack:
        old = stack.enter_context(checkout(args.before)) if args.before else None
        if old:
            info["before"] = old[1][:10]
        for database in args.databases:
            results[database] = {}
            for size in args.sizes:
                largest = size == args.sizes[-1]
                url = database_url(database, size, args.postgres_url)
                env = site_env(database, size, url, secret)
                log(f"{database}, {size:,} publications: preparing the data")
                prepare(env, size, args.large_file_mb if largest else 0)
                if not static_done:
                    python(env, "manage.py", "collectstatic", "--noinput", "--clear")
                    static_done = True
                results[database][size] = measure(env, args, largest=largest, ceilings=largest, redis=info["redis"])
                now_env = env
            if old:
                root, commit = old
                size = args.sizes[-1]
                url = database_url(database, size, args.postgres_url, label=f"-before-{commit[:10]}")
                env = site_env(database, size, url, secret, label="-before", settings="iomeu.settings.production")
                env["DJANGO_STATIC_ROOT"] = str(DATA / "static-before")
                # The earlier commits' settings have no bench/settings.py: their page cache off, their own value
                # cache (IOMEU_VALUE_CACHE_SECONDS, where they have one) on, as this commit's kept values are.
                env.update(IOMEU_PAGE_CACHE_SECONDS="0", IOMEU_VALUE_CACHE_SECONDS="300")
                log(f"{database}, {size:,} publications, at {commit[:10]}: preparing the data")
                prepare(env, size, 0, root=root)
                python(env, "manage.py", "collectstatic", "--noinput", "--clear", root=root)
                before[database] = measure(env, args, root=root, redis=info["redis"], download_check=False)
                if args.turns:
                    log(f"{database}, {size:,} publications: this commit and {commit[:10]} taking turns, uncached")
                    now = (now_env, results[database][size]["pages"])
                    before[database]["turns"] = taking_turns(now, (env, before[database]["pages"], root), args)
    parts = production_parts(args) if args.parts == "yes" else ""
    info["load_after"] = load_average()
    text = report(results, before, args, started, info) + (f"\n{parts}" if parts else "")
    print(text)
    (RESULTS / "latest.md").write_text(text)
    data = {"info": info, "results": results, "before": before}
    (RESULTS / "latest.json").write_text(json.dumps(data, indent=1, default=str))
    log(f"Written to {RESULTS / 'latest.md'}")
    if args.update_readme:
        update_readme(text)


if __name__ == "__main__":
    main()
