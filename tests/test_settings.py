from pathlib import Path

import pytest

from volg.errors import ConfigError
from volg.settings import SETTINGS, format_interval, load_settings, parse_interval


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
    written = [format_interval(s) for s in (900, 3600, 30, 172800, 90, 5400)]
    assert written == ["15m", "1h", "30s", "2d", "90s", "90m"]  # as a user writes them, and read back the same
    assert [parse_interval(w) for w in written] == [900, 3600, 30, 172800, 90, 5400]


def test_every_setting_is_documented() -> None:
    doc = (Path(__file__).resolve().parent.parent / "docs" / "configuration.md").read_text(encoding="utf-8")
    missing = [name for name in SETTINGS if f"`VOLG_{name.upper()}`" not in doc]
    assert not missing, f"settings missing from docs/configuration.md: {missing}"


SECRETS = [name for name, field in SETTINGS.items() if field.metadata["secret"]]


def test_the_secrets_are_the_five_with_passwords_tokens_and_keys() -> None:
    assert sorted(SECRETS) == ["api_token", "fetch_proxy", "metrics_token", "secret_key", "smtp_url"]


@pytest.mark.parametrize("name", SECRETS)
def test_a_secret_from_a_file_loses_one_trailing_newline(name: str, tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("s3cr3t value\n\n", encoding="utf-8")  # two newlines: the second stays part of it
    assert getattr(load_settings({f"VOLG_{name.upper()}_FILE": str(secret)}), name) == "s3cr3t value\n"
    secret.write_bytes(b"line\r\n")  # written on Windows
    assert getattr(load_settings({f"VOLG_{name.upper()}_FILE": str(secret)}), name) == "line"
    secret.write_text("no newline", encoding="utf-8")
    assert getattr(load_settings({f"VOLG_{name.upper()}_FILE": str(secret)}), name) == "no newline"


def test_a_secret_file_beats_the_toml_file_and_is_hidden(tmp_path: Path) -> None:
    (tmp_path / "volg.toml").write_text('smtp_url = "smtp://from-toml"\n')
    secret = tmp_path / "smtp"
    secret.write_text("smtp://volg:hunter2@mail.example:587\n")
    settings = load_settings({"VOLG_HOME": str(tmp_path), "VOLG_SMTP_URL_FILE": str(secret)})
    assert settings.smtp_url == "smtp://volg:hunter2@mail.example:587"
    assert settings.shown()["smtp_url"] == "********"
    assert load_settings({"VOLG_SMTP_URL_FILE": str(secret)}, smtp_url="smtp://cli").smtp_url == "smtp://cli"


def test_a_secret_and_its_file_together_are_refused(tmp_path: Path) -> None:
    secret = tmp_path / "token"
    secret.write_text("from-file")
    with pytest.raises(ConfigError, match="both VOLG_API_TOKEN and VOLG_API_TOKEN_FILE are set"):
        load_settings({"VOLG_API_TOKEN": "from-env", "VOLG_API_TOKEN_FILE": str(secret)})
    with pytest.raises(ConfigError, match="both VOLG_API_TOKEN and VOLG_API_TOKEN_FILE"):
        load_settings({"VOLG_API_TOKEN": "", "VOLG_API_TOKEN_FILE": str(secret)})


def test_an_unreadable_secret_file_names_the_variable_and_path_not_the_content(tmp_path: Path) -> None:
    missing = tmp_path / "run" / "secrets" / "volg_secret_key"
    with pytest.raises(ConfigError) as caught:
        load_settings({"VOLG_SECRET_KEY_FILE": str(missing)})
    assert str(caught.value).startswith(f"VOLG_SECRET_KEY_FILE: cannot read {missing} (")
    with pytest.raises(ConfigError, match=f"VOLG_SECRET_KEY_FILE: cannot read {tmp_path}"):
        load_settings({"VOLG_SECRET_KEY_FILE": str(tmp_path)})  # a folder
    binary = tmp_path / "binary"
    binary.write_bytes(b"hunter2\xff\xfe")
    with pytest.raises(ConfigError) as caught:
        load_settings({"VOLG_SECRET_KEY_FILE": str(binary)})
    assert f"VOLG_SECRET_KEY_FILE: {binary} is not UTF-8 text" == str(caught.value)
    assert "hunter2" not in str(caught.value)
    with pytest.raises(ConfigError, match="VOLG_SECRET_KEY_FILE is empty"):
        load_settings({"VOLG_SECRET_KEY_FILE": ""})


def test_secret_files_are_documented() -> None:
    doc = (Path(__file__).resolve().parent.parent / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert "VOLG_<NAME>_FILE" in doc
    for name in SECRETS:
        assert f"`VOLG_{name.upper()}_FILE`" in doc
