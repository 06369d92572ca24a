"""Logins: who is throttled (django-axes, configured in settings) and what a
locked-out person is told. Two-factor codes are in newsroom/accounts/two_factor.py."""

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import admin
from django.shortcuts import render
from django.utils.translation import gettext as _


def client_ip_address(request):
    """The address failed logins are counted against. Behind
    ``NEWSROOM_PROXY_COUNT`` trusted proxies it is the one the outermost of them
    appended to X-Forwarded-For (earlier entries are whatever the client sent);
    with no proxy, or no such header, it is the connection's own address."""
    count = settings.NEWSROOM_PROXY_COUNT
    if count:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= count:
            return hops[-count]
    return request.META.get("REMOTE_ADDR", "")


def locked_out(request, original_response=None, credentials=None):
    """The answer to a login attempt while its account and address are paused:
    429, what happened and when to try again (also as ``Retry-After``)."""
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60))
    response = render(
        request,
        "registration/locked_out.html",
        {
            "title": _("Too many failed logins"),
            "site_header": admin.site.site_header,
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "minutes": minutes,
        },
        status=429,
    )
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
