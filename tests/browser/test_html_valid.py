"""Every public page type passes the Nu Html Checker (vnu.jar from npm, run with the machine's Java) with no error.

All pages go through one vnu run, to pay for the JVM start once.
"""

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from .conftest import VNU
from .crawl import fetch


@pytest.mark.vnu
def test_every_public_page_type_is_valid_html(site, page_states):
    states = page_states
    with tempfile.TemporaryDirectory(prefix="iomeu-vnu-") as tmp:
        files = {}
        for kind, path in states.items():
            _status, _content_type, body = fetch(site.url + path)
            file = Path(tmp) / f"{re.sub(r'[^a-z0-9]+', '-', kind.lower()).strip('-')}.html"
            file.write_text(body, encoding="utf-8")
            files[file.as_uri()] = f"{kind} ({path})"
        result = subprocess.run(  # noqa: S603
            [
                shutil.which("java"),
                "-Xss8m",
                "-jar",
                str(VNU),
                "--format",
                "json",
                "--stdout",
                *sorted(Path(tmp).iterdir()),
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
    messages = json.loads(result.stdout)["messages"]
    errors = [
        f"{files.get(message.get('url'), message.get('url'))} line {message.get('lastLine')}: {message['message']}"
        f"\n    {message.get('extract', '').strip()}"
        for message in messages
        if message["type"] == "error" or message.get("subType") == "fatal"
    ]
    assert not errors, "\n".join(errors)
    assert len(files) >= 6, f"Too few page types were checked: {sorted(files.values())}"
