"""The phrase patterns of ``cleaner.core.vocabulary``: what they take and what they leave, in several languages."""

from __future__ import annotations

import pytest

from cleaner.core.vocabulary import CALL_TO_ACTION, PRIVACY_CHOICE


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
     "Sekretessinställningar", "Modify my cookies choices", "Inställningar för cookies"],
)  # fmt: skip
def test_privacy_controls(text: str) -> None:
    assert PRIVACY_CHOICE.match(text)


@pytest.mark.parametrize("text", ["Privacy Policy", "Cookie Policy", "Datenschutzerklärung", "Impressum", "AdChoices"])
def test_policy_documents_are_not_privacy_controls(text: str) -> None:
    assert not PRIVACY_CHOICE.match(text)
