"""Web archives written by the tests with warcio: responses, redirects, revisits, requests."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


@dataclass
class Rec:
    url: str
    body: bytes = b""
    status: str = "200 OK"
    content_type: str = "text/html; charset=utf-8"
    kind: str = "response"  # response | revisit | request | resource
    date: str = "2025-03-14T08:30:00Z"
    extra_headers: tuple[tuple[str, str], ...] = ()


def write_warc(records: list[Rec], stream, gzip: bool = True) -> None:
    writer = WARCWriter(stream, gzip=gzip)
    for rec in records:
        warc_headers = {"WARC-Date": rec.date}
        if rec.kind == "revisit":
            record = writer.create_revisit_record(
                rec.url,
                digest="sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                refers_to_uri=rec.url,
                refers_to_date=rec.date,
                http_headers=StatusAndHeaders(rec.status, [], protocol="HTTP/1.1"),
            )
            record.rec_headers.replace_header("WARC-Date", rec.date)
        elif rec.kind == "request":
            record = writer.create_warc_record(
                rec.url,
                "request",
                payload=io.BytesIO(b""),
                http_headers=StatusAndHeaders("GET / HTTP/1.1", [], is_http_request=True),
                warc_headers_dict=warc_headers,
            )
        elif rec.kind == "resource":
            record = writer.create_warc_record(
                rec.url,
                "resource",
                payload=io.BytesIO(rec.body),
                warc_content_type=rec.content_type,
                warc_headers_dict=warc_headers,
            )
        else:
            headers = [("Content-Type", rec.content_type), *rec.extra_headers]
            record = writer.create_warc_record(
                rec.url,
                "response",
                payload=io.BytesIO(rec.body),
                http_headers=StatusAndHeaders(rec.status, headers, protocol="HTTP/1.1"),
                warc_headers_dict=warc_headers,
            )
        writer.write_record(record)


def warc_file(path: Path, records: list[Rec], gzip: bool = True) -> Path:
    with path.open("wb") as stream:
        write_warc(records, stream, gzip=gzip)
    return path


def wacz_file(path: Path, records: list[Rec]) -> Path:
    data = io.BytesIO()
    write_warc(records, data)
    with zipfile.ZipFile(path, "w") as wacz:
        wacz.writestr("datapackage.json", '{"profile": "data-package", "resources": []}')
        wacz.writestr("archive/data.warc.gz", data.getvalue())
    return path
