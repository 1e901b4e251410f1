"""The phrase patterns of ``cleaner.core.vocabulary``: what they take and what they leave, in several languages."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.core.vocabulary import CALL_TO_ACTION, PRIVACY_CHOICE, SCRIPT_NOTICE, is_script_notice


@pytest.mark.parametrize(
    "text",
    ["Subscribe for $1", "SIGN UP", "Follow us on X", "Donate now", "Jetzt abonnieren", "Folgen Sie uns auf:",
     "Abonnez-vous", "Suscríbete", "Volg ons", "Assine já", "Zapisz się", "Følg oss", "» Get the app"],
)  # fmt: skip
def test_calls_to_action(text: str) -> None:
    assert CALL_TO_ACTION.match(text)


@pytest.mark.parametrize(
    "text",
    ["Newsletters", "Subscriber only", "Abonnement", "Donations", "Sign in", "Log in", "Register",
     "Subscription terms", "Following the vote, the council met"],
)  # fmt: skip
def test_menu_nouns_and_account_links_are_not_calls_to_action(text: str) -> None:
    assert not CALL_TO_ACTION.match(text)


@pytest.mark.parametrize(
    "text",
    ["Cookie settings", "Manage cookies", "Do Not Sell My Personal Info", "Your Privacy Choices",
     "Datenschutz-Einstellungen", "Gérer les cookies", "Configurar cookies", "Privacy-instellingen",
     "Sekretessinställningar", "Modify my cookies choices", "Inställningar för cookies", "Newsletter preferences",
     "Newsletters preference centre"],
)  # fmt: skip
def test_privacy_controls(text: str) -> None:
    assert PRIVACY_CHOICE.match(text)


@pytest.mark.parametrize(
    "text", ["Privacy Policy", "Cookie Policy", "Datenschutzerklärung", "Impressum", "AdChoices", "Newsletters"]
)
def test_policy_documents_are_not_privacy_controls(text: str) -> None:
    assert not PRIVACY_CHOICE.match(text)


def test_every_script_notice_wording_names_javascript_or_the_browser() -> None:
    # ``is_script_notice`` looks for one of the two words before trying the wordings: a wording without them
    # would never be found
    wordings = [w.strip() for w in SCRIPT_NOTICE.pattern.strip().removeprefix("(?:").removesuffix(")").split("\n    |")]
    assert len(wordings) > 10
    for wording in wordings:
        assert re.search(r"javascript|browser", wording), wording


_NOTICE_PARTS = ["enable", "JavaScript", "javaſcript", "JAVASCRİPT", "browser", "BROWSER", "is", "not",
                 "supported", "your", "required", "upgrade", "to", "a", "newer", "aktivieren", "Sie", "bitte", "x",
                 "\u212a"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_NOTICE_PARTS), max_size=8), st.sampled_from([" ", "  ", "\n", "-"]))
def test_is_script_notice_is_the_notice_pattern(parts: list[str], sep: str) -> None:
    text = sep.join(parts)
    assert is_script_notice(text) == (SCRIPT_NOTICE.search(text) is not None)


def test_thread_headings_and_time_stamps() -> None:
    from cleaner.core.vocabulary import THREAD_HEADING, TIME_STAMP

    for heading in ("Comments", "12 Comments", "Reader comments (4)", "5 Responses to “A post”", "3 thoughts on X"):
        assert THREAD_HEADING.match(heading), heading
    for heading in ("Comments are closed for this story", "Related posts", "Leave a reply"):
        assert not THREAD_HEADING.match(heading), heading
    for line in ("Posted by: Ann at March 26, 2007 10:32 PM", "Bob | 26 Mar 2007", "Cy said 3 hours ago", "2007-03-26"):
        assert TIME_STAMP.search(line), line
    assert not TIME_STAMP.search("Posted by Ann in Knitting")
