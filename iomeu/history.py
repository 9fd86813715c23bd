"""What the revision history needs from the rest of the site."""

import json

from reversion.models import Version


def file_kept_by_history(name):
    """True if a stored revision refers to this stored file name: deleting the file would break a restore.

    Code that removes files no record uses (e.g. publications.storage) should also keep these.
    """
    if not name:
        return False
    return Version.objects.filter(serialized_data__contains=json.dumps(name)).exists()
