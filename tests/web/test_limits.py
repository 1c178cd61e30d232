"""Per-client rate limits on a real server: the follow form, the API without a token, and token guesses answer 429
with Retry-After (the JSON error shape under /api, a page in the UI); the operator's token is not limited."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from tests.web.server import serving

from volg.errors import ConfigError
from volg.service import Service
from volg.settings import Settings
from volg.storage import open_storage
from volg.web import create_app
from volg.web.limits import Limiter

TOKEN = "s3cret-token"


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found is not None
    return found[1]


@pytest.fixture
def service(tmp_path: Path) -> Service:
    settings = Settings(api_token=TOKEN, rate_limit_follow="2/hour", rate_limit_api="5/minute",
                        rate_limit_token="3/hour")
    svc = Service(settings, open_storage(str(tmp_path / "volg.db")))
    svc.add_topic("Hoogwater", "hoogwater OR Maas")
    return svc


def test_the_follow_form_takes_a_few_subscriptions_per_client_then_asks_to_wait(service: Service) -> None:
    with serving(create_app(service)) as base, httpx.Client(base_url=base) as browser:
        csrf = csrf_of(browser.get("/follow/hoogwater").text)
        for _ in range(2):
            made = browser.post("/follow/hoogwater", data={"csrf": csrf, "times": "08:00", "tz": "Europe/Amsterdam",
                                                           "max_items": "3"})
            assert made.status_code == 200
        refused = browser.post("/follow/hoogwater", data={"csrf": csrf, "times": "08:00", "tz": "Europe/Amsterdam",
                                                          "max_items": "3"})
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
        assert "Te veel verzoeken" in refused.text and refused.headers["content-type"].startswith("text/html")
        assert len(service.subscriptions()) == 2
        assert browser.get("/follow/hoogwater").status_code == 200  # reading the form is not limited
    service.close()


def test_the_api_limits_strangers_not_the_operator(service: Service) -> None:
    with serving(create_app(service)) as base, httpx.Client(base_url=base) as client:
        assert all(client.get("/api/topics").status_code == 200 for _ in range(5))
        refused = client.get("/api/topics")
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
        assert refused.json()["error"]["code"] == "rate_limited"
        operator = {"Authorization": f"Bearer {TOKEN}"}
        assert all(client.get("/api/topics", headers=operator).status_code == 200 for _ in range(10))
    service.close()


def test_token_guesses_are_slowed_even_the_right_token_must_wait(service: Service) -> None:
    with serving(create_app(service)) as base, httpx.Client(base_url=base) as client:
        body = {"name": "Storm", "query": "storm"}
        wrong = [client.post("/api/topics", json=body, headers={"Authorization": f"Bearer guess{n}"}).status_code
                 for n in range(3)]
        assert wrong == [401, 401, 401]
        late = client.post("/api/topics", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
        assert late.status_code == 429 and late.json()["error"]["code"] == "rate_limited"
        assert [t.name for t in service.topics()] == ["Hoogwater"]
    service.close()


def test_admin_sign_in_guesses_share_the_token_limit(service: Service) -> None:
    with serving(create_app(service)) as base, httpx.Client(base_url=base) as browser:
        csrf = csrf_of(browser.get("/admin").text)
        tries = [browser.post("/admin/login", data={"token": f"guess{n}", "csrf": csrf}).status_code for n in range(3)]
        assert tries == [403, 403, 403]
        late = browser.post("/admin/login", data={"token": TOKEN, "csrf": csrf})
        assert late.status_code == 429 and "Retry-After" in late.headers
    service.close()


def test_a_rate_that_is_no_rate_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="rate_limit_api: 'lots' is no rate"):
        Limiter(Settings(rate_limit_api="lots"))
