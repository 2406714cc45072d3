"""Text conventions the whole product shares (pure Python, no Django)."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import snowballstemmer

# After z, in the Norwegian alphabet's order: the three code points after "z" are { | }.
_AFTER_Z = str.maketrans({"æ": "{", "ø": "|", "å": "}", "ä": "{", "ö": "|"})


def sort_key(text: str) -> str:
    """A key that sorts names in Norwegian alphabetical order, letter case ignored: æ, ø and å
    after z (Unicode puts å before æ), accented letters with their base letter (é with e)."""
    folded = str(text).casefold().translate(_AFTER_Z)
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ß": "ss"})


def fold(term: str) -> str:
    """A lower-case text without æ, ø, å and accents, as typed on a keyboard without them:
    ``møbl`` → ``mobl``, ``kafé`` → ``kafe``, ``ærlig`` → ``aerlig``."""
    decomposed = unicodedata.normalize("NFKD", term.lower().translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


VOWELS = "aeiouyæøå"
_stemmer = snowballstemmer.stemmer("norwegian")


def normalise(stem: str) -> str:
    """Bring together stems Snowball leaves apart (``brøyting``/``brøyt``, ``møbel``/``møbl``)."""
    if len(stem) >= 7 and stem.endswith("ing"):
        stem = stem[:-3]
    # møbel/møbler, regel/regler, sykkel/sykler: the e before a final l falls away in the plural.
    if len(stem) >= 5 and stem.endswith("el") and stem[-3] not in VOWELS:
        if stem[-4] in VOWELS:
            stem = stem[:-2] + "l"
        elif stem[-4] == stem[-3]:
            stem = stem[:-3] + "l"
    return stem


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The normalised Snowball stem of one lower-case word."""
    return normalise(_stemmer.stemWord(word))
