"""Japanese, Chinese and Korean text in search (issue 26): a word finds the sentences that write
it, phrases and snippets work, and a person's Latin name finds the Japanese articles tagged with
them. The texts are written for these tests."""

import pickle

import pytest

from archive.search.analysis import analyzer_for, language_group, terms
from archive.search.highlight import snippet
from archive.search.querysyntax import parse
from archive.search.service import SearchParams, search
from bench.japanese import QUERIES, SENTENCES, bigram_analyzer, quality, sudachi_analyzer
from tests.factories import ArticleFactory, PersonAliasFactory, PersonFactory

JA_TITLE = "日越首脳が会談、経済安全保障で協力"
JA_BODY = (
    "ベトナムを訪問中の石破首相は29日、ハノイでファム・ミン・チン首相と首脳会談を行い、"
    "半導体の供給網での協力を確認した。\n\n"
    "両首相は共同声明に署名し、ＡＳＥＡＮとの連携も話し合った。"
)
JA_OTHER_BODY = "東京都の知事は、京都で開かれた国際会議について記者団に説明した。"
ZH_BODY = "越南总理范明政与日本首相举行会谈，双方同意加强合作。"
KO_BODY = "베트남 총리와 일본 총리가 하노이에서 정상회담을 가졌다."


def ids(page) -> set[int]:
    return {article.id for hit in page.results for article in hit.articles}


def run(q="", **params):
    return search(SearchParams(q=q, **params))


@pytest.fixture
def ishiba(db):
    person = PersonFactory(name="Ishiba Shigeru", slug="ishiba-shigeru", country="Japan")
    PersonAliasFactory(person=person, name="石破茂")
    return person


@pytest.fixture
def asian(index, ishiba):
    articles = {
        "ja": ArticleFactory(title=JA_TITLE, body=JA_BODY, language="ja", people=[ishiba]),
        "ja_other": ArticleFactory(title="国際会議", body=JA_OTHER_BODY, language="ja"),
        "zh": ArticleFactory(title="会谈", body=ZH_BODY, language="zh"),
        "ko": ArticleFactory(title="정상회담", body=KO_BODY, language="ko"),
        "en": ArticleFactory(
            title="Leaders meet",
            body="Prime Minister Ishiba Shigeru met Pham Minh Chinh in Hanoi.",
            people=[ishiba],
        ),
    }
    index()
    return articles


# -- analysis ---------------------------------------------------------------------------------


def test_language_groups():
    assert [language_group(code) for code in ("ja", "ja-JP", "zh", "zh-Hant", "ko", "vi")] == [
        "ja", "ja", "cjk", "cjk", "cjk", "other",
    ]  # fmt: skip
    assert analyzer_for("cjk") is analyzer_for("zh") and analyzer_for("ja") is not analyzer_for(
        "cjk"
    )


def test_japanese_words_are_cut_and_folded():
    assert terms("首脳会談を行い", "ja") == ["首脳", "会談", "を", "行う"]
    # Half-width katakana and full-width Latin letters (NFKC), katakana as hiragana.
    assert terms("ﾍﾞﾄﾅﾑ", "ja") == terms("ベトナム", "ja") == ["べとなむ"]
    assert terms("ＡＳＥＡＮ", "ja") == ["asean"]
    # Words without a CJK character are the other languages' terms.
    assert terms("Tô Lâm Ishiba", "ja") == terms("Tô Lâm Ishiba", "vi") == ["to", "lam", "ishiba"]


def test_chinese_and_korean_are_bigrams():
    assert terms("举行会谈", "zh") == ["举行", "行会", "会谈"]
    assert terms("정상회담", "ko") == ["정상", "상회", "회담"]
    assert terms("会", "zh") == ["会"]  # a lone character is its own term


def test_offsets_are_in_the_text():
    text = "ベトナムの石破首相 Ishiba"
    tokens = [
        (t.text, text[t.startchar : t.endchar], t.pos)
        for t in analyzer_for("ja")(text, chars=True, positions=True)
    ]
    assert tokens == [
        ("べとなむ", "ベトナム", 0), ("の", "の", 1), ("石破", "石破", 2),
        ("首相", "首相", 3), ("ishiba", "Ishiba", 4),
    ]  # fmt: skip


@pytest.mark.parametrize("group", ["ja", "cjk"])
def test_pickled_analyzers_remember_nothing(group):
    analyzer = analyzer_for(group)
    list(analyzer("首脳会談を行い"))
    copy = pickle.loads(pickle.dumps(analyzer, 2))  # as Whoosh pickles the schema
    assert copy == analyzer
    assert b"_runs" not in pickle.dumps(analyzer, 2)
    assert [t.text for t in copy("首脳会談")] == [t.text for t in analyzer("首脳会談")]


def test_the_labelled_set():
    # The comparison of README "Japanese, Chinese and Korean text" (python -m bench.japanese).
    assert len(SENTENCES) >= 20 and len(QUERIES) >= 20
    chosen = quality(sudachi_analyzer())
    assert chosen["recall"] == 1.0 and chosen["precision"] >= 0.95, chosen
    bigrams = quality(bigram_analyzer())
    # Bigrams find words inside other words (`京都` in `東京都`): the reason for the analyser.
    assert "京都:s05" in bigrams["wrong"] and "京都:s05" not in chosen["wrong"]


# -- search, end to end -----------------------------------------------------------------------


@pytest.mark.parametrize("q", ["首脳会談", "石破", "ベトナム", "ﾍﾞﾄﾅﾑ", "半導体", "asean"])
def test_a_word_finds_the_japanese_sentences_that_write_it(asian, q):
    assert ids(run(q)) == {asian["ja"].pk}


def test_a_word_is_found_in_japanese_and_chinese_alike(asian):
    assert ids(run("首相")) == {asian["ja"].pk, asian["zh"].pk}  # 日本首相举行 writes it too


def test_a_word_inside_another_is_not_found(asian):
    assert ids(run("京都")) == {asian["ja_other"].pk}  # not the 東京都 of no other article
    assert ids(run("東京")) == {asian["ja_other"].pk}
    assert ids(run("国会")) == set()


def test_phrases(asian):
    assert ids(run('"首脳会談を行い"')) == {asian["ja"].pk}
    assert ids(run('"会談を首脳"')) == set()
    assert ids(run("首脳会談 -半導体")) == set()
    assert ids(run("首脳会談 共同声明")) == {asian["ja"].pk}


def test_chinese_and_korean(asian):
    assert ids(run("会谈")) == {asian["zh"].pk}
    assert ids(run("加强合作")) == {asian["zh"].pk}
    assert ids(run("정상회담")) == {asian["ko"].pk}
    assert ids(run("하노이")) == {asian["ko"].pk}


def test_ishiba_finds_japanese_articles_through_the_person(asian, ishiba):
    # The Japanese article never writes "Ishiba": it names him 石破首相, and is tagged with him.
    assert "Ishiba" not in asian["ja"].body
    assert ids(run("Ishiba")) == {asian["ja"].pk, asian["en"].pk}
    # His alias, in the documents of the articles tagged with him, whatever their language.
    assert ids(run("石破茂")) == {asian["ja"].pk, asian["en"].pk}
    page = run(person=["ishiba-shigeru"], language=["ja"])
    assert page.count == 1 and ids(page) == {asian["ja"].pk}
    assert dict(run("Ishiba").facets["language"]) == {"ja": 1, "en": 1}


def test_a_name_in_japanese_script_puts_the_persons_articles_first(asian, ishiba):
    from archive.search.hydration import people_named_in

    assert people_named_in("石破茂 首脳会談") == ["ishiba-shigeru"]
    assert people_named_in("首脳会談") == []


def test_snippets_mark_japanese_words_and_phrases(asian):
    page = run("首脳会談")
    (hit,) = [a for h in page.results for a in h.articles]
    assert "<mark>首脳会談</mark>を行い" in hit.snippet
    html = snippet(JA_BODY, parse('"首脳会談を行い" 石破').positive_leaves(), "ja")
    assert "<mark>首脳会談を行い</mark>" in html and "<mark>石破</mark>首相" in html
    html = snippet(JA_BODY, parse("ﾍﾞﾄﾅﾑ").positive_leaves(), "ja")
    assert html.startswith("<mark>ベトナム</mark>を訪問中")
    html = snippet(ZH_BODY, parse("会谈").positive_leaves(), "zh")
    assert "举行<mark>会谈</mark>" in html


def test_the_page_and_api_take_japanese_queries_unchanged(client, asian):
    html = client.get("/search/", {"q": "首脳会談"}).content.decode()
    assert 'value="首脳会談"' in html and "<mark>首脳会談</mark>" in html
    data = client.get("/api/search/", {"q": "首脳会談"}).json()
    assert data["count"] == 1
    assert "<mark>首脳会談</mark>" in data["results"][0]["articles"][0]["snippet"]
    data = client.get("/api/search/", {"person": "ishiba-shigeru", "language": "ja"}).json()
    assert data["count"] == 1


def test_the_benchmark_index_runs(db, tmp_path):
    # python -m bench.japanese --index N: the archive's schema, Japanese and English articles.
    from bench.japanese import archive_index, articles, english_articles

    texts = {"ja": articles(6), "en": english_articles(6)}
    measured = archive_index(texts, str(tmp_path), ["首脳会談", "cooperation", "石破"], runs=1)
    assert set(measured["write"]) == {"ja", "en"}
    for q, (_median, _p95, found) in measured["archive"].items():
        assert found == measured["search"][q][2] > 0, q
    assert measured["archive"]["首脳会談"][2] <= 6  # Japanese articles only
