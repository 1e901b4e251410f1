"""Author ``training_data/parts/snippets/poll/pollconsent.<lang>.html``: poll widgets with a consent line inside.

An embedded poll often carries its own fine print ("By voting you agree to receive emails..."): LABELS.md calls
that line consent although it sits inside the poll. The widgets combine our own questions, answers and consent
phrasings (eight languages) with five markups; the output is committed, so rerunning is only needed to change them:

    python scripts/synth/poll_consent_snippets.py training_data/parts/snippets/poll
"""

from __future__ import annotations

import html
import random
import sys
from pathlib import Path

OUT = (
    Path(sys.argv[1])
    if len(sys.argv) > 1
    else Path(__file__).resolve().parents[2] / "training_data/parts/snippets/poll"
)
D = {
    "en": dict(
        q=[
            (
                "Who do you think will win the governor's race?",
                ["The incumbent", "The challenger", "Too close to call"],
            ),
            ("Should the city build a second bridge over the river?", ["Yes", "No", "Only with federal money"]),
            ("Do you support a four-day school week?", ["Yes, strongly", "Somewhat", "No"]),
            ("Which issue matters most to you this election?", ["The economy", "Immigration", "Health care", "Crime"]),
            ("Should Congress pass the new border bill?", ["Yes", "No", "I need more information"]),
            ("Will you buy an electric car in the next five years?", ["Definitely", "Maybe", "Never"]),
            ("Is the president doing a good job?", ["Approve", "Disapprove", "Unsure"]),
            ("Should the state lower the voting age to 16?", ["Yes", "No"]),
        ],
        c=[
            "By submitting your vote, you agree to receive emails from {{site}} and selected partners. You can unsubscribe at any time. See our privacy policy.",
            "By casting a vote you agree to let {{site}} email you news and special offers, and you confirm that you have read our privacy notice and terms of use.",
            "When you take part in this poll, you agree that {{site}} may contact you by email. Unsubscribe with one click. Privacy Policy | Terms",
            "Voting signs you up for the {{site}} daily briefing and offers from our sponsors. You confirm you've read and accept our privacy policy and terms of service.",
            "By answering, you consent to {{site}} storing your response and sending you occasional updates by email, as described in our privacy policy.",
            "By completing this poll you agree to receive emails from {{site}}, offers from trusted partners, and that you accept our privacy policy and legal terms.",
            "Your vote adds you to our mailing list. By voting you agree to the {{site}} terms and privacy policy; opt out whenever you like.",
        ],
        vote=["Vote", "Submit", "Cast your vote", "Submit vote"],
        res=["View results", "See results", "Results"],
        note=[
            "This is not a scientific poll.",
            "Results update every hour.",
            "2,316 votes so far",
            "Poll closes Friday at noon.",
        ],
        email=["Email address", "Your email", "Enter your email to vote"],
    ),
    "de": dict(
        q=[
            ("Wer gewinnt Ihrer Meinung nach die Landtagswahl?", ["Die Regierungspartei", "Die Opposition", "Offen"]),
            ("Soll die Stadt eine zweite Brücke bauen?", ["Ja", "Nein", "Nur mit Fördergeld"]),
            ("Sollte das Tempolimit auf Autobahnen kommen?", ["Ja", "Nein", "Egal"]),
            ("Welches Thema ist Ihnen bei der Wahl am wichtigsten?", ["Wirtschaft", "Migration", "Klima", "Rente"]),
        ],
        c=[
            "Mit Ihrer Teilnahme erklären Sie sich einverstanden, E-Mails von {{site}} und ausgewählten Partnern zu erhalten. Abmeldung jederzeit möglich. Hinweise in unserer Datenschutzerklärung.",
            "Mit der Stimmabgabe willigen Sie ein, dass {{site}} Ihre Antwort speichert und Sie per E-Mail informiert. Es gelten unsere Nutzungsbedingungen und die Datenschutzerklärung.",
            "Wer abstimmt, stimmt dem Erhalt unseres Newsletters und Angeboten unserer Partner zu und bestätigt, die Datenschutzhinweise gelesen zu haben.",
        ],
        vote=["Abstimmen", "Absenden", "Stimme abgeben"],
        res=["Ergebnis anzeigen", "Zum Ergebnis"],
        note=["Diese Umfrage ist nicht repräsentativ.", "Bisher 1.284 Stimmen"],
        email=["E-Mail-Adresse", "Ihre E-Mail"],
    ),
    "fr": dict(
        q=[
            (
                "Qui remportera selon vous l'élection municipale ?",
                ["Le maire sortant", "L'opposition", "Trop tôt pour le dire"],
            ),
            ("Faut-il interdire les trottinettes en ville ?", ["Oui", "Non", "Sans avis"]),
            ("La réforme des retraites est-elle justifiée ?", ["Oui", "Non", "En partie"]),
            ("Quel sujet compte le plus pour vous ?", ["Le pouvoir d'achat", "La sécurité", "Le climat"]),
        ],
        c=[
            "En votant, vous acceptez de recevoir des courriels de {{site}} et de ses partenaires. Désinscription possible à tout moment. Voir notre politique de confidentialité.",
            "En participant à ce sondage, vous consentez à ce que {{site}} conserve votre réponse et vous envoie des informations par e-mail, conformément à notre politique de confidentialité.",
            "Votre participation vaut inscription à notre lettre d'information et acceptation de nos conditions d'utilisation et de notre politique de données personnelles.",
        ],
        vote=["Voter", "Valider", "Envoyer"],
        res=["Voir les résultats", "Résultats"],
        note=["Ce sondage n'a pas de valeur scientifique.", "3 412 votes"],
        email=["Adresse e-mail", "Votre e-mail"],
    ),
    "es": dict(
        q=[
            ("¿Quién cree que ganará las elecciones?", ["El candidato oficialista", "La oposición", "No lo sé"]),
            ("¿Debería la ciudad prohibir los coches en el centro?", ["Sí", "No", "Solo los fines de semana"]),
            ("¿Está de acuerdo con la subida del salario mínimo?", ["Sí", "No", "Depende"]),
            ("¿Qué tema le preocupa más?", ["La vivienda", "El empleo", "La sanidad"]),
        ],
        c=[
            "Al votar, acepta recibir correos electrónicos de {{site}} y de socios seleccionados. Puede darse de baja en cualquier momento. Consulte nuestra política de privacidad.",
            "Al participar en esta encuesta, usted consiente que {{site}} guarde su respuesta y le envíe novedades por correo, según nuestra política de privacidad.",
            "Su voto le suscribe a nuestro boletín y a ofertas de nuestros patrocinadores; confirma que ha leído los términos de uso y el aviso de privacidad.",
        ],
        vote=["Votar", "Enviar"],
        res=["Ver resultados", "Resultados"],
        note=["Esta encuesta no es científica.", "1.932 votos"],
        email=["Correo electrónico", "Tu email"],
    ),
    "it": dict(
        q=[
            ("Chi vincerà secondo voi le elezioni regionali?", ["Il centrodestra", "Il centrosinistra", "Non so"]),
            ("Il comune dovrebbe vietare le auto in centro?", ["Sì", "No", "Solo nel weekend"]),
            ("Siete favorevoli al salario minimo?", ["Sì", "No", "Dipende"]),
        ],
        c=[
            "Votando accetti di ricevere email da {{site}} e dai suoi partner. Puoi annullare l'iscrizione in qualsiasi momento. Leggi la nostra informativa sulla privacy.",
            "Partecipando al sondaggio acconsenti a che {{site}} conservi la tua risposta e ti invii aggiornamenti via email, come indicato nell'informativa privacy.",
        ],
        vote=["Vota", "Invia"],
        res=["Vedi i risultati", "Risultati"],
        note=["Sondaggio non scientifico.", "2.108 voti"],
        email=["Indirizzo email", "La tua email"],
    ),
    "nl": dict(
        q=[
            ("Wie wint volgens u de verkiezingen?", ["De coalitie", "De oppositie", "Geen idee"]),
            ("Moet de gemeente het centrum autovrij maken?", ["Ja", "Nee", "Alleen in het weekend"]),
            ("Gaat u dit jaar op vakantie?", ["Ja", "Nee", "Weet ik nog niet"]),
        ],
        c=[
            "Door te stemmen gaat u ermee akkoord e-mails te ontvangen van {{site}} en geselecteerde partners. Afmelden kan altijd. Lees ons privacybeleid.",
            "Met uw deelname geeft u {{site}} toestemming om uw antwoord op te slaan en u per e-mail op de hoogte te houden, zoals beschreven in onze privacyverklaring.",
        ],
        vote=["Stem", "Verstuur"],
        res=["Bekijk de uitslag", "Uitslag"],
        note=["Deze peiling is niet representatief.", "1.406 stemmen"],
        email=["E-mailadres", "Uw e-mail"],
    ),
    "pt": dict(
        q=[
            ("Quem você acha que vai ganhar a eleição?", ["O atual prefeito", "A oposição", "Não sei"]),
            ("A cidade deve proibir carros no centro?", ["Sim", "Não", "Só aos domingos"]),
            ("Você aprova o novo salário mínimo?", ["Aprovo", "Desaprovo", "Sem opinião"]),
        ],
        c=[
            "Ao votar, você concorda em receber e-mails de {{site}} e de parceiros selecionados. Cancele quando quiser. Consulte nossa política de privacidade.",
            "Ao participar desta enquete, você autoriza {{site}} a guardar sua resposta e enviar novidades por e-mail, conforme nossa política de privacidade.",
        ],
        vote=["Votar", "Enviar"],
        res=["Ver resultado", "Resultados"],
        note=["Enquete sem valor científico.", "1.877 votos"],
        email=["E-mail", "Seu e-mail"],
    ),
    "pl": dict(
        q=[
            ("Kto Twoim zdaniem wygra wybory?", ["Obecny burmistrz", "Opozycja", "Nie wiem"]),
            ("Czy miasto powinno zakazać aut w centrum?", ["Tak", "Nie", "Tylko w weekendy"]),
            ("Czy popierasz podwyżkę płacy minimalnej?", ["Tak", "Nie", "Trudno powiedzieć"]),
        ],
        c=[
            "Oddając głos, zgadzasz się na otrzymywanie wiadomości e-mail od {{site}} i wybranych partnerów. Rezygnacja w każdej chwili. Zobacz naszą politykę prywatności.",
            "Biorąc udział w ankiecie, wyrażasz zgodę na zapisanie odpowiedzi przez {{site}} i wysyłanie informacji e-mailem zgodnie z polityką prywatności.",
        ],
        vote=["Głosuj", "Wyślij"],
        res=["Zobacz wyniki", "Wyniki"],
        note=["Sonda nie jest reprezentatywna.", "1 204 głosy"],
        email=["Adres e-mail", "Twój e-mail"],
    ),
}
E = html.escape


def widget(rng: random.Random, d: dict, q: str, opts: list[str], c: str) -> str:
    shell = rng.randrange(5)
    vote, res, note, email = (rng.choice(d[k]) for k in ("vote", "res", "note", "email"))

    def cls(*names: str) -> str:
        return rng.choice([*names, "{{h}}"])

    if shell == 0:
        radios = "\n".join(
            f'      <label><input type="radio" name="p" value="{i}"> {E(o)}</label>' for i, o in enumerate(opts)
        )
        return (
            f'<div class="{cls("poll-widget", "poll", "reader-poll")}" data-label="poll">\n'
            f'  <p class="{cls("poll-question", "question")}">{E(q)}</p>\n'
            f'  <form class="{cls("poll-form", "poll__form")}">\n{radios}\n      <button type="submit">{E(vote)}</button>\n  </form>\n'
            f'  <p class="{cls("poll-consent", "poll-disclaimer", "poll__legal")}" data-label="consent">{E(c)}</p>\n</div>'
        )
    if shell == 1:
        items = "".join(f'<li><label><input type="checkbox"> {E(o)}</label></li>' for o in opts)
        return (
            f'<section class="{cls("survey", "poll-box")}" data-label="poll"><h3 class="{cls("survey__q", "poll-title")}">{E(q)}</h3>'
            f'<ul>{items}</ul><input type="email" placeholder="{E(email)}"> <button>{E(vote)}</button>'
            f'<div class="{cls("fineprint", "legal", "disclaimer")}" data-label="consent"><small>{E(c)}</small></div>'
            f'<a href="#results">{E(res)}</a></section>'
        )
    if shell == 2:
        buttons = "".join(f'<button class="{cls("answer", "poll-option")}">{E(o)}</button>' for o in opts)
        return (
            f'<div class="{cls("poll-embed", "quiz-poll")}" data-label="poll">\n  <div class="question">{E(q)}</div>\n'
            f'  <div class="answers">{buttons}</div>\n'
            f'  <div class="{cls("legal", "terms", "poll-terms")}" data-label="consent"><p>{E(c)}</p></div>\n'
            f'  <a href="#">{E(res)}</a> <span class="poll-note">{E(note)}</span>\n</div>'
        )
    if shell == 3:
        radios = "<br>\n".join(
            f'<input type="radio" name="v" id="v{i}"> <label for="v{i}">{E(o)}</label>' for i, o in enumerate(opts)
        )
        return (
            f'<aside class="{cls("poll", "widget-poll")}" data-label="poll"><h4>{E(q)}</h4>\n<form>\n{radios}<br>\n'
            f'<label>{E(email)} <input type="email" name="email"></label>\n<input type="submit" value="{E(vote)}">\n</form>\n'
            f'<p data-label="consent">{E(c)}</p>\n<p class="{cls("poll-footnote", "note")}">{E(note)}</p></aside>'
        )
    rows = "".join(
        f'<div class="{cls("opt", "choice")}"><input type="radio" name="o"><span>{E(o)}</span></div>' for o in opts
    )
    return (
        f'<div role="form" aria-label="{E(q)}" class="{cls("poll-card", "vote-card")}" data-label="poll"><div class="{cls("q")}">{E(q)}</div>{rows}'
        f'<div class="{cls("actions")}"><button type="submit">{E(vote)}</button></div>'
        f'<div class="{cls("consent", "optin")}" data-label="consent">{E(c)}</div></div>'
    )


for lang, d in D.items():
    rng = random.Random(f"pollconsent-{lang}")
    out = []
    for i, (q, opts) in enumerate(d["q"]):
        for j in range(2):
            out.append(widget(rng, d, q, opts, d["c"][(2 * i + j) % len(d["c"])]))
    (OUT / f"pollconsent.{lang}.html").write_text(
        "<!-- authored-v6: poll widgets with a consent line inside -->\n" + "\n<!-- next -->\n".join(out) + "\n",
        encoding="utf-8",
    )
    print(lang, len(out))
