"""The examples the two seed documents describe, retold in our own words with only their facts and figures.

Sources: DFØ-notat 2025:01 «Hvordan får vi til grønnere og smartere offentlige innkjøp?» and the
summary note from the workshop «Klima og miljø i anskaffelser» of 18.11.2025 (Osloregionen,
Kommunenettverk for klimaomstilling and DFØ). Where the documents give no figure, none is given.
"""

from __future__ import annotations

DFO_NOTE = "DFØ-notat 2025:01: Hvordan får vi til grønnere og smartere offentlige innkjøp?"
WORKSHOP_NOTE = "Oppsummerende notat fra workshop 18.11.2025: Klima og miljø i anskaffelser"
BANK_URL = "https://www.anskaffelser.no/verktoy/eksempelbanken/"

DFO_PUBLISHED = "2025-01-15T09:00:00+00:00"
WORKSHOP_PUBLISHED = "2025-11-20T09:00:00+00:00"


def _body(about: str, how: str, results: str) -> str:
    return f"## Om anskaffelsen\n\n{about.strip()}\n\n## Framgangsmåte\n\n{how.strip()}\n\n## Resultater\n\n{results.strip()}\n"


def _dfo(section: str) -> list[dict]:
    return [{"title": f"{DFO_NOTE}, {section}", "url": ""}]


def _workshop(page: str) -> list[dict]:
    return [
        {"title": WORKSHOP_NOTE, "url": ""},
        {"title": f"Eksempelbanken: {page}", "url": BANK_URL + page},
    ]


def _text(text: str) -> dict:
    return {"kind": "tekst", "value": None, "text": text}


def _pct(value: str, text: str) -> dict:
    return {"kind": "prosent", "value": value, "text": text}


EXAMPLES: list[dict] = [
    {
        "slug": "stor-elvdal-biladministrasjon-i-app",
        "title": "Stor-Elvdal styrer bilparken med en app",
        "lead": "Stor-Elvdal kommune brukte retten til å forhandle i en konkurranse under EØS-terskelverdien, og ble første kommune der Otto Mobility testet og tilpasset sitt biladministrasjonssystem.",
        "body": _body(
            """
Stor-Elvdal kommune skulle i 2023 skaffe et system for å administrere kommunens biler. Kommunen har
omtrent 25 biler, og ønsket at de ble brukt mer og med mindre tidsbruk for de ansatte.
""",
            """
Kommunen kunngjorde en åpen tilbudskonkurranse under EØS-terskelverdien og tok forbehold om å
forhandle. Begge tilbyderne ble invitert til å presentere løsningene sine, og fikk deretter revidere
tilbudene. Dialogen gjorde det mulig å teste og tilpasse løsningen til kommunens behov.
""",
            """
Stor-Elvdal ble den første kommunen i Norge der Otto Mobility testet og tilpasset systemet sitt. De
ansatte bestiller og bruker bilene gjennom en app, omtrent like enkelt som å leie en elsparkesykkel.
Det gir bedre utnyttelse av både bilene og de ansattes tid.
""",
        ),
        "organisations": ["Stor-Elvdal kommune"],
        "county": "innlandet",
        "year": 2023,
        "category": "transport",
        "success_factors": ["dialog"],
        "uff_level": "forbedre",
        "procedure": "forhandling",
        "bidder_count": 2,
        "supplier": "Otto Mobility",
        "results": [_text("Omtrent 25 kommunale biler administreres gjennom en app")],
        "sources": _dfo("suksessfaktor 1 A"),
    },
    {
        "slug": "nittedal-digital-drift-og-vedlikehold-av-bygg",
        "title": "Nittedal fikk en brukervennlig løsning for drift og vedlikehold av bygg",
        "lead": "En dialogkonferanse med Leverandørutviklingsprogrammet og en plan- og designkonkurranse ga Nittedal kommune en digital løsning fra oppstartsbedriften Autility.",
        "body": _body(
            """
Nittedal kommune ville ha en brukervennlig digital løsning for å samle og oppdatere informasjonen
som trengs for å drifte og vedlikeholde kommunens bygg.
""",
            """
Kommunen gikk sammen med Leverandørutviklingsprogrammet (LUP) i et fellesinitiativ med en rekke
offentlige og private følgeaktører. Det viste leverandørmarkedet at etterspørselen etter en god
løsning kunne bli stor. Deretter holdt kommunen en plan- og designkonkurranse, der en liten
premie fikk leverandørene til å detaljere løsningskonseptene sine uten at kommunen forpliktet seg
til å kjøpe. Den norske oppstartsbedriften Autility vant klart, og utviklet løsningen videre til en
prototype gjennom en løpende tjenesteavtale.
""",
            """
Prototypen er blitt løsningen Nittedal kommune i dag bruker til å drifte alle sine bygg.
""",
        ),
        "organisations": ["Nittedal kommune"],
        "county": "akershus",
        "category": "ikt",
        "success_factors": ["dialog"],
        "uff_level": "forbedre",
        "procedure": "plan_design",
        "supplier": "Autility",
        "contract_status": "pagar",
        "results": [_text("Løsningen brukes til drift og vedlikehold av alle kommunens bygg")],
        "sources": _dfo("suksessfaktor 1 A"),
    },
    {
        "slug": "bergen-fou-med-nivel-om-elsparkesykler",
        "title": "Bergen regulerer elsparkesykler i sanntid etter FoU med Nivel",
        "lead": "Et forsknings- og utviklingsprosjekt med oppstartsbedriften Nivel lærte Bergen kommune nok til å skrive en god forskrift og en ordinær konkurranse om regulering av sparkesykler.",
        "body": _body(
            """
Bergen kommune trengte verktøy for å regulere sparkesykler, og visste lite om hva teknologien
kunne få til.
""",
            """
I 2019 inngikk kommunen en FoU-avtale med den Stavanger-baserte oppstartsbedriften Nivel, etter
regelverkets unntak for forskning og utvikling. Nivel lanserte en betaversjon av et dataverktøy,
og sparkesykkeloperatørene deltok frivillig. Det kommunen lærte, ble brukt i arbeidet med Bergens
forskrift for sparkesykler og til å utforme en ordinær anbudskonkurranse om permanent drift av et
verktøy for å regulere sparkesykler. Nivel vant den konkurransen.
""",
            """
Kommunen har full oversikt over elsparkesyklene og kan styre parkeringssoner og forbudssoner. Fra
2023 har Bergen og Nivel et nytt FoU-prosjekt sammen med kommunens tre bildelingsoperatører, for å
bruke samme teknologi til bedre utnyttelse av parkeringsplasser og ladepunkter.
""",
        ),
        "organisations": ["Bergen kommune"],
        "county": "vestland",
        "year": 2019,
        "category": "transport",
        "success_factors": ["dialog"],
        "uff_level": "forbedre",
        "procedure": "fou",
        "supplier": "Nivel",
        "contract_status": "pagar",
        "results": [_text("Nytt FoU-prosjekt fra 2023 med kommunens tre bildelingsoperatører")],
        "sources": _dfo("suksessfaktor 1 A"),
    },
    {
        "slug": "ydalir-skole-i-samspillsentreprise",
        "title": "Ydalir skole i Elverum: samspill i både prosjektering og bygging",
        "lead": "Elverum kommune bygde Ydalir skole som samspillsentreprise med åpen bok, og prosjektet vant Anskaffelsesprisen i 2019 og ble Årets trebygg i 2021.",
        "body": _body(
            """
Ydalir skole i Elverum er en ny skole bygget i tre. Byggeprosjekter har usikkerheter som ingen
detaljprosjektering fjerner helt, og kommunen ville dele dem med entreprenøren på en ordnet måte.
""",
            """
Kommunen valgte samspillsentreprise både i prosjekteringen og i gjennomføringen. Oppdragsgiver og
entreprenør arbeidet ut fra felles spilleregler som gir begge interesse av å finne de beste
løsningene underveis. I samspillsfasen hadde kommunen innsyn i entreprenørens økonomiske
beregninger, såkalt «åpen bok».
""",
            """
Prosjektet vant Anskaffelsesprisen i 2019 og ble kåret til Årets trebygg i 2021.
""",
        ),
        "organisations": ["Elverum kommune"],
        "county": "innlandet",
        "category": "bygg",
        "success_factors": ["dialog"],
        "uff_level": "forbedre",
        "procedure": "samspill",
        "contract_status": "avsluttet",
        "results": [_text("Anskaffelsesprisen 2019 og Årets trebygg 2021")],
        "sources": _dfo("suksessfaktor 1 B"),
    },
    {
        "slug": "k2-hogskulen-pa-vestlandet-totalentreprise-med-god-tone",
        "title": "K2 ved Høgskulen på Vestlandet: totalentreprise med god tone",
        "lead": "Statsbygg utviklet en standard totalentreprise i retning av samspill med Kruse Smith, med «semiåpen bok» og felles møter hver fjortende dag.",
        "body": _body(
            """
Statsbygg var byggherre for nybygget «K2» ved Høgskulen på Vestlandet i Bergen, med Kruse Smith som
totalentreprenør.
""",
            """
Kontrakten var en ordinær totalentreprise, men Statsbygg bygde tillit steg for steg og arbeidet i
samspillets ånd. Partene endte med «semiåpen bok», slik at Statsbygg fikk et visst innsyn i
økonomien. I stedet for formelle varsler og krav spurte entreprenøren først om byggherrens mening.
Entreprenøren deltok i møter hver fjortende dag for å ta løpende valg sammen med Statsbygg og
høgskolen.
""",
            """
Endringer ble enklere å håndtere, og de som skulle bruke bygget, kjente til og deltok i valgene.
Samarbeidet høynet klimamålet for bygget.
""",
        ),
        "organisations": ["Statsbygg", "Høgskulen på Vestlandet"],
        "county": "vestland",
        "category": "bygg",
        "success_factors": ["dialog"],
        "uff_level": "forbedre",
        "supplier": "Kruse Smith",
        "contract_status": "avsluttet",
        "results": [_text("Høyere klimamål for nybygget")],
        "sources": _dfo("suksessfaktor 1 B"),
    },
    {
        "slug": "porsgrunn-rammeavtaler-for-vann-og-avlop",
        "title": "Porsgrunn fornyer vann og avløp raskere med rammeavtaler og samspill",
        "lead": "Porsgrunn kommune gikk i 2017 fra enkeltanskaffelser til rammeavtaler for totalentrepriser med samspill i prosjekteringen, og kuttet prisen per meter rør med en tredel.",
        "body": _body(
            """
Mindre kommunaltekniske entrepriser innen vann, avløp og vei er hver for seg små, men utgjør til
sammen store volumer. Porsgrunn kommune ville dele prosjektrisikoen med leverandørene på en bedre
måte.
""",
            """
I 2017 erstattet kommunen enkeltanskaffelser med rammeavtaler for totalentrepriser med samspill i
prosjekteringsfasen. Det ga en helt annen dialog og tillit mellom kommunen og leverandørene, og
partene torde å ta mer risiko, blant annet med gravefrie løsninger.
""",
            """
Andelen gravefrie løsninger har nådd 80 prosent. Prisen per meter rør er kuttet med en tredel på
omtrent fire år. Kommunen fornyer hvert år 1,4 prosent av vannledningene og 2,3 prosent av
avløpsledningene, mer enn det dobbelte av landsgjennomsnittet.
""",
        ),
        "organisations": ["Porsgrunn kommune"],
        "county": "telemark",
        "year": 2017,
        "category": "vann",
        "success_factors": ["dialog"],
        "uff_level": "forbedre",
        "procedure": "rammeavtale",
        "contract_status": "pagar",
        "results": [
            _pct("80", "gravefrie løsninger"),
            _text("Prisen per meter rør kuttet med en tredel på omtrent fire år"),
            _pct("1.4", "av vannledningene fornyes hvert år"),
            _pct("2.3", "av avløpsledningene fornyes hvert år"),
        ],
        "sources": _dfo("suksessfaktor 1 B"),
    },
    {
        "slug": "innsikt-avtaleforvalter-for-renovasjonsselskaper",
        "title": "Innsikt: en felles avtaleforvalter for renovasjonsselskapene i Innlandet",
        "lead": "Innkjøpssamarbeidet Innsikt har en egen avtaleforvalter som driftsavdelingene bruker når avtalene bør justeres, og som tar dialogen videre med leverandørene.",
        "body": _body(
            """
Innsikt er et innkjøpssamarbeid mellom renovasjonsselskaper i Innlandet. Samarbeidet har en egen
avtaleforvalter for avtalene selskapene har sammen.
""",
            """
Driftsavdelingene tar opp behov for justeringer med avtaleforvalteren, som tar dialogen videre med
leverandøren. En driftsavdeling meldte for eksempel at bilene som fraktet impregnert trevirke var
mindre enn de tidligere leverandøren brukte, slik at det trengtes flere turer, og at de var
tyngre å laste og losse. Etter en enkel samtale på telefon justerte leverandøren bilvalget og måten
avfallet ble pakket og komprimert på.
""",
            """
Justeringen gir gevinster for klima og miljø og gjør arbeidet mer effektivt hos oppdragsgiveren.
""",
        ),
        "organisations": ["Innsikt (innkjøpssamarbeid mellom renovasjonsselskaper)"],
        "county": "innlandet",
        "category": "avfall",
        "success_factors": ["dialog", "oppfolging"],
        "uff_level": "forbedre",
        "contract_status": "pagar",
        "results": [
            _text("Færre turer med transport av impregnert trevirke etter justert bilvalg og pakking")
        ],
        "sources": _dfo("suksessfaktor 1 B"),
    },
    {
        "slug": "hoje-taastrup-eier-gulvmattene",
        "title": "Høje-Taastrup sparte penger og kjøring ved å eie gulvmattene",
        "lead": "Den danske kommunen gikk fra å leie gulvmatter som leverandøren hentet til rens, til å kjøpe matter laget av plastsøppel fra havet og rengjøre dem selv.",
        "body": _body(
            """
Høje-Taastrup Kommune i Danmark leide gulvmatter. Leverandøren hentet mattene til rengjøring og
kjørte dem tilbake.
""",
            """
Renholdsavdelingen fant ut at mattene kunne rengjøres i det vanlige renholdet som uansett gjøres.
Da lønte det seg å kjøpe matter og eie dem selv. Kommunen valgte matter laget av plastsøppel fra
havet.
""",
            """
Investeringen var tjent inn på ett år, og minst 20 000 km bilkjøring i året unngås.
""",
        ),
        "organisations": ["Høje-Taastrup Kommune"],
        "county": "utland",
        "category": "tjenester",
        "success_factors": ["system"],
        "uff_level": "unnga",
        "results": [
            _text("Investeringen var tjent inn på ett år"),
            _text("Minst 20 000 km bilkjøring unngått hvert år"),
        ],
        "sources": _dfo("suksessfaktor 2"),
    },
    {
        "slug": "bodo-kjoper-mobilitetstjeneste",
        "title": "Bodø gikk fra leasede biler til en mobilitetstjeneste",
        "lead": "Bodø kommune kjøper mobilitet i stedet for å lease biler: leverandøren garanterer biler etter forhåndsbestilling og står for vedlikeholdet, og hver enhet betaler for egen bruk.",
        "body": _body(
            """
Bodø kommune leaset tidligere biler. Nå kjøper kommunen en mobilitetstjeneste der leverandøren
garanterer at biler er tilgjengelige når de er bestilt på forhånd.
""",
            """
Leverandøren, en profesjonell aktør i bilmarkedet, tilpasser når og hvor bilene står til behovet,
og tar seg av vedlikehold, service og dekkskift. Hver enhet i kommunen betaler for sin egen bruk,
slik at den reelle bilkostnaden blir synlig. Ordningen gir bare gevinst når kommunen faktisk
fakturerer internt, håndhever tydelige regler for kjøregodtgjørelse og bygger ned eget bilverksted
der det finnes.
""",
            """
Alle parter får insentiver til å bruke bilene så effektivt som mulig, og de ansatte slipper å kjøre
hverandre til service og dekkskift.
""",
        ),
        "organisations": ["Bodø kommune"],
        "county": "nordland",
        "category": "transport",
        "success_factors": ["system"],
        "uff_level": "flytt",
        "contract_status": "pagar",
        "results": [_text("Hver enhet betaler for egen bilbruk, så kostnaden blir synlig")],
        "sources": _dfo("suksessfaktor 2"),
    },
    {
        "slug": "alesund-kjoper-mobilitetstjeneste",
        "title": "Ålesund kjøper mobilitetstjeneste i stedet for å eie biler",
        "lead": "Som Bodø har Ålesund kommune gått fra å eie eller lease biler til å kjøpe en mobilitetstjeneste der leverandøren sørger for tilgjengelige og vedlikeholdte biler.",
        "body": _body(
            """
Ålesund kommune har gått fra å eie eller lease biler til å kjøpe en mobilitetstjeneste.
""",
            """
Leverandøren garanterer tilgjengelige biler etter forhåndsbestilling, tilpasser tilbudet til
behovet og står for vedlikeholdet. Enhetene betaler for egen bruk. Gevinsten forutsetter effektiv
internfakturering, tydelige regler for kjøregodtgjørelse og at kommunen skalerer ned et eventuelt
eget bilverksted.
""",
            """
Ordningen tar byrder fra de ansatte og gir alle parter grunn til å bruke bilene
ressurseffektivt.
""",
        ),
        "organisations": ["Ålesund kommune"],
        "county": "more-og-romsdal",
        "category": "transport",
        "success_factors": ["system"],
        "uff_level": "flytt",
        "contract_status": "pagar",
        "results": [],
        "sources": _dfo("suksessfaktor 2"),
    },
    {
        "slug": "trondheim-ombruk-i-boligene-pa-tiller",
        "title": "Trondheim bygde to firemannsboliger på Tiller – den ene av brukte materialer",
        "lead": "For drøyt 20 år siden lot Trondheim kommune en anskaffelse av to kommunale firemannsboliger være et forskningsprosjekt om kostnadene ved ombruk i bygg.",
        "body": _body(
            """
Trondheim kommune skulle bygge to kommunale firemannsboliger på Tiller. Anskaffelsen ble utformet
som et forskningsprosjekt som sammenliknet ombruk av byggevarer med et konvensjonelt nybygg.
""",
            """
En arbeidsinkluderingsbedrift tok på seg å levere brukte byggevarer til entreprenøren, klargjort
for bruk i det nye bygget. NAV-tiltak gjorde dette mulig.
""",
            """
Ombruk ble ikke dyrere, *dersom* en arbeidsinkluderingsbedrift leverer de brukte byggevarene ferdig
til bruk. Husene ser nesten like ut, men materialene i det ene har en tidel av klimafotavtrykket
til det andre. Dette er det eldste eksemplet i Eksempelbanken.
""",
        ),
        "organisations": ["Trondheim kommune"],
        "county": "trondelag",
        "category": "bygg",
        "success_factors": ["system"],
        "uff_level": "flytt",
        "contract_status": "avsluttet",
        "results": [_text("Materialene i den ene boligen har en tidel av klimafotavtrykket til den andre")],
        "sources": _dfo("suksessfaktor 2"),
    },
    {
        "slug": "trondheim-gjenbrukssentral",
        "title": "Trondheims Gjenbrukssentral: lager og digital ombruksplattform",
        "lead": "Trondheim kommunes Gjenbrukssentral er et fysisk lager speilet i en digital ombruksplattform fra Loopfront, drevet med folk som har falt utenfor det vanlige arbeidslivet.",
        "body": _body(
            """
Kommuner som lykkes med ombruk av møbler, byggevarer og IKT-utstyr har god og enkel oversikt over
det som er tilgjengelig, og de bruker arbeidsinkluderingsbedrifter. Trondheim gjør begge deler.
""",
            """
Gjenbrukssentralen er et fysisk lager. Alt på lageret finnes også i en digital ombruksplattform
levert av Loopfront, så ansatte kan se hva som finnes. Mennesker som har falt utenfor det vanlige
arbeidslivet er med på å drifte sentralen.
""",
            """
Kommunen har et fast apparat for ombruk som også gir arbeidstrening.
""",
        ),
        "organisations": ["Trondheim kommune"],
        "county": "trondelag",
        "category": "bygg",
        "success_factors": ["system"],
        "uff_level": "flytt",
        "supplier": "Loopfront",
        "contract_status": "pagar",
        "results": [],
        "sources": _dfo("suksessfaktor 2"),
    },
    {
        "slug": "ombruk-av-mobler-i-asker-kommune",
        "title": "Ombruk av møbler i Asker kommune",
        "lead": "Asker kommune har kartlagt møblene sine, har et eget møbellager og en møbelkoordinator, og rammeavtaler med tre leverandører av brukte møbler.",
        "body": _body(
            """
Asker kommune vil at brukte møbler skal være førstevalget når enhetene trenger møbler.
""",
            """
Kommunen har kartlagt egne møbler i Loopfront og har et fysisk møbellager der folk kan komme innom
og se og prøve møblene. Det senker terskelen for gjenbruk. Parallelt har Asker rammeavtaler med tre
leverandører av brukte møbler. En egen møbelkoordinator har ansvar for rammeavtalen og for
møbellageret. Kommunale arbeidssentre er med: ungdom trener seg i arbeid ved å gjøre flyttejobber,
og mennesker med ulike funksjonsnivåer monterer og demonterer møbler, syr sømmer og tar
renseoppdrag.
""",
            """
I 2023 ble det hentet møbler til en verdi av 1,4 millioner kroner fra møbellageret. Det tilsvarte
40,6 tonn CO2 og 14,3 tonn avfall spart.
""",
        ),
        "organisations": ["Asker kommune"],
        "county": "akershus",
        "year": 2023,
        "category": "mobler",
        "success_factors": ["system"],
        "uff_level": "flytt",
        "procedure": "rammeavtale",
        "supplier": "Tre leverandører av brukte møbler",
        "contract_status": "pagar",
        "results": [
            {"kind": "kr", "value": "1400000", "text": "verdi av møbler hentet fra møbellageret i 2023"},
            {"kind": "co2e", "value": "40.6", "text": "spart i 2023"},
            {"kind": "avfall", "value": "14.3", "text": "spart i 2023"},
        ],
        "sources": _dfo("suksessfaktor 2") + _workshop("ombruk-av-mobler-i-asker-kommune")[1:],
    },
    {
        "slug": "bodo-anskaffelsesstrategi-pa-13-lysark",
        "title": "Bodøs anskaffelsesstrategi: kort prosess, god forankring, 13 lysark",
        "lead": "Bodø kommune laget i 2022 en anskaffelsesstrategi på noen få månedsverk, med kommunedirektørens ledergruppe som styringsgruppe og vedtak i bystyret.",
        "body": _body(
            """
Bodø kommune trengte en anskaffelsesstrategi som ledelsen forstod og stod bak, og som kunne endre
rutinene i hele kommunen.
""",
            """
Prosessen i 2022 var kort: innsatsen var noen få månedsverk. Kommunedirektørens ledergruppe var
styringsgruppe, og bystyret vedtok den endelige strategien. Strategien består av 13 lysark uten
for mye tekst.
""",
            """
Strategien er enkel å formidle og godt forankret, og har vært avgjørende for å endre rutiner.
Kommunen har blant annet fått på plass et årshjul for dialog mellom innkjøpsansvarlige og
behovseiere.
""",
        ),
        "organisations": ["Bodø kommune"],
        "county": "nordland",
        "year": 2022,
        "category": "annet",
        "success_factors": ["ledelse"],
        "results": [
            _text("Strategien på 13 lysark ble vedtatt av bystyret"),
            _text("Årshjul for dialog mellom innkjøpsansvarlige og behovseiere"),
        ],
        "sources": _dfo("suksessfaktor 3"),
    },
    {
        "slug": "more-og-romsdal-kontering-av-byggkostnader",
        "title": "Møre og Romsdal konterer byggkostnader etter nasjonale standarder",
        "lead": "Fylkeskommunens eiendomsstrategi fra 2017 ble grunnlaget for obligatorisk kontering etter norske klassifiseringsstandarder, så kostnadene for bygg kan sammenliknes.",
        "body": _body(
            """
Møre og Romsdal fylkeskommune vedtok i 2017 en eiendomsstrategi som slo fast at et
livssyklusperspektiv skal ligge til grunn for forvaltningen av eiendommene.
""",
            """
Bygge- og eiendomsavdelingen brukte strategien til å gjøre det obligatorisk å kontere utgifter
knyttet til bygg etter norske klassifiseringsstandarder.
""",
            """
Fylkeskommunen har fått tall til å sammenlikne egne og andres byggkostnader, og egne bygg med
hverandre. Politikere og administrasjon får et bedre grunnlag for strategiske valg, for eksempel
nybygg eller rehabilitering, og gode driftspraksiser sprer seg. Budsjettene for vedlikehold har
økt, og bergvarme er blitt en foretrukket energikilde.
""",
        ),
        "organisations": ["Møre og Romsdal fylkeskommune"],
        "county": "more-og-romsdal",
        "year": 2017,
        "category": "bygg",
        "success_factors": ["ledelse"],
        "results": [
            _text("Økte vedlikeholdsbudsjetter"),
            _text("Bergvarme er blitt en foretrukket energikilde"),
        ],
        "sources": _dfo("suksessfaktor 3"),
    },
    {
        "slug": "trondheim-hoyere-paslag-pa-brukte-byggevarer",
        "title": "Trondheim gjør ombruk lønnsomt med høyere påslag på brukte byggevarer",
        "lead": "I Trondheim kommunes rammeavtaler for håndverkstjenester får leverandørene 25 prosent påslag på brukte byggevarer, mot 12 prosent på nye.",
        "body": _body(
            """
Trondheim kommune har rammeavtaler for håndverkstjenester der håndverkerne legger et påslag på
verdien av byggevarene de bruker.
""",
            """
Før var påslaget det samme for brukte og nye varer. Siden brukte varer er billigere, tjente
håndverkerne mindre på dem. I de nye rammeavtalene får leverandørene 25 prosent påslag av
markedsprisen på brukte byggevarer, mot 12 prosent på nye.
""",
            """
Bruken av brukte byggevarer har allerede økt markant.
""",
        ),
        "organisations": ["Trondheim kommune"],
        "county": "trondelag",
        "category": "bygg",
        "success_factors": ["insentiver"],
        "uff_level": "flytt",
        "procedure": "rammeavtale",
        "contract_status": "pagar",
        "results": [
            _pct("25", "påslag av markedspris på brukte byggevarer"),
            _pct("12", "påslag på nye byggevarer"),
        ],
        "sources": _dfo("suksessfaktor 4"),
    },
    {
        "slug": "uio-arlig-evaluering-av-cateringleverandorene",
        "title": "UiO premierer cateringleverandørene som gjør mer enn avtalen krever",
        "lead": "Universitetet i Oslo evaluerer de fire cateringleverandørene hvert år, og de beste blir «foretrukket leverandør» i den felles bestillingsløsningen.",
        "body": _body(
            """
Universitetet i Oslo (UiO) har rammeavtaler for catering med fire leverandører. Kvaliteten på slike
tjenester er vanskelig å måle objektivt.
""",
            """
En gang i året evaluerer UiO leverandørene ut fra deres egne årsrapporter og kundenes erfaringer.
Leverandører som gjør mer enn kontrakten krever, for eksempel med matredding, nye retter eller
svært fornøyde kunder, får ekstrapoeng.
""",
            """
Evalueringen avgjør hvilke av de fire som blir «foretrukket leverandør» i UiOs felles
bestillingsløsning for catering, så leverandørene har grunn til å strekke seg over tid.
""",
        ),
        "organisations": ["Universitetet i Oslo"],
        "county": "oslo",
        "category": "mat",
        "success_factors": ["insentiver", "oppfolging"],
        "procedure": "rammeavtale",
        "contract_status": "pagar",
        "results": [
            _text("Årlig evaluering av fire leverandører avgjør hvem som blir foretrukket leverandør")
        ],
        "sources": _dfo("suksessfaktor 4"),
    },
    {
        "slug": "statens-innkjopssenter-smaordregebyr",
        "title": "Småordregebyr halverte nesten andelen småordre i statens avtale om forbruksmateriell",
        "lead": "Statens innkjøpssenters fellesavtale om forbruksmateriell fra 2022 har et gebyr til oppdragsgiver for ordre under 1000 kroner, for å redusere miljøbelastningen av vareleveranser.",
        "body": _body(
            """
Statens innkjøpssenter inngikk i 2022 en fellesavtale om forbruksmateriell for statlige
virksomheter. Mange små leveranser gir unødvendig transport.
""",
            """
Avtalen gir leverandøren rett til et småordregebyr fra oppdragsgiveren for ordre under 1000 kroner.
Insentivet er rettet mot bestillerne, som får grunn til å samle bestillingene sine.
""",
            """
Andelen småordre gikk ned fra 12,7 prosent i 2022 til 7,2 prosent i andre kvartal 2024.
""",
        ),
        "organisations": ["Statens innkjøpssenter"],
        "county": "nasjonal",
        "year": 2022,
        "category": "forbruk",
        "success_factors": ["insentiver"],
        "uff_level": "unnga",
        "procedure": "rammeavtale",
        "contract_status": "pagar",
        "results": [
            _pct("12.7", "småordre i 2022"),
            _pct("7.2", "småordre i andre kvartal 2024"),
        ],
        "sources": _dfo("suksessfaktor 4"),
    },
    {
        "slug": "sirkula-avtaleforvalter-sparte-millioner",
        "title": "Sirkulas avtaleforvalter sparte 4,4 millioner kroner første år",
        "lead": "Renovasjonsselskapet Sirkula opprettet i 2022 en toårig prosjektstilling for avtaleforvaltning, som skulle finansiere halve lønnskostnaden sin gjennom besparelser.",
        "body": _body(
            """
Aktiv avtaleforvaltning kan gi gevinster på 3 til 15 prosent av kontraktsverdien. Sirkula ville
prøve det med en egen stilling.
""",
            """
I 2022 opprettet Sirkula en toårig prosjektstilling for avtaleforvaltning. Målet var at stillingen
skulle finansiere halve lønnskostnaden gjennom besparelser. Avtaleforvalteren, Øystein Vasaasen,
arbeider tett på driftsorganisasjonen og renovatørene, så det er lett å melde fra om avvik.
""",
            """
Første fulle regnskapsår ga en besparelse på 4,4 millioner kroner ekskl. mva. I tillegg ble det
færre avvik i avfallsinnhentingen og klima- og miljøgevinster gjennom ruteoptimalisering.
""",
        ),
        "organisations": ["Sirkula"],
        "county": "innlandet",
        "year": 2022,
        "category": "avfall",
        "success_factors": ["oppfolging"],
        "uff_level": "forbedre",
        "contact_name": "Øystein Vasaasen, avtaleforvalter i Sirkula",
        "results": [
            {"kind": "kr", "value": "4400000", "text": "spart ekskl. mva. første fulle regnskapsår"},
            _text("Færre avvik i avfallsinnhentingen og ruteoptimalisering"),
        ],
        "sources": _dfo("suksessfaktor 5"),
    },
    {
        "slug": "bergen-kontraktsnummer-pa-faktura",
        "title": "Bergen krever kontraktsnummer og artikkelnummer på fakturaene",
        "lead": "Bergen kommune krever kontraktsnummer på fakturaer under alle nyere avtaler, så fakturaene automatisk kan sammenstilles med avtalene.",
        "body": _body(
            """
Kommuner har mange og sammensatte kontrakter. For å følge dem opp effektivt trengs digitale
verktøy som henger sammen.
""",
            """
Bergen kommune krever kontraktsnummer på fakturaer under alle nyere avtaler. Da kan fakturaene
automatisk sammenstilles med avtalene for å registrere forbruk på kontrakt, avdekke feilfakturering
og gjøre andre analyser. For å få oversikt over priser og produkter og lettere kontrollere prisene
krever kommunen nå også artikkelnummer på fakturaen, også på tjenestekontrakter.
""",
            """
Per november 2024 oppgir leverandørene kontraktsnummer på litt over halvparten av kontraktene
innkjøpsavdelingen forvalter. Det er omtrent 70 prosent av alle fakturaene avdelingen håndterer.
""",
        ),
        "organisations": ["Bergen kommune"],
        "county": "vestland",
        "year": 2024,
        "category": "tjenester",
        "success_factors": ["oppfolging"],
        "results": [_pct("70", "av fakturaene har kontraktsnummer (november 2024)")],
        "sources": _dfo("suksessfaktor 5"),
    },
    {
        "slug": "bergen-innkjopsanalyse-med-bubobubo",
        "title": "Bergen tok i bruk et brukervennlig innkjøpsanalyseverktøy",
        "lead": "Med innkjøpsanalyseverktøyet Bubobubo gjør Bergen kommunes kontraktsforvaltere rutinemessige priskontroller og følger raskt opp tips om feilfakturering.",
        "body": _body(
            """
Tradisjonelle analyseløsninger ble lite brukt. Bergen kommune ville ha et verktøy
kontraktsforvalterne faktisk bruker.
""",
            """
Kommunen tok i bruk innkjøpsanalyseverktøyet Bubobubo, som har et mer brukervennlig grensesnitt.
Sammen med kontraktsnummer og artikkelnummer på fakturaene gir det grunnlag for priskontroller.
""",
            """
Kontraktsforvalterne bruker systemet aktivt, gjør rutinemessige priskontroller og reagerer raskere
på tips fra bestillerne om feilfakturering. Mer penger blir betalt tilbake fra leverandørene.
""",
        ),
        "organisations": ["Bergen kommune"],
        "county": "vestland",
        "category": "tjenester",
        "success_factors": ["oppfolging"],
        "supplier": "Bubobubo",
        "contract_status": "pagar",
        "results": [_text("Mer penger tilbakebetalt fra leverandørene")],
        "sources": _dfo("suksessfaktor 5"),
    },
    # --- From the workshop note of 18.11.2025 ------------------------------------------------------
    {
        "slug": "vejen-fjernet-gra-kontorvarer",
        "title": "Vejen kommune fjernet grå kontorvarer – sparer miljø og penger",
        "lead": "Den danske kommunen Vejen kuttet i sortimentet av kontorvarer og sparer både miljø og penger.",
        "body": _body(
            """
Vejen Kommune i Danmark gikk gjennom hvilke kontorvarer kommunen egentlig trenger.
""",
            """
Kommunen fjernet «grå» kontorvarer fra sortimentet, i tråd med UFF-modellens første steg: unngå
det som ikke trengs. Eksemplet ble trukket fram på workshopen om klima og miljø i anskaffelser i
november 2025, i casen om møbler og løst inventar.
""",
            """
Kommunen sparer miljø og penger. Notatet fra workshopen oppgir ingen tall.
""",
        ),
        "organisations": ["Vejen Kommune"],
        "county": "utland",
        "category": "forbruk",
        "uff_level": "unnga",
        "results": [],
        "sources": _workshop("kommune-fjernet-gra-kontorvarer-sparer-miljo-og-penger"),
    },
    {
        "slug": "froland-ungdomsskole-med-brukte-mobler",
        "title": "Froland: ny ungdomsskole med brukte møbler til en tredel av nypris",
        "lead": "Froland kommune møblerte en ny ungdomsskole med brukte møbler, til en tredel av prisen for nye.",
        "body": _body(
            """
Froland kommune skulle møblere en ny ungdomsskole.
""",
            """
Kommunen valgte brukte møbler. Workshopen om klima og miljø i anskaffelser i november 2025 brukte
Froland som et godt eksempel for skolemøbler og løst inventar.
""",
            """
Møblene kostet en tredel av nypris.
""",
        ),
        "organisations": ["Froland kommune"],
        "county": "agder",
        "category": "mobler",
        "uff_level": "flytt",
        "results": [_text("Brukte møbler til en tredel av nypris")],
        "sources": _workshop("ny-ungdomsskole-med-brukte-mobler-til-13-av-nypris"),
    },
    {
        "slug": "baerum-80-prosent-brukte-mobler",
        "title": "Bærums nye stolthet har 80 prosent brukte møbler",
        "lead": "Et nytt bygg i Bærum kommune er møblert med 80 prosent brukte møbler.",
        "body": _body(
            """
Bærum kommune skulle møblere et nytt bygg.
""",
            """
Kommunen gikk for brukte møbler. Workshopen om klima og miljø i anskaffelser i november 2025 trakk
fram Bærum som et godt eksempel for møbler og løst inventar til et bibliotek.
""",
            """
80 prosent av møblene er brukte.
""",
        ),
        "organisations": ["Bærum kommune"],
        "county": "akershus",
        "category": "mobler",
        "uff_level": "flytt",
        "results": [_pct("80", "brukte møbler")],
        "sources": _workshop("baerums-nye-stolthet-har-80-prosent-brukte-mobler"),
    },
    {
        "slug": "notodden-leverandoren-gjenbruker-strosand",
        "title": "Notodden: leverandøren gjenbruker strøsand med glede",
        "lead": "I Notodden kommunes kontrakt om brøytetjenester og veidrift gjenbruker leverandøren strøsanden.",
        "body": _body(
            """
Notodden kommune kjøper brøyte- og veidriftstjenester. Brøytetjenester kjøpes ofte av mange små,
lokale aktører med lite økonomisk handlingsrom.
""",
            """
Kontrakten legger til rette for at strøsand blir samlet inn og gjenbrukt. Workshopen om klima og
miljø i anskaffelser i november 2025 brukte Notodden som godt eksempel både for brøyting og
veidrift og for kontraktsoppfølging, som starter med en god kontrakt med klare krav til
gjennomføring, rapportering og møtehyppighet.
""",
            """
Strøsanden blir gjenbrukt i stedet for kastet. Notatet fra workshopen oppgir ingen tall.
""",
        ),
        "organisations": ["Notodden kommune"],
        "county": "telemark",
        "category": "vei",
        "success_factors": ["oppfolging"],
        "uff_level": "flytt",
        "results": [],
        "sources": _workshop("leverandoren-gjenbruker-strosand-med-glede"),
    },
    {
        "slug": "sor-varanger-brukte-pc-er",
        "title": "Sør-Varanger: brukte pc-er funker for både elever og kommunedirektør",
        "lead": "Sør-Varanger kommune bruker brukte pc-er, og de fungerer for alle – fra elevene til kommunedirektøren.",
        "body": _body(
            """
Sør-Varanger kommune trenger datamaskiner til elever og ansatte.
""",
            """
Kommunen kjøper brukte pc-er. Workshopen om klima og miljø i anskaffelser i november 2025 brukte
Sør-Varanger som et godt eksempel i casen om IKT-utstyr til en skole for 1.–10. trinn.
""",
            """
De brukte pc-ene fungerer både for elevene og for kommunedirektøren. Notatet fra workshopen
oppgir ingen tall.
""",
        ),
        "organisations": ["Sør-Varanger kommune"],
        "county": "finnmark",
        "category": "ikt",
        "uff_level": "flytt",
        "results": [],
        "sources": _workshop("brukte-pcer-funker-bade-elever-og-kommunedirektor"),
    },
    {
        "slug": "statens-ikt-utstyr-ombruk-og-gjenvinning",
        "title": "Ombruk og gjenvinning av statens IKT-utstyr vant europeisk pris",
        "lead": "Statens innkjøpssenters avtale om ombruk og gjenvinning av statlige virksomheters brukte IKT-utstyr har vunnet en europeisk pris.",
        "body": _body(
            """
Statlige virksomheter skifter ut mye IKT-utstyr. Statens innkjøpssenter har en avtale om ombruk og
gjenvinning av det brukte utstyret.
""",
            """
Utstyret går til ombruk der det er mulig, og ellers til gjenvinning. Workshopen om klima og miljø i
anskaffelser i november 2025 trakk fram Statens innkjøpssenter som godt eksempel i casen om
IKT-utstyr.
""",
            """
Avtalen har vunnet en europeisk pris.
""",
        ),
        "organisations": ["Statens innkjøpssenter"],
        "county": "nasjonal",
        "category": "ikt",
        "uff_level": "flytt",
        "procedure": "rammeavtale",
        "contract_status": "pagar",
        "results": [_text("Vant en europeisk pris")],
        "sources": _workshop("ombruk-og-gjenvinning-av-statens-ikt-utstyr-vant-europeisk-pris"),
    },
]

#: Tips readers have sent, for the editors' queue.
TIPS: list[dict] = [
    {
        "name": "Kari Nordmann",
        "email": "kari.nordmann@example.no",
        "organisation_name": "Hamarregionen",
        "text": "Ombruksappen Gjenbrukskommune brukes av flere kommuner sammen, så «markedet» for brukte "
        "møbler blir større. Kanskje et eksempel for banken?",
        "link": "https://www.ringsaker-blad.no/ny-app-begeistrer-i-kommunene-stor-gevinst/s/5-79-904226",
        "status": "new",
    },
    {
        "name": "Ola Brøyter",
        "email": "ola@example.no",
        "organisation_name": "Nordvik kommune",
        "text": "Vi følger opp tomgangskjøring i brøytekontrakten med GPS-data fra leverandøren.",
        "link": "",
        "status": "in_progress",
    },
]
