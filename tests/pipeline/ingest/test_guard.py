from __future__ import annotations

import socket
import threading

import pytest

from volg.errors import FetchError, for_operator
from volg.pipeline.ingest.guard import check_url, public_resolution, resolve_checked


def no_dns(host: str, port: int) -> list[str]:
    raise AssertionError(f"resolved {host}, which needed no resolving")


def resolving_to(*addresses: str):  # type: ignore[no-untyped-def]
    def resolve(host: str, port: int) -> list[str]:
        return list(addresses)

    return resolve


@pytest.mark.parametrize("url, kind", [
    ("http://127.0.0.1/", "a loopback"),
    ("http://127.0.0.1:8080/feed", "a loopback"),
    ("http://10.1.2.3/", "a private"),
    ("http://192.168.0.1/router", "a private"),
    ("http://172.16.5.4/", "a private"),
    ("http://169.254.169.254/latest/meta-data/", "a cloud metadata"),
    ("http://169.254.1.1/", "a link-local"),
    ("http://[::1]/", "a loopback"),
    ("http://[::ffff:127.0.0.1]/", "a loopback"),
    ("http://[::ffff:10.0.0.1]/", "a private"),
    ("http://[2002:7f00:1::]/", "a loopback"),  # 6to4 wrapping 127.0.0.1
    ("http://[fd00:ec2::254]/", "a cloud metadata"),
    ("http://[fec0::1]/", "a site-local"),
    ("http://[fe80::1%25eth0]/", "a link-local"),
    ("http://0.0.0.0/", "an unspecified"),
    ("http://224.0.0.1/", "a multicast"),
    ("http://240.0.0.1/", "a private"),
    ("http://100.64.0.1/", "a non-public"),  # carrier-grade NAT
])
def test_non_public_addresses_are_refused(url: str, kind: str) -> None:
    with pytest.raises(FetchError) as caught:
        check_url(url, allow_private=False, resolve=no_dns)
    message = str(caught.value)
    assert message.startswith(f"{url}: refused, resolves to {kind} address (") and message.endswith(")")
    assert caught.value.hint == "set VOLG_ALLOW_PRIVATE_URLS=true to allow"  # for the operator only


def test_the_message_names_url_and_address_and_the_operator_hears_the_remedy() -> None:
    with pytest.raises(FetchError) as caught:
        check_url("http://10.0.0.5/x", allow_private=False)
    assert str(caught.value) == "http://10.0.0.5/x: refused, resolves to a private address (10.0.0.5)"
    assert for_operator(caught.value) == ("http://10.0.0.5/x: refused, resolves to a private address (10.0.0.5); "
                                          "set VOLG_ALLOW_PRIVATE_URLS=true to allow")


def test_numeric_host_spellings_are_resolved_before_checking() -> None:
    with pytest.raises(FetchError, match=r"a loopback address \(127\.0\.0\.1\)"):
        check_url("http://2130706433/", allow_private=False)  # the system resolver reads this as 127.0.0.1


def test_a_host_is_refused_if_any_of_its_addresses_is_private() -> None:
    resolve = resolving_to("93.184.216.34", "192.168.1.10")
    with pytest.raises(FetchError, match=r"a private address \(192\.168\.1\.10\)"):
        check_url("https://news.example/feed", allow_private=False, resolve=resolve)


@pytest.mark.parametrize("host", ["metadata.google.internal", "METADATA.google.internal.", "metadata"])
def test_metadata_host_names_are_refused_without_resolving(host: str) -> None:
    with pytest.raises(FetchError, match="is a cloud metadata service"):
        check_url(f"http://{host}/computeMetadata/v1/", allow_private=False, resolve=no_dns)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://ftp.example/feed", "gopher://x.example/",
                                 "javascript:alert(1)", "/relative/path", "news.example/feed"])
def test_only_http_and_https_are_fetched(url: str) -> None:
    for allow_private in (False, True):
        with pytest.raises(FetchError, match="only http and https"):
            check_url(url, allow_private=allow_private, resolve=no_dns)


@pytest.mark.parametrize("url, reason", [
    ("http:///feed", "no host"),
    ("http://news.example:99999/", "not a valid URL"),
])
def test_malformed_urls_are_refused(url: str, reason: str) -> None:
    with pytest.raises(FetchError, match=reason):
        check_url(url, allow_private=False, resolve=no_dns)


def test_an_unresolvable_host_is_a_fetch_error() -> None:
    def fail(host: str, port: int) -> list[str]:
        raise OSError("Name or service not known")

    with pytest.raises(FetchError) as caught:
        check_url("https://nowhere.example/feed", allow_private=False, resolve=fail)
    assert str(caught.value) == ("https://nowhere.example/feed: cannot resolve host nowhere.example "
                                 "(Name or service not known)")


def test_public_addresses_pass_and_are_returned() -> None:
    resolve = resolving_to("2606:2800:220:1::1", "93.184.216.34")
    addresses = resolve_checked("https://news.example/", allow_private=False, resolve=resolve)
    assert [str(a) for a in addresses] == ["2606:2800:220:1::1", "93.184.216.34"]
    check_url("http://93.184.216.34/feed", allow_private=False, resolve=no_dns)


def test_allow_private_lets_local_addresses_through() -> None:
    for url in ("http://127.0.0.1:8000/", "http://[::1]/", "http://10.1.2.3/", "http://169.254.169.254/",
                "http://metadata.google.internal/"):
        check_url(url, allow_private=True, resolve=resolving_to("169.254.169.254"))


def test_inside_public_resolution_names_resolve_only_to_public_addresses_but_the_operators_own() -> None:
    original = socket.getaddrinfo
    elsewhere: list[BaseException] = []

    def resolve_in_a_thread() -> None:  # libraries resolve in threads of their own (Apprise does)
        try:
            socket.getaddrinfo("127.0.0.1", 80)
        except socket.gaierror as exc:
            elsewhere.append(exc)

    with public_resolution(exempt=["LOCALHOST"]):
        with pytest.raises(socket.gaierror, match="resolves to a loopback address"):
            socket.getaddrinfo("127.0.0.1", 80)
        other = threading.Thread(target=resolve_in_a_thread)
        other.start()
        other.join()
        assert socket.getaddrinfo("localhost", 25), "the operator's own mail relay stays reachable"
    assert elsewhere, "a thread of its own is held to it too"
    assert socket.getaddrinfo is original and socket.getaddrinfo("127.0.0.1", 80)
