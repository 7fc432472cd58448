"""Turning raw captures of news pages into clean stories with metadata.

Pure Python (no Django): the import commands and views call into it.
"""

from archive.ingest.capture import Capture, Rejected, decode_capture_bytes, read_captures
from archive.ingest.pipeline import Extracted, IngestError, OutletInfo, extract
from archive.ingest.text import fold, slugify

__all__ = [
    "Capture",
    "Extracted",
    "IngestError",
    "OutletInfo",
    "Rejected",
    "decode_capture_bytes",
    "extract",
    "fold",
    "read_captures",
    "slugify",
]
