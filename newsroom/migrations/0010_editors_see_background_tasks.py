"""Editors see the background tasks (purges, search rebuilds, renditions) in the
admin, failures and retries included; nobody can change them there."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations


def let_editors_see_tasks(apps, schema_editor):
    create_permissions(
        global_apps.get_app_config("django_tasks_database"), apps=apps, verbosity=0
    )
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.filter(
        content_type__app_label="django_tasks_database", codename="view_dbtaskresult"
    )
    for group in Group.objects.filter(name="Editor"):
        group.permissions.add(*view)


def forbid(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Editor"):
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label="django_tasks_database")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0009_interface_language_site_settings_translated_labels"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(let_editors_see_tasks, forbid)]
