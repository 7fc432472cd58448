"""The start-up check of Whoosh's version: our private uses of Whoosh
(`archive/search/whoosh_internals/`) run only on a release they were tested with.

The upgrade check itself is the equivalence tests against stock Whoosh listed in that package's
docstring; this test only makes sure an untested release is refused, not silently used."""

import re
from pathlib import Path

import pytest
import whoosh
from django.core.exceptions import ImproperlyConfigured

from archive.search import whoosh_internals
from archive.search.whoosh_internals import TESTED_VERSIONS, check_whoosh_version

ROOT = Path(__file__).resolve().parents[2]


def test_the_installed_whoosh_is_a_tested_one():
    check_whoosh_version()
    assert tuple(whoosh.__version__)[:3] in TESTED_VERSIONS


def test_the_pinned_whoosh_is_a_tested_one():
    pinned = re.search(
        r"^Whoosh-Reloaded==([0-9.]+)$", (ROOT / "requirements.txt").read_text(), re.M
    )
    assert pinned, "requirements.txt pins Whoosh-Reloaded"
    check_whoosh_version(tuple(int(part) for part in pinned.group(1).split(".")))


@pytest.mark.parametrize("version", [(2, 7, 6), (2, 8, 0), (3, 0, 0), (2, 7, 4)])
def test_an_untested_whoosh_is_refused_with_a_message_saying_what_to_do(monkeypatch, version):
    monkeypatch.setattr(whoosh, "__version__", version)
    with pytest.raises(ImproperlyConfigured) as refused:
        check_whoosh_version()
    message = str(refused.value)
    assert ".".join(map(str, version)) in message
    assert "2.7.5" in message and "TESTED_VERSIONS" in message


def test_the_check_runs_when_the_package_is_imported(monkeypatch):
    import importlib

    monkeypatch.setattr(whoosh, "__version__", (9, 9, 9))
    with pytest.raises(ImproperlyConfigured):
        importlib.reload(whoosh_internals)
    monkeypatch.undo()
    importlib.reload(whoosh_internals)


def test_the_check_runs_when_django_starts(monkeypatch):
    from django.apps import apps

    monkeypatch.setattr(whoosh, "__version__", (2, 7, 6))
    with pytest.raises(ImproperlyConfigured):
        apps.get_app_config("archive").ready()


# Whoosh's modules whose contents are implementation, not API: only whoosh_internals uses them.
PRIVATE_MODULES = (
    "whoosh.codec",
    "whoosh.filedb",
    "whoosh.matching.binary",
    "whoosh.matching.wrappers",
    "whoosh.query.spans",
    "whoosh.system",
    "whoosh.util",
    "whoosh.writing",
)


def test_only_whoosh_internals_imports_whooshs_private_modules_and_names():
    import ast

    outside = []
    for path in sorted((ROOT / "archive").rglob("*.py")):
        if "whoosh_internals" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("whoosh"):
                names = [alias.name for alias in node.names]
                if node.module.startswith(PRIVATE_MODULES) or any(n.startswith("_") for n in names):
                    outside.append(f"{path.relative_to(ROOT)}: from {node.module} import {names}")
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith(PRIVATE_MODULES):
                        outside.append(f"{path.relative_to(ROOT)}: import {alias.name}")
    assert outside == []
