"""Bytes to text, as a browser decodes them: BOM, declared charset, UTF-8, detection; binary input refused."""

from __future__ import annotations

import codecs
import re

from cleaner.core.errors import InputError

SNIFF_BYTES = 64 * 1024  # how much of the input the charset and kind sniffers read

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)


_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""")


# Labels browsers treat as another encoding (WHATWG Encoding Standard).
_BROWSER_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "windows-1252": "cp1252",
    "iso-8859-9": "cp1254",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "x-sjis": "shift_jis",
    "tis-620": "cp874",
    "iso-8859-11": "cp874",
    "unicode": "utf-16-le",
    "utf-16": "utf-16-le",
    "ucs-2": "utf-16-le",
}


_SINGLE_BYTE = {"cp1252", "cp1254", "cp1250", "cp1251", "cp874", "iso8859-15", "iso8859-2"}


CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


# Encodings a statistical detector tells apart reliably; other guesses fall back to cp1252.
_DETECTABLE = {
    codecs.lookup(name).name
    for name in (
        "shift_jis",
        "euc_jp",
        "iso2022_jp",
        "gb18030",
        "big5",
        "euc_kr",
        "cp949",
        "cp932",
        "cp950",
        "cp1251",
        "koi8_r",
        "koi8_u",
        "cp866",
        "mac_cyrillic",
        "iso8859_5",
        "cp1253",
        "cp1255",
        "cp1256",
        "cp874",
        "utf_16",
        "utf_16_le",
        "utf_16_be",
        "utf_32",
    )
}


# Python codecs a page may never choose: not text encodings on the web (bytes-to-bytes,
# escapes, IDNA), or decoders that refuse errors="replace".
_NOT_WEB = {
    "utf-7",
    "unicode-escape",
    "raw-unicode-escape",
    "punycode",
    "idna",
    "undefined",
    "mbcs",
    "oem",
    "utf-7-sig",
    "palmos",
    "charmap",
}


def codec_for(label: bytes | str) -> str | None:
    """The Python codec for a declared charset label, if it is a text encoding a browser could use."""
    name = label.decode("ascii", "ignore") if isinstance(label, bytes) else label
    name = _BROWSER_ALIASES.get(name.strip().lower(), name.strip().lower())
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name.replace("_", "-") in _NOT_WEB:
        return None
    return info.name


def declared_encoding(data: bytes) -> str | None:
    """The encoding a BOM, ``<meta charset>`` or XML declaration names, if any."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    head = data[:SNIFF_BYTES]
    match = _XML_DECL.match(head) or _META_CHARSET.search(head)
    return codec_for(match.group(1)) if match else None


def decode(data: bytes) -> str:
    """Decode bytes like a browser: BOM, declaration, UTF-8, then a detector.

    Undecodable bytes become U+FFFD; this never raises.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace")
    encoding = declared_encoding(data)
    if encoding in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be") and b"\x00" not in data[:200]:
        encoding = None  # a page that declares UTF-16 in ASCII bytes is not UTF-16
    if encoding and encoding not in _SINGLE_BYTE | {"cp1252"}:
        return _decode_or_utf8(data, encoding)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return text  # valid UTF-8 beats a single-byte declaration (re-saved pages)
    if encoding:
        return _decode_or_utf8(data, encoding)
    return _detect(data)


def _decode_or_utf8(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding, errors="replace")
    except (LookupError, UnicodeError):  # a codec that cannot replace errors: fall back, never raise
        return data.decode("utf-8", errors="replace")


def _detect(data: bytes) -> str:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - charset-normalizer is a dependency
        return data.decode("cp1252", errors="replace")
    best = from_bytes(data[: 4 * SNIFF_BYTES]).best()
    encoding = codec_for(best.encoding) if best is not None else None
    if encoding not in _DETECTABLE:
        encoding = "cp1252"  # what browsers assume for undeclared Western pages
    return data.decode(encoding, errors="replace")


# Formats that are never a web page or an article, recognised by their first bytes.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a zip archive"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"\x7fELF", "an executable"),
    (b"RIFF", "a RIFF media file"),
    (b"OggS", "an Ogg media file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
)


BINARY_SHARE = 0.1  # control characters and U+FFFD in the first 4 KiB above which bytes are not text


def _binary_kind(data: bytes, text: str) -> str | None:
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    head = text[:4096]
    if head:
        odd = len(CONTROL_CHARS.findall(head)) + head.count("\ufffd") + head.count("\x00")
        if odd / len(head) > BINARY_SHARE:
            return "binary data"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text with no BOM shows NUL in every other byte (ASCII-range characters)."""
    head = data[:2000]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def to_text(source: str | bytes) -> str:
    """Any accepted input as a str (bytes decoded, lone surrogates replaced).

    Raises ``InputError`` for bytes that are evidently not text (images, archives, random bytes).
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        text = decode(data)
        kind = _binary_kind(data, text)
        if kind:
            raise InputError(f"input is {kind}, not HTML or text")
        return text
    if isinstance(source, str):
        return source.encode("utf-8", "replace").decode("utf-8") if _has_surrogates(source) else source
    raise InputError(f"expected str or bytes, got {type(source).__name__}")


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def with_http_charset(body: bytes, charset: str | None) -> str | bytes:
    """A response body with its HTTP ``charset``: the page's own BOM or ``<meta charset>``, else valid UTF-8, wins;
    otherwise the header beats guessing, as in browsers. Bytes are returned when ``decode`` should decide."""
    if not charset or declared_encoding(body) is not None:
        return body
    try:
        body.decode("utf-8")
        return body
    except UnicodeDecodeError:
        pass
    codec = codec_for(charset)
    return body if codec is None else body.decode(codec, errors="replace")
