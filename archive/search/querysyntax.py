"""The search box's syntax, parsed into a tree and compiled to a Whoosh query.

Syntax (INTERFACE.md): words (all required), `"phrases"`, `AND` / `OR` / `NOT` (upper case only:
`TO`, `and`, `or` are words), `-word` / `-"phrase"` (exclude), brackets, and the field prefixes
`person:slug` and `outlet:slug`. Words are analysed exactly as the index analyses each language's
text, so `To Lam`, `"To Lam"`, `tô lâm` and `TO LAM` all match `Tô Lâm`.

Bad syntax (an unclosed quote or bracket, a stray bracket, an operator with nothing to join) never
raises: the words of the query are searched instead, and `ParsedQuery.notice` says so.

Did you mean (words unknown to the index corrected) is `archive.search.suggestions`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from whoosh import query as wq
from whoosh.query.compound import DefaultOr

from archive.ingest.text import slugify
from archive.search.analysis import GROUPS, analyzer_for
from archive.search.queries import AndNot, ExactPhrase

OPERATORS = ("AND", "OR", "NOT")
FIELD_PREFIXES = ("person", "outlet")
MAX_DEPTH = 20
_WORD_CHARS = re.compile(r"[^\s()\"]+")
_PLAIN_WORD = re.compile(r"\w+(?:['\u2019.-]\w+)*")


# -- the tree ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    text: str


@dataclass(frozen=True)
class Phrase:
    text: str


@dataclass(frozen=True)
class FieldValue:
    field: str  # "person" or "outlet"
    value: str  # a slug


@dataclass(frozen=True)
class Not:
    child: Node


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


Node = Word | Phrase | FieldValue | Not | And | Or


@dataclass
class ParsedQuery:
    tree: Node | None  # None: nothing to search for
    notice: str | None = None

    def positive_leaves(self) -> list[Word | Phrase]:
        """Words and phrases the hits must (or may) contain: what a snippet highlights."""
        return _leaves(self.tree, positive=True)

    def words(self) -> list[str]:
        """The positive plain words, for spelling suggestions."""
        return [leaf.text for leaf in self.positive_leaves() if isinstance(leaf, Word)]


def _leaves(node: Node | None, positive: bool) -> list:
    if node is None:
        return []
    if isinstance(node, Not):
        return [] if positive else _leaves(node.child, positive)
    if isinstance(node, (And, Or)):
        return [leaf for child in node.children for leaf in _leaves(child, positive)]
    if isinstance(node, (Word, Phrase)):
        return [node]
    return []


# -- parsing ----------------------------------------------------------------------------------


class QuerySyntaxError(ValueError):
    pass


@dataclass
class _Token:
    kind: str  # "word", "phrase", "field", "op", "(", ")", "-"
    text: str = ""
    extra: str = ""
    negated: bool = False


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char.isspace():
            i += 1
            continue
        if char in "()":
            tokens.append(_Token(char))
            i += 1
            continue
        negated = False
        if char == "-" and i + 1 < n and not text[i + 1].isspace() and text[i + 1] not in "-)":
            negated = True
            i += 1
            char = text[i]
        if char == '"':
            end = text.find('"', i + 1)
            if end < 0:
                raise QuerySyntaxError("a quotation mark is not closed")
            tokens.append(_Token("phrase", text[i + 1 : end], negated=negated))
            i = end + 1
            continue
        if char == "(" and negated:
            tokens.append(_Token("-"))
            continue
        match = _WORD_CHARS.match(text, i)
        word = match.group()
        i = match.end()
        if word in OPERATORS and not negated:
            tokens.append(_Token("op", word))
            continue
        prefix, colon, value = word.partition(":")
        if colon and prefix.lower() in FIELD_PREFIXES:
            if not value and i < n and text[i] == '"':
                end = text.find('"', i + 1)
                if end < 0:
                    raise QuerySyntaxError("a quotation mark is not closed")
                value, i = text[i + 1 : end], end + 1
            slug = slugify(value)
            if not slug:
                raise QuerySyntaxError(f"“{prefix}:” needs a name after it")
            tokens.append(_Token("field", prefix.lower(), slug, negated=negated))
            continue
        tokens.append(_Token("word", word, negated=negated))
    return tokens


class _Parser:
    def __init__(self, tokens: list[_Token]):
        self.tokens = tokens
        self.pos = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def parse(self) -> Node | None:
        if not self.tokens:
            return None
        node = self.or_expr(0)
        if self.peek() is not None:
            token = self.peek()
            if token.kind == ")":
                raise QuerySyntaxError("a closing bracket has no opening bracket")
            raise QuerySyntaxError(f"unexpected “{token.text or token.kind}”")
        return node

    def or_expr(self, depth: int) -> Node:
        children = [self.and_expr(depth)]
        while (token := self.peek()) is not None and token.kind == "op" and token.text == "OR":
            self.take()
            children.append(self.and_expr(depth))
        return children[0] if len(children) == 1 else Or(tuple(children))

    def and_expr(self, depth: int) -> Node:
        children: list[Node] = []
        while (token := self.peek()) is not None:
            if token.kind == ")" or (token.kind == "op" and token.text == "OR"):
                break
            if token.kind == "op" and token.text == "AND":
                if not children:
                    raise QuerySyntaxError("AND needs something on both sides")
                self.take()
                following = self.peek()
                if (
                    following is None
                    or following.kind == ")"
                    or (following.kind == "op" and following.text in ("AND", "OR"))
                ):
                    raise QuerySyntaxError("AND needs something on both sides")
                continue
            children.append(self.unary(depth))
        if not children:
            raise QuerySyntaxError("OR needs something on both sides")
        return children[0] if len(children) == 1 else And(tuple(children))

    def unary(self, depth: int) -> Node:
        token = self.take()
        if token.kind == "op" and token.text == "NOT":
            following = self.peek()
            if (
                following is None
                or following.kind == ")"
                or (following.kind == "op" and following.text in ("AND", "OR"))
            ):
                raise QuerySyntaxError("NOT needs something after it")
            return Not(self.unary(depth))
        if token.kind == "-":
            return Not(self.group(depth))
        if token.kind == "(":
            self.pos -= 1
            return self.group(depth)
        if token.kind == ")":
            raise QuerySyntaxError("a closing bracket has no opening bracket")
        if token.kind == "phrase":
            leaf: Node = Phrase(token.text)
        elif token.kind == "field":
            leaf = FieldValue(token.text, token.extra)
        else:
            leaf = Word(token.text)
        return Not(leaf) if token.negated else leaf

    def group(self, depth: int) -> Node:
        token = self.take()
        if token.kind != "(":
            raise QuerySyntaxError("a bracket was expected")
        if depth >= MAX_DEPTH:
            raise QuerySyntaxError("brackets are nested too deeply")
        following = self.peek()
        if following is None:
            raise QuerySyntaxError("a bracket is not closed")
        if following.kind == ")":
            raise QuerySyntaxError("a pair of brackets is empty")
        node = self.or_expr(depth + 1)
        closing = self.peek()
        if closing is None or closing.kind != ")":
            raise QuerySyntaxError("a bracket is not closed")
        self.take()
        return node


def plain_words(text: str) -> list[str]:
    """The words of `text`, ignoring all syntax (the fallback search)."""
    return [word for word in _PLAIN_WORD.findall(text) if word not in OPERATORS]


def parse(text: str) -> ParsedQuery:
    """Parse the search box's text; never raises."""
    try:
        return ParsedQuery(_Parser(_tokenize(text)).parse())
    except QuerySyntaxError as exc:
        words = plain_words(text)
        if words:
            notice = (
                f"Your search could not be read as written ({exc}), so it was run for the "
                f"plain words: {' '.join(words)}."
            )
            tree: Node | None = Word(words[0]) if len(words) == 1 else And(tuple(map(Word, words)))
        else:
            notice = f"Your search could not be read as written ({exc}) and has no words to find."
            tree = None
        return ParsedQuery(tree, notice)


# -- compiling to Whoosh ----------------------------------------------------------------------


class LazyOr(DefaultOr):
    """An Or that always matches lazily (a tree of union matchers).

    Whoosh's plain `Or` preloads every match of its branches into an array in small segments or when
    the collector does not need the current document: for phrases that evaluates the phrase over
    the whole segment even when the query is intersected with a handful of documents.
    """


@dataclass
class Compiler:
    """Turns a tree into a Whoosh query over the per-language text fields.

    `text_fields` maps an analysis group ("en", "no", "other") to its schema field;
    `field_query(prefix, slug)` gives the Whoosh query for `person:slug` / `outlet:slug`.
    """

    text_fields: dict[str, str]
    field_query: Callable[[str, str], wq.Query]

    def text_query_in(self, text: str, group: str) -> wq.Query | None:
        """`text` as a query on one language group's field (None: no terms there)."""
        terms = [token.text for token in analyzer_for(group)(text, mode="query")]
        if not terms:
            return None
        fieldname = self.text_fields[group]
        if len(terms) == 1:
            return wq.Term(fieldname, terms[0])
        # A word that analyses to several terms (`Việt-Nam`, `Japan's`) is a phrase too.
        return ExactPhrase(fieldname, terms)

    def text_query(self, text: str) -> wq.Query | None:
        alternatives: list[wq.Query] = []
        for group in GROUPS:
            query = self.text_query_in(text, group)
            if query is not None and query not in alternatives:
                alternatives.append(query)
        if not alternatives:
            return None
        return alternatives[0] if len(alternatives) == 1 else LazyOr(alternatives)

    def compile(self, node: Node | None) -> wq.Query | None:
        """The Whoosh query for a parsed tree (None: nothing to search for)."""
        split = self._compile_by_language(node)
        return split if split is not None else self._compile(node)

    def _compile_by_language(self, node: Node | None) -> wq.Query | None:
        """`a b c` as `(a_en b_en c_en) OR (a_no b_no c_no) OR …`, not `(a_en OR a_no …) …`.

        A document's text is in exactly one language group's field, so both forms find the same
        documents with the same scores (each document matches one branch, and within it the same
        terms). The intersection of unions makes Whoosh move and compare three matchers per word
        at every step; a union of per-field intersections moves one. Only a conjunction of two or
        more words or phrases is split: anything else gains nothing. None: not split.
        """
        if not isinstance(node, And):
            return None
        if sum(isinstance(child, (Word, Phrase)) for child in node.children) < 2:
            return None
        branches = [
            branch
            for group in GROUPS
            if (branch := self._compile_conjunction_in(node, group)) is not None
        ]
        if not branches:
            return None
        return branches[0] if len(branches) == 1 else LazyOr(branches)

    def _compile_conjunction_in(self, node: And, group: str) -> wq.Query | None:
        """The conjunction for documents of one language group; None if none can match it."""
        required: list[wq.Query] = []
        excluded: list[wq.Query] = []
        for child in node.children:
            if isinstance(child, (Word, Phrase)):
                compiled = self.text_query_in(child.text, group)
                if compiled is None:
                    if self.text_query(child.text) is not None:
                        return None  # a word with terms only elsewhere: no document here
                    continue  # a word with no terms anywhere is dropped, as `_compile` does
                required.append(compiled)
            elif isinstance(child, Not):
                if (compiled := self._compile(child.child)) is not None:
                    excluded.append(compiled)
            elif (compiled := self._compile(child)) is not None:
                required.append(compiled)
        if not required:
            return None
        return _excluding(required[0] if len(required) == 1 else wq.And(required), excluded)

    def _compile(self, node: Node | None) -> wq.Query | None:
        if node is None:
            return None
        if isinstance(node, (Word, Phrase)):
            return self.text_query(node.text)
        if isinstance(node, FieldValue):
            return self.field_query(node.field, node.value)
        if isinstance(node, Not):
            child = self._compile(node.child)
            return None if child is None else AndNot(wq.Every(), child)
        if isinstance(node, Or):
            # A repeated alternative (`a OR a OR …`) is searched once.
            children = list(
                dict.fromkeys(q for q in map(self._compile, node.children) if q is not None)
            )
            if not children:
                return None
            return children[0] if len(children) == 1 else LazyOr(children)
        # And: required children, minus the excluded ones.
        required: list[wq.Query] = []
        excluded: list[wq.Query] = []
        for child in node.children:
            if isinstance(child, Not):
                compiled = self._compile(child.child)
                if compiled is not None:
                    excluded.append(compiled)
            else:
                compiled = self._compile(child)
                if compiled is not None:
                    required.append(compiled)
        if not required and not excluded:
            return None
        positive = (
            wq.Every() if not required else required[0] if len(required) == 1 else wq.And(required)
        )
        return _excluding(positive, excluded)


def _excluding(positive: wq.Query, excluded: list[wq.Query]) -> wq.Query:
    """`positive` without the documents any of `excluded` matches."""
    if not excluded:
        return positive
    return AndNot(positive, excluded[0] if len(excluded) == 1 else LazyOr(excluded))
