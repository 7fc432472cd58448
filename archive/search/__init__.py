"""Search: the haystack index of articles, our Whoosh backend, index sync and the search service."""
