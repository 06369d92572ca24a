"""The real names of anonymous interviewees are seen by the people given the
permission one by one (and by those credited on the interviewee's articles), not by
a role: no group holds "Can see the real names of anonymous interviewees".

A fresh database never gave it to a group (the roles were made before the
permission existed); this says so, for databases where a group got it since.
"""

from django.db import migrations


def withdraw_from_groups(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for permission in Permission.objects.filter(
        content_type__app_label="interviews", codename="view_real_name"
    ):
        permission.group_set.clear()


class Migration(migrations.Migration):
    dependencies = [
        ("interviews", "0005_translated_labels"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(withdraw_from_groups, migrations.RunPython.noop)]
