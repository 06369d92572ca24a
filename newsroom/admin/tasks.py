"""Background tasks in the admin: what each did or failed to do, its attempt, its
error. Read-only (django-tasks-db's own admin, with columns an editor can read);
editors have the view permission (migration 0009)."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy

# Registers django-tasks-db's admin now, so that it can be replaced here.
from django_tasks_db import admin as tasks_admin
from django_tasks_db.models import DBTaskResult

from newsroom.infra.background import ATTEMPTS

DESCRIPTIONS = {
    "purge_edge": gettext_lazy("Purge {n} key(s) from the edge cache"),
    "rebuild_search_documents": gettext_lazy(
        "Rebuild the search documents of {n} article(s)"
    ),
    "rebuild_image_renditions": gettext_lazy(
        "Remake the renditions of {args[0]} #{args[1]}"
    ),
}


class StatusFilter(admin.SimpleListFilter):
    title = gettext_lazy("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("failed", gettext("Failed")),
            (
                "given-up",
                gettext("Failed %(attempts)s times (not tried again)")
                % {"attempts": ATTEMPTS},
            ),
            ("waiting", gettext("Waiting")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "failed":
            return queryset.failed()
        if self.value() == "given-up":
            return queryset.failed().filter(args_kwargs__kwargs__attempt=ATTEMPTS)
        if self.value() == "waiting":
            return queryset.filter(status="READY")
        return queryset


admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class BackgroundTaskAdmin(tasks_admin.DBTaskResultAdmin):
    list_display = [
        "description",
        "status",
        "attempt",
        "enqueued_at",
        "display_run_after",
        "finished_at",
        "error",
    ]
    list_display_links = ["description"]
    list_filter = [StatusFilter, "status", "queue_name"]

    @admin.display(description=gettext_lazy("Task"))
    def description(self, obj):
        args = obj.args_kwargs.get("args", [])
        template = str(DESCRIPTIONS.get(obj.task_name, obj.task_name))
        n = len(args[0]) if args and isinstance(args[0], list) else ""
        return template.format(n=n, args=[*args, "", ""])

    @admin.display(description=gettext_lazy("Attempt"))
    def attempt(self, obj):
        return gettext("%(attempt)s of %(attempts)s") % {
            "attempt": obj.args_kwargs.get("kwargs", {}).get("attempt", 1),
            "attempts": ATTEMPTS,
        }

    @admin.display(description=gettext_lazy("Error"))
    def error(self, obj):
        if not obj.exception_class_path:
            return ""
        last_line = obj.traceback.strip().splitlines()[-1] if obj.traceback else ""
        return format_html("<code>{}</code>", last_line[:200])
