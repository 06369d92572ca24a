# Varnish in front of Newsroom's app servers: readers' pages kept until a change
# purges them by surrogate key (newsroom/infra/edge.py), static files and uploads
# kept as long as their headers say.
#
#   varnishd -a :6081 -f /path/to/deploy/varnish/newsroom.vcl \
#            -p vcl_path=/etc/varnish:/path/to/deploy/varnish -s malloc,256m
#
# The site's own part — the app servers and who may purge — is in site.vcl, found
# on vcl_path: copy deploy/varnish/site.vcl to /etc/varnish/ and edit it there.
# The tests (tests/servers/) start Varnish with this very file and a site.vcl of
# their own.
#
# Needs Varnish 6 or later and the xkey module (Debian: varnish, varnish-modules).

vcl 4.1;

import std;
import xkey;

include "site.vcl";

sub vcl_recv {
    # -- purges, from the app (NEWSROOM_EDGE_PURGER=varnish) -------------------------
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Purging is not allowed from this address."));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "Name the keys to purge in the xkey-purge header."));
        }
        set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.n-gone + " object(s)."));
    }

    set req.backend_hint = newsroom.backend();

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Editors and translators (a session) get their own, uncached pages; so does
    # everything under /admin/, logged in or not.
    if (req.url ~ "^/admin/" || req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Readers share one copy: the pages vary on Cookie, and a reader's cookies
    # (none that the public pages read) would split the cache.
    unset req.http.Cookie;
    unset req.http.Authorization;
    return (hash);
}

sub vcl_backend_response {
    # Only what the app says may be kept is kept: readers' pages (s-maxage, tagged
    # with surrogate keys), static files and uploads (max-age, immutable). Error
    # pages, redirects and anything without Cache-Control are not: Varnish's
    # default would keep them two minutes, and a purge could not reach them.
    if (!beresp.http.Cache-Control) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    # No grace: after a purge, or once s-maxage is over, readers wait for the
    # current page rather than get the old one.
    set beresp.grace = 0s;
}

sub vcl_deliver {
    # The keys are for this cache only.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.Cache-Tag;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
