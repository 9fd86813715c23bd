"""A backup that restores: deploy/backup.sh (the README's commands) taken while the site runs, deploy/restore.sh
into a new database and new folders, and the restored copy, started like the original, answers every public page
and every download with the same bytes."""

import html
import re
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

from . import servers
from .conftest import make_site, need

ROOT = Path(__file__).resolve().parents[2]
# Followed from the home page; what no visitor reaches (the admin, sign-in) is left out.
SKIP = ("/admin/", "/accounts/", "/static/")
MAX_URLS = 600


def script(name, folder, site, check=True):
    """deploy/<name> FOLDER, run as an operator would, in the site's environment."""
    result = subprocess.run(  # noqa: S603
        [str(ROOT / "deploy" / name), str(folder)],
        cwd=ROOT,
        env={**site.env, "PYTHON": sys.executable},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if check:
        assert result.returncode == 0, f"deploy/{name} failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def backup_and_restore(local_site, workdir, static_root):
    """(the original site, the restored one, the backup folder): the backup is taken while the site serves."""
    site, _ = local_site
    if servers.is_postgres(site.database_url):
        need(servers.missing_pg_tools())
    backup = workdir / "backup"
    script("backup.sh", backup, site)
    folder, site_for = make_site(workdir, "restored-site", static_root)
    with servers.site_database(folder) as database_url:
        restored = site_for(database_url)
        script("restore.sh", backup, restored)
        yield site, restored, backup


def links(page):
    for value in re.findall(r'(?:href|src)="([^"]+)"', page):
        url = urllib.parse.urlsplit(html.unescape(value))
        if url.scheme in ("", "https") and url.netloc in ("", servers.HOST) and url.path.startswith("/"):
            yield url.path + (f"?{url.query}" if url.query else "")
    for value in re.findall(r"<loc>https://iomeu\.test(/[^<]*)</loc>", page):  # the sitemap
        yield html.unescape(value)


def crawl(browser):
    """Every address a visitor reaches from the home page, the sitemap and robots.txt: {path: response}."""
    seen, queue = {}, ["/", "/sitemap.xml", "/robots.txt", "/feeds/"]
    while queue and len(seen) < MAX_URLS:
        path = queue.pop(0)
        if path in seen or path.startswith(SKIP):
            continue
        response = seen[path] = browser.get(path)
        if response.status == 200 and (response.header("Content-Type") or "").startswith(("text/", "application/")):
            if "pdf" not in response.header("Content-Type"):
                queue.extend(link for link in links(response.text) if link not in seen)
    return seen


def comparable(response):
    """The status and bytes; in a calendar, DTSTAMP says when it was written (RFC 5545), so that line goes."""
    body = response.body
    if (response.header("Content-Type") or "").startswith("text/calendar"):
        body = re.sub(rb"\r\nDTSTAMP:[0-9TZ]+", b"", body)
    return response.status, body


def assert_restored_answers_the_same(backup_and_restore):
    site, restored, _ = backup_and_restore
    # Both served alike (gunicorn streaming the files; behind nginx only the sender of the bytes differs).
    with (
        servers.gunicorn(site, name="original-again", IOMEU_X_ACCEL_REDIRECT_PREFIX="") as original_url,
        servers.gunicorn(restored, name="restored") as restored_url,
    ):
        original = crawl(servers.Browser(original_url))
        copy = servers.Browser(restored_url)
        differences = []
        for path, response in original.items():
            again = copy.get(path)
            if comparable(again) != comparable(response):
                differences.append(
                    f"{path}: {response.status}, {len(response.body)} bytes -> {again.status}, {len(again.body)}"
                )
    assert not differences, "\n".join(differences)
    pages = [path for path, response in original.items() if response.status == 200]
    downloads = [path for path in pages if "/download/" in path or "/read/" in path or "/cover/" in path]
    # The record and the PDF uploaded through the admin were all there to compare.
    assert len(pages) > 50 and len(downloads) > 20
    assert original["/publications/uploaded-paper/download/en/"].body.startswith(b"%PDF")
    assert "/publications/uploaded-paper/download/en/" in downloads
    assert "/publications/draft-paper/" not in original  # the draft was never linked


def test_a_postgresql_backup_restores_into_a_new_database_with_every_page_and_download(backup_and_restore):
    site, _, backup = backup_and_restore
    if not servers.is_postgres(site.database_url):
        pytest.skip(
            "This run is on SQLite: the PostgreSQL backup runs with DATABASE_URL=postgres://... (.ci/run does)."
        )
    assert (backup / "database.dump").read_bytes().startswith(b"PGDMP")  # pg_dump's custom format

    assert_restored_answers_the_same(backup_and_restore)


def test_a_sqlite_online_backup_restores_into_a_new_file_with_every_page_and_download(backup_and_restore):
    site, _, backup = backup_and_restore
    if servers.is_postgres(site.database_url):
        pytest.skip("This run is on PostgreSQL: the SQLite backup runs on the SQLite default (.ci/run does both).")
    assert (backup / "database.sqlite3").read_bytes().startswith(b"SQLite format 3\x00")

    assert_restored_answers_the_same(backup_and_restore)


def test_the_restore_refuses_to_write_over_a_site(backup_and_restore):
    site, _, backup = backup_and_restore

    result = script("restore.sh", backup, site, check=False)

    assert result.returncode != 0
    assert "not empty" in result.stderr or "exists" in result.stderr
