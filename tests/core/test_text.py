from gronnkjop.core.text import sort_key


def test_names_sort_in_norwegian_alphabetical_order():
    names = ["Åpen hylle", "Øvrig", "Ærfugl", "zebra", "Arkiv", "éntre", "Bord", "ekstra"]
    assert sorted(names, key=sort_key) == [
        "Arkiv",
        "Bord",
        "ekstra",
        "éntre",
        "zebra",
        "Ærfugl",
        "Øvrig",
        "Åpen hylle",
    ]
