"""The production parts, for real: SeaweedFS's S3 server, Debian's nginx, PostgreSQL's dump and restore.

Every test here is marked `production`. A test whose part is missing (the weed binary, nginx, pg_dump) is skipped
with the reason, or fails when IOMEU_REQUIRE_PRODUCTION is set (as .ci/run does). The sites run in their own
processes, under gunicorn with the production settings, on their own databases (of the kind DATABASE_URL names)
and folders; this process only talks to them over HTTP on 127.0.0.1.
"""

import os
import re
from pathlib import Path

import pytest

from tests.core.admin_forms import form_data

from . import servers

HERE = Path(__file__).resolve().parent
BUCKET = "iomeu-media"
# Short lifetimes, so that a test can watch a signed URL expire.
SIGNED_DOWNLOAD_SECONDS = 5
S3_URL_SECONDS = 5


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(item.fspath).parents:
            item.add_marker(pytest.mark.production)


def need(missing):
    """Skip (or, with IOMEU_REQUIRE_PRODUCTION, fail) when a part is missing; `missing` is the reason or None."""
    if not missing:
        return
    if os.environ.get("IOMEU_REQUIRE_PRODUCTION"):
        pytest.fail(f"IOMEU_REQUIRE_PRODUCTION is set but {missing}.", pytrace=False)
    pytest.skip(f"Production test skipped: {missing}.")


@pytest.fixture(scope="session")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("production")


@pytest.fixture(scope="session")
def static_root(workdir):
    """collectstatic once: the production settings serve the hashed names WhiteNoise's manifest lists."""
    root = workdir / "static"
    servers.collect_static(root, workdir)
    return root


def make_site(workdir, name, static_root, **settings):
    folder = workdir / name
    folder.mkdir()
    return folder, lambda database_url: servers.Site(
        folder, servers.production_env(folder, database_url, static_root, **settings)
    )


# Object storage ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def object_store(workdir):
    need(servers.missing_weed())
    with servers.seaweedfs(workdir / "seaweedfs") as store:
        store.client().create_bucket(Bucket=BUCKET)
        yield store


@pytest.fixture(scope="session")
def s3_site(workdir, static_root, object_store):
    """The site with its media in the bucket (IOMEU_S3_BUCKET and the endpoint, as an app server is configured),
    seeded, under gunicorn. Yields (site, url)."""
    folder, site_for = make_site(
        workdir,
        "s3-site",
        static_root,
        IOMEU_S3_BUCKET=BUCKET,
        IOMEU_S3_ENDPOINT_URL=object_store.endpoint,
        IOMEU_S3_REGION="us-east-1",
        AWS_ACCESS_KEY_ID=object_store.access_key,
        AWS_SECRET_ACCESS_KEY=object_store.secret_key,
        IOMEU_CSP_MEDIA_ORIGINS=object_store.endpoint,
        IOMEU_SIGNED_DOWNLOAD_SECONDS=SIGNED_DOWNLOAD_SECONDS,
        IOMEU_S3_URL_SECONDS=S3_URL_SECONDS,
        # Pages carry signed links that live S3_URL_SECONDS: no page may be served from the cache for longer
        # (production: an hour against at most five minutes).
        IOMEU_PAGE_CACHE_SECONDS=0,
    )
    with servers.site_database(folder) as database_url:
        site = site_for(database_url)
        servers.prepare_site(site)
        with servers.gunicorn(site) as url:
            yield site, url


# nginx in front of a site on local folders --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def local_site(workdir, static_root):
    """The site on local folders as it runs behind nginx (IOMEU_X_ACCEL_REDIRECT_PREFIX), seeded, with one PDF
    uploaded through the admin and one draft publication. Yields (site, gunicorn's url)."""
    folder, site_for = make_site(workdir, "local-site", static_root, IOMEU_X_ACCEL_REDIRECT_PREFIX="/_private-media/")
    with servers.site_database(folder) as database_url:
        site = site_for(database_url)
        servers.prepare_site(site)
        with servers.gunicorn(site) as url:
            staff = servers.Browser(url)
            staff.sign_in(site.staff_user, site.staff_password)
            for slug, status in (("uploaded-paper", "published"), ("draft-paper", "draft")):
                answer = add_publication(staff, slug, pdf(f"The {slug} of the production tests."), status=status)
                assert answer.status == 302, answer.text[:3000]
            yield site, url


@pytest.fixture(scope="session")
def nginx_site(workdir, local_site):
    """nginx, configured from deploy/nginx.conf.template, in front of the local site. Yields (site, nginx's url)."""
    need(servers.missing_nginx())
    site, app_url = local_site
    with servers.nginx(workdir / "nginx", app_url, site.private_media_root) as url:
        yield site, url


# Helpers ----------------------------------------------------------------------------------------------------------


def pdf(text, pages=2):
    from tests.publications.factories import pdf_bytes

    return pdf_bytes(pages=pages, text=text)


def option_value(html, select_name, label):
    """The value of the <option> labelled `label` in the <select name=...>."""
    select = re.search(rf'<select name="{re.escape(select_name)}".*?</select>', html, re.S).group(0)
    return re.search(rf'<option value="([^"]+)"[^>]*>{re.escape(label)}</option>', select).group(1)


def add_publication(staff, slug, pdf_data, status="published", filename=None):
    """The admin's add-publication form, filled in and posted with the PDF, as an editor's browser does."""
    page = staff.get("/admin/publications/publication/add/")
    data = form_data(page, "publication_form")
    data.update(
        {
            "title": f"The {slug.replace('-', ' ')}",
            "slug": slug,
            "kind": option_value(page.text, "kind", "Policy paper"),
            "publication_date": "2026-11-02",
            "date_precision": "day",
            "summary": f"A paper the production tests upload ({slug}).",
            "status": status,
            "published_at_0": "2026-11-02",
            "published_at_1": "12:00:00",
            "files-TOTAL_FORMS": "1",
            "files-0-language": "en",
            "files-0-filename": "",
        }
    )
    files = {"files-0-file": (filename or f"{slug}.pdf", pdf_data, "application/pdf")}
    return staff.post("/admin/publications/publication/add/", data, files)
