"""Give the gains of refund claims recorded before 0002 their description key, so that the description is
shown in the reader's language.

Until 0002 the description of a gain from a refund claim was stored as text, translated when the claim
was marked refunded or credited (in bokmål, or in English for a user who had chosen English). A gain of a
claim whose description is that text for the claim's number gets the key and the number; its text is set
to the bokmål rendering, as new gains have it. A gain recorded by hand has no claim and keeps its
description as typed; so does any gain whose text does not match. The history of a gain is left as it
was recorded.

The renderings are frozen here as they were when these rows were written: the English source texts and
their bokmål translations of ``followup/locale/nb/LC_MESSAGES/django.po``.
"""

from django.db import migrations

#: kind of gain → (key, (bokmål, English))
DESCRIPTIONS = {
    "refund": ("refund_claim", ("Krav om tilbakebetaling %(number)s", "Refund claim %(number)s")),
    "avoided": ("credit_note_claim", ("Kreditnota for krav %(number)s", "Credit note for claim %(number)s")),
}

BATCH = 500


def forward(apps, schema_editor):
    Gain = apps.get_model("followup", "Gain")
    changed = []
    gains = Gain.objects.filter(description_key="", claim__isnull=False, kind__in=DESCRIPTIONS)
    for gain in gains.select_related("claim").iterator(chunk_size=BATCH):
        key, templates = DESCRIPTIONS[gain.kind]
        params = {"number": gain.claim.number}
        if gain.description not in {template % params for template in templates}:
            continue
        gain.description_key, gain.description_params = key, params
        gain.description = templates[0] % params
        changed.append(gain)
    Gain.objects.bulk_update(changed, ["description", "description_key", "description_params"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [("followup", "0002_gain_description_key")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
