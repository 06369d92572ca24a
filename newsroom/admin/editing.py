"""The article form as an editor types in it: unsaved edits kept as they type
(newsroom.desk.drafts) and offered back, and what the form's scripts need to
know (static/js/autosave.js, static/js/segment-keys.js)."""

import json

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from newsroom.admin.people_rows import starting_bylines
from newsroom.desk import drafts
from newsroom.desk.gate import desk_for
from newsroom.models import Byline

# Larger bodies are refused by Django's own limit (DATA_UPLOAD_MAX_MEMORY_SIZE).


class EditingMixin:
    """For ArticleAdmin: the unsaved-edit endpoints and the form's context."""

    def get_urls(self):
        view = require_http_methods(["GET", "POST"])(self.draft_view)
        return [
            path(
                "add/draft/",
                self.admin_site.admin_view(view),
                name="newsroom_article_new_draft",
            ),
            path(
                "<int:object_id>/draft/",
                self.admin_site.admin_view(view),
                name="newsroom_article_draft",
            ),
            *super().get_urls(),
        ]

    def draft_view(self, request, object_id=None):
        """GET: the user's unsaved edit of the article (or of their new article),
        as JSON, or ``{"draft": null}``. POST: keep the JSON body ``{"fields":
        [[name, value]…], "labels": {…}, "loaded_version": n}`` as it, or with
        ``{"discard": true}`` drop it."""
        desk = desk_for(request)
        if object_id is None and not self.has_add_permission(request):
            return _error(_("You may not add articles."), status=403)
        if request.method == "GET":
            draft = drafts.offered(desk=desk, article_pk=object_id)
            return JsonResponse({"draft": draft.as_json() if draft else None})
        try:
            body = json.loads(request.body.decode("utf-8") or "{}")
        except (UnicodeDecodeError, ValueError):
            return _error(_("The unsaved edit was not sent as JSON."))
        if not isinstance(body, dict):
            return _error(_("The unsaved edit was not sent as JSON."))
        if body.get("discard"):
            drafts.discard(desk=desk, article_pk=object_id)
            return JsonResponse({"draft": None})
        loaded = body.get("loaded_version")
        try:
            draft = drafts.keep(
                desk=desk,
                article_pk=object_id,
                fields=body.get("fields"),
                labels=body.get("labels"),
                loaded_version=loaded if isinstance(loaded, int) else None,
            )
        except ValidationError as error:
            return _error(" ".join(error.messages))
        return JsonResponse(
            {
                "saved_at": draft.saved_at.isoformat(),
                "saved_at_label": time_format(timezone.localtime(draft.saved_at)),
            }
        )

    def render_change_form(self, request, context, add=False, change=False, **kwargs):
        obj = kwargs.get("obj")
        may_edit = (add and self.has_add_permission(request)) or (
            change and obj is not None and self.has_change_permission(request, obj)
        )
        if may_edit:
            offer = None
            if request.method == "GET":
                offer = drafts.offered(
                    desk=desk_for(request), article_pk=obj if change else None
                )
            context["editing"] = {
                "draft_url": (
                    reverse("admin:newsroom_article_draft", args=[obj.pk])
                    if change
                    else reverse("admin:newsroom_article_new_draft")
                ),
                "offer": offer,
                "user": request.user.pk,
                "split_url": (
                    reverse(self.split_url_name)
                    if getattr(self, "split_url_name", None)
                    else ""
                ),
            }
        return super().render_change_form(request, context, add, change, **kwargs)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        new = obj is None or obj.pk is None
        if new and request.method == "GET" and inline.model is Byline:
            kwargs["initial"] = starting_bylines(request.user)
        return kwargs

    def response_add(self, request, obj, post_url_continue=None):
        drafts.discard(desk=desk_for(request), article_pk=None)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        drafts.discard(desk=desk_for(request), article_pk=obj.pk)
        return super().response_change(request, obj)


def _error(message, status=400):
    return JsonResponse({"error": message}, status=status)
