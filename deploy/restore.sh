#!/usr/bin/env bash
# Restore a backup made by deploy/backup.sh (README "Backup and restore") into the site this environment names.
#
#   deploy/restore.sh FOLDER
#
# It reads the same environment as the site: DATABASE_URL (an existing, empty PostgreSQL database: `createdb`
# first; or a SQLite file that does not exist yet), DJANGO_MEDIA_ROOT and IOMEU_PRIVATE_MEDIA_ROOT (absent or
# empty folders), DJANGO_SETTINGS_MODULE. It refuses to write over anything. Then it migrates (if the code is newer
# than the backup) and rebuilds the search index. Restart the app servers afterwards (or wait
# IOMEU_PAGE_CACHE_SECONDS), so that no page cached before the restore is served.
set -euo pipefail
project="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-$project/.venv/bin/python}"
backup="$(cd "${1:?usage: deploy/restore.sh FOLDER (made by deploy/backup.sh)}" && pwd)"
database_url="${DATABASE_URL:-sqlite:///$project/db.sqlite3}"
media_root="${DJANGO_MEDIA_ROOT:-$project/media}"
private_root="${IOMEU_PRIVATE_MEDIA_ROOT:-$project/private-media}"
cd "$project"

(cd "$backup" && sha256sum --check --quiet SHA256SUMS)

empty_folder() {  # refuse a folder that has files in it
  if [ -d "$1" ] && [ -n "$(ls -A "$1")" ]; then
    echo "deploy/restore.sh: $1 is not empty; restore into an empty folder." >&2
    exit 1
  fi
}
if [ -z "${IOMEU_S3_BUCKET:-}" ]; then
  empty_folder "$media_root"
  empty_folder "$private_root"
fi

case "$database_url" in
  postgres://* | postgresql://*)
    tables="$(psql "$database_url" -tAc "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")"
    if [ "$tables" != "0" ]; then
      echo "deploy/restore.sh: the database is not empty ($tables tables); restore into a new one (createdb)." >&2
      exit 1
    fi
    pg_restore --no-owner --exit-on-error --dbname="$database_url" "$backup/database.dump"
    ;;
  sqlite:*)
    "$python" - "$database_url" "$backup/database.sqlite3" <<'PY'
import os, sqlite3, sys
import dj_database_url
name = dj_database_url.parse(sys.argv[1])["NAME"]
if os.path.exists(name):
    sys.exit(f"deploy/restore.sh: {name} exists; restore into a new file.")
with sqlite3.connect(name) as target:
    sqlite3.connect(sys.argv[2]).backup(target)
PY
    ;;
  *)
    echo "deploy/restore.sh: DATABASE_URL must be postgres://... or sqlite://..." >&2
    exit 1
    ;;
esac

if [ -z "${IOMEU_S3_BUCKET:-}" ]; then
  mkdir -p "$media_root" "$private_root"
  tar -xzf "$backup/media.tar.gz" -C "$media_root"
  tar -xzf "$backup/private-media.tar.gz" -C "$private_root"
fi
"$python" manage.py migrate --noinput
"$python" manage.py rebuild_search_index
echo "Restored from $backup"
