#!/usr/bin/env python3
"""Fuzz ``Cleaner().clean()`` with hypothesis-generated hostile inputs (issue 6).

Four generators: tag soup (random tags, attributes, entities, comments, CDATA, charset and DTD
declarations, in a random encoding), byte mutations of small inline seed pages, random bytes, and
pathological markup (unclosed raw-text elements, huge nodes, many tiny elements, deep nesting, up to
about 1 MB; ``--big`` adds 11-20 MB pages: an 11 MB inline image, 5 million ``<p>`` tags, a tag of a million
attributes).
Every input must give a ``Result`` or a one-line ``CleanerError``; anything else (another exception,
a multi-line message, offsets that do not match, a call slower than ``--timeout``, or a pathological
page slower than ``--budget``) is a failure and its input is saved under ``--out``.  Deterministic for
a given ``--seed`` (hypothesis ``@seed``, no example database).

    python scripts/fuzz.py --seconds 60 --seed 1 --out /tmp/cleaner-fuzz
    python scripts/fuzz.py --seconds 120 --big --budget 60      # the huge pages too
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import signal
import sys
import time
import traceback
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

import cleaner

# --- seed pages (inline, small) --------------------------------------------------------------------

SEEDS: list[bytes] = [
    b"<!DOCTYPE html><html><head><meta charset='utf-8'><title>News</title></head><body>"
    b"<nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World</a></li></ul></nav>"
    b"<article><h1>Council extends library hours</h1><p>The council met on Tuesday and agreed to "
    b"extend opening hours during the winter.</p><p>Members said the change costs little.</p>"
    b"<div class='poll'><p>Do you agree with the decision?</p><form><label><input type=radio>Yes</label>"
    b"<label><input type=radio>No</label><button>Vote</button></form></div></article>"
    b"<div id='cookie-banner'><p>We use cookies. By continuing you agree to our policy.</p></div>"
    b"<footer><p>&copy; 2024 Example &amp; Co</p></footer></body></html>",
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head>'
    "<body><p>\u041f\u0440\u0438\u0432\u0435\u0442 \u043c\u0438\u0440</p><table><tr><td>a<td>b</table>"
    "</body></html>".encode("cp1251"),
    b'<?xml version="1.0" encoding="utf-8"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
    b'"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"><html xmlns="http://www.w3.org/1999/xhtml">'
    b"<head><title>X</title></head><body><p>XHTML <![CDATA[cdata]]> page<br/><br/>after breaks</p>"
    b"<svg><text>svg</text></svg><math><mi>x</mi></math></body></html>",
    b"<html><frameset cols='1,2'><frame src='a'><noframes><p>No frames</p></noframes></frameset></html>",
    b"Plain text article.\n\nSecond paragraph with some words.\n\nDo you agree? Vote now!\n",
    '<html><body><p>Caf\u00e9 cr\u00e8me \u2014 \u201cquoted\u201d</p><!-- comment --><script>var x = "<p>";'
    "</script><p style='display:none'>hidden</p></body></html>".encode("utf-16"),
]

# --- tag soup --------------------------------------------------------------------------------------

TAGS = [
    "html", "head", "body", "title", "meta", "p", "div", "span", "a", "b", "i", "br", "hr", "img", "ul", "ol",
    "li", "table", "tr", "td", "th", "tbody", "form", "input", "button", "select", "option", "textarea", "label",
    "script", "style", "noscript", "template", "svg", "math", "foreignObject", "mi", "iframe", "frameset", "frame",
    "noframes", "nav", "header", "footer", "article", "section", "aside", "main", "h1", "h2", "pre", "code",
    "blockquote", "figure", "figcaption", "details", "summary", "dialog", "object", "embed", "canvas", "map",
    "base", "link", "xi:include", "x-custom", "o:p", "font", "center", "marquee", "plaintext", "xmp", "listing",
]  # fmt: skip
ATTRS = ["class", "id", "style", "hidden", "aria-hidden", "href", "src", "title", "lang", "dir", "xmlns", "data-x"]
ATTR_VALUES = [
    "nav", "cookie-banner", "ad", "poll", "content", "display:none", "visibility: hidden", "true", "",
    "javascript:alert(1)", "file:///etc/passwd", "http://127.0.0.1:9/x", "a b c", '"', "'", "<", ">", "&",
    "&amp;", "&#0;", "\x00", "\ud800", "\u202e", "x" * 300,
]  # fmt: skip
ENTITIES = [
    "&amp;", "&lt;", "&gt;", "&nbsp;", "&copy;", "&bogus;", "&#0;", "&#65;", "&#x41;", "&#xD800;", "&#x110000;",
    "&#99999999999999999999;", "&", "&#", "&#x", "&amp", "&xxe;", "&lol9;", "&%p;",
]  # fmt: skip
WORDS = [
    "the", "council", "vote", "poll", "cookie", "agree", "subscribe", "newsletter", "home", "Do", "you", "?", "!",
    "caf\u00e9", "\u041f\u0440\u0438\u0432\u0435\u0442", "\u65e5\u672c\u8a9e", "\U0001f600", "\u200b", "\ufeff",
    "\ufffd", "\x00", "\x1b", "\r\n", "\n\n", "\t", "\u2028", "\ud800", "\udfff",
]  # fmt: skip
CHARSETS = [
    "utf-8", "UTF-8", "utf-16", "utf-16le", "utf-32", "windows-1251", "windows-1252", "iso-8859-1", "shift_jis",
    "euc-jp", "gb2312", "big5", "koi8-r", "utf-7", "x-user-defined", "nonsense", "", "ascii", "ebcdic", "cp037",
]  # fmt: skip
ENCODINGS = ["utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "cp1252", "cp1251", "shift_jis"]

_attr = st.tuples(st.sampled_from(ATTRS), st.sampled_from(ATTR_VALUES), st.sampled_from(['"', "'", ""]))


@st.composite
def _open_tag(draw) -> str:
    tag = draw(st.sampled_from(TAGS))
    attrs = draw(st.lists(_attr, max_size=4))
    rendered = "".join(f" {name}={q}{value}{q}" for name, value, q in attrs)
    close = draw(st.sampled_from([">", "/>", "", " >"]))
    return f"<{tag}{rendered}{close}"


_text = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join)
_token = st.one_of(
    _open_tag(),
    st.sampled_from(TAGS).map(lambda t: f"</{t}>"),
    _text,
    st.text(max_size=20),
    st.sampled_from(ENTITIES),
    _text.map(lambda t: f"<!--{t}-->"),
    st.sampled_from(["<!--", "-->", "<!-->", "<!--->", "--!>", "<![CDATA[", "]]>", "<!", "<?", "?>", "<", ">"]),
    _text.map(lambda t: f"<![CDATA[{t}]]>"),
    st.sampled_from(CHARSETS).map(lambda c: f'<meta charset="{c}">'),
    st.sampled_from(CHARSETS).map(lambda c: f'<meta http-equiv="Content-Type" content="text/html; charset={c}">'),
    st.sampled_from(CHARSETS).map(lambda c: f'<?xml version="1.0" encoding="{c}"?>'),
    st.sampled_from(
        [
            "<!DOCTYPE html>",
            '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://127.0.0.1:9/x.dtd">',
            '<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
            '<!DOCTYPE html [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x"> %p;]>',
            '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
            '<!ENTITY lol9 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>',
        ]
    ),
    st.integers(1, 400).map(lambda n: "<div>" * n),
    st.integers(1, 400).map(lambda n: "</div>" * n),
    st.integers(1, 50).map(lambda n: "<br>" * n),
)


@st.composite
def tag_soup(draw) -> tuple[str, str | bytes]:
    tokens = draw(st.lists(_token, min_size=0, max_size=60))
    doc = "".join(tokens)
    if draw(st.integers(0, 3)) == 0:
        doc = doc * draw(st.integers(2, 30))  # occasional larger page
    mode = draw(st.sampled_from(["str"] + ENCODINGS))
    if mode == "str":
        return "soup-str", doc
    return f"soup-{mode}", doc.encode(mode, errors="replace")


# --- byte mutations ----------------------------------------------------------------------------------

DICTIONARY = [
    b"<", b">", b"</", b"<!--", b"-->", b"<![CDATA[", b"]]>", b"\x00", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf",
    b"\xff\xfe\x00\x00", b"&#", b"&", b";", b"'", b'"', b"=", b"<div>" * 50, b"\xc3", b"\xe2\x80", b"\xf0\x9f",
    b"\xed\xa0\x80", b"\x80", b"\r", b"<meta charset=utf-16>", b"<meta charset=shift_jis>", b"<?xml ",
]  # fmt: skip


def mutate(data: bytes, rnd: random.Random) -> bytes:
    buf = bytearray(data)
    for _ in range(rnd.randint(1, 24)):
        op = rnd.randrange(8)
        pos = rnd.randint(0, len(buf))
        if op == 0 and buf:  # flip a bit
            i = rnd.randrange(len(buf))
            buf[i] ^= 1 << rnd.randrange(8)
        elif op == 1:  # insert random bytes
            buf[pos:pos] = rnd.randbytes(rnd.randint(1, 16))
        elif op == 2 and buf:  # delete a range
            end = min(len(buf), pos + rnd.randint(1, 64))
            del buf[pos:end]
        elif op == 3 and buf:  # duplicate a range
            start = rnd.randrange(len(buf))
            chunk = buf[start : start + rnd.randint(1, 128)]
            buf[pos:pos] = chunk * rnd.randint(1, 20)
        elif op == 4:  # truncate
            del buf[pos:]
        elif op == 5:  # splice another seed
            other = rnd.choice(SEEDS)
            cut = rnd.randint(0, len(other))
            buf[pos:] = other[cut:]
        elif op == 6:  # insert a dictionary token
            buf[pos:pos] = rnd.choice(DICTIONARY)
        elif buf:  # overwrite a byte with an interesting one
            buf[rnd.randrange(len(buf))] = rnd.choice([0, 0x3C, 0x3E, 0x26, 0x22, 0x80, 0xC0, 0xFF, 0x0A])
    return bytes(buf)


@st.composite
def mutated_seed(draw) -> tuple[str, bytes]:
    index = draw(st.integers(0, len(SEEDS) - 1))
    rnd = random.Random(draw(st.integers(0, 2**32 - 1)))
    return f"mutant-{index}", mutate(SEEDS[index], rnd)


MAGIC = [b"", b"", b"", b"\x89PNG\r\n\x1a\n", b"%PDF-", b"PK\x03\x04", b"\x1f\x8b", b"\xff\xfe", b"\xef\xbb\xbf", b"<"]
random_bytes = st.tuples(st.sampled_from(MAGIC), st.binary(max_size=6000)).map(lambda t: ("bytes", t[0] + t[1]))

# --- pathological markup (issue 17) ------------------------------------------------------------------

RAW_TEXT = ["script", "style", "template", "noscript", "textarea", "title", "xmp", "iframe", "plaintext", "noembed"]
SMALL_TAGS = ["p", "div", "span", "b", "li", "td", "tr", "a", "i", "br", "table", "section"]
PATHOLOGICAL_KINDS = ["unclosed", "huge", "tiny", "deep", "closers", "attributes", "comments", "entities"]


def pathological_run(kind: str, tag: str, n: int) -> str:
    """One run of pathological markup, about ``n`` tags (or ``10 n`` characters for a huge node) long."""
    if kind == "unclosed":  # a raw-text element never closed: its end tag searched for from every start tag
        return f"<{tag}>x < y && z " * n
    if kind == "huge":  # one text node or attribute value over libxml2's 10 MB default at --big sizes
        opener = {"a": "<a title='", "img": "<img src='data:image/png;base64,"}.get(tag, f"<{tag}>")
        return opener + "A" * (10 * n)
    if kind == "tiny":
        return f"<{tag}>x" * n
    if kind == "deep":
        return f"<{tag} class='c{n % 7}'>" * n
    if kind == "closers":
        return f"</{tag}>" * n
    if kind == "attributes":
        return f"<{tag} " + "".join(f"a{i}=b " for i in range(n)) + ">"
    if kind == "comments":
        return "<!--" * n + "x" + "-->" * (n // 2)
    return "&#x41;&amp;&bogus;" * n


@st.composite
def pathological(draw, big: bool = False) -> tuple[str, str]:
    parts = ["<html><head><title>Pathological</title></head><body><p>The council met on Tuesday.</p>"]
    kinds = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(PATHOLOGICAL_KINDS))
        tag = draw(st.sampled_from(RAW_TEXT if kind == "unclosed" else [*SMALL_TAGS, "img", "script", "style"]))
        n = draw(st.integers(1, 100_000))
        parts.append(pathological_run(kind, tag, n))
        kinds.append(kind)
    parts.append("<p>The members said the change costs little.</p></body></html>")
    return f"pathological-{'+'.join(kinds)}", "".join(parts)


def big_pages() -> Iterator[tuple[str, str]]:
    """The 11-20 MB pathological pages (built one at a time: together they would hold 60 MB)."""
    yield "big-inline-image", "<p>Before.</p>" + pathological_run("huge", "img", 1_100_000) + "'><p>After.</p>"
    yield (
        "big-inline-script",
        "<p>Before.</p>" + pathological_run("huge", "script", 1_200_000) + "</script><p>After.</p>",
    )
    yield "big-text-node", "<p>" + "word " * 2_300_000 + "</p><p>After.</p>"
    yield "big-5m-p", "<html><body><p>First.</p>" + pathological_run("tiny", "p", 5_000_000)
    yield "big-unclosed-script", "<p>Before.</p>" + pathological_run("unclosed", "script", 400_000)
    yield "big-deep", "<p>Before.</p>" + pathological_run("deep", "div", 200_000) + "<p>After.</p>"
    yield "big-attributes", "<p>Before.</p>" + pathological_run("attributes", "div", 1_000_000) + "<p>After.</p>"


INPUTS = st.tuples(
    st.one_of(tag_soup(), mutated_seed(), random_bytes, pathological()), st.sampled_from([None, None, "html", "text"])
)


# --- runner ------------------------------------------------------------------------------------------


class _Timeout(BaseException):
    pass


def _alarm(signum, frame):  # noqa: ARG001
    raise _Timeout()


def check_one(c: cleaner.Cleaner, source: str | bytes, kind: str | None) -> str | None:
    """``None`` when the contract holds, else a description of the failure."""
    try:
        result = c.clean(source, kind=kind)
    except cleaner.CleanerError as err:
        message = str(err)
        if not message or "\n" in message or "\r" in message:
            return f"{type(err).__name__} message is not one line: {message!r}"
        return None
    except _Timeout:
        raise
    except BaseException as err:  # noqa: BLE001 - the point is to catch everything
        if isinstance(err, KeyboardInterrupt):
            raise
        return "".join(traceback.format_exception(type(err), err, err.__traceback__))
    if not isinstance(result, cleaner.Result):
        return f"clean() returned {type(result).__name__}"
    for s in result.segments:
        if result.source_text[s.start : s.end] != s.text:
            return f"segment {s.index} offsets {s.start}:{s.end} do not match its text {s.text[:60]!r}"
    return None


class Fuzzer:
    def __init__(self, out: Path, seconds: float, seed_value: int, timeout: int, budget: float = 10.0) -> None:
        self.out = out
        self.deadline = time.monotonic() + seconds
        self.seed = seed_value
        self.timeout = timeout
        self.budget = budget  # seconds one pathological page may take (the time budget of issue 17)
        self.cleaner = cleaner.Cleaner()
        _ = self.cleaner.model
        self.examples = 0
        self.by_source: Counter[str] = Counter()
        self.failures: list[dict] = []
        self.signatures: set[str] = set()

    def save(self, name: str, source: str | bytes, kind: str | None, problem: str) -> None:
        data = source.encode("utf-8", "surrogatepass") if isinstance(source, str) else source
        digest = hashlib.sha256(data).hexdigest()[:16]
        signature = problem.strip().splitlines()[-1][:200] if problem.strip() else problem
        record = {"generator": name, "kind": kind, "type": "str" if isinstance(source, str) else "bytes",
                  "sha": digest, "problem": problem}  # fmt: skip
        self.failures.append(record)
        self.out.mkdir(parents=True, exist_ok=True)
        (self.out / f"{digest}.input").write_bytes(data)
        (self.out / f"{digest}.json").write_text(json.dumps(record, indent=2))
        if signature not in self.signatures:
            self.signatures.add(signature)
            print(f"FAILURE [{name} kind={kind}] {signature} -> {self.out / (digest + '.input')}", flush=True)

    def run_one(self, case) -> None:
        (name, source), kind = case
        if time.monotonic() > self.deadline:
            return
        self.check(name, source, kind)

    def check(self, name: str, source: str | bytes, kind: str | None) -> None:
        self.examples += 1
        self.by_source[name.split("-")[0]] += 1
        signal.alarm(self.timeout)
        start = time.monotonic()
        try:
            problem = check_one(self.cleaner, source, kind)
        except _Timeout:
            problem = f"clean() took longer than {self.timeout}s"
        finally:
            signal.alarm(0)
        elapsed = time.monotonic() - start
        if not problem and name.startswith(("pathological", "big")) and elapsed > self.budget:
            problem = f"clean() took {elapsed:.1f}s, over the {self.budget:g}s budget for pathological markup"
        if problem:
            self.save(name, source, kind, problem)

    def run_big(self) -> None:
        """The huge pathological pages, once each, before the random rounds."""
        signal.signal(signal.SIGALRM, _alarm)
        for name, source in big_pages():
            start = time.monotonic()
            self.check(name, source, None)
            print(f"{name}: {len(source) / 1e6:.1f} MB in {time.monotonic() - start:.1f}s", flush=True)

    def run(self, per_round: int = 100) -> None:
        signal.signal(signal.SIGALRM, _alarm)
        round_no = 0
        while time.monotonic() < self.deadline:
            test = given(INPUTS)(self.run_one)
            test = settings(
                max_examples=per_round,
                deadline=None,
                database=None,
                phases=[Phase.generate],
                suppress_health_check=list(HealthCheck),
                print_blob=False,
            )(test)
            seed(self.seed * 1_000_003 + round_no)(test)()
            round_no += 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="how long to fuzz (default 60)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--out", type=Path, default=Path("/tmp/cleaner-fuzz"), help="where failing inputs go")
    parser.add_argument("--timeout", type=int, default=20, help="seconds one clean() may take (default 20)")
    parser.add_argument(
        "--budget", type=float, default=10.0, help="seconds one pathological page may take (default 10)"
    )
    parser.add_argument("--big", action="store_true", help="also run the 11-20 MB pathological pages, once each")
    args = parser.parse_args(argv)
    start = time.monotonic()
    fuzzer = Fuzzer(args.out, args.seconds, args.seed, args.timeout, args.budget)
    if args.big:
        fuzzer.run_big()
    fuzzer.run()
    elapsed = time.monotonic() - start
    mix = ", ".join(f"{k}={v}" for k, v in sorted(fuzzer.by_source.items()))
    print(f"seed: {args.seed}  seconds: {elapsed:.1f}  examples: {fuzzer.examples} ({mix})")
    print(f"failures: {len(fuzzer.failures)}  distinct: {len(fuzzer.signatures)}")
    if fuzzer.failures:
        print(f"failing inputs saved under {args.out}")
    return 1 if fuzzer.failures else 0


if __name__ == "__main__":
    sys.exit(main())
