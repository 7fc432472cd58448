"""Symbolic links never lead an import out of what it was given.

`ingest FOLDER` followed links anywhere: a link to /etc/passwd in a folder of captures published
the password file as an article. A link inside a folder is followed only while it stays inside
that folder; any other is reported as rejected, and its target is never read. The admin's zip
import refuses link members outright.
"""

import io
import json
import os
import stat
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.ingest.capture import read_captures
from archive.models import Article
from archive.uploads import import_uploads

SECRET = "HANOI (VNA) – Secret words {n}: the Prime Minister met the Japanese Ambassador " * 3


def story(n: str) -> str:
    return (
        f"Talks number {n} in Hanoi\n\nHANOI (VNA) – The Prime Minister received the Japanese "
        f"Ambassador on Tuesday {n}; the two sides agreed to deepen cooperation in trade, "
        "investment and labour, and to exchange more delegations."
    )


@pytest.fixture
def layout(tmp_path) -> tuple[Path, dict[str, str]]:
    """A folder of captures holding every kind of link, beside secrets outside it.

    Returns the folder and, for each link, "in" (followed: its target is inside) or "out".
    """
    outside = tmp_path / "outside"
    (outside / "private").mkdir(parents=True)
    (outside / "secret.txt").write_text(SECRET.format(n="file"))
    (outside / "private" / "secret.txt").write_text(SECRET.format(n="folder"))
    (outside / "secret.jsonl").write_text(json.dumps({"text": SECRET.format(n="jsonl")}) + "\n")
    folder = tmp_path / "captures"
    (folder / "sub" / "deeper").mkdir(parents=True)
    (folder / "real.txt").write_text(story("real"))
    (folder / "sub" / "inner.txt").write_text(story("inner"))
    links = {
        "passwd.txt": ("/etc/passwd", "out"),
        "absolute.txt": (str(outside / "secret.txt"), "out"),
        "relative.txt": ("../outside/secret.txt", "out"),
        "sub/deeper/climbing.txt": ("../../../outside/secret.txt", "out"),
        "batch.jsonl": (str(outside / "secret.jsonl"), "out"),
        "private": (str(outside / "private"), "out"),  # a folder
        "parent": ("..", "out"),  # the folder's parent, which holds the secrets
        "dangling.txt": (str(outside / "gone.txt"), "out"),
        "hop.txt": ("sub/hop-out.txt", "out"),  # a link to a link that leads out
        "sub/hop-out.txt": (str(outside / "secret.txt"), "out"),
        "alias.txt": ("real.txt", "in"),  # inside: followed
        "sub/up.txt": ("../real.txt", "in"),
        "sub-again": ("sub", "in"),
    }
    for name, (target, _) in links.items():
        os.symlink(target, folder / name)
    return folder, {name: where for name, (_, where) in links.items()}


def test_reading_a_folder_never_follows_a_link_out_of_it(layout):
    folder, links = layout
    items = list(read_captures([folder]))
    read = {os.path.relpath(item.path, folder) for item in items if hasattr(item, "raw")}
    assert not [item for item in items if "Secret words" in getattr(item, "raw", "")]
    refused = {
        os.path.relpath(item.path, folder)
        for item in items
        if "symbolic link out of the folder" in getattr(item, "reason", "")
    }
    assert refused == {name for name, where in links.items() if where == "out"}
    assert {"real.txt", "alias.txt", "sub/up.txt", "sub/inner.txt"} <= read


def test_no_import_path_follows_a_link_out(search_index, layout):
    """`ingest` reports each link out of its folder and imports the rest; the admin's zip
    import refuses link members."""
    folder, links = layout
    out = StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("ingest", str(folder), "--json", stdout=out, stderr=StringIO())
    assert failed.value.returncode == 1
    report = json.loads(out.getvalue())
    rejected = {
        os.path.relpath(entry["path"], folder): entry["error"]
        for entry in report["files"]
        if entry["status"] == "rejected"
    }
    outward = {name for name, where in links.items() if where == "out"}
    assert set(rejected) == outward
    assert all("symbolic link" in reason for reason in rejected.values())
    assert not Article.objects.filter(raw__contains="Secret words").exists()
    assert not Article.objects.filter(raw__contains="root:").exists()
    assert Article.objects.count() == 2  # real.txt and inner.txt (their links are duplicates)

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        link = zipfile.ZipInfo("passwd.txt")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
        archive.writestr("real.txt", story("zip"))

    class Upload:
        name = "batch.zip"
        file = buffer

    report = import_uploads([Upload()]).as_dict()
    statuses = {entry["path"]: (entry["status"], entry["error"]) for entry in report["files"]}
    assert statuses["batch.zip/passwd.txt"] == ("rejected", "symbolic link (not imported)")
    assert statuses["batch.zip/real.txt"][0] == "created"
    assert not Article.objects.filter(raw__contains="root:").exists()
