"""The README's production section stays true: every setting read from the
environment is in it, and the Varnish configuration it shows is the file the
tests start Varnish with."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


def environment_variables():
    names = set()
    for path in ("newsroom/settings.py", "gunicorn.conf.py"):
        source = (ROOT / path).read_text()
        names |= set(
            re.findall(
                r'(?:environ\.get|env_bool|env_list)\(\s*"([A-Z][A-Z0-9_]+)"', source
            )
        )
    return names | {"DATABASE_URL"}


def test_every_environment_variable_is_in_the_readme():
    names = environment_variables()
    assert {"DJANGO_SECURE_SSL_REDIRECT", "NEWSROOM_EDGE_PURGER"} <= names
    missing = sorted(name for name in names if f"`{name}`" not in README)
    assert missing == []


def test_the_readme_shows_the_varnish_files_the_tests_use():
    blocks = re.findall(r"```vcl\n(.*?)```", README, flags=re.S)
    for name in ("newsroom.vcl", "site.vcl"):
        assert (ROOT / "deploy" / "varnish" / name).read_text() in blocks, name


def test_the_readme_gives_the_gunicorn_command_the_tests_run():
    assert "GUNICORN_BIND=0.0.0.0:8000 WEB_CONCURRENCY=5 .venv/bin/gunicorn" in README
    conftest = (ROOT / "tests" / "servers" / "conftest.py").read_text()
    assert '[program("gunicorn")]' in conftest and '"GUNICORN_BIND"' in conftest
