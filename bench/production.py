"""The production parts in the benchmark; bench/run runs it and adds its section to the report (alone:
`.venv/bin/python -m bench.production [--duration 10]`, which prints that section).

- **Object storage**: what costs more with the media on a real S3 server (SeaweedFS's, on 127.0.0.1, started by
  tests/production/servers.py) than in local folders: storing an uploaded PDF with the cover made from its first
  page (`read_upload()` then `save()`), and answering the cover and download addresses (the view asks the store
  whether the object exists, then signs a URL and redirects; locally it streams the file), and a cover rendition's
  first request (made from the stored cover and stored) against later ones (read from the store).
- **nginx in front**: a 10 MB PDF downloaded through nginx (deploy/nginx.conf.template) and gunicorn, where Django
  checks the publication, counts and answers X-Accel-Redirect and nginx sends the file, against the same nginx
  serving the same file itself. Goal: at least 0.9 of nginx's rate.

The sites run with the production settings on throwaway SQLite databases in a temporary folder; wrk loads them.
"""

import argparse
import contextlib
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.run import fmt, load_average, log, run_wrk
from tests.production import servers

BUCKET = "iomeu-bench"
UPLOADS = 8
LARGE_MB = 10
HEADERS = ["-H", f"Host: {servers.HOST}", "-H", "X-Forwarded-Proto: https"]


def wrk(url, duration, connections, threads):
    """bench.run's wrk, with the headers the load balancer would add."""
    return run_wrk(url, duration, connections, threads, extra=HEADERS)


# Uploads (run inside a site's environment: python -m bench.production --time-uploads N) --------------------------


def time_uploads(count):
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile

    from core.models import Status
    from publications.models import Publication, PublicationFile, PublicationKind
    from publications.samples import sample_pdf

    data = sample_pdf("A ten-page paper for the benchmark", summary="Measured upload.", pages=10)
    kind = PublicationKind.objects.get(slug="policy-paper")
    read, store = [], []
    for number in range(count + 1):
        publication = Publication.objects.create(
            title=f"Upload {number}",
            slug=f"bench-upload-{number}",
            kind=kind,
            publication_date="2026-01-01",
            summary="Measured upload.",
            status=Status.PUBLISHED,
        )
        file = PublicationFile(publication=publication, file=SimpleUploadedFile("paper.pdf", data, "application/pdf"))
        started = time.perf_counter()
        file.read_upload()  # size, hash, pages, text, and the cover rendered from the first page
        between = time.perf_counter()
        file.save()  # the PDF and the cover stored, the row written
        finished = time.perf_counter()
        if number:  # the first one pays for imports and connections
            read.append((between - started) * 1000)
            store.append((finished - between) * 1000)
    from images.pictures import Picture

    # A card's cover rendition of the first upload: made on its first request, then kept in the store.
    rendition = Picture(Publication.objects.get(slug="bench-upload-1").cover_holder).url("w240.webp")
    figures = {"read": statistics.median(read), "store": statistics.median(store), "bytes": len(data)}
    print(json.dumps({**figures, "rendition_path": rendition}))


# The measurements -------------------------------------------------------------------------------------------------


def object_storage(workdir, static_root, duration):
    """Uploads and the cover and download addresses, on local folders and on the S3 server."""
    results = {}
    with servers.seaweedfs(workdir / "seaweedfs") as store:
        store.client().create_bucket(Bucket=BUCKET)
        stores = {
            "local folders": {},
            "S3 (SeaweedFS)": {
                "IOMEU_S3_BUCKET": BUCKET,
                "IOMEU_S3_ENDPOINT_URL": store.endpoint,
                "IOMEU_S3_REGION": "us-east-1",
                "AWS_ACCESS_KEY_ID": store.access_key,
                "AWS_SECRET_ACCESS_KEY": store.secret_key,
            },
        }
        for label, settings in stores.items():
            folder = workdir / label.split()[0].lower()
            folder.mkdir()
            site = servers.Site(
                folder,
                servers.production_env(folder, f"sqlite:///{folder / 'db.sqlite3'}", static_root, **settings),
            )
            log(f"production parts: uploads on {label}")
            servers.prepare_site(site, seed=False)
            measured = json.loads(site.run_module("bench.production", "--time-uploads", str(UPLOADS)).splitlines()[-1])
            with servers.gunicorn(site, name="bench", workers=1) as url:
                for address in ("cover", "download"):
                    path = f"/publications/bench-upload-1/{address}/"
                    log(f"production parts: {address} on {label}")
                    measured[address] = wrk(url + path, duration, 1, 1)
                log(f"production parts: a cover rendition on {label}")
                started = time.perf_counter()
                first = servers.Browser(url).get(measured["rendition_path"])  # made, stored and sent
                measured["make rendition"] = (time.perf_counter() - started) * 1000
                if first.status != 200:
                    sys.exit(f"The cover rendition answered {first.status} on {label}.")
                measured["rendition"] = wrk(url + measured["rendition_path"], duration, 1, 1)  # read from the store
            results[label] = measured
    return results


DIRECT = """
    # The benchmark's yardstick: the same nginx serving the private folder itself.
    server {{
        listen 127.0.0.1:{port};
        location /direct/ {{
            alias {root}/;
        }}
    }}
"""


def through_nginx(workdir, static_root, duration, connections, threads):
    """A 10 MB PDF through nginx + gunicorn (X-Accel-Redirect) against nginx sending it alone."""
    folder = workdir / "nginx-site"
    folder.mkdir()
    site = servers.Site(
        folder,
        servers.production_env(
            folder, f"sqlite:///{folder / 'db.sqlite3'}", static_root, IOMEU_X_ACCEL_REDIRECT_PREFIX="/_private-media/"
        ),
    )
    log(f"production parts: a {LARGE_MB} MB PDF through nginx")
    servers.prepare_site(site, seed=False)
    site.run_module("bench.load_data", "--meetings=0", "--publications=0", f"--large-file-mb={LARGE_MB}")
    [stored] = site.private_media_root.glob(f"load-samples/large-{LARGE_MB}mb.pdf")
    direct_port = servers.free_port()
    extra = DIRECT.format(port=direct_port, root=site.private_media_root)
    with (
        servers.gunicorn(site, name="bench", workers=None) as app,
        servers.nginx(folder / "nginx", app, site.private_media_root, extra=extra) as proxy,
    ):
        site_url = f"{proxy}/publications/load-large-file/download/"
        direct_url = f"http://127.0.0.1:{direct_port}/direct/{stored.relative_to(site.private_media_root)}"
        results = {
            "through the site": wrk(site_url, duration, connections, threads),
            "nginx alone": wrk(direct_url, duration, connections, threads),
            # Django's part: the checked, counted answer with X-Accel-Redirect and no body, from gunicorn itself.
            "the site's answer": wrk(
                f"{app}/publications/load-large-file/download/", duration / 2, connections, threads
            ),
        }
    results["ratio"] = results["through the site"]["rps"] / results["nginx alone"]["rps"]
    results["megabytes"] = stored.stat().st_size / 1024 / 1024
    return results


def measure(duration, connections, threads):
    missing = [reason for reason in (servers.missing_weed(), servers.missing_nginx()) if reason]
    if missing:
        return {"missing": missing}
    load_before = load_average()
    with tempfile.TemporaryDirectory(prefix="iomeu-bench-parts-") as tmp:
        workdir = Path(tmp)
        static_root = workdir / "static"
        servers.collect_static(static_root, workdir)
        results = {
            "object storage": object_storage(workdir, static_root, duration / 2),
            "nginx": through_nginx(workdir, static_root, duration, connections, threads),
            "duration": duration,
            "connections": connections,
        }
    results["load"] = f"{load_before} and {load_average()}"
    return results


# The report -------------------------------------------------------------------------------------------------------


def report(results):
    if "missing" in results:
        return ["**Production parts**: not measured: " + "; ".join(results["missing"]) + "."]
    lines = [
        "**Production parts** (bench/production.py; latencies in ms, one connection at a time; load average before "
        f"/ after: {results['load']}):",
        "",
        "| media on | read a 10-page PDF and render its cover | store the PDF and the cover | cover address p50 / p99 "
        "| download address p50 / p99 | a cover rendition's first request (made and stored) "
        "| the kept rendition p50 / p99 |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, measured in results["object storage"].items():
        lines.append(
            f"| {label} | {fmt(measured['read'])} | {fmt(measured['store'])} "
            f"| {fmt(measured['cover']['p50'])} / {fmt(measured['cover']['p99'])} "
            f"| {fmt(measured['download']['p50'])} / {fmt(measured['download']['p99'])} "
            f"| {fmt(measured['make rendition'])} "
            f"| {fmt(measured['rendition']['p50'])} / {fmt(measured['rendition']['p99'])} |"
        )
    lines.append(
        "\nOn S3 the cover and download addresses answer a redirect to a signed URL after asking the store whether "
        "the object exists; on local folders they send the file. A rendition (the 240-pixel WebP of a card's cover) "
        "is made from the stored cover on its first request and stored beside it; later requests read it from the "
        "store and the site sends it (with a year-long cache header, so a browser asks once)."
    )
    nginx = results["nginx"]
    site, alone = nginx["through the site"], nginx["nginx alone"]
    ratio = nginx["ratio"]
    lines += [
        "",
        f"A {nginx['megabytes']:.0f} MB PDF, {results['connections']} connections, {results['duration']:g} s each: "
        f"through nginx and the site (X-Accel-Redirect) {fmt(site['rps'])} downloads/s "
        f"(p50 {fmt(site['p50'])} ms), nginx alone {fmt(alone['rps'])}/s (p50 {fmt(alone['p50'])} ms): "
        f"**ratio {ratio:.2f}**. Django's answer alone (gunicorn, X-Accel-Redirect, no body): "
        f"{fmt(nginx["the site's answer"]['rps'], 0)}/s, p50 {fmt(nginx["the site's answer"]['p50'])} ms.",
        "",
        ("- **met**" if ratio >= 0.9 else "- **missed**")
        + f": a {nginx['megabytes']:.0f} MB download through the site at least 0.9 of nginx serving the file "
        f"({ratio:.2f})",
    ]
    errors = [f"{name} {values['errors']}" for name, values in (("site", site), ("nginx", alone)) if values["errors"]]
    if errors:
        lines.append(f"- Non-2xx answers or socket errors: {', '.join(errors)}.")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=10, help="seconds of load per measurement (10)")
    parser.add_argument("--connections", type=int, default=4, help="wrk connections for the 10 MB download (4)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of the section")
    parser.add_argument("--time-uploads", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.time_uploads:
        time_uploads(args.time_uploads)
        return
    with contextlib.redirect_stdout(sys.stderr):
        results = measure(args.duration, args.connections, args.threads)
    print(json.dumps(results, default=str) if args.json else "\n".join(report(results)))


if __name__ == "__main__":
    main()
