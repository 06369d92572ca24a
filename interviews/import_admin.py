"""The transcript import in the article admin: paste or upload, a preview where
every paragraph shows its role and changes it with one click or one key, then
**Create the draft** (or **Create and publish**). Several files at once get one
preview line each and are created together, all or nothing."""

import hashlib

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from newsroom.desk import changes, workflow
from newsroom.models import Article

from . import services
from .forms import TranscriptImportForm, name_untitled
from .transcript.roles import KEYS, ROLES, assemble, blocks_of

TEMPLATE = "admin/interviews/import_transcript.html"


def text_digest(text):
    """Which text a preview showed: roles chosen there apply to that text only."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class TranscriptImportMixin:
    """Mixed into the article admin (``interviews.admin``)."""

    def import_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_transcript_view),
                name="newsroom_article_import",
            )
        ]

    def import_transcript_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import a transcript"),
            "can_publish": self.has_publish_permission(request),
        }
        if request.method != "POST":
            form = TranscriptImportForm()
            return TemplateResponse(request, TEMPLATE, {**context, "form": form})
        form = TranscriptImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return TemplateResponse(request, TEMPLATE, {**context, "form": form})
        if form.files_read:
            return self._import_several(request, form, context)
        return self._import_one(request, form, context)

    # ------------------------------------------------------------ one text

    def _import_one(self, request, form, context):
        text = form.cleaned_data["text"]
        transcript = form.transcript
        blocks = blocks_of(transcript)
        digest = text_digest(text)
        creating = "_confirm" in request.POST or "_publish" in request.POST
        if form.cleaned_data["digest"] == digest:
            for index, block in enumerate(blocks):
                role = request.POST.get(f"role-{index}")
                if role in ROLES:
                    block.role = role
        elif creating and form.cleaned_data["digest"]:
            creating = False
            messages.warning(
                request,
                _(
                    "The text changed after the preview, so nothing was created: "
                    "check the paragraphs below, then create the draft."
                ),
            )
        if creating:
            corrected = assemble(blocks, transcript)
            name_untitled(corrected)
            for segment in corrected.segments:
                segment.question_speaker = (
                    form.cleaned_data["question_speaker"] or segment.question_speaker
                )
                segment.answer_speaker = (
                    form.cleaned_data["answer_speaker"] or segment.answer_speaker
                )
            publish = "_publish" in request.POST and context["can_publish"]
            try:
                article = self.create_draft(
                    request, form.cleaned_data, corrected, publish=publish
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self._created(request, [article], published=publish)
                return redirect("admin:newsroom_article_change", article.pk)

        data = request.POST.copy()
        data["text"] = text
        data["digest"] = digest
        for key, value in form.suggestions().items():
            data[key] = value
        preview_form = TranscriptImportForm(data)
        preview_form.is_valid()
        if form.errors:
            for error in form.non_field_errors():
                preview_form.add_error(None, error)
        rows = [
            {
                "index": index,
                "block": block,
                "choices": [
                    (role, label, KEYS[role], role == block.role)
                    for role, label in ROLES.items()
                ],
            }
            for index, block in enumerate(blocks)
        ]
        context.update(
            preview=transcript,
            rows=rows,
            keys=[(KEYS[role], label) for role, label in ROLES.items()],
            duplicates=services.find_duplicates(transcript)[:3],
        )
        return TemplateResponse(request, TEMPLATE, {**context, "form": preview_form})

    # -------------------------------------------------------- several files

    def _import_several(self, request, form, context):
        files = form.files_read
        if "_confirm" in request.POST or "_publish" in request.POST:
            publish = "_publish" in request.POST and context["can_publish"]
            try:
                with changes.batch(by=request.user):
                    articles = [
                        self.create_draft(
                            request,
                            form.cleaned_data,
                            transcript,
                            publish=publish,
                            suggest=True,
                        )
                        for _name, transcript in files
                    ]
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self._created(request, articles, published=publish)
                return redirect("admin:newsroom_article_changelist")
        texts = request.POST.getlist("bulk_text")
        if not texts:
            texts = [text for _name, text in (form.cleaned_data.get("upload") or [])]
        context.update(
            several=[
                {"name": name, "transcript": transcript, "text": text}
                for (name, transcript), text in zip(files, texts, strict=True)
            ]
        )
        return TemplateResponse(request, TEMPLATE, {**context, "form": form})

    # --------------------------------------------------------------- saving

    def create_draft(self, request, data, transcript, publish=False, suggest=False):
        """The draft, with the people it names, all or nothing; the importing user
        is its creator (a reporter can then open it). Published at once when asked
        by someone who may publish: at the transcript's date if it has one. With
        ``suggest`` (several files), the people the editor left empty are those
        the transcript suggests."""
        suggested = transcript.interviewee if suggest else None
        if suggest:
            data = {
                **data,
                "interviewer": data["interviewer"] or transcript.interviewer,
            }
        with changes.batch(by=request.user):
            article = services.import_transcript(
                transcript=transcript,
                series=data["series"],
                language=data["language"],
                status=Article.Status.DRAFT,
                published_at=services.publish_time_for(transcript.date),
                created_by=request.user,
                **services.people_from_names(
                    interviewer=data["interviewer"] or "",
                    translator=data["translator"],
                    interviewee=data["interviewee"]
                    or (suggested.name if suggested else ""),
                    title=data["interviewee_title"]
                    or ((suggested.title or "") if suggested else ""),
                    organisation=data["interviewee_organisation"]
                    or ((suggested.organisation or "") if suggested else ""),
                ),
            )
            if publish:
                article = workflow.publish_article(
                    article=article, by=request.user, at=article.published_at
                )
        self.log_addition(request, article, "Imported from a transcript.")
        return article

    def _created(self, request, articles, *, published):
        if len(articles) > 1:
            message = (
                ngettext(
                    "%(count)s article was created and published.",
                    "%(count)s articles were created and published.",
                    len(articles),
                )
                if published
                else ngettext(
                    "%(count)s draft was created. Check it, then publish.",
                    "%(count)s drafts were created. Check them, then publish.",
                    len(articles),
                )
            )
            messages.success(request, message % {"count": len(articles)})
            return
        article = articles[0]
        count = article.segments.count()
        if published:
            message = ngettext(
                "“%(headline)s” was created and published with %(count)s question "
                "and answer.",
                "“%(headline)s” was created and published with %(count)s questions "
                "and answers.",
                count,
            )
        else:
            message = ngettext(
                "“%(headline)s” was created as a draft with %(count)s question and "
                "answer. Check it, then publish.",
                "“%(headline)s” was created as a draft with %(count)s questions and "
                "answers. Check it, then publish.",
                count,
            )
        messages.success(
            request, message % {"headline": article.headline, "count": count}
        )
