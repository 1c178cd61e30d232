"""Every setting volg has, declared once: name, type, default, help, and whether it is a secret.

Values come, lowest to highest precedence, from the defaults here, a TOML file (`VOLG_CONFIG`, else `volg.toml`
under `VOLG_HOME`), the environment (`VOLG_<NAME>`, or for a secret `VOLG_<NAME>_FILE` naming a file that holds it,
as container secrets are passed), and explicit overrides such as the CLI's `--database`.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import Field, dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs

from volg.errors import ConfigError
from volg.i18n import LANGUAGES


def _setting(default: Any, help: str, secret: bool = False) -> Any:
    return field(default=default, metadata={"help": help, "secret": secret})


@dataclass(frozen=True)
class Settings:
    """The effective settings. Each field is one setting; its metadata carries the help text and secrecy."""

    home: str = _setting("", "Folder for volg's data; default: the platform's user data folder.")
    database: str = _setting("", "SQLite path or postgresql:// URL; default: volg.db under home.")
    allow_private_urls: bool = _setting(
        False, "Allow fetching loopback, private, link-local and metadata addresses (volg fetches URLs users type).")
    fetch_timeout_s: float = _setting(20.0, "Seconds before a fetch gives up.")
    fetch_max_bytes: int = _setting(5_000_000, "Largest response body volg reads, in bytes.")
    fetch_max_redirects: int = _setting(5, "Redirects followed at most per fetch.")
    host_interval_s: float = _setting(1.0, "Seconds between two requests to the same host (politeness).")
    user_agent: str = _setting("volg/0.1 (self-hosted news follower)", "User-Agent sent when fetching.")
    poll_every: str = _setting("15m", "Default polling interval of new sources (e.g. 15m, 1h).")
    fetch_full_pages: bool = _setting(True, "Fetch the article page when a feed item carries only a summary.")
    min_article_words: int = _setting(
        10, "Fewer words of text than this is a teaser, not an article; lower it for feeds of headlines only.")
    fetch_proxy: str = _setting("", "Proxy URL for fetching (may carry a password), e.g. http://user:pw@proxy:3128.",
                                secret=True)
    base_url: str = _setting(
        "http://127.0.0.1:8000", "The address readers reach this volg's web app at: the base of the links in digests "
        "(manage, unsubscribe, Atom feed).")
    smtp_url: str = _setting(
        "", "SMTP server for email digests: smtp://user:password@host:587 (STARTTLS when the server offers it), "
        "smtp+starttls://... (STARTTLS required) or smtps://host:465 (TLS); empty: no email.", secret=True)
    mail_from: str = _setting("volg <volg@localhost>", "The From of email digests.")
    send_timeout_s: float = _setting(30.0, "Seconds before sending one delivery (SMTP, webhook, push) gives up.")
    delivery_attempts: int = _setting(8, "Attempts at one delivery before it is marked failed.")
    retry_first_s: float = _setting(
        60.0, "Wait before the first retry of a delivery; it doubles with each attempt (with jitter) up to 6 hours.")
    delivery_lease_s: float = _setting(
        300.0, "How long a sender's claim on a delivery lasts; a claim of a sender that died on another machine "
        "is taken over after this (one that died on this machine, at once).")
    language: str = _setting(
        "nl", "Language of a subscription's digests when it names none (nl, en, de, fr, es or it): their words, "
        "dates and reasons, and the language whose sources head and summarise each item.")
    time_zone: str = _setting(
        "Europe/Amsterdam", "IANA time zone the web pages show times in, and the follow form's default zone.")
    api_token: str = _setting(
        "", "Token for the API's write endpoints and its list of sources (Authorization: Bearer ...) and the admin "
        "pages; empty: all off.",
        secret=True)
    rate_limit_follow: str = _setting(
        "10/hour", "Subscriptions one client (IP address) may ask for through the follow form, e.g. 10/hour or "
        "3/minute; empty: no limit.")
    rate_limit_api: str = _setting(
        "120/minute", "Requests one client may make to the API without the API token; empty: no limit.")
    rate_limit_confirm: str = _setting(
        "3/day", "Confirmation mails one email address may be sent, whoever asks for them; empty: no limit.")
    rate_limit_token: str = _setting(
        "10/hour", "Wrong API tokens (or admin sign-ins) one client may send before it is refused for a while.")
    metrics: bool = _setting(
        False, "Serve Prometheus metrics at /metrics on volg serve: what the database holds (articles, stories, "
        "digests, deliveries, each source's polling health), counted when scraped, and this server's request "
        "latencies and polls. Let only your Prometheus reach it.")
    metrics_token: str = _setting(
        "", "Token Prometheus must send for /metrics (Authorization: Bearer ...); empty: /metrics answers anyone "
        "who reaches it.",
        secret=True)
    log_format: str = _setting(
        "text", "Logs of volg serve, run and worker, one line per event: text, or json (one JSON object per line).")
    secret_key: str = _setting(
        "", "Key that signs readers' manage and unsubscribe links; empty: a key made once and kept in the database.",
        secret=True)

    @property
    def home_path(self) -> Path:
        return Path(self.home) if self.home else Path(platformdirs.user_data_dir("volg"))

    @property
    def database_url(self) -> str:
        return self.database or str(self.home_path / "volg.db")

    def shown(self) -> dict[str, Any]:
        """The effective settings with secrets hidden and derived paths filled in, for `volg config`."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = "********" if f.metadata["secret"] and value else value
        out["home"] = str(self.home_path)
        out["database"] = self.database_url
        return out


SETTINGS: dict[str, Field[Any]] = {f.name: f for f in fields(Settings)}
LOG_FORMATS = ("text", "json")


def _convert(setting: Field[Any], raw: Any, where: str) -> Any:
    kind: type = type(setting.default)
    try:
        if kind is bool:
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in {"1", "true", "yes", "on"}:
                return True
            if text in {"0", "false", "no", "off", ""}:
                return False
            raise ValueError(raw)
        return kind(raw)
    except (TypeError, ValueError):
        raise ConfigError(f"{where}: {setting.name} must be {kind.__name__}, got {raw!r}") from None


def _secret_file(variable: str, path: str) -> str:
    """The secret in the file `path` names, without one trailing newline (as `echo` and editors leave it). Errors
    name the variable and the path, never the content."""
    if not path:
        raise ConfigError(f"{variable} is empty: expected the path of the file that holds the secret")
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{variable}: {path} is not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(f"{variable}: cannot read {path} ({exc.strerror or type(exc).__name__})") from None
    if text.endswith("\n"):
        text = text[:-2] if text.endswith("\r\n") else text[:-1]
    return text


def load_settings(env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Build the effective settings from defaults, the TOML file, the environment and `overrides` (None = unset)."""
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    home = env.get("VOLG_HOME", "")
    config_path = env.get("VOLG_CONFIG") or (str(Path(home) / "volg.toml") if home else "")
    if config_path and Path(config_path).is_file():
        try:
            table = tomllib.loads(Path(config_path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{config_path}: not a readable TOML file ({exc})") from None
        for key, raw in table.items():
            if key not in SETTINGS:
                raise ConfigError(f"{config_path}: unknown setting {key!r}")
            values[key] = _convert(SETTINGS[key], raw, config_path)
    elif env.get("VOLG_CONFIG"):
        raise ConfigError(f"VOLG_CONFIG: no such file {config_path}")
    for name, setting in SETTINGS.items():
        key = "VOLG_" + name.upper()
        if setting.metadata["secret"] and key + "_FILE" in env:
            if key in env:
                raise ConfigError(f"both {key} and {key}_FILE are set: set one ({name} comes from either)")
            values[name] = _convert(setting, _secret_file(key + "_FILE", env[key + "_FILE"]), key + "_FILE")
        elif key in env:
            values[name] = _convert(setting, env[key], key)
    for key, raw in overrides.items():
        if raw is not None:
            values[key] = _convert(SETTINGS[key], raw, "--" + key)
    settings = replace(Settings(), **values)
    try:
        ZoneInfo(settings.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"time_zone: unknown time zone {settings.time_zone!r}: expected an IANA name such as "
                          "Europe/Amsterdam") from None
    if settings.log_format not in LOG_FORMATS:
        raise ConfigError(f"log_format: {settings.log_format!r} is not a log format: expected text or json")
    if settings.language not in LANGUAGES:
        raise ConfigError(f"language: {settings.language!r} is not a digest language: expected one of "
                          f"{', '.join(LANGUAGES)}")
    return settings


def parse_interval(text: str) -> int:
    """'15m' → 900, '1h' → 3600, '30s' → 30, '2d' → 172800; a bare number is seconds."""
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    text = text.strip().lower()
    try:
        if text and text[-1] in units:
            seconds = int(float(text[:-1]) * units[text[-1]])
        else:
            seconds = int(float(text))
    except ValueError:
        raise ConfigError(f"not an interval: {text!r} (use e.g. 30s, 15m, 1h)") from None
    if seconds <= 0:
        raise ConfigError(f"interval must be positive: {text!r}")
    return seconds


def format_interval(seconds: int) -> str:
    """An interval as it is written, in the largest unit that holds it whole: 900 → '15m', 5400 → '90m', 172800 →
    '2d', 45 → '45s'; `parse_interval` reads it back."""
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"
