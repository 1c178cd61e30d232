"""The OpenAPI document and the API agree: schemathesis generates requests for every operation of
/api/openapi.json and checks that no answer is a server error, every status code is documented and every body
matches its schema. A few examples per operation, derandomized, so CI sees the same requests every run."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis import checks
from tests.web.apidata import api_service

from volg.service import Service
from volg.web import create_app
from volg.web.api import openapi_document

NOW = datetime(2026, 11, 17, 12, 30, tzinfo=UTC)
TOKEN = "schema-api-token"
CHECKS = [checks.not_a_server_error, checks.status_code_conformance, checks.response_schema_conformance]


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """The demo's stream and a topic, so that lists and digests have something to answer; no limits."""
    svc = api_service(tmp_path_factory.mktemp("schema") / "volg.db", token=TOKEN, now=NOW)
    yield svc
    svc.close()


@pytest.fixture(scope="module")
def reader_token(service: Service) -> str:
    """The token of a subscription that exists, for the operations under /api/subscriptions/{token}."""
    return service.reader_token(service.subscribe("hoogwater", confirmed=True))


@pytest.fixture(scope="module")
def app(service: Service) -> FastAPI:
    return create_app(service)


# JSON Lines are text: sent as they are, like text/plain
schemathesis.serializer.alias("application/x-ndjson", "text/plain")
# the document the app serves at /api/openapi.json; built from the routes alone, so it needs no service
schema = schemathesis.openapi.from_dict(openapi_document())


@schema.parametrize()
@settings(max_examples=10, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_answers_as_documented(case: schemathesis.Case, app: FastAPI) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, checks=CHECKS, app=app)


@schema.include(path_regex=r"^/api/subscriptions/\{token\}").parametrize()
@settings(max_examples=10, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
def test_a_reader_s_subscription_answers_as_documented(case: schemathesis.Case, app: FastAPI,
                                                       reader_token: str) -> None:
    """The same with the token of a real subscription, so the reader's operations get past 404."""
    case.path_parameters = {"token": reader_token}
    case.call_and_validate(checks=CHECKS, app=app)
