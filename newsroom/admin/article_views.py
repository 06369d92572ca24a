"""The article admin's own pages: revisions, their diffs and restoring, and
shareable preview links."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from newsroom.content import revisions
from newsroom.desk import workflow
from newsroom.desk.gate import desk_for
from newsroom.models import Article


class ArticlePagesMixin:
    """For ArticleAdmin: the revision pages and the preview-link button."""

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(function)

        return [
            path(
                "<int:object_id>/revisions/",
                view(self.revisions_view),
                name="newsroom_article_revisions",
            ),
            path(
                "<int:object_id>/revisions/changes/",
                view(self.revision_view),
                name="newsroom_article_changes",
            ),
            path(
                "<int:object_id>/revisions/<int:revision_id>/",
                view(self.revision_view),
                name="newsroom_article_revision",
            ),
            path(
                "<int:object_id>/preview-links/new/",
                view(require_POST(self.new_preview_link_view)),
                name="newsroom_article_new_preview_link",
            ),
            *super().get_urls(),
        ]

    def _article_for(self, request, object_id):
        """The article, through the staff gate, if this user may read it here."""
        article = desk_for(request).article(
            object_id, queryset=self.get_queryset(request)
        )
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def _context(self, request, article, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "has_view_permission": True,
            **extra,
        }

    def history_view(self, request, object_id, extra_context=None):
        """Django's history of the article (its admin log), through the gate: a
        name withheld from this user — an interviewee added while still named —
        is shown as readers see them."""
        response = super().history_view(request, object_id, extra_context)
        context = getattr(response, "context_data", None) or {}
        page = context.get("action_list")
        if page is not None:
            redaction = desk_for(request).redaction(articles=[object_id])
            entries = list(page.object_list)
            for entry in entries:
                entry.object_repr = redaction.text(entry.object_repr)
                entry.change_message = _redacted_message(
                    entry.change_message, redaction
                )
            page.object_list = entries
        return response

    def revisions_view(self, request, object_id):
        article = self._article_for(request, object_id)
        history = article.revisions.select_related("created_by")
        redaction = desk_for(request).redaction(articles=[article])
        history = [_redacted(revision, redaction) for revision in history.defer("data")]
        return TemplateResponse(
            request,
            "admin/newsroom/article/revisions.html",
            self._context(
                request,
                article,
                title=_("Revisions of “%(article)s”") % {"article": article},
                revisions=history,
                can_restore=self.has_change_permission(request, article),
            ),
        )

    def revision_view(self, request, object_id, revision_id=None):
        """One revision and what it changed: against the revision before it, or,
        with ``?since=N``, everything since version N (the link a refused save
        shows). POST restores it as the current draft."""
        article = self._article_for(request, object_id)
        history = article.revisions.order_by("-created_at", "-pk")
        if revision_id is None:
            revision = history.first()
            if revision is None:
                raise Http404("This article has no revisions yet.")
        else:
            revision = get_object_or_404(history, pk=revision_id)
        can_restore = self.has_change_permission(request, article)
        if request.method == "POST":
            if not can_restore:
                raise PermissionDenied
            return self._restore(request, article, revision)
        since = request.GET.get("since", "")
        earlier = history.filter(created_at__lte=revision.created_at).exclude(
            pk=revision.pk
        )
        if since.isdigit():
            earlier = history.filter(version__lte=int(since))
        before = earlier.first()
        redaction = desk_for(request).redaction(
            articles=[article],
            snapshots=[r.data for r in (revision, before) if r is not None],
        )
        diff = revisions.diff(before.data if before else None, revision.data, redaction)
        return TemplateResponse(
            request,
            "admin/newsroom/article/revision.html",
            self._context(
                request,
                article,
                title=_("Version %(version)s of “%(article)s”")
                % {"version": revision.version, "article": article},
                revision=_redacted(revision, redaction),
                before=before and _redacted(before, redaction),
                diff=diff,
                can_restore=can_restore,
                status_choices=self._restore_choices(request, article),
            ),
        )

    def _restore_choices(self, request, article):
        """What the article may be after a restore: as it is (the default), or
        each other status this user may give it."""
        may_publish = request.user.has_perm("newsroom.publish_article")
        return [
            (value, label)
            for value, label in Article.Status.choices
            if value != article.status
            and (value != Article.Status.PUBLISHED or may_publish)
        ]

    def _restore(self, request, article, revision):
        chosen = request.POST.get("status", "keep")
        allowed = {value for value, _label in self._restore_choices(request, article)}
        if chosen != "keep" and chosen not in allowed:
            self.message_user(
                request,
                _("“%(status)s” is not a status you can give this article here.")
                % {"status": chosen},
                messages.ERROR,
            )
            return HttpResponseRedirect(request.get_full_path())
        before = article.status
        article = workflow.restore_revision(
            revision=revision,
            by=request.user,
            status=None if chosen == "keep" else chosen,
        )
        values = {
            "version": revision.version,
            "article": article,
            "status": article.get_status_display().lower(),
        }
        if article.status == before:
            text = _(
                "Version %(version)s of “%(article)s” is restored; the article "
                "is still %(status)s, as before."
            )
        else:
            text = _(
                "Version %(version)s of “%(article)s” is restored; the article "
                "is now %(status)s."
            )
        self.message_user(request, text % values, messages.SUCCESS)
        return HttpResponseRedirect(
            reverse("admin:newsroom_article_change", args=[article.pk])
        )

    def new_preview_link_view(self, request, object_id):
        article = self._article_for(request, object_id)
        if not (
            self.has_change_permission(request, article)
            and request.user.has_perm("newsroom.add_previewlink")
        ):
            raise PermissionDenied
        link = workflow.create_preview_link(article=article, by=request.user)
        self.message_user(
            request,
            format_html(
                _("Preview link created, valid until {until}: {url}"),
                until=date_format(timezone.localtime(link.expires_at), "j M Y H:i"),
                url=request.build_absolute_uri(link.get_absolute_url()),
            ),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(
            reverse("admin:newsroom_article_change", args=[article.pk])
        )


def _redacted(revision, redaction):
    """A revision's headline and summary as the user of ``redaction`` may see
    them (its data is shown only through the diff, which is redacted)."""
    revision.headline = redaction.text(revision.headline)
    revision.summary = redaction.text(revision.summary)
    return revision


def _redacted_message(message, redaction):
    """An admin log entry's change message (JSON, or plain text) with withheld
    names replaced."""
    try:
        data = json.loads(message)
    except (TypeError, ValueError):
        return redaction.text(message)
    return json.dumps(redaction.data(data))
