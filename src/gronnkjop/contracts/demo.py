"""Demo contracts of Dulten kommune and the collaboration, with price lists, options and call-offs.

Dates are relative to the first day of the current month, so the demo always shows running
contracts, an option with a deadline in the coming months and a price change six months ago.
Loading again changes nothing (contracts are matched on number, price lists go through
:func:`~gronnkjop.contracts.services.price_list_apply`, which treats them as full lists).
The followup demo generates invoices from the article numbers and prices stored here.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from gronnkjop.core.services import organisation_ensure
from gronnkjop.demo import DemoContext, register
from gronnkjop.formats.pricelist import PriceListRow

from .dates import add_months
from .models import CallOff, Contract, ContractKind, ContractOption, ContractSupplier
from .services import price_list_apply

#: Two more catering suppliers (fictional, valid modulus-11 numbers).
EXTRA_SUPPLIERS = {
    "matgleden": ("921500009", "Matgleden Catering AS"),
    "fjellbrod": ("921500017", "Fjellbrød Bakeri AS"),
}

# Each contract: number, owner key, title, kind, CPV, start and end (months from the first day of
# this month; the end is the day before), suppliers in rank order, estimated value, ceiling, extra
# fields, options as (end in months, deadline in months or None, exercised).
CONTRACTS = [
    {
        "number": "DUL-101",
        "owner": "dulten",
        "title": "Bibliotekmøbler, nye og brukte",
        "kind": ContractKind.FRAMEWORK,
        "cpv": "39100000",
        "start": -14,
        "end": 22,
        "suppliers": ["ombrukslageret", "interiorhuset"],
        "estimated_value": "2400000",
        "ceiling": "3000000",
        "options": [(34, 16, False)],
        "notes": "Brukte møbler skal vurderes først (Ombrukslageret er rangert som nr. 1).",
    },
    {
        "number": "SAM-201",
        "owner": "samarbeid",
        "title": "PC-er, skjermer og interaktive tavler (felles avtale)",
        "kind": ContractKind.FRAMEWORK,
        "cpv": "30200000",
        "start": -20,
        "end": 16,
        "suppliers": ["datapartner", "skjermsenteret"],
        "estimated_value": "9600000",
        "ceiling": "12000000",
        "options": [(28, 10, False), (40, None, False)],
        "notice_months": 9,
        "notes": "Ny PC utleveres mot innlevering av den gamle. Rapport per enhet kvartalsvis.",
    },
    {
        "number": "DUL-102",
        "owner": "dulten",
        "title": "Brøyting og strøing av kommunale veier og plasser",
        "kind": ContractKind.FRAMEWORK,
        "cpv": "90620000",
        "start": -32,
        "end": -8,
        "suppliers": ["vinterdrift", "bronn_maskin", "dalen_transport"],
        "estimated_value": "4500000",
        "ceiling": None,
        "options": [(4, -11, True), (16, 2, False)],
        "notes": "Strøsand feies opp og gjenbrukes. GPS-rapport med tomgangstid månedlig.",
    },
    {
        "number": "DUL-103",
        "owner": "dulten",
        "title": "Kontorrekvisita og forbruksmateriell",
        "kind": ContractKind.CONTRACT,
        "cpv": "30190000",
        "start": -10,
        "end": 14,
        "suppliers": ["kontorpartner"],
        "estimated_value": "1200000",
        "ceiling": "1500000",
        "options": [(26, 8, False)],
        "small_order_limit": "1000",
        "small_order_fee": "95",
        "notes": "Småordregebyr på 95 kr for ordre under 1 000 kr ekskl. mva.",
    },
    {
        "number": "DUL-090",
        "owner": "dulten",
        "title": "Kontorrekvisita (forrige avtale)",
        "kind": ContractKind.CONTRACT,
        "cpv": "30190000",
        "start": -46,
        "end": -10,
        "suppliers": ["kontorpartner"],
        "estimated_value": "1000000",
        "ceiling": None,
        "options": [],
    },
    {
        "number": "DUL-104",
        "owner": "dulten",
        "title": "Catering og møtemat",
        "kind": ContractKind.FRAMEWORK,
        "cpv": "55520000",
        "start": -8,
        "end": 16,
        "suppliers": ["kantinekjokken", "lokalmat", "matgleden", "fjellbrod"],
        "estimated_value": "800000",
        "ceiling": "1000000",
        "options": [(28, 12, False)],
        "notes": "Årlig evaluering avgjør foretrukket leverandør (matredding og kundetilfredshet gir poeng).",
    },
    {
        "number": "DUL-105",
        "owner": "dulten",
        "title": "Håndverkertjenester, bygg",
        "kind": ContractKind.FRAMEWORK,
        "cpv": "45000000",
        "start": -12,
        "end": 24,
        "suppliers": ["haandverkerne", "byggservice"],
        "estimated_value": "6000000",
        "ceiling": "8000000",
        "options": [(36, 18, False)],
        "markup_new_pct": "12",
        "markup_used_pct": "25",
        "notes": "Påslag 12 % på nye og 25 % på brukte byggevarer, av markedspris.",
    },
    {
        "number": "DUL-106",
        "owner": "dulten",
        "title": "Reparasjon og vedlikehold av kommunale bygg",
        "kind": ContractKind.CONTRACT,
        "cpv": "50000000",
        "start": -6,
        "end": 18,
        "suppliers": ["byggservice"],
        "estimated_value": "1800000",
        "ceiling": None,
        "options": [(30, 14, False)],
        "markup_new_pct": "12",
        "markup_used_pct": "25",
    },
    {
        "number": "DUL-107",
        "owner": "dulten",
        "title": "Møbler til ny skole, fase 2",
        "kind": ContractKind.CONTRACT,
        "cpv": "39160000",
        "start": 3,
        "end": 15,
        "suppliers": ["interiorhuset"],
        "estimated_value": "1500000",
        "ceiling": None,
        "options": [],
    },
]

# Price lists: contract number -> [(article, description, unit, price, condition)]; a tuple of two
# prices is a price change six months ago (old, new).
PRICES: dict[str, list[tuple]] = {
    "DUL-101": [
        ("IH-1001", "Bokhylle enkeltsidig 200 cm, bøk", "EA", "6490", "new"),
        ("IH-1002", "Bokhylle dobbeltsidig 150 cm, bøk", "EA", "8950", "new"),
        ("IH-1003", "Billedbokkasse på hjul", "EA", "4780", "new"),
        ("IH-1004", "Tidsskrifthylle med 5 skråhyller", "EA", "5250", "new"),
        ("IH-1010", "Lesebord 160 x 80 cm", "EA", "7300", "new"),
        ("IH-1010", "Lesebord 160 x 80 cm, tatt tilbake og istandsatt", "EA", "3200", "used"),
        ("IH-1011", "Studiebord 120 x 60 cm med strømskinne", "EA", "4950", "new"),
        ("IH-1020", "Stol, stablbar, heltre", "EA", "1690", "new"),
        ("IH-1020", "Stol, stablbar, heltre, tatt tilbake", "EA", "690", "used"),
        ("IH-1021", "Lenestol til lesekrok, ulltrekk", "EA", "8400", "new"),
        ("IH-1022", "Sittepuff for barn", "EA", "990", "new"),
        ("IH-1030", "Utlånsskranke, modul", "EA", "32500", "new"),
        ("IH-1031", "Utstillingsbord for bøker", "EA", "3650", "new"),
        ("IH-1040", "Montering", "HUR", "690", "new"),
        ("IH-1041", "Frakt og innbæring per levering", "EA", "1250", "new"),
        ("OL-2001", "Bokhylle enkeltsidig, brukt og istandsatt", "EA", "2400", "used"),
        ("OL-2002", "Bokhylle dobbeltsidig, brukt og istandsatt", "EA", "3300", "used"),
        ("OL-2010", "Lesebord, brukt, ny overflate", "EA", "2900", "used"),
        ("OL-2020", "Stol, stablbar, brukt", "EA", "450", "used"),
        ("OL-2021", "Lenestol, trukket om", "EA", "3900", "used"),
        ("OL-2030", "Skranke, brukt, tilpasset", "EA", "12500", "used"),
        ("OL-2040", "Montering og tilpasning", "HUR", "590", "new"),
        ("OL-2041", "Henting av kasserte møbler for ombruk", "EA", "950", "new"),
    ],
    "SAM-201": [
        ("DP-NB14-EL", 'Bærbar PC 14", elev, 8 GB / 256 GB', "EA", ("6890", "7150"), "new"),
        ("DP-NB14-AN", 'Bærbar PC 14", ansatt, 16 GB / 512 GB', "EA", ("10490", "10890"), "new"),
        ("DP-NB14-RF", 'Bærbar PC 14", brukt klasse A, 16 GB / 256 GB', "EA", "3990", "used"),
        ("DP-CB-EL", "Chromebook for elever", "EA", ("3450", "3590"), "new"),
        ("DP-DOCK-C", "Dokkingstasjon USB-C", "EA", "1790", "new"),
        ("DP-MUS-01", "Mus, trådløs", "EA", "149", "new"),
        ("DP-TAST-01", "Tastatur, norsk", "EA", "249", "new"),
        ("DP-HS-01", "Hodesett med mikrofon", "EA", "399", "new"),
        ("DP-VESKE-14", 'PC-veske 14"', "EA", "289", "new"),
        ("DP-LAD-65", "Lader USB-C 65 W", "EA", "390", "new"),
        ("DP-INST-01", "Klargjøring og innrulling per enhet", "EA", "250", "new"),
        ("DP-RETUR-01", "Innlevering og sertifisert sletting av brukt enhet", "EA", "95", "new"),
        ("DP-SERV", "Teknikertime", "HUR", "950", "new"),
        ("DP-GAR-3", "Garantiutvidelse til 3 år", "EA", "690", "new"),
        ("SK-24-FHD", 'Skjerm 24" Full HD', "EA", ("1590", "1650"), "new"),
        ("SK-27-QHD", 'Skjerm 27" QHD', "EA", "2790", "new"),
        ("SK-27-QHD", 'Skjerm 27" QHD, brukt klasse A', "EA", "1190", "used"),
        ("SK-34-UW", 'Skjerm 34" ultrawide', "EA", "4490", "new"),
        ("SK-ARM-2", "Skjermarm, dobbel", "EA", "990", "new"),
        ("SK-INT-75", 'Interaktiv tavle 75"', "EA", "38900", "new"),
        ("SK-INT-86", 'Interaktiv tavle 86"', "EA", "49900", "new"),
        ("SK-PROJ-01", "Laserprojektor for klasserom", "EA", "12900", "new"),
        ("SK-KAB-HDMI", "HDMI-kabel 2 m", "EA", "99", "new"),
        ("SK-MONT", "Montering", "HUR", "850", "new"),
    ],
    "DUL-102": [
        *[
            (f"{prefix}-{code}", text, unit, str(Decimal(price) + extra), "new")
            for prefix, extra in (("VD", 0), ("BM", 40), ("DT", 85))
            for code, text, unit, price in (
                ("BR-TRAK", "Brøyting med traktor, inkl. fører", "HUR", "1150"),
                ("BR-HJUL", "Brøyting med hjullaster, inkl. fører", "HUR", "1450"),
                ("ST-SAND", "Strøing med sand, inkl. fører", "HUR", "1250"),
                ("SNOFRES", "Snøfresing", "HUR", "1650"),
                ("BORTKJ", "Bortkjøring av snø med lastebil", "HUR", "1390"),
                ("FEIING", "Feiing og oppsamling av strøsand for gjenbruk", "HUR", "1100"),
                ("SAND", "Strøsand 0–8 mm", "TNE", "420"),
                ("SALT", "Veisalt", "TNE", "1650"),
                ("BERED", "Beredskap per døgn", "DAY", "650"),
            )
        ]
    ],
    "DUL-103": [
        ("KP-10001", "Kopipapir A4 80 g, Svanemerket, 500 ark", "XPK", ("49.90", "52.90"), "new"),
        ("KP-10002", "Kopipapir A3 80 g, 500 ark", "XPK", "109", "new"),
        ("KP-10003", "Kopipapir A4 resirkulert, 500 ark", "XPK", "54.50", "new"),
        ("KP-10010", "Konvolutt C5 med vindu, 500 stk", "XBX", "289", "new"),
        ("KP-10011", "Konvolutt C4, 250 stk", "XBX", "329", "new"),
        ("KP-10020", "Kulepenn, blå", "EA", "6.90", "new"),
        ("KP-10021", "Kulepenn, blå, 10 stk", "XPK", "59", "new"),
        ("KP-10022", "Blyant HB", "EA", "4.50", "new"),
        ("KP-10023", "Tavletusj, 4 farger", "XPK", "79", "new"),
        ("KP-10024", "Merkepenn, gul", "EA", "9.90", "new"),
        ("KP-10030", "Notatblokk A4, linjert", "EA", "24.90", "new"),
        ("KP-10031", "Selvklebende lapper 76 x 76 mm, 12 blokker", "XPK", "59", "new"),
        ("KP-10032", "Ringperm A4, 50 mm", "EA", "39", "new"),
        ("KP-10033", "Arkivboks", "EA", "19.90", "new"),
        ("KP-10034", "Plastlommer A4, 100 stk", "XBX", "69", "new"),
        ("KP-10040", "Stiftemaskin", "EA", "149", "new"),
        ("KP-10041", "Stifter 24/6, 1000 stk", "XBX", "19", "new"),
        ("KP-10042", "Hullemaskin", "EA", "199", "new"),
        ("KP-10043", "Tape 19 mm", "EA", "14.90", "new"),
        ("KP-10044", "Saks", "EA", "59", "new"),
        ("KP-10050", "Toner, sort, original", "EA", "1190", "new"),
        ("KP-10050", "Toner, sort, reprodusert", "EA", "690", "used"),
        ("KP-10052", "Blekkpatron, farge", "EA", "349", "new"),
        ("KP-10060", "Batterier AA, 10 stk", "XPK", "79", "new"),
        ("KP-10061", "Batterier AAA, 10 stk", "XPK", "79", "new"),
        ("KP-10070", "Tørkepapir, 2 lag", "XPK", "249", "new"),
        ("KP-10071", "Kaffefilter nr. 4", "XPK", "29", "new"),
        ("KP-10072", "Engangskopper, resirkulerbare, 50 stk", "XPK", "45", "new"),
    ],
    "DUL-090": [
        ("KP-10001", "Kopipapir A4 80 g, 500 ark", "XPK", "47.50", "new"),
        ("KP-10020", "Kulepenn, blå", "EA", "6.50", "new"),
        ("KP-10032", "Ringperm A4, 50 mm", "EA", "37", "new"),
        ("KP-10050", "Toner, sort, original", "EA", "1150", "new"),
        ("KP-10060", "Batterier AA, 10 stk", "XPK", "75", "new"),
    ],
    "DUL-104": [
        ("KK-LUNSJ", "Lunsjbuffet per person", "EA", "189", "new"),
        ("KK-SMOR", "Påsmurt smørbrød", "EA", "69", "new"),
        ("KK-MOTE", "Lett møtemat per person", "EA", "95", "new"),
        ("KK-KAFFE", "Kaffe og te per person", "EA", "35", "new"),
        ("KK-SUPPE", "Suppe med brød per person", "EA", "119", "new"),
        ("KK-VEG", "Vegetarrett per person", "EA", "159", "new"),
        ("KK-LEV", "Levering", "EA", "350", "new"),
        ("LM-LUNSJ", "Lunsj av lokale råvarer per person", "EA", "215", "new"),
        ("LM-MIDDAG", "Kortreist middag per person", "EA", "289", "new"),
        ("LM-FRUKT", "Fruktfat, 12 personer", "EA", "399", "new"),
        ("LM-MOST", "Eplemost fra Dulten", "LTR", "59", "new"),
        ("LM-BAKST", "Bakst per stk", "EA", "35", "new"),
        ("LM-LEV", "Levering", "EA", "300", "new"),
        ("MG-KOLDT", "Koldtbord per person", "EA", "249", "new"),
        ("MG-TAPAS", "Tapas per person", "EA", "229", "new"),
        ("MG-KAKE", "Bløtkake, 20 personer", "EA", "690", "new"),
        ("MG-SERV", "Servitør", "HUR", "520", "new"),
        ("MG-REDD", "Matredding: overskuddsmat i boks", "EA", "45", "new"),
        ("FB-RUNDST", "Rundstykke med pålegg", "EA", "42", "new"),
        ("FB-GROV", "Grovbrød", "EA", "65", "new"),
        ("FB-KANEL", "Kanelsnurr", "EA", "32", "new"),
        ("FB-FROKOST", "Frokostbuffet per person", "EA", "139", "new"),
        ("FB-LEV", "Levering", "EA", "250", "new"),
    ],
    "DUL-105": [
        ("HV-TOMRER", "Tømrer", "HUR", "695", "new"),
        ("HV-LAERL", "Lærling", "HUR", "495", "new"),
        ("HV-ELEKTR", "Elektriker", "HUR", "795", "new"),
        ("HV-RORL", "Rørlegger", "HUR", "845", "new"),
        ("HV-MALER", "Maler", "HUR", "645", "new"),
        ("HV-OMBR", "Skånsom demontering for ombruk", "HUR", "695", "new"),
        ("HV-BIL", "Servicebil per dag", "DAY", "450", "new"),
        ("HV-KONT", "Container 8 m³, levert og hentet", "EA", "3900", "new"),
        ("BS-TOMRER", "Tømrer", "HUR", "715", "new"),
        ("BS-MURER", "Murer", "HUR", "745", "new"),
        ("BS-ELEKTR", "Elektriker", "HUR", "810", "new"),
        ("BS-RORL", "Rørlegger", "HUR", "860", "new"),
        ("BS-MALER", "Maler", "HUR", "665", "new"),
        ("BS-OMBR", "Skånsom demontering for ombruk", "HUR", "715", "new"),
        ("BS-BIL", "Servicebil per dag", "DAY", "475", "new"),
    ],
    "DUL-106": [
        ("BS-V-VAKTM", "Vaktmestertjenester", "HUR", "620", "new"),
        ("BS-V-UTRYKK", "Utrykning utenom arbeidstid", "EA", "1450", "new"),
        ("BS-V-LAS", "Låsesmed", "HUR", "890", "new"),
        ("BS-V-GLASS", "Glassmester", "HUR", "850", "new"),
        ("BS-V-VENT", "Service på ventilasjonsanlegg", "HUR", "920", "new"),
        ("BS-V-ROR", "Rørlegger, reparasjon", "HUR", "860", "new"),
        ("BS-V-EL", "Elektriker, reparasjon", "HUR", "810", "new"),
        ("BS-V-MALING", "Maling, innendørs, 10 l", "EA", "1290", "new"),
        ("BS-V-MALING", "Maling, innendørs, 10 l, restparti (ombruk)", "EA", "390", "used"),
        ("BS-V-BIL", "Servicebil per dag", "DAY", "475", "new"),
    ],
    "DUL-107": [
        ("IH-3001", "Elevpult, høydejusterbar", "EA", "2890", "new"),
        ("IH-3002", "Elevstol, høydejusterbar", "EA", "1790", "new"),
        ("IH-3010", "Lærerbord", "EA", "6900", "new"),
    ],
}

# Call-offs: contract number -> [(order number, months from now, unit key, description)]
CALL_OFFS: dict[str, list[tuple]] = {
    "DUL-101": [
        ("4500101001", -12, "biblioteket", "Hyller og lesebord til nytt bibliotek"),
        ("4500101002", -9, "biblioteket", "Brukte lenestoler til lesekroken"),
        ("4500101003", -4, "dulten_skole", "Stoler til skolebiblioteket"),
    ],
    "SAM-201": [
        ("4500201001", -18, "it", "PC-er til ansatte, utskifting 1"),
        ("4500201002", -14, "dulten_skole", "Elev-PC-er 8.–10. trinn"),
        ("4500201003", -8, "dulten_skole", "Interaktive tavler, 6 klasserom"),
        ("4500201004", -5, "it", "Skjermer og dokkingstasjoner"),
        ("4500201005", -2, "dulten_skole", "Chromebooks 1.–4. trinn"),
    ],
    "DUL-102": [
        ("4500102001", -13, "vei", "Brøytesesongen, sentrum"),
        ("4500102002", -12, "vei", "Strøing og strøsand, sentrum"),
        ("4500102003", -1, "vei", "Brøytesesongen, nytt skoleområde"),
    ],
    "DUL-103": [
        ("4500103001", -9, "radhuset", "Kontorrekvisita, fast ukeordre"),
        ("4500103002", -6, "dulten_skole", "Papir og tavletusjer"),
    ],
    "DUL-104": [
        ("4500104001", -7, "radhuset", "Kommunestyremøter, møtemat"),
        ("4500104002", -3, "helse", "Julelunsj for ansatte"),
    ],
    "DUL-105": [
        ("4500105001", -10, "eiendom", "Ombygging av bibliotek, tømrer og elektriker"),
        ("4500105002", -6, "eiendom", "Rehabilitering av garderober med brukte materialer"),
        ("4500105003", -2, "dulten_skole", "Montering av skillevegger"),
    ],
    "DUL-106": [
        ("4500106001", -5, "eiendom", "Vaktmestertjenester, skolen"),
        ("4500106002", -1, "helse", "Service på ventilasjon, omsorgssenteret"),
    ],
}


def _price_rows(month0: dt.date, starts: dict[str, dt.date]) -> dict[str, list[PriceListRow]]:
    """The demo price lists as rows, per owner key, ready for :func:`price_list_apply`."""
    change = add_months(month0, -6)
    owners = {spec["number"]: spec["owner"] for spec in CONTRACTS}
    rows: dict[str, list[PriceListRow]] = {}
    for number, items in PRICES.items():
        for article, description, unit, price, condition in items:
            prices = (
                [(starts[number], price)]
                if isinstance(price, str)
                else list(zip((starts[number], change), price, strict=True))
            )
            for valid_from, amount in prices:
                target = rows.setdefault(owners[number], [])
                target.append(
                    PriceListRow(
                        row=len(target) + 2,
                        contract_number=number,
                        article_number=article,
                        description=description,
                        unit_code=unit,
                        unit_price=Decimal(amount),
                        valid_from=valid_from,
                        condition=condition,
                    )
                )
    return rows


def _next_anniversary(start: dt.date, today: dt.date) -> dt.date:
    years = 1
    while add_months(start, 12 * years) <= today:
        years += 1
    return add_months(start, 12 * years)


@register("contracts", order=20)
def load(ctx: DemoContext) -> None:
    today = timezone.localdate()
    month0 = today.replace(day=1)
    for key, (number, name) in EXTRA_SUPPLIERS.items():
        ctx.organisations[key] = organisation_ensure(orgnr=number, name=name, kind="leverandor").organisation
    manager = ctx.users["avtaleforvalter"]
    contracts: dict[str, Contract] = {}
    for spec in CONTRACTS:
        start = add_months(month0, spec["start"])
        end = add_months(month0, spec["end"]) - dt.timedelta(days=1)
        contract, _created = Contract.objects.update_or_create(
            organisation=ctx.organisations[spec["owner"]],
            number=spec["number"],
            defaults={
                "title": spec["title"],
                "kind": spec["kind"],
                "cpv": spec["cpv"],
                "start_date": start,
                "end_date": end,
                "estimated_value": Decimal(spec["estimated_value"]),
                "ceiling": Decimal(spec["ceiling"]) if spec["ceiling"] else None,
                "manager": manager,
                "markup_new_pct": Decimal(spec["markup_new_pct"]) if "markup_new_pct" in spec else None,
                "markup_used_pct": Decimal(spec["markup_used_pct"]) if "markup_used_pct" in spec else None,
                "small_order_limit": Decimal(spec["small_order_limit"])
                if "small_order_limit" in spec
                else None,
                "small_order_fee": Decimal(spec["small_order_fee"]) if "small_order_fee" in spec else None,
                "notice_months": spec.get("notice_months", 6),
                "price_adjustment_date": _next_anniversary(start, today),
                "notes": spec.get("notes", ""),
            },
        )
        contracts[spec["number"]] = contract
        suppliers = [ctx.organisations[key] for key in spec["suppliers"]]
        ContractSupplier.objects.filter(contract=contract).exclude(supplier__in=suppliers).delete()
        for rank, supplier in enumerate(suppliers, start=1):
            ContractSupplier.objects.update_or_create(
                contract=contract, supplier=supplier, defaults={"rank": rank}
            )
        ends = [add_months(month0, months) - dt.timedelta(days=1) for months, _d, _e in spec["options"]]
        ContractOption.objects.filter(contract=contract).exclude(new_end_date__in=ends).delete()
        for new_end, (_months, deadline, exercised) in zip(ends, spec["options"], strict=True):
            ContractOption.objects.update_or_create(
                contract=contract,
                new_end_date=new_end,
                defaults={
                    "deadline": add_months(month0, deadline) if deadline is not None else None,
                    "exercised": exercised,
                },
            )
    starts = {number: contract.start_date for number, contract in contracts.items()}
    for owner, rows in _price_rows(month0, starts).items():
        diff = price_list_apply(organisation=ctx.organisations[owner], rows=rows, by=manager, today=today)
        if diff.errors:
            raise RuntimeError(f"demo price list: {diff.errors}")
    for number, orders in CALL_OFFS.items():
        for order_number, months, unit_key, description in orders:
            CallOff.objects.update_or_create(
                contract=contracts[number],
                order_number=order_number,
                defaults={
                    "ordered_on": add_months(month0, months) + dt.timedelta(days=9),
                    "unit": ctx.units[unit_key],
                    "description": description,
                },
            )
    ctx.contracts = contracts
    ctx.say(f"contracts: {len(contracts)} with {sum(len(v) for v in PRICES.values())} price-list articles")
