"""The page a request over one of the site's limits gets: which limit, and what
to do (Django's handler400 for the request-size errors it raises before any view
runs).

Django refuses a request whose form data passes ``DATA_UPLOAD_MAX_MEMORY_SIZE``
bytes, ``DATA_UPLOAD_MAX_NUMBER_FIELDS`` fields or ``DATA_UPLOAD_MAX_NUMBER_FILES``
files while reading it, before any form can say which field is at fault. Staff
get the page in the admin's look with what to do in the admin; readers the
site's. Nothing was saved, and the browser still holds what was typed.
"""

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import (
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _


def _megabytes(size):
    return _("%(size)s MB") % {"size": f"{size / 1_000_000:.1f}"}


def _limit(request, exception):
    """(status, what happened, what to do)."""
    sent = int(request.META.get("CONTENT_LENGTH") or 0)
    if isinstance(exception, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        importing = request.path == reverse("admin:newsroom_article_import")
        advice = (
            _(
                "A transcript can be imported up to 1 MB of text: split a longer "
                "interview into several articles."
            )
            if importing
            else _(
                "Send less at once: split a very long text, or save the page in "
                "several steps."
            )
        )
        return (
            413,
            _(
                "The form sent %(sent)s of text; the site takes at most %(limit)s "
                "in one request."
            )
            % {"sent": _megabytes(sent), "limit": _megabytes(limit)},
            advice,
        )
    if isinstance(exception, TooManyFieldsSent):
        return (
            400,
            _(
                "The form sent more than %(limit)s fields, the most the site takes "
                "in one request."
            )
            % {"limit": f"{settings.DATA_UPLOAD_MAX_NUMBER_FIELDS:,}"},
            _(
                "A long interview’s questions are shown a hundred at a time: save "
                "each page on its own (reload the article to get them)."
            ),
        )
    if isinstance(exception, TooManyFilesSent):
        return (
            400,
            _(
                "The form sent more than %(limit)s files, the most the site takes "
                "in one request."
            )
            % {"limit": f"{settings.DATA_UPLOAD_MAX_NUMBER_FILES:,}"},
            _("Upload fewer files at once."),
        )
    return (
        400,
        _("The request could not be understood."),
        _("Check the address, or go back and try again."),
    )


def bad_request(request, exception=None):
    status, problem, advice = _limit(request, exception)
    context = {"problem": problem, "advice": advice, "status": status}
    user = getattr(request, "user", None)
    if request.path.startswith("/admin/") and user is not None and user.is_staff:
        context.update(admin.site.each_context(request), title=_("Not saved"))
        template = "admin/limit_exceeded.html"
    else:
        template = "400.html"
    return render(request, template, context, status=status)
