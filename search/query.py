"""What a visitor's query asks for, read once and written out for each database's full-text syntax.

The syntax is the one the search page explains: every word must match, "a phrase" in quotes, `or` between
alternatives, `-word` or `-"a phrase"` to leave out. Whatever is typed, only words (letters and digits) reach the
database, each inside quotes on SQLite, so no input can make a malformed FTS5 or tsquery expression.
"""

import re
import unicodedata
from dataclasses import dataclass, field

MAX_QUERY_LENGTH = 200
# Dropped from the words to find (PostgreSQL's English configuration ignores them too); kept inside phrases.
STOP_WORDS = frozenset(
    "a an and are as at be by for from has have in into is it its of on or that the their this to was were "
    "which with not no".split()
)
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"[^\W_]+")


def normalise(value):
    """What is left of a query once control characters are gone, spaces collapsed and the length bounded."""
    value = "".join(" " if unicodedata.category(char)[0] == "C" else char for char in str(value or ""))
    return " ".join(value.split())[:MAX_QUERY_LENGTH]


@dataclass(frozen=True)
class Term:
    """One word, or a phrase of several in this order."""

    words: tuple

    def __str__(self):
        return " ".join(self.words)


@dataclass
class Query:
    """Each clause is a list of alternative terms, all clauses must match; no excluded term may."""

    clauses: list = field(default_factory=list)
    excluded: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.clauses)

    def single_words(self):
        """The lone words asked for (not in phrases): those a spelling correction may replace."""
        return [term.words[0] for clause in self.clauses for term in clause if len(term.words) == 1]


def _term(text):
    """The words of a quoted phrase or of one token (a token like "DG-ECHO" is read as the phrase "dg echo")."""
    words = tuple(word.lower() for word in _WORD.findall(text))
    if not words or all(word in STOP_WORDS for word in words):
        return None
    return Term(words)


def parse(value):
    query = Query()
    pending_or = False
    for match in _TOKEN.finditer(normalise(value)):
        minus, quoted, bare = match.groups()
        if bare is not None:
            if bare.lower() == "or":
                pending_or = bool(query.clauses)
                continue
            minus = "-" if bare.startswith("-") else ""
            term = _term(bare.lstrip("-"))
        else:
            term = _term(quoted)
        if term is None:
            continue
        if minus:
            query.excluded.append(term)
        elif pending_or:
            query.clauses[-1].append(term)
        else:
            query.clauses.append([term])
        pending_or = False
    return query


def fts5(query):
    """The query as an FTS5 MATCH expression: every term a quoted string of words."""

    def quoted(term):
        return '"' + " ".join(term.words) + '"'

    expression = " AND ".join("(" + " OR ".join(quoted(term) for term in clause) + ")" for clause in query.clauses)
    for term in query.excluded:
        expression += f" NOT {quoted(term)}"
    return expression
