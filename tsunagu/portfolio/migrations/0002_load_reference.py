from django.db import migrations

from tsunagu.portfolio.reference import load_reference


def load(apps, schema_editor):
    load_reference(
        apps.get_model("portfolio", "Field"),
        apps.get_model("portfolio", "ActivityType"),
        apps.get_model("portfolio", "SdgGoal"),
        apps.get_model("portfolio", "SdgTarget"),
    )


class Migration(migrations.Migration):
    dependencies = [("portfolio", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
