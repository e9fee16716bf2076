from django.db import migrations

from tsunagu.partners.countries import sync_countries


def load(apps, schema_editor):
    sync_countries(apps.get_model("partners", "Country"))


class Migration(migrations.Migration):
    dependencies = [("partners", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
