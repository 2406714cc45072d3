"""Texts the system writes, stored language-neutral and translated when shown.

A text the system writes on a user's behalf (a status change's reason, the description of a gain from a
refund claim) is stored as a stable key and its parameters, and translated when a page shows it, so that
every reader sees it in the language of the page, whoever acted in which language. Each app keeps its
own table of keys to English source texts (marked with ``gettext_noop`` so they reach the catalogue);
the rendering in the default language (bokmål) is stored beside the key too, for search, the history
and the admin. A text typed by a user has no key and is shown as typed.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext


def system_text(texts: dict[str, str], key: str, params: dict | None, *, language: str | None = None) -> str:
    """The system text ``key`` of ``texts`` with ``params``, in ``language`` (default: the active one).
    An unknown key gives "" (the caller falls back to the stored text)."""
    msgid = texts.get(key)
    if msgid is None:
        return ""
    if language is not None:
        with translation.override(language):
            return system_text(texts, key, params)
    for text in (gettext(msgid), msgid):  # the source text when a translation does not fit the params
        try:
            return text % (params or {})
        except (KeyError, TypeError, ValueError):
            continue
    return ""


def stored_text(texts: dict[str, str], key: str, params: dict | None) -> str:
    """The rendering kept in the text field: in the default language, whatever the user's language."""
    return system_text(texts, key, params, language=settings.LANGUAGE_CODE)


def shown_text(texts: dict[str, str], key: str, params: dict | None, stored: str) -> str:
    """What a page shows of a text field that may hold a system text: with ``key``, the system text in
    the active language (the ``stored`` rendering when the key is unknown); without, ``stored`` as typed."""
    return (system_text(texts, key, params) or stored) if key else stored
