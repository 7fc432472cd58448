"""The client's check of the engine it talks to, and clear errors when the index can't be made.

The pinned client, `elasticsearch` 7.17.13, checks the product it talks to before its first
request and refuses anything but Elasticsearch ("The client noticed that the server is not
Elasticsearch and we do not support this unknown product"): OpenSearch, which answers the same
7.10 REST API, among them. The older client that does not check (7.13.4) cannot be installed beside
trafilatura 2.3 (it needs urllib3 < 2, trafilatura urllib3 >= 2.8). So `ProductCheckedTransport`
keeps the client's own check for Elasticsearch and accepts OpenSearch 1.x and 2.x besides
(`accepts`); anything else is still refused.

`setup_error` turns a failed index creation into the error to raise at once: haystack creates
the index with `ignore=400`, so an analysis the engine rejects (a pattern it cannot compile, a
filter it lacks) went unnoticed and surfaced later as `index_not_found_exception` on the first
write or search.
"""

from __future__ import annotations

from elasticsearch import Transport
from elasticsearch.exceptions import TransportError

OPENSEARCH_MAJORS = (1, 2)


def accepts(info: dict) -> bool:
    """Whether the engine's `GET /` answer is an OpenSearch whose REST API is Elasticsearch 7's."""
    version = info.get("version") or {}
    if version.get("distribution") != "opensearch":
        return False
    try:
        major = int(str(version.get("number", "")).split(".")[0])
    except ValueError:
        return False
    return major in OPENSEARCH_MAJORS


class ProductCheckedTransport(Transport):
    """The client's transport: Elasticsearch as the client checks it, or OpenSearch 1.x/2.x."""

    def _do_verify_elasticsearch(self, headers, timeout):
        super()._do_verify_elasticsearch(headers=headers, timeout=timeout)
        if self._verified_elasticsearch is True:
            return
        connection = self.get_connection()
        _, _, raw = connection.perform_request(
            "GET", "/", headers={"accept": "application/json"}, timeout=timeout
        )
        if accepts(self.deserializer.loads(raw, mimetype="application/json")):
            self._verified_elasticsearch = True


class IndexSetupError(RuntimeError):
    """The engine refused to create the index (its settings or mapping)."""


def setup_error(index: str, error: TransportError) -> IndexSetupError | None:
    """The error to raise for a failed `indices.create`; None when the index already exists."""
    info = error.info if isinstance(error.info, dict) else {}
    cause = info.get("error") or {}
    if isinstance(cause, dict) and cause.get("type") == "resource_already_exists_exception":
        return None
    if isinstance(cause, dict):
        root = (cause.get("root_cause") or [cause])[0]
        reason = f"{root.get('type', '?')}: {root.get('reason', '')}"
        if cause.get("caused_by"):
            reason += f" (caused by {cause['caused_by'].get('type')}: "
            reason += f"{cause['caused_by'].get('reason')})"
    else:
        reason = str(error)
    return IndexSetupError(
        f"the search engine refused to create the index {index!r}: {reason}. "
        "Its settings come from archive/search/es/backend.py (analysis_settings, build_schema)."
    )
