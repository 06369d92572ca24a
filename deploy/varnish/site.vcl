# This site's part of newsroom.vcl: its app servers, and who may purge. Copy it
# next to newsroom.vcl's vcl_path (e.g. /etc/varnish/site.vcl) and edit it.

import directors;

# Each app server (gunicorn; GUNICORN_BIND), checked with GET /healthz.
probe healthz {
    .url = "/healthz";
    .interval = 5s;
    .timeout = 2s;
    .window = 3;
    .threshold = 2;
}

backend app1 {
    .host = "127.0.0.1";
    .port = "8000";
    .probe = healthz;
}

backend app2 {
    .host = "127.0.0.1";
    .port = "8001";
    .probe = healthz;
}

sub vcl_init {
    # newsroom.vcl sends every request to this director.
    new newsroom = directors.round_robin();
    newsroom.add_backend(app1);
    newsroom.add_backend(app2);
}

# The addresses purges come from: the app servers (their outgoing address).
acl purgers {
    "127.0.0.1";
    "::1";
}
