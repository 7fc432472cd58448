"""A conjunction compiled per language field finds the same documents, with the same scores."""

import random

from whoosh import fields
from whoosh import query as wq
from whoosh.filedb.filestore import RamStorage

from archive.search.analysis import GROUPS, analyzer_for
from archive.search.querysyntax import Compiler, LazyOr, parse

FIELDS = {group: f"text_{group}" for group in GROUPS}
VOCABULARY = [
    "Tô", "Lâm", "Đảng", "Nguyễn", "Văn", "Japan", "Japan's", "cooperation", "cooperating",
    "statsministeren", "statsminister", "Việt-Nam", "trade", "visit", "minister", "Hà", "Nội",
]  # fmt: skip
PEOPLE = ["to-lam", "nguyen-van-a", "ishiba-shigeru"]


def _compiler() -> Compiler:
    return Compiler(FIELDS, lambda field, value: wq.Term(field, value))


def _index(rng: random.Random):
    schema = fields.Schema(
        id=fields.ID(stored=True),
        person=fields.KEYWORD(commas=True),
        **{
            name: fields.TEXT(analyzer=analyzer_for(group), phrase=True)
            for group, name in FIELDS.items()
        },
    )
    index = RamStorage().create_index(schema)
    with index.writer() as writer:
        for n in range(400):
            group = rng.choice(GROUPS)  # a document's text is in one group's field only
            words = " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(1, 30)))
            people = ",".join(rng.sample(PEOPLE, rng.randint(0, 2)))
            writer.add_document(id=str(n), person=people, **{FIELDS[group]: words})
    return index


def _random_query(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(2, 4)):
        kind = rng.random()
        if kind < 0.15:
            parts.append('"' + " ".join(rng.sample(VOCABULARY, 2)) + '"')
        elif kind < 0.25:
            parts.append("-" + rng.choice(VOCABULARY))
        elif kind < 0.35:
            parts.append("person:" + rng.choice(PEOPLE))
        elif kind < 0.42:
            parts.append(f"({rng.choice(VOCABULARY)} OR {rng.choice(VOCABULARY)})")
        else:
            parts.append(rng.choice(VOCABULARY))
    return " ".join(parts)


def _hits(searcher, query):
    if query is None:
        return None
    return sorted((hit["id"], round(hit.score, 9)) for hit in searcher.search(query, limit=None))


def test_split_conjunctions_find_the_same_documents_with_the_same_scores():
    rng = random.Random(11)
    compiler = _compiler()
    split = found = 0
    with _index(rng).searcher() as searcher:
        for _ in range(250):
            text = _random_query(rng)
            tree = parse(text).tree
            whole = compiler._compile(tree)
            by_language = compiler.compile(tree)
            split += by_language != whole
            expected = _hits(searcher, whole)
            found += bool(expected)
            assert _hits(searcher, by_language) == expected, text
    assert split > 100 and found > 50  # the split path ran, and on queries that find something


def test_two_words_become_one_conjunction_per_language():
    compiled = _compiler().compile(parse("Nguyen Van").tree)
    assert isinstance(compiled, LazyOr)
    assert compiled.subqueries == [
        wq.And([wq.Term(FIELDS[group], "nguyen"), wq.Term(FIELDS[group], "van")])
        for group in GROUPS
    ]


def test_single_words_and_alternatives_are_not_split():
    compiler = _compiler()
    for text in ("Japan", "Japan OR trade", "Japan person:to-lam", "-Japan trade"):
        tree = parse(text).tree
        assert compiler.compile(tree) == compiler._compile(tree), text
