from pathlib import Path

import pytest

from volg.errors import ConfigError
from volg.settings import SETTINGS, load_settings, parse_interval


def test_defaults_put_the_database_under_home(tmp_path: Path) -> None:
    settings = load_settings({"VOLG_HOME": str(tmp_path)})
    assert settings.database_url == str(tmp_path / "volg.db")
    assert settings.allow_private_urls is False


def test_precedence_toml_then_environment_then_overrides(tmp_path: Path) -> None:
    (tmp_path / "volg.toml").write_text('database = "from-toml.db"\nfetch_timeout_s = 5\nhost_interval_s = 3\n')
    env = {"VOLG_HOME": str(tmp_path), "VOLG_FETCH_TIMEOUT_S": "7.5"}
    settings = load_settings(env, database="from-cli.db")
    assert settings.database == "from-cli.db"
    assert settings.fetch_timeout_s == 7.5
    assert settings.host_interval_s == 3.0
    assert load_settings(env).database == "from-toml.db"


def test_secrets_are_hidden() -> None:
    shown = load_settings({"VOLG_FETCH_PROXY": "http://user:hunter2@proxy:3128"}).shown()
    assert shown["fetch_proxy"] == "********"
    assert "hunter2" not in repr(shown)
    assert load_settings({}).shown()["fetch_proxy"] == ""


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"VOLG_ALLOW_PRIVATE_URLS": "maybe"}, "VOLG_ALLOW_PRIVATE_URLS: allow_private_urls must be bool"),
        ({"VOLG_FETCH_MAX_BYTES": "lots"}, "VOLG_FETCH_MAX_BYTES: fetch_max_bytes must be int"),
        ({"VOLG_CONFIG": "/nonexistent/volg.toml"}, "no such file"),
        ({"VOLG_TIME_ZONE": "Europe/Atlantis"}, "time_zone: unknown time zone .Europe/Atlantis."),
    ],
)
def test_bad_values_are_named(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(env)


def test_unknown_and_malformed_toml(tmp_path: Path) -> None:
    (tmp_path / "volg.toml").write_text("colour = 'blue'\n")
    with pytest.raises(ConfigError, match="unknown setting 'colour'"):
        load_settings({"VOLG_HOME": str(tmp_path)})
    (tmp_path / "volg.toml").write_text("database = \n")
    with pytest.raises(ConfigError, match="not a readable TOML file"):
        load_settings({"VOLG_HOME": str(tmp_path)})


def test_every_setting_has_help() -> None:
    assert all(field.metadata["help"] for field in SETTINGS.values())


def test_intervals() -> None:
    assert [parse_interval(t) for t in ("15m", "1h", "30s", "2d", "90", "1.5h")] == [900, 3600, 30, 172800, 90, 5400]
    for bad in ("soon", "-5m", "0"):
        with pytest.raises(ConfigError):
            parse_interval(bad)


def test_every_setting_is_documented() -> None:
    doc = (Path(__file__).resolve().parent.parent / "docs" / "configuration.md").read_text(encoding="utf-8")
    missing = [name for name in SETTINGS if f"`VOLG_{name.upper()}`" not in doc]
    assert not missing, f"settings missing from docs/configuration.md: {missing}"
