"""Views, one module per kind of page: pages.py (home, an article, officials, outlets), events.py
(an event's versions side by side), search.py, dates.py (browsing by date), feeds.py (Atom),
discovery.py (sitemap, OpenSearch, robots.txt, citations), errors.py (the error pages) and api.py
(the read-only JSON API); params.py reads the query parameters the list pages share.
"""
