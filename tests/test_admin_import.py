"""Importing captures from the admin (issue 8): uploads, zip archives and their dangers."""

import io
import re
import stat
import struct
import time
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from archive.models import Article

URL = "/admin/archive/import/"

TALKS = (
    "Vietnam, Japan foreign ministers agree to speed up semiconductor training\n"
    "Hanoi (VNA) – Foreign Minister Bui Thanh Son and his Japanese counterpart Iwaya Takeshi "
    "held talks in Hanoi on March 12, agreeing to speed up joint programmes that train "
    "engineers for the semiconductor industry and to open more Japanese university places to "
    "Vietnamese students.\n"
    "The two ministers reviewed the implementation of the Comprehensive Strategic Partnership "
    "and welcomed the growth of two-way trade, which exceeded 46 billion USD last year. Son "
    "asked Japan to continue providing official development assistance for transport and "
    "climate adaptation projects in the Mekong Delta, while Iwaya said Japanese companies were "
    "ready to expand investment in digital technology and clean energy.\n"
    "Both sides agreed to hold the next round of the strategic dialogue in Tokyo later this "
    "year./.\n"
)
FESTIVAL = (
    "Japanese culture week opens in Da Nang\n"
    "Da Nang (VNA) – A Japanese culture week opened in the central city of Da Nang on May 9, "
    "featuring tea ceremony demonstrations, taiko drumming, ikebana and a food fair with "
    "dozens of booths run by Japanese and Vietnamese restaurants.\n"
    "Speaking at the opening ceremony, the Consul General of Japan in Da Nang said the event "
    "aimed to bring the people of the two countries closer and to promote tourism between "
    "central Vietnam and Japanese prefectures. Leaders of the city said more than 200 Japanese "
    "projects were now operating in Da Nang, mostly in software, electronics and hospitality.\n"
    "The week runs until May 15 and is expected to welcome around 30,000 visitors./.\n"
)
HARBOUR = (
    "Japan helps Hai Phong upgrade port logistics training\n"
    "Hai Phong (VNA) – The Japan International Cooperation Agency (JICA) on June 20 launched a "
    "project in the northern port city of Hai Phong to train logistics staff in cargo handling, "
    "customs digitalisation and port safety over the next three years.\n"
    "The project will send Japanese experts to work with the city's vocational colleges and "
    "port operators, and selected Vietnamese trainees will take part in short courses at ports "
    "in Yokohama and Kobe. A JICA representative said efficient ports were vital for supply "
    "chains linking Vietnam and Japan, whose two-way trade keeps growing every year./.\n"
)


def upload(name: str, content: str | bytes) -> SimpleUploadedFile:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def zipped(members: dict[str, bytes | str], **infos) -> bytes:
    """A zip holding these members; `infos` maps a member name to extra ZipInfo attributes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            info = zipfile.ZipInfo(name, date_time=(2025, 3, 12, 8, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            for attribute, value in infos.get(name, {}).items():
                setattr(info, attribute, value)
            archive.writestr(info, content)
    return buffer.getvalue()


def rows(response) -> dict[str, dict]:
    """The report's rows by file name, as `ingest --json` would give them."""
    assert response.status_code == 200, response.content.decode()[:2000]
    report = response.context["report"]
    return {result.path: result.as_dict() for result in report.files}


@pytest.fixture
def editor(db):
    return User.objects.create_superuser("editor", "editor@example.org", "a long passphrase")


@pytest.fixture
def editor_client(client, editor, search_index):
    client.force_login(editor)
    return client


@pytest.fixture
def staging_area(tmp_path, settings):
    """Uploads are staged in here (the import jobs' folder), so what lands beside them can be
    checked."""
    settings.ARCHIVE_DATA_DIR = tmp_path / "data"
    return tmp_path / "data" / "imports"


def post(client, *files):
    """Upload; the import job (run in the request in tests) answers with its report's page."""
    return client.post(URL, {"files": list(files)}, follow=True)


# --- who may use it


def test_anonymous_visitors_are_sent_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=/admin/archive/import/")
    assert client.post(URL, {"files": [upload("a.txt", TALKS)]}).status_code == 302
    assert Article.objects.count() == 0


def test_staff_without_the_permission_are_refused(client, db):
    staff = User.objects.create_user("intern", password="a long passphrase", is_staff=True)
    client.force_login(staff)
    assert client.get(URL).status_code == 403
    assert post(client, upload("a.txt", TALKS)).status_code == 403
    assert Article.objects.count() == 0


def test_staff_with_the_permission_may_import(client, search_index):
    staff = User.objects.create_user("desk", password="a long passphrase", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="add_article"))
    client.force_login(staff)
    assert rows(post(client, upload("talks.txt", TALKS)))["talks.txt"]["status"] == "created"


def test_the_form_renders_in_the_admin(editor_client):
    response = editor_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert re.search(r'<input type="file" name="files"[^>]* multiple[ >]', html)
    assert "csrfmiddlewaretoken" in html
    assert 'id="site-name"' in html  # the admin's own header
    assert response.context["available_apps"]  # admin.site.each_context


def test_a_post_without_csrf_token_is_refused(editor, search_index):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(URL, {"files": [upload("talks.txt", TALKS)]}).status_code == 403
    assert Article.objects.count() == 0
    # With the token from the form, the same upload goes through.
    token = client.get(URL).context["csrf_token"]
    response = client.post(
        URL, {"csrfmiddlewaretoken": str(token), "files": [upload("t.txt", TALKS)]}, follow=True
    )
    assert rows(response)["t.txt"]["status"] == "created"


def test_a_post_without_files_is_a_form_error(editor_client):
    response = editor_client.post(URL, {})
    assert response.status_code == 400
    assert response.context["form"].errors["files"]


# --- plain files


def test_two_captures_are_created_with_links(editor_client):
    response = post(editor_client, upload("talks.txt", TALKS), upload("festival.txt", FESTIVAL))
    by_name = rows(response)
    assert set(by_name) == {"talks.txt", "festival.txt"}
    for entry in by_name.values():
        assert entry["status"] == "created" and entry["error"] is None
    assert Article.objects.count() == 2
    summary = response.context["report"].summary
    assert summary["created"] == 2 and summary["rejected"] == 0
    html = response.content.decode()
    for entry in by_name.values():
        assert f'href="{entry["article"]["url"]}"' in html
        assert f'href="{entry["article"]["event"]["url"]}"' in html
    assert "2 created, 0 updated, 0 duplicate, 0 rejected" in html
    assert "archive-upload-" not in html  # temporary paths are never shown


def test_uploading_them_again_finds_duplicates(editor_client):
    first = rows(post(editor_client, upload("talks.txt", TALKS), upload("festival.txt", FESTIVAL)))
    again = rows(post(editor_client, upload("talks.txt", TALKS), upload("festival.txt", FESTIVAL)))
    assert {entry["status"] for entry in again.values()} == {"duplicate"}
    assert again["talks.txt"]["article"]["id"] == first["talks.txt"]["article"]["id"]
    assert Article.objects.count() == 2


def test_bad_files_are_rejected_with_reasons_and_the_rest_imported(editor_client):
    response = post(
        editor_client,
        upload("talks.txt", TALKS),
        upload("empty.txt", b""),
        upload("tool.exe", b"MZ\x90\x00"),
        upload("batch.jsonl", '{"text": "too short"}\n{"html": 5}\n'),
    )
    by_name = rows(response)
    assert by_name["talks.txt"]["status"] == "created"
    assert by_name["empty.txt"]["status"] == "rejected"
    assert "empty" in by_name["empty.txt"]["error"]
    assert "unsupported file type .exe" in by_name["tool.exe"]["error"]
    assert by_name["batch.jsonl:1"]["status"] == "rejected"
    assert '"html" must be a string' in by_name["batch.jsonl:2"]["error"]
    assert response.context["report"].summary["rejected"] == 4


# --- zip archives


def test_a_hostile_zip_imports_only_its_good_captures(editor_client, staging_area, tmp_path):
    absolute = str(tmp_path / "absolute.txt")
    link = {"external_attr": (stat.S_IFLNK | 0o777) << 16, "create_system": 3}
    archive = zipped(
        {
            "captures/": b"",
            "captures/talks.txt": TALKS,
            "captures/festival.htm": f"<html><body><article><h1>{FESTIVAL}</h1></article>"
            "</body></html>",
            "../evil.txt": HARBOUR,
            "../../evil.txt": HARBOUR,
            absolute: HARBOUR,
            "/etc/x.txt": HARBOUR,
            "C:/Windows/x.txt": HARBOUR,
            "link.txt": "../../etc/passwd",
            "inner.zip": zipped({"harbour.txt": HARBOUR}),
            "setup.exe": b"MZ\x90\x00",
            "__MACOSX/captures/._talks.txt": b"\x00\x05\x16\x07",
            ".DS_Store": b"\x00\x00\x00\x01Bud1",
        },
        **{"link.txt": link},
    )
    response = post(editor_client, upload("batch.zip", archive))
    by_name = rows(response)
    assert by_name["batch.zip/captures/talks.txt"]["status"] == "created"
    assert by_name["batch.zip/captures/festival.htm"]["status"] == "created"
    rejected = {
        name: entry["error"] for name, entry in by_name.items() if entry["status"] == "rejected"
    }
    assert rejected == {
        "batch.zip/../evil.txt": "path leading outside the archive (not imported)",
        "batch.zip/../../evil.txt": "path leading outside the archive (not imported)",
        f"batch.zip/{absolute}": "absolute path (not imported)",
        "batch.zip//etc/x.txt": "absolute path (not imported)",
        "batch.zip/C:/Windows/x.txt": "path with a drive letter (not imported)",
        "batch.zip/link.txt": "symbolic link (not imported)",
        "batch.zip/inner.zip": "nested zip archive (not expanded; upload it on its own)",
        "batch.zip/setup.exe": rejected["batch.zip/setup.exe"],
    }
    assert rejected["batch.zip/setup.exe"].startswith("unsupported file type .exe")
    # Folders, hidden files and macOS metadata are skipped without a word.
    assert not any("__MACOSX" in name or "DS_Store" in name for name in by_name)
    assert Article.objects.count() == 2
    # Nothing landed outside the temporary folder, which is gone.
    assert not (tmp_path / "evil.txt").exists()
    assert not (staging_area / "evil.txt").exists()
    assert not Path(absolute).exists()
    (job,) = [path for path in staging_area.iterdir() if path.is_dir()]
    assert sorted(path.name for path in job.iterdir()) == [
        "entries.json", "report.json", "results.jsonl", "state.json"
    ]  # fmt: skip
    assert not list(staging_area.rglob("*.txt"))
    html = response.content.decode()
    assert "path leading outside the archive" in html and "nested zip archive" in html


def test_a_zip_and_plain_files_together_keep_upload_order(editor_client):
    archive = zipped({"b.txt": FESTIVAL, "c.txt": HARBOUR})
    response = post(editor_client, upload("a.txt", TALKS), upload("pack.zip", archive))
    assert list(rows(response)) == ["a.txt", "pack.zip/b.txt", "pack.zip/c.txt"]


@pytest.fixture(scope="module")
def zip_bomb(tmp_path_factory) -> Path:
    """300 MB of zeros in a zip of a few hundred KB, written in chunks (never held in memory)."""
    bomb = tmp_path_factory.mktemp("bomb") / "bomb.zip"
    chunk = bytes(1024 * 1024)
    with (
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("zeros.txt", "w") as member,
    ):
        for _ in range(300):
            member.write(chunk)
    return bomb


def test_a_zip_bomb_is_rejected_without_unzipping_it(editor_client, zip_bomb, monkeypatch):
    assert zip_bomb.stat().st_size < 2_000_000
    opened = []
    original_open = zipfile.ZipFile.open

    def spy(self, name, *args, **kwargs):
        opened.append(getattr(name, "filename", name))
        return original_open(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    started = time.monotonic()
    response = post(
        editor_client, upload("bomb.zip", zip_bomb.read_bytes()), upload("talks.txt", TALKS)
    )
    assert time.monotonic() - started < 10
    by_name = rows(response)
    assert by_name["bomb.zip/zeros.txt"]["status"] == "rejected"
    assert (
        "too large when unzipped (314.573 MB > 5 MB limit)"
        in by_name["bomb.zip/zeros.txt"]["error"]
    )
    assert by_name["talks.txt"]["status"] == "created"
    assert "zeros.txt" not in opened


def test_a_bomb_below_the_size_cap_is_caught_by_its_ratio(editor_client):
    archive = zipped({"zeros.txt": bytes(4_000_000)})
    error = rows(post(editor_client, upload("small-bomb.zip", archive)))["small-bomb.zip/zeros.txt"]
    assert error["status"] == "rejected"
    assert "compression ratio" in error["error"] and "zip bomb" in error["error"]


def test_a_zip_lying_about_sizes_is_not_inflated(editor_client):
    """A header claiming 1,000 bytes for 20 MB of zeros: at most 1,000 bytes come out."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("liar.txt", bytes(20_000_000))
    data = bytearray(buffer.getvalue())
    struct.pack_into("<I", data, 22, 1000)  # the local header's uncompressed size
    struct.pack_into("<I", data, data.rfind(b"PK\x01\x02") + 24, 1000)  # the central directory's
    started = time.monotonic()
    entry = rows(post(editor_client, upload("liar.zip", bytes(data))))["liar.zip/liar.txt"]
    assert time.monotonic() - started < 5
    assert entry["status"] == "rejected"
    assert entry["error"].startswith("corrupt zip member")


def test_a_corrupt_zip_is_rejected_with_a_clear_reason(editor_client):
    good = zipped({"talks.txt": TALKS})
    response = post(
        editor_client,
        upload("garbage.zip", b"PK\x03\x04 this is not really a zip archive"),
        upload("truncated.zip", good[: len(good) // 2]),
        upload("festival.txt", FESTIVAL),
    )
    by_name = rows(response)
    assert by_name["garbage.zip"]["status"] == "rejected"
    assert by_name["garbage.zip"]["error"].startswith("not a valid zip archive")
    assert by_name["truncated.zip"]["error"].startswith("not a valid zip archive")
    assert by_name["festival.txt"]["status"] == "created"
    assert "not a valid zip archive" in response.content.decode()


# --- limits on the whole upload


def test_too_many_files_are_refused(editor_client, settings):
    settings.ARCHIVE_UPLOAD_MAX_FILES = 3
    files = [upload(f"{n}.txt", text) for n, text in enumerate([TALKS, FESTIVAL, HARBOUR, TALKS])]
    response = post(editor_client, *files)
    assert response.status_code == 400
    assert "Too many files" in response.content.decode()
    assert "at most 3" in response.context["refusal"]
    assert Article.objects.count() == 0


def test_zip_members_count_towards_the_file_limit(editor_client, settings):
    settings.ARCHIVE_UPLOAD_MAX_FILES = 3
    archive = zipped({"a.txt": TALKS, "b.txt": FESTIVAL, "c.txt": HARBOUR})
    response = post(editor_client, upload("pack.zip", archive), upload("d.txt", TALKS))
    assert response.status_code == 400
    assert response.context["refusal"].startswith("Too many files (4 found): at most 3")
    assert Article.objects.count() == 0


def test_djangos_own_file_limit_gets_the_same_clear_message(editor_client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
    response = post(editor_client, *[upload(f"{n}.txt", TALKS) for n in range(3)])
    assert response.status_code == 400
    assert "Too many files: at most 2" in response.context["refusal"]


def test_an_upload_over_the_byte_limit_is_refused(editor_client, settings):
    settings.ARCHIVE_UPLOAD_MAX_BYTES = 1_000
    response = post(editor_client, upload("talks.txt", TALKS), upload("harbour.txt", HARBOUR))
    assert response.status_code == 413
    assert "The upload is too large: at most 0.001 MB" in response.content.decode()
    assert Article.objects.count() == 0


def test_a_body_announced_as_too_large_is_not_read(editor_client, settings):
    settings.ARCHIVE_UPLOAD_MAX_BYTES = 1_000
    response = post(editor_client, upload("big.txt", b"word " * 500_000))
    assert response.status_code == 413
    assert "too large" in response.context["refusal"]


def test_unzipped_total_is_bounded(editor_client, settings):
    settings.ARCHIVE_UPLOAD_MAX_UNZIPPED_BYTES = len(TALKS) + len(FESTIVAL) // 2
    archive = zipped({"a.txt": TALKS, "b.txt": FESTIVAL})
    by_name = rows(post(editor_client, upload("pack.zip", archive)))
    assert by_name["pack.zip/a.txt"]["status"] == "created"
    assert by_name["pack.zip/b.txt"]["error"].startswith("unzipped files would exceed")
