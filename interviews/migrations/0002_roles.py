"""The interview parts of the roles newsroom creates: editors everything, reporters
write segments and interviewees, translators read the interviews that credit them."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Editor": "__all__",
    "Reporter": [
        "add_segment",
        "change_segment",
        "delete_segment",
        "view_segment",
        "add_articleinterviewee",
        "change_articleinterviewee",
        "delete_articleinterviewee",
        "view_articleinterviewee",
        "add_interviewee",
        "change_interviewee",
        "view_interviewee",
    ],
    "Translator": ["view_segment", "view_articleinterviewee"],
}


def add_permissions(apps, schema_editor):
    create_permissions(global_apps.get_app_config("interviews"), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(content_type__app_label="interviews")
        if codenames != "__all__":
            permissions = permissions.filter(codename__in=codenames)
        group.permissions.add(*permissions)


def remove_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="interviews")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("interviews", "0001_initial"),
        ("newsroom", "0004_roles"),
    ]

    operations = [migrations.RunPython(add_permissions, remove_permissions)]
