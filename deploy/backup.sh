#!/usr/bin/env bash
# Back up the site: the database, then the uploaded files (README "Backup and restore"). Safe while the site runs.
#
#   deploy/backup.sh FOLDER        FOLDER must not exist yet; it gets database.dump (PostgreSQL, pg_dump's custom
#                                  format) or database.sqlite3 (SQLite's online backup), media.tar.gz,
#                                  private-media.tar.gz and SHA256SUMS.
#
# It reads the site's own environment (the systemd EnvironmentFile): DATABASE_URL, DJANGO_MEDIA_ROOT and
# IOMEU_PRIVATE_MEDIA_ROOT, with the same defaults as the settings. The database goes first: files are never
# overwritten (every upload gets a new name), so files copied after the dump include every file it refers to.
# With IOMEU_S3_BUCKET set the files are in the bucket: copy it with the store's own tools (say
# `aws s3 sync s3://$IOMEU_S3_BUCKET FOLDER/bucket/`); this script then backs up the database only.
set -euo pipefail
project="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-$project/.venv/bin/python}"
destination="${1:?usage: deploy/backup.sh FOLDER (a folder that does not exist yet)}"
database_url="${DATABASE_URL:-sqlite:///$project/db.sqlite3}"
media_root="${DJANGO_MEDIA_ROOT:-$project/media}"
private_root="${IOMEU_PRIVATE_MEDIA_ROOT:-$project/private-media}"

mkdir "$destination"  # refuses an existing folder: a backup never overwrites another
cd "$project"  # a relative SQLite path (sqlite:///db.sqlite3) is relative to the project, as for manage.py

case "$database_url" in
  postgres://* | postgresql://*)
    pg_dump --format=custom --no-owner --file="$destination/database.dump" "$database_url"
    ;;
  sqlite:*)
    # SQLite's online backup: a consistent copy even while the site writes.
    "$python" - "$database_url" "$destination/database.sqlite3" <<'PY'
import sqlite3, sys
import dj_database_url
source = sqlite3.connect(dj_database_url.parse(sys.argv[1])["NAME"])
with sqlite3.connect(sys.argv[2]) as target:
    source.backup(target)
PY
    ;;
  *)
    echo "deploy/backup.sh: DATABASE_URL must be postgres://... or sqlite://..." >&2
    exit 1
    ;;
esac

archive() {  # archive FOLDER NAME: the folder's content (nothing if it does not exist yet)
  if [ -d "$1" ]; then
    tar -czf "$destination/$2.tar.gz" -C "$1" .
  else
    tar -czf "$destination/$2.tar.gz" --files-from=/dev/null
  fi
}
if [ -n "${IOMEU_S3_BUCKET:-}" ]; then
  echo "deploy/backup.sh: the files are in the bucket $IOMEU_S3_BUCKET: copy it with the store's tools." >&2
else
  archive "$media_root" media
  archive "$private_root" private-media
fi
(cd "$destination" && sha256sum -- * >SHA256SUMS)
echo "Backed up to $destination"
