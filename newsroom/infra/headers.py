"""The Permissions-Policy header: the browser features no page of ours uses are
switched off for the page and for anything embedded in it.

Django sets the other security headers itself (SecurityMiddleware: HSTS, nosniff,
Referrer-Policy; XFrameOptionsMiddleware; django-csp for the CSP). Permissions-Policy
has no setting in Django, so this middleware adds it to every response that does not
already carry one. It sits last in ``MIDDLEWARE`` so that it sees every response,
error pages included.
"""

# Each feature with an empty allow-list: no origin, not even ours, may use it.
DISABLED_FEATURES = (
    "accelerometer",
    "autoplay",
    "browsing-topics",
    "camera",
    "display-capture",
    "encrypted-media",
    "fullscreen",
    "geolocation",
    "gyroscope",
    "interest-cohort",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "picture-in-picture",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
)

PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in DISABLED_FEATURES)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
