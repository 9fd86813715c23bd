"""The benchmark (run it with bench/run; README "Benchmark" explains it).

For each database (SQLite, PostgreSQL) and each size (100 and 10,000 publications by default) it fills a database of
its own with `bench.load_data`, counts the SQL queries of each page, starts the site under gunicorn with the
production settings on 127.0.0.1, loads each page with wrk for a bounded time, first without and then with the page
cache, checks that a 100 MB download streams at constant memory, and prints the figures against the goals.
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


def database_url(database, size, postgres_url):
    if database == "sqlite":
        return f"sqlite:///{DATA / f'sqlite-{size}.sqlite3'}"
    import psycopg

    name = f"iomeu_bench_{size}"
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


def site_env(database, size, url, secret):
    label = f"{database}-{size}"
    return {
        **{key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "IOMEU_"))},
        "DJANGO_SETTINGS_MODULE": "iomeu.settings.production",
        "DJANGO_SECRET_KEY": secret,
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_LOG_LEVEL": "ERROR",
        "DATABASE_URL": url,
        "DJANGO_STATIC_ROOT": str(DATA / "static"),
        "DJANGO_MEDIA_ROOT": str(DATA / f"media-{label}"),
        "IOMEU_PRIVATE_MEDIA_ROOT": str(DATA / f"private-{label}"),
        "IOMEU_PAGE_CACHE_SECONDS": "0",  # "without the page cache": every page is rendered for every request
        "REDIS_URL": "",
    }


def python(env, *args, capture=False):
    """Run the project's Python with `args` (e.g. "manage.py", "migrate") in the benchmark's environment."""
    result = subprocess.run(  # noqa: S603
        [str(PYTHON), *args], cwd=ROOT, env=env, check=False, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout if capture else None


def prepare(env, size, large_file_mb):
    python(env, "manage.py", "migrate", "--noinput")
    meetings = max(10, size // 10)
    output = python(
        env,
        "-m",
        "bench.load_data",
        f"--meetings={meetings}",
        f"--publications={size}",
        f"--large-file-mb={large_file_mb}",
        capture=True,
    )
    log(output.strip())


def count_queries(env):
    result = subprocess.run(  # noqa: S603
        [str(PYTHON), "-m", "bench.queries"], cwd=ROOT, env=env, check=False, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(f"Counting queries failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


@contextlib.contextmanager
def gunicorn(env, workers):
    port = free_port()
    command = [str(GUNICORN), "-c", str(ROOT / "gunicorn.conf.py"), "--bind", f"127.0.0.1:{port}"]
    if workers:
        command += ["--workers", str(workers)]
    # No access log and no worker recycling while measuring.
    server_env = {**env, "GUNICORN_ACCESS_LOG": "", "GUNICORN_MAX_REQUESTS": "0", "GUNICORN_LOG_LEVEL": "warning"}
    log_file = open(DATA / "gunicorn.log", "ab")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(command, cwd=ROOT, env=server_env, stdout=log_file, stderr=subprocess.STDOUT)  # noqa: S603
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


def run_wrk(url, duration, connections, threads):
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(duration))}s",
        "--latency",
        "--timeout",
        "10s",
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


def report(results, args, started, info):
    lines = [
        f"Measured on {started:%Y-%m-%d} ({started:%H:%M} {started.astimezone().tzname()}) on {info['machine']}; "
        f"{info.get('postgres') or 'PostgreSQL not measured'}. wrk {args.threads} threads, {args.connections} "
        f"connections, {args.duration:g} s per page; gunicorn with `gunicorn.conf.py` "
        f"({args.workers or 'default'} workers), production settings, cached runs on "
        f"{'Redis' if info['redis'] else 'local memory'}. Load average before / after: {info['load_before']} and "
        f"{info['load_after']}.",
    ]
    if args.note:
        lines.append(f"Note: {args.note}")
    sizes = args.sizes
    for database in args.databases:
        if database not in results:
            continue
        lines += [
            "",
            f"**{'SQLite' if database == 'sqlite' else 'PostgreSQL'}** (latencies in ms; “cached” is the page cache "
            "for anonymous visitors; “alone” is one connection at a time, uncached):",
            "",
        ]
        header = ["page"]
        for size in sizes:
            header += [f"queries @{size:,}", f"req/s @{size:,}", f"p50 @{size:,}", f"p99 @{size:,}"]
        header += [f"alone p50 @{sizes[-1]:,}", f"alone p99 @{sizes[-1]:,}"]
        header += [f"cached req/s @{sizes[-1]:,}", f"cached p99 @{sizes[-1]:,}", "cached speed-up"]
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
            largest = results[database][sizes[-1]]["pages"].get(page, {})
            alone = largest.get("alone") or {}
            row += [fmt(alone.get("p50")), fmt(alone.get("p99"))]
            cached = largest.get("cached")
            speedup = cached["rps"] / largest["rps"] if cached and largest.get("rps") else None
            row += [
                fmt(cached and cached["rps"], 0),
                fmt(cached and cached["p99"]),
                f"{speedup:.1f}x" if speedup else "not cached (a file)",
            ]
            lines.append("| " + " | ".join(row) + " |")
        errors = [
            f"{page} @{size}: {values['errors']}"
            for size in sizes
            for page, values in results[database][size]["pages"].items()
            if values.get("errors")
        ]
        if errors:
            lines.append(f"\nNon-2xx answers or socket errors during the load: {', '.join(errors)}.")
    lines += ["", "Goals (issue 7):", ""] + [f"- {goal}" for goal in goals(results, args)]
    return "\n".join(lines) + "\n"


def goals(results, args):
    small, large = args.sizes[0], args.sizes[-1]
    found = []

    grown = [
        f"{'SQLite' if db == 'sqlite' else 'PostgreSQL'} {page} ({results[db][small]['pages'][page]['queries']} → "
        f"{values['queries']})"
        for db in results
        for page, values in results[db][large]["pages"].items()
        if values["queries"] > results[db][small]["pages"].get(page, {}).get("queries", values["queries"])
    ]
    found.append(
        ("**met**" if not grown else "**missed**")
        + f": no page's queries grow with the data ({small:,} → {large:,} publications)"
        + (f"; grew: {', '.join(grown)}" if grown else "")
    )

    if "postgres" in results:
        pages = results["postgres"][large]["pages"]
        slow = [f"{page} {fmt(values['p99'])} ms" for page, values in pages.items() if not values["p99"] < 50]
        found.append(
            ("**met**" if not slow else "**missed**")
            + f": p99 under 50 ms for every page at {large:,} publications on PostgreSQL without the page cache"
            + (f"; over: {', '.join(slow)}" if slow else "")
        )
        alone = {page: values["alone"]["p99"] for page, values in pages.items() if values.get("alone")}
        if alone:
            slow = [f"{page} {fmt(p99)} ms" for page, p99 in alone.items() if not p99 < 50]
            found.append(
                ("met" if not slow else "missed")
                + " (not a goal of the issue, to read the one above): the same with one connection at a time, "
                "where no request waits for another's CPU" + (f"; over: {', '.join(slow)}" if slow else "")
            )
    else:
        found.append("not measured: p99 on PostgreSQL (PostgreSQL was not available)")

    for db in results:
        ratios = []
        for page in (*LIST_PAGES, FILTERED):
            before = results[db][small]["pages"].get(page, {}).get("p50")
            after = results[db][large]["pages"].get(page, {}).get("p50")
            if before and after:
                ratios.append((page, after / before))
        over = [f"{page} {ratio:.2f}x" for page, ratio in ratios if ratio > 1.3]
        worst = max((ratio for _, ratio in ratios), default=math.nan)
        found.append(
            ("**met**" if not over else "**missed**")
            + f" on {'SQLite' if db == 'sqlite' else 'PostgreSQL'}: list pages at {large:,} publications within 1.3x "
            f"their median time at {small:,} (worst {worst:.2f}x)" + (f"; over: {', '.join(over)}" if over else "")
        )

    for db in results:
        pages = results[db][large]["pages"]
        speedups = {
            page: values["cached"]["rps"] / values["rps"]
            for page, values in pages.items()
            if values.get("cached") and values.get("rps")
        }
        slow = [f"{page} {value:.1f}x" for page, value in speedups.items() if value < 5]
        found.append(
            ("**met**" if not slow else "**missed**")
            + f" on {'SQLite' if db == 'sqlite' else 'PostgreSQL'}: a cached anonymous page at least 5x faster than "
            f"uncached (requests per second; lowest {min(speedups.values(), default=math.nan):.1f}x)"
            + (f"; under: {', '.join(slow)}" if slow else "")
        )

    for db in results:
        memory = results[db][large].get("download")
        if memory:
            ok = memory["peak_growth_mb"] < 10
            found.append(
                ("**met**" if ok else "**missed**")
                + f" on {'SQLite' if db == 'sqlite' else 'PostgreSQL'}: a {memory['megabytes']:.0f} MB download "
                f"streams at constant memory (peak worker memory grew by {memory['peak_growth_mb']:.1f} MB)"
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


def main():
    args = parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (bench/run installs it with apt-get).")
    started = datetime.datetime.now().astimezone()
    DATA.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    info = {"machine": machine(), "load_before": load_average()}
    if "postgres" in args.databases:
        info["postgres"] = postgres_available(args.postgres_url)
        if not info["postgres"]:
            args.databases.remove("postgres")
    info["redis"] = redis_available(args.redis_url)
    secret = secrets.token_urlsafe(64)
    results = {}
    static_done = False
    for database in args.databases:
        results[database] = {}
        for size in args.sizes:
            url = database_url(database, size, args.postgres_url)
            env = site_env(database, size, url, secret)
            log(f"{database}, {size:,} publications: preparing the data")
            prepare(env, size, args.large_file_mb if size == args.sizes[-1] else 0)
            if not static_done:
                python(env, "manage.py", "collectstatic", "--noinput", "--clear")
                static_done = True
            pages = {}
            for page in count_queries(env):
                if page["status"] != 200:
                    sys.exit(f"{page['url']} answered {page['status']} before any load; stopping.")
                pages[role(page["name"])] = {"url": page["url"], "queries": page["queries"]}
            with gunicorn(env, args.workers) as (base, master):
                for page, values in pages.items():
                    warm(base + values["url"])
                    values.update(run_wrk(base + values["url"], args.duration, args.connections, args.threads))
                    log(f"  uncached {page}: {fmt(values['rps'], 0)} req/s, p99 {fmt(values['p99'])} ms")
                    if size == args.sizes[-1] and args.alone_duration:
                        # One visitor at a time: the page's own time, without queueing behind the others.
                        values["alone"] = run_wrk(base + values["url"], args.alone_duration, 1, 1)
                        log(f"  uncached {page}, one connection: p99 {fmt(values['alone']['p99'])} ms")
                download = None
                if size == args.sizes[-1] and args.large_file_mb:
                    download = download_memory(base, master)
                    if download:
                        log(f"  download: peak worker memory grew {download['peak_growth_mb']:.1f} MB")
            cached_env = {**env, "IOMEU_PAGE_CACHE_SECONDS": "300"}
            if info["redis"]:
                cached_env.update(REDIS_URL=args.redis_url, IOMEU_CACHE_PREFIX=f"iomeu-bench-{secrets.token_hex(4)}")
            with gunicorn(cached_env, args.workers) as (base, _):
                for page, values in pages.items():
                    if page == DOWNLOAD:
                        continue  # files are streamed, never page-cached
                    warm(base + values["url"])
                    values["cached"] = run_wrk(base + values["url"], args.duration, args.connections, args.threads)
                    log(f"  cached {page}: {fmt(values['cached']['rps'], 0)} req/s")
            results[database][size] = {"pages": pages, "download": download}
    info["load_after"] = load_average()
    text = report(results, args, started, info)
    print(text)
    (RESULTS / "latest.md").write_text(text)
    (RESULTS / "latest.json").write_text(json.dumps({"info": info, "results": results}, indent=1, default=str))
    log(f"Written to {RESULTS / 'latest.md'}")
    if args.update_readme:
        update_readme(text)


if __name__ == "__main__":
    main()
