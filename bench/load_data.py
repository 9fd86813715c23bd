"""Fill a database with realistic generated content for benchmarks and load tests (bench/generator.py).

    DATABASE_URL=... python -m bench.load_data --meetings 1000 --publications 10000 [--large-file-mb 100]

It adds or removes generated items (slugs starting "load-") until exactly that many exist, so a second run changes
nothing, and `--meetings 0 --publications 0` removes them all. Settings: DJANGO_SETTINGS_MODULE, as for manage.py.
"""

import argparse
import os

import django


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--meetings", type=int, default=1000, help="generated meetings to hold (1000)")
    parser.add_argument("--publications", type=int, default=10000, help="generated publications to hold (10000)")
    parser.add_argument(
        "--large-file-mb",
        type=int,
        default=0,
        help="also hold one publication whose PDF is this many MB (for download memory checks); 0: none",
    )
    parser.add_argument("--verbose", "-v", action="store_true", help="print progress")
    args = parser.parse_args(argv)
    if min(args.meetings, args.publications, args.large_file_mb) < 0:
        parser.error("sizes must be 0 or more")

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iomeu.settings.local")
    django.setup()
    from bench.generator import generate

    progress = print if args.verbose else None
    print(generate(args.meetings, args.publications, args.large_file_mb, progress=progress))


if __name__ == "__main__":
    main()
