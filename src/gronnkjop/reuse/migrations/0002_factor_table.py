"""Load the initial factor table (published figures with their sources) from the repository fixture."""

from django.db import migrations


def load(apps, schema_editor):
    from gronnkjop.reuse.factor_fixture import all_rows

    Factor = apps.get_model("reuse", "Factor")
    for item_type, category, new, saved, basis, source in all_rows():
        if not Factor.objects.filter(item_type=item_type).exists():
            Factor.objects.create(
                item_type=item_type,
                version=1,
                category=category,
                kg_co2e_new=new,
                kg_co2e_saved=saved,
                basis=basis,
                source=source,
                current=True,
            )


class Migration(migrations.Migration):
    dependencies = [("reuse", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
