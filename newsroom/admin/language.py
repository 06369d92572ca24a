"""``/admin/language/``: each member of staff chooses the language of their admin
(linked from the user tools at the top of every admin page)."""

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from newsroom.i18n.middleware import remember_choice
from newsroom.models import InterfacePreference


class LanguageForm(forms.ModelForm):
    class Meta:
        model = InterfacePreference
        fields = ["language"]
        widgets = {"language": forms.RadioSelect}


def _next_page(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("admin:index")


def choose_language(request):
    preference = InterfacePreference.objects.filter(user=request.user).first()
    preference = preference or InterfacePreference(user=request.user)
    form = LanguageForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid():
        form.save()
        remember_choice(request.session, preference.language)
        language = preference.language or translation.get_language_from_request(request)
        translation.activate(language)  # the message below, in the new language
        messages.success(request, _("The admin now speaks your chosen language."))
        return HttpResponseRedirect(_next_page(request))
    return TemplateResponse(
        request,
        "admin/language.html",
        {
            **admin.site.each_context(request),
            "title": _("Language of the admin"),
            "form": form,
            "next": _next_page(request),
        },
    )
