"""Views: server-rendered pages (pages.py, search.py) and the read-only JSON API (api.py)."""
