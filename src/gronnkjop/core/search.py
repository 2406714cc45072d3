"""The search box of the list pages (contracts, invoices, reuse items): every word must be found in
one of the given text columns, the way people type.

A word is found

* anywhere in the column, letter case ignored (``stol`` finds «Kontorstol»);
* with or without the Norwegian letters: ``mobler`` finds «Møbler», ``Ø`` and ``ø`` alike, also on
  SQLite, whose ``LIKE`` folds ASCII letters only (the column is folded in SQL with ``REPLACE``);
* in other forms of the word: a word is also looked for by its stem (Snowball's, normalised as in
  the example bank) when that is four letters or more, so ``kontorstoler`` finds «Kontorstol»,
  ``pultene`` «Elevpulter» and ``møbel`` «Møbler».

The same SQL runs on SQLite and PostgreSQL. The example bank has its own ranked search
(``examples.search``); this one only filters.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from django.db.models import F, Q, QuerySet, TextField, Value
from django.db.models.functions import Replace

from .text import fold, stem

#: Norwegian letters and what :func:`~gronnkjop.core.text.fold` makes of them, in both cases.
_SQL_FOLDS = (("æ", "ae"), ("Æ", "ae"), ("ø", "o"), ("Ø", "o"), ("å", "a"), ("Å", "a"))
MIN_STEM = 4


def folded(field: str):
    """The column ``field`` with æ, ø and å written as on a keyboard without them (SQL)."""
    expression = F(field)
    for letter, plain in _SQL_FOLDS:
        expression = Replace(expression, Value(letter), Value(plain), output_field=TextField())
    return expression


@lru_cache(maxsize=1024)
def variants(word: str) -> tuple[str, ...]:
    """The forms of a query word to look for: the word and, when it differs and is long enough,
    its stem (``kontorstoler`` → ``kontorstoler``, ``kontorstol``); each also folded."""
    word = word.lower()
    forms = [word]
    base = stem(word)
    if base != word and len(base) >= MIN_STEM:
        forms.append(base)
    return tuple(dict.fromkeys([*forms, *(fold(f) for f in forms)]))


def word_filter(queryset: QuerySet, query: str, fields: Sequence[str]) -> QuerySet:
    """``queryset`` narrowed to rows where every word of ``query`` is found in one of ``fields``
    (column names, related ones with ``__``). Call ``distinct()`` after it when a field crosses a
    to-many relation."""
    words = query.split()
    if not words:
        return queryset
    names = {f"_folded_{i}": field for i, field in enumerate(fields)}
    queryset = queryset.alias(**{name: folded(field) for name, field in names.items()})
    for word in words:
        condition = Q()
        for form in variants(word):
            for field in fields:
                condition |= Q(**{f"{field}__icontains": form})
            if form == fold(form):  # a folded form is also looked for in the folded columns
                for name in names:
                    condition |= Q(**{f"{name}__icontains": form})
        queryset = queryset.filter(condition)
    return queryset
