import gzip

import pytest

from volg.errors import InputError
from volg.pipeline.ingest.decode import declared_charset, decode_bytes


def test_utf8_wins_over_a_wrong_declaration() -> None:
    content = '<meta charset="iso-8859-1"><p>Oekraïne en België</p>'.encode()
    assert "Oekraïne en België" in decode_bytes(content, "page.html")


def test_cp1252_without_declaration() -> None:
    content = "Café “Het Hoekje” in Tsjernihiv — geëvacueerd".encode("cp1252")
    assert decode_bytes(content, "x.txt") == "Café “Het Hoekje” in Tsjernihiv — geëvacueerd"


def test_latin1_declared_in_xml() -> None:
    content = '<?xml version="1.0" encoding="ISO-8859-1"?><rss><title>Brussel ëé</title></rss>'.encode("latin-1")
    assert declared_charset(content) == "iso-8859-1"
    assert "Brussel ëé" in decode_bytes(content, "feed.xml")


def test_declared_charset_other_than_western() -> None:
    content = '<meta charset="koi8-r"><p>Москва</p>'.encode("koi8-r")
    assert "Москва" in decode_bytes(content, "ru.html")


def test_gzip_and_bom() -> None:
    assert decode_bytes(gzip.compress("\ufeffhallo wereld".encode()), "a.txt.gz") == "hallo wereld"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (bytes(range(256)) * 4, "binary"),
    ],
)
def test_refuses_empty_and_binary(content: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as info:
        decode_bytes(content, "input.bin")
    assert str(info.value).startswith("input.bin: ")


def test_refuses_a_gzip_bomb() -> None:
    from volg.pipeline.ingest.decode import gunzip

    with pytest.raises(InputError, match="expands past"):
        gunzip(gzip.compress(b"a" * 2_000_000), "bomb.gz", limit=1_000_000)
