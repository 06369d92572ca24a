"""System checks that catch settings that cannot work: uploads set to go to S3
without the package that does it, S3 settings without a bucket, an edge purger
that cannot purge."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from newsroom import checks
from newsroom.settings import s3_storage
from tests.test_headers import production_env, run_manage


def ids(messages):
    return sorted(message.id for message in messages)


def test_s3_storage_without_django_storages_is_an_error(settings, monkeypatch):
    settings.S3_BUCKET = "newsroom-media"
    settings.STORAGES = {**settings.STORAGES, "default": s3_storage("newsroom-media")}
    assert checks.storage_matches_packages(None) == []
    installed = checks.find_spec
    monkeypatch.setattr(
        checks,
        "find_spec",
        lambda name: None if name == "storages" else installed(name),
    )
    [error] = checks.storage_matches_packages(None)
    assert error.id == "newsroom.E001"
    assert "storages is not installed" in error.msg
    assert 'pip install -e ".[s3]"' in error.hint
    with pytest.raises(SystemCheckError, match="newsroom.E001"):
        call_command("check")


def test_s3_settings_without_a_bucket_are_an_error(settings):
    settings.S3_BUCKET = ""
    settings.S3_ENDPOINT_URL = "https://objects.example.net"
    [error] = checks.storage_matches_packages(None)
    assert error.id == "newsroom.E002"
    assert "S3_ENDPOINT_URL set but S3_BUCKET is not" in error.msg


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"NEWSROOM_EDGE_PURGER": "varnish"}, ["newsroom.E004"]),
        (
            {"NEWSROOM_EDGE_PURGER": "varnish", "NEWSROOM_VARNISH_URLS": ["http://v"]},
            [],
        ),
        ({"NEWSROOM_EDGE_PURGER": "fastly"}, ["newsroom.E004", "newsroom.E004"]),
        ({"NEWSROOM_EDGE_PURGER": "varnsh"}, ["newsroom.E003"]),
        ({"NEWSROOM_EDGE_PURGER": "newsroom.infra.edge.Nothing"}, ["newsroom.E003"]),
        (
            {
                "NEWSROOM_EDGE_PURGER": "varnish",
                "NEWSROOM_VARNISH_URLS": ["http://v"],
                "NEWSROOM_PAGE_CACHE": False,
            },
            ["newsroom.E005"],
        ),
        ({"NEWSROOM_EDGE_PURGER": ""}, []),
    ],
)
def test_a_purger_that_cannot_purge_is_an_error(settings, changes, expected):
    settings.NEWSROOM_PAGE_CACHE = True
    for name, value in changes.items():
        setattr(settings, name, value)
    assert ids(checks.edge_purger_is_usable(None)) == expected


def test_production_settings_with_s3_and_varnish_pass_the_deployment_checks(tmp_path):
    env = production_env(tmp_path)
    env.update(
        S3_BUCKET="newsroom-media",
        S3_ENDPOINT_URL="https://objects.example.net",
        NEWSROOM_EDGE_PURGER="varnish",
        NEWSROOM_VARNISH_URLS="http://127.0.0.1:6081",
    )
    result = run_manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_name_a_purger_without_its_edge(tmp_path):
    env = production_env(tmp_path)
    env.update(NEWSROOM_EDGE_PURGER="varnish")
    result = run_manage(env, "check", "--deploy")
    assert result.returncode != 0
    assert "NEWSROOM_EDGE_PURGER=varnish needs NEWSROOM_VARNISH_URLS" in result.stderr
