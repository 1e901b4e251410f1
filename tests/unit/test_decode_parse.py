"""Decoding bytes like a browser, and telling HTML from text."""

from __future__ import annotations

import codecs

from cleaner.core import decode, parse


def test_bom_wins() -> None:
    data = codecs.BOM_UTF16_LE + "<p>Grüße</p>".encode("utf-16-le")
    assert decode.decode(data) == "<p>Grüße</p>"


def test_meta_charset_is_used() -> None:
    data = '<html><head><meta charset="windows-1251"></head><body><p>Привет мир</p></body></html>'.encode("cp1251")
    assert "Привет мир" in decode.decode(data)


def test_latin1_label_means_cp1252_and_utf8_beats_a_wrong_label() -> None:
    assert "“quoted”" in decode.decode('<meta charset="iso-8859-1"><p>“quoted”</p>'.encode("cp1252"))
    assert "café" in decode.decode('<meta charset="iso-8859-1"><p>café</p>'.encode())


def test_bad_bytes_become_replacement_characters() -> None:
    text = decode.decode(b'<meta charset="utf-8"><p>ok \xff\xfe bad</p>')
    assert "\ufffd" in text and "ok" in text


def test_undeclared_legacy_bytes_are_detected() -> None:
    text = ("<p>" + "Ça coûte très cher, déjà à l'été. " * 20 + "</p>").encode("cp1252")
    assert "très" in decode.decode(text)


def test_kind_detection() -> None:
    assert parse.detect_kind("<!DOCTYPE html><html><body><p>x</p></body></html>") == "html"
    assert parse.detect_kind("A sentence with a < sign and a > sign.\n\nAnother.") == "text"
    assert parse.detect_kind("<p>one</p><p>two</p>") == "html"


def test_external_entities_are_not_fetched(tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    doc = (
        f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file://{secret}">]><html><body><p>&e;</p></body></html>'
    )
    root = parse.parse_html(doc)
    assert root is None or "TOPSECRET" not in "".join(root.itertext())


def test_binary_bytes_are_refused_with_a_clear_error() -> None:
    import os

    import pytest

    from cleaner import InputError

    for data, word in (
        (b"\x89PNG\r\n\x1a\n" + os.urandom(500), "PNG"),
        (b"%PDF-1.7\n%...", "PDF"),
        (b"PK\x03\x04" + os.urandom(100), "zip"),
        (os.urandom(5000), "binary"),
    ):
        with pytest.raises(InputError, match=word):
            decode.to_text(data)
    assert decode.to_text("Grüße\n\nzwei".encode("utf-16")) == "Grüße\n\nzwei"
    page = "<html><body><p>Hello wörld, this is text.</p></body></html>"
    assert decode.to_text(page.encode("utf-16-le")) == page  # no BOM
    assert decode.to_text(page.encode("utf-16-be")) == page
