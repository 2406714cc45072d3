import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from gronnkjop.core.validators import clean_orgnr


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("974760673", "974760673"),
        ("974 760 673", "974760673"),
        ("NO 974 760 673 MVA", "974760673"),
        ("NO974760673MVA", "974760673"),
        (" 940080177 ", "940080177"),
    ],
    ids=["compact", "spaced", "vat-id-spaced", "vat-id", "padded"],
)
def test_valid_organisation_numbers_are_cleaned_to_nine_digits(raw, expected):
    assert clean_orgnr(raw) == expected


@pytest.mark.parametrize(
    ("raw", "code", "message"),
    [
        ("97476067", "invalid_length", "Organisasjonsnummeret må ha 9 sifre; «97476067» har 8."),
        ("9747606731", "invalid_length", "Organisasjonsnummeret må ha 9 sifre; «9747606731» har 10."),
        (
            "974760674",
            "invalid_checksum",
            "Organisasjonsnummeret «974760674» har feil kontrollsiffer (modulus 11).",
        ),
        ("97476067A", "invalid_format", "Organisasjonsnummeret «97476067A» kan bare inneholde sifre."),
        ("", "required", "Skriv inn et organisasjonsnummer."),
    ],
    ids=["too-short", "too-long", "wrong-check-digit", "letters", "empty"],
)
def test_invalid_organisation_numbers_say_why_in_bokmal(raw, code, message):
    with translation.override("nb"), pytest.raises(ValidationError) as caught:
        clean_orgnr(raw)
    assert caught.value.code == code
    assert caught.value.messages == [message]


def test_invalid_organisation_number_message_in_english_when_asked():
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        clean_orgnr("974760674")
    assert caught.value.messages == [
        "The organisation number “974760674” has a wrong check digit (modulus 11)."
    ]
