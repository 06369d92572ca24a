"""The newsroom's roles, as groups with permissions, on every fresh database.

Editor: everything. Reporter: writes and edits their own articles and submits them for
review (no publish, no delete, no one else's published work: the admin narrows
"change article" to their own). Translator: only their own translator byline and
their own contributor profile. interviews adds its permissions in its own migration.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Editor": "__all__",
    "Reporter": [
        "add_article",
        "change_article",
        "view_article",
        "add_byline",
        "change_byline",
        "delete_byline",
        "view_byline",
        "view_contributor",
        "view_series",
        "view_correction",
        "add_previewlink",
        "change_previewlink",
        "view_previewlink",
    ],
    "Translator": [
        "credit_self",
        "view_translation",
        "change_own_profile",
        "view_byline",
    ],
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; roles need them now.
    for label in ("newsroom", "taggit"):
        create_permissions(global_apps.get_app_config(label), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(content_type__app_label="newsroom")
        if codenames == "__all__":
            permissions = Permission.objects.filter(
                content_type__app_label__in=["newsroom", "taggit"]
            )
        else:
            permissions = permissions.filter(codename__in=codenames)
        group.permissions.add(*permissions)
    Reporter = Group.objects.get(name="Reporter")
    Reporter.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="taggit", codename="view_tag"
        )
    )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0003_workflow_revisions_corrections_previews"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
