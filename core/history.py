"""What the revision history needs from the rest of the site."""

import json

from reversion.models import Version

# Functions name -> bool that other apps register (from their AppConfig.ready()) to keep files of their own, e.g.
# editorial's pending drafts: this module imports none of them.
file_keepers = []


def file_kept_by_history(name):
    """True if a stored revision refers to this stored file name: deleting the file would break a restore.

    Code that removes files no record uses (e.g. publications.storage) should also keep these.
    """
    if not name:
        return False
    if Version.objects.filter(serialized_data__contains=json.dumps(name)).exists():
        return True
    return any(keeper(name) for keeper in file_keepers)
