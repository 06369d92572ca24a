"""The admin's "view on site" redirect, for the objects the user may see there.

Django's own ``/admin/r/<content type>/<id>/`` redirects any staff login to the
public address of any object with a ``get_absolute_url``, whatever their
permissions: a translator could walk the ids and read the slugs (the headlines) of
drafts, and the names of contributors and tags seen only on them. This view takes
its place in the URLconf and redirects only when the object's admin lets the user
view it and offers a "view on site" link for it (the article admin offers none for
an unpublished article); otherwise it answers 404, as for an object that does not
exist.
"""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404


def view_on_site(request, content_type_id, object_id):
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        obj = model._default_manager.get(pk=object_id)
    except (ObjectDoesNotExist, ValidationError, ValueError, AttributeError) as error:
        raise Http404("No such object.") from error
    model_admin = admin.site._registry.get(model)
    if (
        model_admin is None
        or not model_admin.has_view_permission(request, obj)
        or not model_admin.get_view_on_site_url(obj)
    ):
        raise Http404("No such object.")
    return shortcut(request, content_type_id, object_id)
