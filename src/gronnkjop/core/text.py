"""Text conventions the whole product shares."""

from __future__ import annotations

import unicodedata

# After z, in the Norwegian alphabet's order: the three code points after "z" are { | }.
_AFTER_Z = str.maketrans({"æ": "{", "ø": "|", "å": "}", "ä": "{", "ö": "|"})


def sort_key(text: str) -> str:
    """A key that sorts names in Norwegian alphabetical order, letter case ignored: æ, ø and å
    after z (Unicode puts å before æ), accented letters with their base letter (é with e)."""
    folded = str(text).casefold().translate(_AFTER_Z)
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
