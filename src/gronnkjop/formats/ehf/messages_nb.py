"""Bokmål messages for every rule the EHF validator implements (written for Grønnkjøp; the English
messages are the official ones, from the generated rule catalogue).

Regular rule families (BR-DEC-*, the VAT category rules, UBL-SR-*, UBL-DT-*) are built from small
templates; the rest are written out. ``tests/formats/test_validator.py`` checks that every
implemented rule has a message here.
"""

from __future__ import annotations

#: The validator's own checks: rule id -> (English, bokmål)
OWN_RULES: dict[str, tuple[str, str]] = {
    "XML-WELL-FORMED": ("The file is not well-formed XML", "Filen er ikke velformet XML"),
    "XML-UNSAFE": (
        "The file uses XML constructs that are refused for security (DTD or entities)",
        "Filen bruker XML-konstruksjoner som avvises av sikkerhetshensyn (DTD eller entiteter)",
    ),
    "XML-TOO-LARGE": ("The file is too large to validate", "Filen er for stor til å valideres"),
    "UBL-ROOT": (
        "The document is not a UBL 2.1 Invoice or CreditNote",
        "Dokumentet er ikke en UBL 2.1 Invoice eller CreditNote",
    ),
    "UBL-XSD": (
        "The document does not follow the UBL 2.1 schema",
        "Dokumentet følger ikke UBL 2.1-skjemaet",
    ),
}

MESSAGES_NB: dict[str, str] = {
    # -- EN 16931 core ------------------------------------------------------------------------
    "BR-01": "Fakturaen må ha en spesifikasjonsidentifikator (BT-24, CustomizationID).",
    "BR-02": "Fakturaen må ha et fakturanummer (BT-1).",
    "BR-03": "Fakturaen må ha en fakturadato (BT-2).",
    "BR-04": "Fakturaen må ha en fakturatypekode (BT-3).",
    "BR-05": "Fakturaen må ha en valutakode (BT-5).",
    "BR-06": "Fakturaen må inneholde selgers navn (BT-27).",
    "BR-07": "Fakturaen må inneholde kjøpers navn (BT-44).",
    "BR-08": "Fakturaen må inneholde selgers postadresse (BG-5).",
    "BR-09": "Selgers postadresse (BG-5) må ha landkode (BT-40).",
    "BR-10": "Fakturaen må inneholde kjøpers postadresse (BG-8).",
    "BR-11": "Kjøpers postadresse (BG-8) må ha landkode (BT-55).",
    "BR-12": "Fakturaen må ha sum av linjebeløp (BT-106).",
    "BR-13": "Fakturaen må ha totalbeløp uten mva. (BT-109).",
    "BR-14": "Fakturaen må ha totalbeløp med mva. (BT-112).",
    "BR-15": "Fakturaen må ha beløp til betaling (BT-115).",
    "BR-16": "Fakturaen må ha minst én fakturalinje (BG-25).",
    "BR-17": "Betalingsmottakers navn (BT-59) må oppgis når betalingsmottaker (BG-10) er en annen enn selger.",
    "BR-18": "Navnet på selgers avgiftsrepresentant (BT-62) må oppgis når selger har en avgiftsrepresentant (BG-11).",
    "BR-19": "Postadressen til selgers avgiftsrepresentant (BG-12) må oppgis når selger har en avgiftsrepresentant.",
    "BR-20": "Postadressen til selgers avgiftsrepresentant (BG-12) må ha landkode (BT-69).",
    "BR-21": "Hver fakturalinje (BG-25) må ha en linjeidentifikator (BT-126).",
    "BR-22": "Hver fakturalinje (BG-25) må ha fakturert mengde (BT-129).",
    "BR-23": "Hver fakturalinje (BG-25) må ha enhetskode for fakturert mengde (BT-130).",
    "BR-24": "Hver fakturalinje (BG-25) må ha linjebeløp (BT-131).",
    "BR-25": "Hver fakturalinje (BG-25) må ha varenavn (BT-153).",
    "BR-26": "Hver fakturalinje (BG-25) må ha nettopris (BT-146).",
    "BR-27": "Nettoprisen på en vare (BT-146) kan ikke være negativ.",
    "BR-28": "Bruttoprisen på en vare (BT-148) kan ikke være negativ.",
    "BR-29": "Sluttdatoen for fakturaperioden (BT-74) kan ikke være før startdatoen (BT-73).",
    "BR-30": "Sluttdatoen for linjeperioden (BT-135) kan ikke være før startdatoen (BT-134).",
    "BR-31": "Hver rabatt på dokumentnivå (BG-20) må ha et beløp (BT-92).",
    "BR-32": "Hver rabatt på dokumentnivå (BG-20) må ha en mva.-kategorikode (BT-95).",
    "BR-33": "Hver rabatt på dokumentnivå (BG-20) må ha en årsak (BT-97) eller årsakskode (BT-98).",
    "BR-36": "Hvert gebyr på dokumentnivå (BG-21) må ha et beløp (BT-99).",
    "BR-37": "Hvert gebyr på dokumentnivå (BG-21) må ha en mva.-kategorikode (BT-102).",
    "BR-38": "Hvert gebyr på dokumentnivå (BG-21) må ha en årsak (BT-104) eller årsakskode (BT-105).",
    "BR-41": "Hver linjerabatt (BG-27) må ha et beløp (BT-136).",
    "BR-42": "Hver linjerabatt (BG-27) må ha en årsak (BT-139) eller årsakskode (BT-140).",
    "BR-43": "Hvert linjegebyr (BG-28) må ha et beløp (BT-141).",
    "BR-44": "Hvert linjegebyr (BG-28) må ha en årsak (BT-144) eller årsakskode (BT-145).",
    "BR-45": "Hver mva.-spesifikasjon (BG-23) må ha et beregningsgrunnlag (BT-116).",
    "BR-46": "Hver mva.-spesifikasjon (BG-23) må ha et mva.-beløp (BT-117).",
    "BR-47": "Hver mva.-spesifikasjon (BG-23) må ha en mva.-kategorikode (BT-118).",
    "BR-48": "Hver mva.-spesifikasjon (BG-23) må ha en mva.-sats (BT-119), unntatt når fakturaen ikke er mva.-pliktig.",
    "BR-49": "En betalingsinstruks (BG-16) må ha en betalingsmåtekode (BT-81).",
    "BR-50": "Kontonummer for betaling (BT-84) må oppgis når fakturaen har informasjon om kontooverføring (BG-17).",
    "BR-51": "Av sikkerhetshensyn bør ikke hele kortnummeret (BT-87) stå på fakturaen: vis høyst de første 6 og siste 4 sifrene.",
    "BR-52": "Hvert vedlegg eller støttedokument (BG-24) må ha en referanse (BT-122).",
    "BR-53": "Når mva.-regnskapsvaluta (BT-6) er oppgitt, må total mva. i regnskapsvaluta (BT-111) også oppgis.",
    "BR-54": "Hver vareegenskap (BG-32) må ha både navn (BT-160) og verdi (BT-161).",
    "BR-55": "Hver referanse til tidligere faktura (BG-3) må ha fakturanummeret (BT-25).",
    "BR-56": "Selgers avgiftsrepresentant (BG-11) må ha et mva.-nummer (BT-63).",
    "BR-57": "Leveringsadressen (BG-15) må ha landkode (BT-80).",
    "BR-61": "Ved betaling med kontooverføring (kode 30 eller 58) må kontonummer for betaling (BT-84) oppgis.",
    "BR-62": "Selgers elektroniske adresse (BT-34) må ha en identifikator for adresseskjema (schemeID).",
    "BR-63": "Kjøpers elektroniske adresse (BT-49) må ha en identifikator for adresseskjema (schemeID).",
    "BR-64": "Varens standardidentifikator (BT-157) må ha en skjemaidentifikator (schemeID).",
    "BR-65": "Varens klassifiseringskode (BT-158) må ha en skjemaidentifikator (listID).",
    # -- EN 16931 calculations and conditions --------------------------------------------------
    "BR-CO-03": "Dato for mva.-plikt (BT-7) og kode for mva.-tidspunkt (BT-8) kan ikke brukes samtidig.",
    "BR-CO-04": "Hver fakturalinje (BG-25) må ha en mva.-kategorikode for varen (BT-151).",
    "BR-CO-05": "Årsakskoden (BT-98) og årsaksteksten (BT-97) for en rabatt på dokumentnivå må beskrive samme type rabatt.",
    "BR-CO-06": "Årsakskoden (BT-105) og årsaksteksten (BT-104) for et gebyr på dokumentnivå må beskrive samme type gebyr.",
    "BR-CO-07": "Årsakskoden (BT-140) og årsaksteksten (BT-139) for en linjerabatt må beskrive samme type rabatt.",
    "BR-CO-08": "Årsakskoden (BT-145) og årsaksteksten (BT-144) for et linjegebyr må beskrive samme type gebyr.",
    "BR-CO-09": "Mva.-numre (BT-31, BT-48, BT-63) må begynne med landkoden etter ISO 3166-1 alfa-2 (Hellas kan bruke EL).",
    "BR-CO-10": "Sum av linjebeløp (BT-106) må være lik summen av alle linjebeløpene (BT-131).",
    "BR-CO-11": "Sum rabatter på dokumentnivå (BT-107) må være lik summen av rabattbeløpene (BT-92).",
    "BR-CO-12": "Sum gebyrer på dokumentnivå (BT-108) må være lik summen av gebyrbeløpene (BT-99).",
    "BR-CO-13": "Totalbeløp uten mva. (BT-109) må være sum linjebeløp (BT-106) minus rabatter (BT-107) pluss gebyrer (BT-108).",
    "BR-CO-14": "Total mva. (BT-110) må være lik summen av mva.-beløpene i spesifikasjonen (BT-117).",
    "BR-CO-15": "Totalbeløp med mva. (BT-112) må være totalbeløp uten mva. (BT-109) pluss total mva. (BT-110).",
    "BR-CO-16": "Beløp til betaling (BT-115) må være totalbeløp med mva. (BT-112) minus forskudd (BT-113) pluss øreavrunding (BT-114).",
    "BR-CO-17": "Mva.-beløpet (BT-117) må være beregningsgrunnlaget (BT-116) ganger satsen (BT-119) / 100, avrundet til to desimaler (avvik under 1,00 godtas).",
    "BR-CO-18": "Fakturaen må ha minst én mva.-spesifikasjon (BG-23).",
    "BR-CO-19": "Når fakturaperiode (BG-14) er oppgitt, må startdato (BT-73), sluttdato (BT-74) eller begge fylles ut.",
    "BR-CO-20": "Når linjeperiode (BG-26) er oppgitt, må startdato (BT-134), sluttdato (BT-135) eller begge fylles ut.",
    "BR-CO-21": "Hver rabatt på dokumentnivå (BG-20) må ha årsak (BT-97), årsakskode (BT-98) eller begge.",
    "BR-CO-22": "Hvert gebyr på dokumentnivå (BG-21) må ha årsak (BT-104), årsakskode (BT-105) eller begge.",
    "BR-CO-23": "Hver linjerabatt (BG-27) må ha årsak (BT-139), årsakskode (BT-140) eller begge.",
    "BR-CO-24": "Hvert linjegebyr (BG-28) må ha årsak (BT-144), årsakskode (BT-145) eller begge.",
    "BR-CO-26": "For at kjøper skal kunne identifisere selger, må selgers identifikator (BT-29), organisasjonsnummer (BT-30) eller mva.-nummer (BT-31) oppgis.",
    # -- EN 16931 code lists ---------------------------------------------------------------------
    "BR-CL-01": "Dokumenttypekoden må være en faktura- eller kreditnotakode fra UNTDID 1001.",
    "BR-CL-03": "Valutaattributtet (currencyID) må være en kode fra ISO 4217 alfa-3.",
    "BR-CL-04": "Fakturavalutaen (BT-5) må være en kode fra ISO 4217 alfa-3.",
    "BR-CL-05": "Mva.-regnskapsvalutaen (BT-6) må være en kode fra ISO 4217 alfa-3.",
    "BR-CL-06": "Koden for mva.-tidspunkt (BT-8) må være 3, 35 eller 432 (UNTDID 2005).",
    "BR-CL-07": "Skjemaet for identifikatoren til det fakturerte objektet må være en kode fra UNTDID 1153.",
    "BR-CL-08": "Emnekoden i en merknad (#KODE#tekst) må være en kode fra UNTDID 4451.",
    "BR-CL-10": "Skjemaet for en identifikator (PartyIdentification) må være en kode fra ISO 6523 ICD.",
    "BR-CL-11": "Skjemaet for et registreringsnummer (PartyLegalEntity) må være en kode fra ISO 6523 ICD.",
    "BR-CL-13": "Skjemaet for varens klassifiseringskode må være en kode fra UNTDID 7143.",
    "BR-CL-14": "Landkoder må være koder fra ISO 3166-1.",
    "BR-CL-15": "Opprinnelseslandet må være en kode fra ISO 3166-1.",
    "BR-CL-16": "Betalingsmåten må være en kode fra UNCL 4461.",
    "BR-CL-17": "Mva.-kategorien må være en kode fra UNCL 5305.",
    "BR-CL-18": "Varens mva.-kategori må være en kode fra UNCL 5305.",
    "BR-CL-19": "Årsakskoden for en rabatt må være en kode fra UNCL 5189.",
    "BR-CL-20": "Årsakskoden for et gebyr må være en kode fra UNCL 7161.",
    "BR-CL-21": "Skjemaet for varens standardidentifikator må være en kode fra ISO 6523 ICD.",
    "BR-CL-22": "Koden for fritaksårsak må være en kode fra CEF VATEX-listen.",
    "BR-CL-23": "Enhetskoden må være en kode fra UN/ECE anbefaling 20 (med anbefaling 21).",
    "BR-CL-24": "Vedleggets MIME-type må være en av de tillatte typene.",
    "BR-CL-25": "Skjemaet for den elektroniske adressen må være en kode fra CEF EAS-listen.",
    "BR-CL-26": "Skjemaet for leveringsstedets identifikator må være en kode fra ISO 6523 ICD.",
    # -- split payment (BR-B) ----------------------------------------------------------------------
    "BR-B-01": "En faktura med mva.-kategori «Split payment» må være en innenlandsk italiensk faktura.",
    "BR-B-02": "En faktura med mva.-kategori «Split payment» kan ikke også ha linjer, rabatter eller gebyrer med kategori «Standard rated».",
    "BR-IC-11": "En faktura med mva.-kategori «Intra-community supply» må ha faktisk leveringsdato (BT-72) eller fakturaperiode (BG-14).",
    "BR-IC-12": "En faktura med mva.-kategori «Intra-community supply» må ha landkode for leveringsadressen (BT-80).",
    "BR-O-11": "En faktura med mva.-kategori «Not subject to VAT» kan ikke ha andre mva.-spesifikasjoner (BG-23).",
    "BR-O-12": "En faktura med mva.-kategori «Not subject to VAT» kan ikke ha fakturalinjer med en annen mva.-kategori.",
    "BR-O-13": "En faktura med mva.-kategori «Not subject to VAT» kan ikke ha rabatter på dokumentnivå med en annen mva.-kategori.",
    "BR-O-14": "En faktura med mva.-kategori «Not subject to VAT» kan ikke ha gebyrer på dokumentnivå med en annen mva.-kategori.",
    # -- PEPPOL BIS Billing 3.0 -----------------------------------------------------------------
    "PEPPOL-EN16931-R001": "Forretningsprosessen (ProfileID) må oppgis.",
    "PEPPOL-EN16931-R002": "Det er bare tillatt med én merknad på dokumentnivå, med mindre både kjøper og selger er tyske.",
    "PEPPOL-EN16931-R003": "Kjøpers referanse (BuyerReference) eller ordrereferanse må oppgis.",
    "PEPPOL-EN16931-R004": "Spesifikasjonsidentifikatoren (CustomizationID) må være «urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0».",
    "PEPPOL-EN16931-R005": "Mva.-regnskapsvalutaen må være en annen enn fakturavalutaen når den oppgis.",
    "PEPPOL-EN16931-R007": "Forretningsprosessen må ha formen «urn:fdc:peppol.eu:2017:poacc:billing:NN:1.0», der NN er prosessnummeret.",
    "PEPPOL-EN16931-R008": "Dokumentet kan ikke inneholde tomme elementer.",
    "PEPPOL-EN16931-R010": "Kjøpers elektroniske adresse (EndpointID) må oppgis.",
    "PEPPOL-EN16931-R020": "Selgers elektroniske adresse (EndpointID) må oppgis.",
    "PEPPOL-EN16931-R040": "Rabatt- eller gebyrbeløpet må være grunnlaget ganger prosentsatsen / 100 når begge er oppgitt (avvik på inntil 0,02 godtas).",
    "PEPPOL-EN16931-R041": "Grunnlaget for rabatten eller gebyret må oppgis når prosentsatsen er oppgitt.",
    "PEPPOL-EN16931-R042": "Prosentsatsen for rabatten eller gebyret må oppgis når grunnlaget er oppgitt.",
    "PEPPOL-EN16931-R043": "ChargeIndicator må være «true» eller «false».",
    "PEPPOL-EN16931-R044": "Gebyrer er ikke tillatt på prisnivå: ChargeIndicator i prisen må være «false».",
    "PEPPOL-EN16931-R046": "Nettoprisen må være bruttoprisen minus rabattbeløpet når bruttopris er oppgitt.",
    "PEPPOL-EN16931-R051": "Alle valutaattributter må være lik fakturavalutaen (BT-5), unntatt total mva. i regnskapsvaluta (BT-111).",
    "PEPPOL-EN16931-R053": "Det må være nøyaktig én TaxTotal med mva.-spesifikasjon.",
    "PEPPOL-EN16931-R054": "Når mva.-regnskapsvaluta er oppgitt, må det være nøyaktig én TaxTotal uten mva.-spesifikasjon (ellers ingen).",
    "PEPPOL-EN16931-R055": "Total mva. og total mva. i regnskapsvaluta må ha samme fortegn.",
    "PEPPOL-EN16931-R061": "Mandatreferansen må oppgis ved direkte debitering (betalingsmåte 49 eller 59).",
    "PEPPOL-EN16931-R080": "Det er bare tillatt med én prosjektreferanse på dokumentnivå.",
    "PEPPOL-EN16931-R100": "Det er bare tillatt med ett fakturert objekt per linje.",
    "PEPPOL-EN16931-R101": "Dokumentreferansen på en linje kan bare brukes for fakturert objekt (dokumenttype 130).",
    "PEPPOL-EN16931-R110": "Startdatoen for linjeperioden må ligge innenfor fakturaperioden.",
    "PEPPOL-EN16931-R111": "Sluttdatoen for linjeperioden må ligge innenfor fakturaperioden.",
    "PEPPOL-EN16931-R120": "Linjebeløpet må være mengde × (nettopris / prisgrunnlag) + linjegebyrer − linjerabatter (avvik på inntil 0,02 godtas).",
    "PEPPOL-EN16931-R121": "Prisgrunnlaget (BaseQuantity) må være et positivt tall.",
    "PEPPOL-EN16931-R130": "Enhetskoden for prisgrunnlaget må være den samme som for fakturert mengde.",
    "PEPPOL-EN16931-P0100": "Fakturatypekoden må være tillatt i profilen.",
    "PEPPOL-EN16931-P0101": "Kreditnotatypekoden må være tillatt i profilen.",
    "PEPPOL-EN16931-P0104": "Mva.-kategori G må brukes når fritaksårsaken er VATEX-EU-G.",
    "PEPPOL-EN16931-P0105": "Mva.-kategori O må brukes når fritaksårsaken er VATEX-EU-O.",
    "PEPPOL-EN16931-P0106": "Mva.-kategori K må brukes når fritaksårsaken er VATEX-EU-IC.",
    "PEPPOL-EN16931-P0107": "Mva.-kategori AE må brukes når fritaksårsaken er VATEX-EU-AE.",
    "PEPPOL-EN16931-P0108": "Mva.-kategori E må brukes når fritaksårsaken er VATEX-EU-D.",
    "PEPPOL-EN16931-P0109": "Mva.-kategori E må brukes når fritaksårsaken er VATEX-EU-F.",
    "PEPPOL-EN16931-P0110": "Mva.-kategori E må brukes når fritaksårsaken er VATEX-EU-I.",
    "PEPPOL-EN16931-P0111": "Mva.-kategori E må brukes når fritaksårsaken er VATEX-EU-J.",
    "PEPPOL-EN16931-P0112": "Fakturatype 326 og 384 er bare tillatt når både kjøper og selger er tyske virksomheter.",
    "PEPPOL-EN16931-F001": "Datoer må ha formen ÅÅÅÅ-MM-DD.",
    "PEPPOL-EN16931-CL001": "MIME-typen må være en av de typene PEPPOL tillater for vedlegg.",
    "PEPPOL-EN16931-CL002": "Årsakskoden for en rabatt må være en av kodene PEPPOL tillater fra UNCL 5189.",
    "PEPPOL-EN16931-CL003": "Årsakskoden for et gebyr må være en kode fra UNCL 7161.",
    "PEPPOL-EN16931-CL006": "Koden for fakturaperiodens beskrivelse må være en kode fra UNCL 2005 (3, 35 eller 432).",
    "PEPPOL-EN16931-CL007": "Valutakoden må være en kode fra ISO 4217.",
    "PEPPOL-EN16931-CL008": "Skjemaet for den elektroniske adressen må være en kode fra EAS-listen som PEPPOL bruker.",
    "PEPPOL-COMMON-R040": "GLN-nummeret må ha gyldig form og kontrollsiffer etter GS1-reglene.",
    "PEPPOL-COMMON-R041": "Norsk organisasjonsnummer må ha ni sifre og gyldig kontrollsiffer (modulus 11).",
    "PEPPOL-COMMON-R042": "Dansk organisasjonsnummer (CVR) må ha riktig form.",
    "PEPPOL-COMMON-R043": "Belgisk foretaksnummer må ha riktig form.",
    "PEPPOL-COMMON-R044": "Italiensk IPA-kode (Codice Univoco Unità Organizzativa) bør ha riktig form.",
    "PEPPOL-COMMON-R045": "Italiensk skattenummer (Codice Fiscale) bør ha riktig form.",
    "PEPPOL-COMMON-R046": "Italiensk skattenummer (Codice Fiscale) bør ha riktig form.",
    "PEPPOL-COMMON-R047": "Italiensk mva.-nummer (Partita IVA) bør ha riktig form.",
    "PEPPOL-COMMON-R049": "Svensk organisasjonsnummer må ha riktig form.",
    "PEPPOL-COMMON-R050": "Australsk foretaksnummer (ABN) må ha riktig form.",
    # -- Norway ------------------------------------------------------------------------------------
    "NO-R-001": "For norske selgere må mva.-nummeret være NO, et gyldig organisasjonsnummer (ni sifre) og bokstavene MVA.",
    "NO-R-002": "De fleste norske selgere (blant annet AS, ASA og NUF) må oppgi «Foretaksregisteret» på fakturaen, jf. foretaksregisterloven § 10-2.",
}

# -- BR-DEC-*: at most two decimals ----------------------------------------------------------------
_DECIMALS = {
    "BR-DEC-01": "beløpet for en rabatt på dokumentnivå (BT-92)",
    "BR-DEC-02": "grunnlaget for en rabatt på dokumentnivå (BT-93)",
    "BR-DEC-05": "beløpet for et gebyr på dokumentnivå (BT-99)",
    "BR-DEC-06": "grunnlaget for et gebyr på dokumentnivå (BT-100)",
    "BR-DEC-09": "sum av linjebeløp (BT-106)",
    "BR-DEC-10": "sum rabatter på dokumentnivå (BT-107)",
    "BR-DEC-11": "sum gebyrer på dokumentnivå (BT-108)",
    "BR-DEC-12": "totalbeløp uten mva. (BT-109)",
    "BR-DEC-13": "total mva. (BT-110)",
    "BR-DEC-14": "totalbeløp med mva. (BT-112)",
    "BR-DEC-15": "total mva. i regnskapsvaluta (BT-111)",
    "BR-DEC-16": "forskuddsbetalt beløp (BT-113)",
    "BR-DEC-17": "øreavrunding (BT-114)",
    "BR-DEC-18": "beløp til betaling (BT-115)",
    "BR-DEC-19": "mva.-grunnlaget i spesifikasjonen (BT-116)",
    "BR-DEC-20": "mva.-beløpet i spesifikasjonen (BT-117)",
    "BR-DEC-23": "linjebeløpet (BT-131)",
    "BR-DEC-24": "beløpet for en linjerabatt (BT-136)",
    "BR-DEC-25": "grunnlaget for en linjerabatt (BT-137)",
    "BR-DEC-27": "beløpet for et linjegebyr (BT-141)",
    "BR-DEC-28": "grunnlaget for et linjegebyr (BT-142)",
}
for _rule, _what in _DECIMALS.items():
    MESSAGES_NB[_rule] = f"{_what[0].upper()}{_what[1:]} kan ha høyst to desimaler."

# -- VAT categories: -01 .. -10 -------------------------------------------------------------------
_CATEGORIES = {
    "BR-S": ("S", "Standard rated", "større enn null", "forbidden", "seller"),
    "BR-Z": ("Z", "Zero rated", "0 (null)", "forbidden", "seller"),
    "BR-E": ("E", "Exempt from VAT", "0 (null)", "required", "seller"),
    "BR-AE": ("AE", "Reverse charge", "0 (null)", "required", "reverse"),
    "BR-IC": ("K", "Intra-community supply", "0 (null)", "required", "intra"),
    "BR-G": ("G", "Export outside the EU", "0 (null)", "required", "export"),
    "BR-O": ("O", "Not subject to VAT", None, "required", "none"),
    "BR-AF": ("L", "IGIC", "0 (null) eller større", "forbidden", "seller"),
    "BR-AG": ("M", "IPSI", "0 (null) eller større", "forbidden", "seller"),
}
_PARTIES = {
    "seller": "må selgers mva.-nummer (BT-31), selgers skatteregistrering (BT-32) og/eller avgiftsrepresentantens mva.-nummer (BT-63) oppgis",
    "reverse": "må selgers mva.-nummer, skatteregistrering eller avgiftsrepresentantens mva.-nummer oppgis, og i tillegg kjøpers mva.-nummer (BT-48) eller organisasjonsnummer (BT-47)",
    "intra": "må selgers mva.-nummer (BT-31) eller avgiftsrepresentantens mva.-nummer (BT-63) oppgis, og i tillegg kjøpers mva.-nummer (BT-48)",
    "export": "må selgers mva.-nummer (BT-31) eller avgiftsrepresentantens mva.-nummer (BT-63) oppgis",
    "none": "kan verken selgers mva.-nummer, avgiftsrepresentantens mva.-nummer eller kjøpers mva.-nummer oppgis",
}
for _prefix, (_code, _name, _rate, _exemption, _parties) in _CATEGORIES.items():
    _cat = f"mva.-kategori {_code} («{_name}»)"
    _one = "nøyaktig én" if _code not in ("S", "L", "M") else "minst én"
    MESSAGES_NB[f"{_prefix}-01"] = (
        f"En faktura med linjer, rabatter eller gebyrer i {_cat} må ha {_one} mva.-spesifikasjon (BG-23) "
        "i samme kategori, og en spesifikasjon i kategorien krever slike linjer, rabatter eller gebyrer."
    )
    for _number, _where in (
        ("02", "fakturalinjer"),
        ("03", "rabatter på dokumentnivå"),
        ("04", "gebyrer på dokumentnivå"),
    ):
        MESSAGES_NB[f"{_prefix}-{_number}"] = f"Når fakturaen har {_where} i {_cat}, {_PARTIES[_parties]}."
    for _number, _where in (
        ("05", "en fakturalinje"),
        ("06", "en rabatt på dokumentnivå"),
        ("07", "et gebyr på dokumentnivå"),
    ):
        MESSAGES_NB[f"{_prefix}-{_number}"] = (
            f"Mva.-satsen for {_where} i {_cat} må være {_rate}."
            if _rate
            else f"{_where[0].upper()}{_where[1:]} i {_cat} kan ikke ha mva.-sats."
        )
    _per_rate = " for hver sats" if _code in ("S", "L", "M") else ""
    MESSAGES_NB[f"{_prefix}-08"] = (
        f"Beregningsgrunnlaget (BT-116) i mva.-spesifikasjonen for {_cat}{_per_rate} må være summen av linjebeløpene "
        "pluss gebyrer minus rabatter på dokumentnivå i samme kategori"
        + (" (avvik under 1,00 godtas)." if _code == "S" else ".")
    )
    MESSAGES_NB[f"{_prefix}-09"] = (
        f"Mva.-beløpet (BT-117) i spesifikasjonen for {_cat} må være beregningsgrunnlaget ganger satsen"
        + (" (avvik under 1,00 godtas)." if _code == "S" else ".")
        if _code in ("S", "L", "M")
        else f"Mva.-beløpet (BT-117) i spesifikasjonen for {_cat} må være 0 (null)."
    )
    MESSAGES_NB[f"{_prefix}-10"] = (
        f"Mva.-spesifikasjonen for {_cat} må ha fritaksårsak (BT-120) eller kode for fritaksårsak (BT-121)."
        if _exemption == "required"
        else f"Mva.-spesifikasjonen for {_cat} kan ikke ha fritaksårsak (BT-120) eller kode for fritaksårsak (BT-121)."
    )

# -- UBL-SR-*: at most once ------------------------------------------------------------------------
_AT_MOST_ONCE = {
    "UBL-SR-01": "Kontraktsreferansen",
    "UBL-SR-02": "Mottaksreferansen",
    "UBL-SR-03": "Referansen til pakkseddel",
    "UBL-SR-04": "Identifikatoren for fakturert objekt",
    "UBL-SR-05": "Betalingsbetingelsene",
    "UBL-SR-06": "Referansen til tidligere faktura",
    "UBL-SR-08": "Fakturaperioden",
    "UBL-SR-09": "Selgers navn",
    "UBL-SR-10": "Selgers handelsnavn",
    "UBL-SR-11": "Selgers organisasjonsnummer",
    "UBL-SR-12": "Selgers mva.-nummer",
    "UBL-SR-13": "Selgers skatteregistrering",
    "UBL-SR-14": "Selgers tilleggsopplysninger om juridisk form",
    "UBL-SR-15": "Kjøpers navn",
    "UBL-SR-16": "Kjøpers identifikator",
    "UBL-SR-17": "Kjøpers organisasjonsnummer",
    "UBL-SR-18": "Kjøpers mva.-nummer",
    "UBL-SR-22": "Navnet på avgiftsrepresentanten",
    "UBL-SR-23": "Avgiftsrepresentantens mva.-nummer",
    "UBL-SR-24": "Leveringsinformasjonen",
    "UBL-SR-25": "Navnet på leveringsmottakeren",
    "UBL-SR-26": "Betalingsreferansen (KID)",
    "UBL-SR-27": "Teksten om betalingsmåten",
    "UBL-SR-28": "Mandatreferansen",
    "UBL-SR-29": "Kreditoridentifikatoren (SEPA)",
    "UBL-SR-30": "Årsaksteksten for en rabatt",
    "UBL-SR-31": "Årsaksteksten for et gebyr",
    "UBL-SR-32": "Teksten om fritaksårsak",
    "UBL-SR-33": "Beskrivelsen av et støttedokument",
    "UBL-SR-34": "Merknaden på en fakturalinje",
    "UBL-SR-35": "Referansen til ordrelinje",
    "UBL-SR-36": "Linjeperioden",
    "UBL-SR-37": "Prisrabatten på en vare",
    "UBL-SR-39": "Prosjektreferansen",
    "UBL-SR-40": "Kjøpers handelsnavn",
    "UBL-SR-45": "Forfallsdatoen",
    "UBL-SR-46": "Teksten om betalingsmåte (name-attributtet)",
    "UBL-SR-49": "Koden for mva.-tidspunkt",
    "UBL-SR-50": "Varebeskrivelsen",
    "UBL-SR-52": "Dokumentreferansen på en linje",
    "UBL-SR-54": "Betalingskortet (BG-18)",
    "UBL-SR-55": "Mandatet for direkte debitering (BG-19)",
    "UBL-SR-56": "Referansen til opphavsdokumentet (BT-17)",
}
for _rule, _what in _AT_MOST_ONCE.items():
    MESSAGES_NB[_rule] = f"{_what} kan forekomme høyst én gang."
MESSAGES_NB.update(
    {
        "UBL-SR-07": "En referanse til tidligere faktura må ha fakturanummeret.",
        "UBL-SR-19": "Betalingsmottakers navn kan forekomme høyst én gang og skal bare oppgis når mottakeren er en annen enn selger.",
        "UBL-SR-20": "Betalingsmottakers identifikator kan forekomme høyst én gang og skal bare oppgis når mottakeren er en annen enn selger.",
        "UBL-SR-21": "Betalingsmottakers organisasjonsnummer kan forekomme høyst én gang.",
        "UBL-SR-42": "Selger kan ha høyst to PartyTaxScheme (mva.-nummer og skatteregistrering).",
        "UBL-SR-43": "Skjemaidentifikator (schemeID) på en dokumentreferanse kan bare brukes for fakturert objekt (dokumenttype 130, eller 50 i en kreditnota).",
        "UBL-SR-44": "Fakturaen kan bare ha én betalingsreferanse (KID), men den kan gjentas i flere betalingsmåter.",
        "UBL-SR-47": "Når fakturaen har flere betalingsmåter, må de ha samme kode.",
        "UBL-SR-48": "Hver fakturalinje må ha nøyaktig én mva.-kategori for varen.",
        "UBL-SR-51": "En adresse kan ha høyst én tredje adresselinje (AddressLine).",
        "UBL-SR-53": "Når PartyTaxScheme er oppgitt, må også nummeret (CompanyID) oppgis.",
        "UBL-DT-01": "Beløp kan ha høyst to desimaler.",
        "UBL-DT-06": "Binære objekter (vedlegg) må ha attributtet mimeCode.",
        "UBL-DT-07": "Binære objekter (vedlegg) må ha attributtet filename.",
    }
)
# -- UBL-DT-08..28: attributes that should not be used ---------------------------------------------
_DISCOURAGED = {
    "UBL-DT-08": "schemeName",
    "UBL-DT-09": "schemeAgencyName",
    "UBL-DT-10": "schemeDataURI",
    "UBL-DT-11": "schemeURI",
    "UBL-DT-12": "format",
    "UBL-DT-13": "unitCodeListID",
    "UBL-DT-14": "unitCodeListAgencyID",
    "UBL-DT-15": "unitCodeListAgencyName",
    "UBL-DT-16": "listAgencyName",
    "UBL-DT-17": "listName",
    "UBL-DT-18": "name",
    "UBL-DT-19": "languageID",
    "UBL-DT-20": "listURI",
    "UBL-DT-21": "listSchemeURI",
    "UBL-DT-22": "languageLocaleID",
    "UBL-DT-23": "uri",
    "UBL-DT-24": "currencyCodeListVersionID",
    "UBL-DT-25": "characterSetCode",
    "UBL-DT-26": "encodingCode",
    "UBL-DT-27": "schemeAgencyID",
    "UBL-DT-28": "listAgencyID",
}
for _rule, _attribute in _DISCOURAGED.items():
    MESSAGES_NB[_rule] = f"Attributtet {_attribute} bør ikke brukes."

del _rule, _what, _prefix, _code, _name, _rate, _exemption, _parties, _cat, _one, _number, _where, _per_rate
del _attribute
