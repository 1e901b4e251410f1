"""The words and names the features count, in one place: stop-words, label lexicons, landmarks, ad-slot and
consent-platform names."""

import json
import re
from functools import lru_cache

STOPWORDS = frozenset(
    """
a about after all also an and any are as at be because been but by can could did do does
for from had has have he her his how i if in into is it its just more most my no not of on
one or our out she so some than that the their them then there these they this to up was
we were what when which who will with would you your
der die das und ist nicht ein eine zu den mit von sich des auf für im dem auch es an als
wie bei nach aus um noch wird sind oder aber vor zur bis mehr durch man über so sie er wir
le la les et est un une des du en que qui dans pour pas sur au avec ce il elle sont par plus
ne se ses leur nous vous mais ou été aux cette
el los las y es un una del al que en por con para se su sus como pero más lo ha fue son
ser este esta entre cuando muy sin sobre también
il lo gli e è di da una per che non con sono come anche nel della delle dei alla
o os as e é um uma do da dos das em no na nos nas por com para que não se mais foi
de het een en is van op te dat die niet zijn voor met er aan ook maar als bij nog dan wel
i w na z że się nie do to jest o jak ale za od po tak co przez jego są już
и в не на что с по это как из к у за от но о же так его она он был для то мы вы
的 了 是 在 和 有 我 他 这 也 就 不 人 都 一 上 中 到 说 们 为 而 与 及
の に は を た が で て と し れ さ ある いる も な こと から として ます です
""".split()
)

# Tried and dropped (session 36, docs/draws/screen-s36/): more promo words -- vouchers, coupons and discounts in 14
# languages, alone (``promo-lexicon-narrow.diff``) or with offers, subscriptions and "follow us" (``-wide.diff``).
# Screened with ``scripts/family_ablation.py --families`` against its control, seed 0: typed-modern-dev promo F1
# -0.007 (narrow) and -0.019 (wide), typed-dev promo -0.0002 and -0.013, cleaneval -0.001 and -0.001, dragnet 0.000
# and -0.002 (not analysed further; menu items named "Angebote" or "Gutscheine" are a likely cause).
# Words that mark a label's language in many sites and languages. They are counted per
# block (like stop-words, through the word hasher) so the context model can weigh them
# next to structure; the hashed words carry the finer phrasing.
LEXICON: dict[str, frozenset[str]] = {
    "poll": frozenset(
        """
poll polls vote votes voted voting survey surveys quiz results rate rating rated
umfrage abstimmen abstimmung stimmen ergebnis ergebnisse sondage voter votez résultats
encuesta votar vota resultados enquete votação sondaggio votare risultati peiling stem
stemmen uitslag ankieta głosuj głosów wyniki опрос голосовать голосов результаты
投票 调查 結果 アンケート
""".split()
    ),
    "consent": frozenset(
        """
cookie cookies consent agree accept privacy policy terms gdpr ccpa personal data partners
preferences necessary opt tracking processing legitimate interest withdraw
zustimmen einwilligung datenschutz akzeptieren datenschutzerklärung accepter
consentement confidentialité aceptar consentimiento privacidad aceitar consentimento
privacidade accetta consenso privacy toestemming accepteren akceptuję zgoda prywatności
согласие принять конфиденциальности 同意 隐私 プライバシー 同意する
""".split()
    ),
    "promo": frozenset(
        """
subscribe subscription subscriber newsletter sponsored sponsor sponsors advertisement
advertise ad ads deal deals offer sale shop buy download app donate donation follow
premium trial discount coupon promoted newsletters
abonnieren abonnement anzeige werbung angebot spenden folgen abonnez publicité offre
suscríbete suscripción publicidad oferta assine assinatura publicidade abbonati
pubblicità offerta abonneer advertentie aanbieding subskrybuj reklama oferta
подписаться подписка реклама 订阅 广告 購読 広告
""".split()
    ),
}


# Landmarks: what an element and its ancestors say the region is, from tags, ARIA roles and microdata.
LANDMARK_TAGS = {
    "main": "main",
    "article": "article",
    "nav": "nav",
    "aside": "aside",
    "footer": "footer",
    "header": "header",
    "dialog": "dialog",
}
LANDMARK_ROLES = {
    "main": "main",
    "article": "article",
    "navigation": "nav",
    "complementary": "aside",
    "contentinfo": "footer",
    "banner": "header",
    "dialog": "dialog",
    "alertdialog": "dialog",
    "tabpanel": "panel",  # not a column of the features (``LANDMARKS``): read by ``decide.repeated_copies``
}
# A tab panel by its class or id (Bootstrap's ``tab-pane``, ``tab-content``...); ``role="tabpanel"`` is the
# landmark ``panel``. One kind of the disclosure panels ``segment.is_disclosure_panel`` never hides.
TAB_PANEL_CLASS = re.compile(r"tab-?pane|tab-?panel|tab-content", re.IGNORECASE)
# A shop's option picker by its class or id: the colour swatches and size or variant options of a product, whose
# <label>s name what the reader buys (``decide.field_labels`` keeps them).
OPTION_PICKER_CLASS = re.compile(r"swatch|variant|form-option", re.IGNORECASE)
BODY_ITEMPROPS = frozenset({"articlebody", "text", "reviewbody", "description", "acceptedanswer", "suggestedanswer"})
# Elements whose <header> and <footer> belong to them, not to the page (HTML-AAM: no ``banner``/``contentinfo``).
SECTIONING_TAGS = frozenset({"article", "section", "aside", "nav", "main"})
LANDMARKS = ("main", "article", "nav", "aside", "footer", "header", "dialog", "body_prop", "cmp", "ad_slot", "hidden")

# Ad-slot conventions shared by ad servers and publishers (class/id tokens, or their prefixes).
AD_SLOT_PREFIXES = ("div-gpt-ad", "google_ads", "adsbygoogle", "ad-slot", "adslot", "ad-container", "advert")
# Class/id words that start like an ad's and are not one, left out before ad names are looked for: "advertise"
# names the sales page ("Advertise with us", ``advertise__link``), "advertory" one site's whole header;
# "advertisement" and "advertiser" still count.
NOT_AD_WORDS = re.compile(r"advert(?:ise(?!ment|r)|ory)")
AD_SLOT_TOKENS = frozenset("adsbygoogle taboola outbrain ob-widget trc_related_container dfp gpt-ad ad-unit".split())
# Words sites print on an ad slot, in the languages of the dev sets.
AD_LABELS = frozenset(
    """advertisement advertising anzeige werbung publicidad publicité annonce pubblicità advertentie reklama
reklame annons reklam 広告 スポンサーリンク sponsored gesponsert patrocinado sponsorisé sponsorizzato""".split()
)

# An ad server named in a URL (a host or path part): what an ad frame's fallback markup links to or loads
# (``<iframe src=...><script src="http://ad.doubleclick.net/adj/...">``, ``<a href="http://ads.example.com/click.ng/...">``).
AD_SERVER = re.compile(
    r"(?<![a-z0-9])(?:ads?|adserver|adsrv|adservice|adclick|adlog|adj|adi|adx|adstream\w*|doubleclick|googlesyndication"
    r"|googleadservices|2mdn|adnxs|adsystem|adform|adtech|mediaplex|realmedia|atdmt|criteo|taboola|outbrain|pubmatic"
    r"|rubiconproject|openx|smartadserver|yieldlab|adition|advertising)(?=[./?;=&-])",
    re.IGNORECASE,
)
URL = re.compile(r"(?:https?:)?//[^\s\"'<>]+", re.IGNORECASE)


def is_ad_label(text: str) -> bool:
    """A short text that is an ad label ("Advertisement", "- Anzeige -", "広告")."""
    return len(text) <= 40 and text.strip(" -–—:·|[]()").lower() in AD_LABELS


# Generic words that consent-platform selectors also use: they name no platform.
_CMP_GENERIC = frozenset(
    """modal overlay popup banner button btn container wrapper content dialog show shown active open hidden visible
main header footer close accept reject body root layer inner outer title text link links message notice bar box
wrapper_ panel settings save primary secondary details toggle switch checkbox label form list item items
desktop mobile fixed bottom top left right center show-more more less cookie cookies consent""".split()
)
_GENERIC_PARTS = frozenset(
    "main wrapper wrap root layer page site app spa container inner outer content body grid col row section block "
    "ecom2 darken js is has".split()
)
# A platform's names carry its own name or what it is about; utility classes ("flex", "z-50") do not.
_CONSENT_STEM = re.compile(
    r"cookie|consent|gdpr|privacy|priv|cmp|ccpa|tcf|truste|onetrust|optanon|didomi|usercentrics|cybot|quantcast|"
    r"qc-|sp_message|borlabs|brlbs|cmplz|cky-|cli-|klaro|iubenda|termly|osano|axeptio|tarteaucitron|evidon|ketch|"
    r"fides|gravito|cassie|moove|notice|disclaimer|tracking|optin|opt-in|optout"
)
_SELECTOR_NAME = re.compile(r"[#.]([A-Za-z][\w-]{3,})")


@lru_cache(maxsize=1)
def consent_platform_tokens() -> frozenset[str]:
    """Class/id names that DuckDuckGo's autoconsent rules (the package ``duckduckgo-autoconsent-py``, MPL-2.0)
    use to detect a consent platform's dialog; empty when the package is missing."""
    try:
        from duckduckgo_autoconsent import rules_json
    except ImportError:
        return frozenset()
    names: set[str] = set()
    for rule in json.loads(rules_json()):
        selectors = list(rule.get("prehideSelectors") or [])
        for step in (*(rule.get("detectCmp") or []), *(rule.get("detectPopup") or [])):
            for key in ("exists", "visible"):
                value = step.get(key) if isinstance(step, dict) else None
                selectors.extend(value if isinstance(value, list) else [value] if value else [])
        for selector in selectors:
            names.update(m.lower() for m in _SELECTOR_NAME.findall(str(selector)))
    keep = (n for n in names if n not in _CMP_GENERIC and not set(re.split(r"[-_]+", n)) <= _GENERIC_PARTS)
    return frozenset(n for n in keep if _CONSENT_STEM.search(n))


# Elements whose text is never visible page text.
DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "svg",
    "math",
    "object",
    "embed",
    "applet",
    "canvas",
    "map",
    "iframe",
    "select",
    "textarea",
    "datalist",
)


# Elements whose text a rule labels and the model never reads (``segment.html_blocks`` makes each a block of its own,
# ``pipeline.document_blocks`` sets them aside, ``decide.ruled_segment`` labels them): an inline frame's fallback
# markup, a drop-down menu's options. Listed in DROP_TAGS too: only the ones that hold text stay.
FRAME_TAG = "iframe"
MENU_TAG = "select"
RULED_TAGS = frozenset({FRAME_TAG, MENU_TAG})

# Elements that start a new block (their text is not run together with their parent's).
BLOCK_TAGS = frozenset(
    {
        "html",
        "body",
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "dl",
        "dd",
        "dt",
        "menu",
        "dir",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hgroup",
        "td",
        "th",
        "tr",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "caption",
        "blockquote",
        "pre",
        "address",
        "center",
        "figure",
        "figcaption",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "aside",
        "main",
        "form",
        "fieldset",
        "legend",
        "label",
        "button",
        "option",
        "details",
        "summary",
        "dialog",
        "frameset",
        "frame",
        "noframes",
        "title",
        "output",
        "video",
        "audio",
        "picture",
    }
)


CONTROL_TAGS = frozenset({"input", "button", "select", "textarea"})


HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


# Class/id words that mean the same thing on every site. Blocks get one flag per group when
# any enclosing element's class/id holds one of its words; the hashed markup tokens only see
# the nearest few elements, so the model cannot memorise a template by its outer classes.
CLASS_GROUPS: dict[str, frozenset[str]] = {
    "nav": frozenset("nav navbar navigation menu breadcrumb breadcrumbs header topbar masthead toolbar skip".split()),
    "footer": frozenset("footer foot bottom copyright legal colophon".split()),
    "side": frozenset("sidebar aside widget widgets rail column col secondary".split()),
    "comment": frozenset("comment comments reply replies discussion disqus respond".split()),
    "related": frozenset("related recommended recirc trending popular teaser teasers more readnext".split()),
    "share": frozenset("share sharing social follow".split()),
    "ad": frozenset("ad ads advert advertisement adslot sponsor sponsored promo promoted dfp gpt taboola".split()),
    # not "cmp": design systems name every component so (``cmp-container``, ``cmp-hdg001``); a consent platform's
    # own names are in ``consent_platform_tokens``
    "consent": frozenset("cookie cookies consent gdpr privacy onetrust didomi cookiebot qc usercentrics".split()),
    "poll": frozenset("poll polls survey vote voting quiz rating".split()),
    "newsletter": frozenset("newsletter subscribe signup subscription paywall membership".split()),
    "article": frozenset("article content entry post story body main text prose".split()),
}
# A class/id token that starts with one of a group's prefix words names that group, run together or not (``pollbox``,
# ``pollradio``, ``quizcontainer``): words too short to be searched inside a token as the groups' 5+-letter words are,
# but not ambiguous at its start. Poll's ``vote`` is left out: ``votes`` counts a list's ratings. Session 36, the
# shipped model unchanged (its training pages have no such token; ``python scripts/gate.py --sample full``): typed-dev
# poll F1 0.693 -> 0.726 (a 2006 poll box whose every part the model called boilerplate), boilerplate +0.0001, promo
# -0.0001, every other figure of every set the same float; with ``vote`` also wcxb-dev listing -0.0025.
# Nav's ``nav``, ``menu``, ``skip`` (``navmenu-item``, ``menuitem``) were screened and dropped: every main-content set
# a little lower on two seeds (docs/draws/README.md, "Session 36").
GROUP_PREFIXES: dict[str, tuple[str, ...]] = {"poll": ("poll", "quiz")}
NOT_GROUP_PREFIXES = ("pollut", "pollen", "pollin")  # pollution, pollen and pollination (or polling) widgets


# Class names that hide an element from sight but not from screen readers: its text is a label for assistive
# technology ("Article content", "Opens in a new window"), not something a reader sees.
SCREEN_READER_CLASSES = frozenset(
    "sr-only visually-hidden visuallyhidden screen-reader-text screen-reader-only screenreader-only sr-text "
    "u-visually-hidden element-invisible show-for-sr a11y-hidden hidden-visually assistive-text".split()
)


# A call to action at the start of a short block: a reader asked to subscribe, sign up, follow, donate or install
# an app (LABELS.md: a call to action is promo even in a menu or footer, a menu noun such as "Newsletters" is not).
# Logging in and registering are account furniture, not asks, so they are left out.
CALL_TO_ACTION = re.compile(
    r"""^\W*(?:
    (?:subscribe|sign\s*up|sign\s+me\s+up|join\s+(?:now|today|free)|start\s+(?:your\s+)?free\s+trial
      |try\s+(?:it\s+)?(?:for\s+)?free|(?:get|download)\s+(?:the|our)\s+(?:\w+\s+)?app|follow\s+us|like\s+us
      |donate|support\s+(?:us|our|independent)|become\s+a\s+(?:member|subscriber|supporter|patron)
      |get\s+(?:unlimited|full|digital)\s+access|upgrade\s+(?:now|to)|shop\s+now|buy\s+now|claim\s+(?:your\s+)?offer)
    |(?:jetzt\s+)?(?:abonnieren|abo\s+abschlie(?:ß|ss)en|spenden|unterstützen|gratis\s+testen|kostenlos\s+testen)
    |folgen\s+sie\s+uns|folge\s+uns|newsletter\s+abonnieren|unterstützen\s+sie
    |abonnez[-\s]vous|s'abonner|je\s+m'abonne|inscrivez[-\s]vous|suivez[-\s]nous|téléchargez\s+l|faire\s+un\s+don
    |suscr[ií]bete|suscribirse|s[ií]guenos|descarga\s+la\s+app|hazte\s+socio
    |abbonati|iscriviti|seguici|scarica\s+l
    |abonneer|word\s+abonnee|schrijf\s+je\s+in|volg\s+ons|probeer\s+gratis
    |assine|inscreva[-\s]se|siga[-\s]nos|baixe\s+o\s+app
    |subskrybuj|zapisz\s+się|obserwuj\s+nas|pobierz\s+aplikację
    |prenumerera|abonner|bli\s+(?:prenumerant|abonnent)|följ\s+oss|følg\s+oss|last\s+ned\s+appen|ladda\s+ner\s+appen
    |abone\s+ol|bizi\s+takip
    |předplaťte|sledujte\s+nás
    )(?!\w)""",
    re.IGNORECASE | re.VERBOSE,
)

# An app store's badge, the whole text of a block: "App Store", "Get it on Google Play", "App Store Google Play". It
# asks the reader to install the site's app, as "Download the app" does (``decide.phrase_labels``; not part of
# CALL_TO_ACTION, which the segmenter reads too).
APP_STORE_BADGE = re.compile(
    r"""^\W*(?:(?:download|get\s+it|available)\s+on\s+(?:the\s+)?)?(?:app\s?store|google\s+play)
    (?:\W+(?:app\s?store|google\s+play))?\W*$""",
    re.IGNORECASE | re.VERBOSE,
)

# An invitation to follow the site on a messaging app's channel or a news aggregator: "follow us on WhatsApp", "join
# our Telegram channel", "add us as a preferred source on Google", "Abonniere unseren WhatsApp-Kanal", "ikuti kami di
# Google News" (LABELS.md: "Follow us on…" is promo). A verb of following or joining that opens a sentence or follows
# "and", then within a few words the channel's platform ("users who follow it on WhatsApp" is a report, not an ask).
_FOLLOW_VERB = (
    r"(?:follow|join|subscribe|add|abonnier\w*|folg\w*|ikuti|gabung\w*|suivez|rejoignez|abonnez|s[ií]gue\w*|[uú]nete"
    r"|suscr[ií]b\w*|segui\w*|iscriviti|volg|følg|följ|obserwuj|dołącz\w*)"
)
_CHANNEL_PLATFORM = r"(?:whats\s?app|telegram|google\s+news|google\s+discover|preferred\s+source)"
CHANNEL_INVITATION = re.compile(
    rf"(?:^|[.:!?]\s+|\b(?:and|und|dan|et|y|e|en|og|och|i)\s+){_FOLLOW_VERB}\b\W+(?:[\w.-]+\W+){{0,6}}?{_CHANNEL_PLATFORM}",
    re.IGNORECASE,
)
# A word every CHANNEL_INVITATION holds (its platform's): a text without one is not searched.
CHANNEL_PLATFORM_WORDS = re.compile(r"whats|telegram|google|preferred", re.IGNORECASE)

# A byline: a preposition of authorship then a capitalised name ("By Jane Doe", "Von Max Muster", "Par la rédaction"
# is not one: a lowercase word), optionally after the kind of piece ("Eine Analyse von ..."). LABELS.md: bylines are
# boilerplate, never a call to action.
BYLINE = re.compile(
    r"^\W*(?:(?:eine?\s+|an?\s+|une?\s+)?(?:analyse|analysis|kommentar|commentary|reportage|kolumne|column)\s+)?"
    r"(?:by|von|par|por|di|door|av|af|przez)\s+(?-i:[A-ZÀ-ÖØ-ÞŁŚŻŹĆ])",
    re.IGNORECASE,
)

# A notice that asks the reader to turn off an ad blocker, or says that one is on ("please disable your ad blocker",
# "Werbeblocker deaktivieren", "désactivez votre bloqueur de publicités"): the site asks to be paid in ads (promo, as
# the gold labels it). An ad blocker named as a kind of tool (not a product's name: "AdBlock Plus", which a story
# about it names), then or after a word of turning it off or of finding it on.
AD_BLOCK_NOTICE = re.compile(
    r"""(?:ad[\s-]?block(?:er|ers|ing)\b|werbe-?blocker|bloqueur\s+de\s+pub\w*|bloqueador(?:es)?\s+de\s+(?:anuncios|publicidad)
      |blocco\s+(?:degli\s+)?annunci|advertentieblokker|annonsblockerare|reklameblokker|blokad\w*\s+reklam)
    (?:\W+\w+){0,12}?\W+(?:enabled|detected|disable|turn\w*\s+off|pause|whitelist
      |deaktivier\w*|ausschalten|désactiv\w*|desactiv\w*|disattiv\w*|uitschakel\w*|inaktivera|deaktiver\w*|wyłącz\w*)
    |(?:disable|turn\s+off|pause|deaktivieren\s+sie|désactivez|desactiva|disattiva|schakel)\W+(?:\w+\W+){0,3}?
      (?:ad[\s-]?block(?:er|ers|ing)\b|werbe-?blocker|bloqueur|bloqueador)""",
    re.IGNORECASE | re.VERBOSE,
)
# A stem every AD_BLOCK_NOTICE holds (its word for an ad blocker's): a text without one is not searched.
AD_BLOCKER_WORDS = re.compile(r"blo[ckq]", re.IGNORECASE)

# An appeal to pay for the journalism the reader is reading: "support independent journalism", "help us fund our
# reporting", "Unterstützen Sie Qualitätsjournalismus", "soutenez le journalisme", "sostieni il giornalismo" (LABELS.md:
# subscription prompts and donation appeals are promo). A verb of support or funding a few words before a word for
# journalism, or journalism said to need the reader's support.
JOURNALISM_APPEAL = re.compile(
    r"""(?:support|fund)\w*\s+(?:\w+\s+){0,3}(?:independent\s+|quality\s+|local\s+)?journalism
    |journalism\s+(?:\w+\s+){0,2}(?:needs|depends\s+on|relies\s+on)\s+(?:\w+\s+){0,2}(?:support|readers)
    |(?:unterstütz|finanzier|förder)\w*\s+(?:\w+\s+){0,3}\w*journalismus
    |\w*journalismus\s+(?:\w+\s+){0,2}(?:braucht|unterstützen)
    |(?:souten|financ)\w*\s+(?:\w+\s+){0,3}(?:le\s+|un\s+|notre\s+)?journalisme
    |(?:apoy|financi)\w*\s+(?:\w+\s+){0,3}periodismo
    |(?:sosten|sostien|finanzi)\w*\s+(?:\w+\s+){0,3}giornalismo
    |(?:steun|financier)\w*\s+(?:\w+\s+){0,3}\w*journalistiek
    |(?:stöd|støtt|støt)\w*\s+(?:\w+\s+){0,3}\w*journalisti[kc]k?
    |(?:apoi|financi)\w*\s+(?:\w+\s+){0,3}jornalismo
    |wes(?:przyj|pieraj)\w*\s+(?:\w+\s+){0,3}dziennikarstw""",
    re.IGNORECASE | re.VERBOSE,
)
# A stem every JOURNALISM_APPEAL holds (its word for journalism): a text without one is not searched.
JOURNALISM_WORDS = re.compile(r"journalis|periodismo|giornalismo|jornalismo|dziennikarstw", re.IGNORECASE)

# A note on the reader's saved articles (a bookmark feature: where the saved items are found, how to manage them, that
# a list keeps them to read or hear later): "your saved articles", "reading list", "Merkliste", "um sie später zu
# lesen", "articoli salvati", "artículos guardados". Furniture of the reader's account, not an offer (LABELS.md).
SAVED_ITEMS_NOTE = re.compile(
    r"""saved\s+(?:articles?|stories|story|items?)\b|\b(?:reading|read-later)\s+list|\bread\s+(?:it\s+|them\s+)?later
    |merkliste|leseliste|später\s+(?:zu\s+)?(?:lesen|hören|anhören|ansehen)|gespeicherte[nr]?\s+(?:artikel|beiträge)
    |articles?\s+(?:sauvegardés|enregistrés)|lire\s+plus\s+tard
    |art[ií]culos\s+guardados|leer\s+m[áa]s\s+tarde|articoli\s+salvati|leggere\s+(?:più\s+tardi|dopo)
    |opgeslagen\s+artikelen|leeslijst|læseliste|leselist\w*|läslista|sparade\s+artiklar|gemte\s+artikler""",
    re.IGNORECASE | re.VERBOSE,
)

# A discount stated as a figure off a price, or with a discount code: "20% off", "$10 off $50+", "15% off with code
# X", "Gutscheincode: 10 %", "code promo -20 %": a deal (LABELS.md: deals and affiliate offers are promo). A headline
# that reports a cut ("up to 75% reduction on train fares", "prices 3% off their peak", "3% off-peak") is not one.
DISCOUNT_OFFER = re.compile(
    r"""(?:\d\s?%|[$€£]\s?\d[\d.,]*|\d[\d.,]*\s?[$€£])\s+off\b(?!-|\s+(?:the|its|their|record|highs?|lows?|peak)\b)
    |\d\s?%[^.!?]{0,40}?(?:(?:promo|coupon|discount|voucher|rabatt|gutschein|korting|rabat)-?\s?codes?
      |codes?\s+(?:promo|de\s+r[ée]duction)|c[óo]digos?\s+(?:de\s+)?descuento|codice\s+sconto)
    |(?:(?:promo|coupon|discount|voucher|rabatt|gutschein|korting|rabat)-?\s?codes?
      |codes?\s+(?:promo|de\s+r[ée]duction)|c[óo]digos?\s+(?:de\s+)?descuento|codice\s+sconto)[^.!?]{0,40}?\d\s?%""",
    re.IGNORECASE | re.VERBOSE,
)
# A note that the links in a piece earn the site a commission (an affiliate disclosure): "This article contains
# affiliate links", "we may earn a commission", "erhalten wir eine Provision", "liens affiliés", "enlaces de
# afiliados", "link di affiliazione". It discloses an offer's money (LABELS.md: affiliate offers are promo).
AFFILIATE_DISCLOSURE = re.compile(
    r"""\baffiliate[-\s]?links?\b|\bpartner-?links\b
    |\b(?:earn|receive|get|make)\s+(?:a\s+|an\s+)?(?:small\s+)?(?:affiliate\s+)?commissions?\b
    |\b(?:erhalten|bekommen)\s+(?:wir\s+)?(?:\w+\s+){0,3}(?:eine\s+)?(?:kleine\s+)?(?:provision|vergütung)\b
    |\bliens?\s+(?:d['’]\s?)?affili\w*|\bliens?\s+commerciaux|\benlaces?\s+de\s+afiliad\w*
    |\blink\s+(?:di\s+)?affiliazione|\baffiliatielinks?\b""",
    re.IGNORECASE | re.VERBOSE,
)

# A link to the site's own page about its advertising, the whole text of a block: "About our ads", "Advertising
# policy", "Über unsere Werbung". A bare link to a policy page is boilerplate (LABELS.md); an ad's own label
# ("Advertisement", "About this ad" beside the ad) is not one.
AD_POLICY_LINK = re.compile(
    r"""^\W*(?:
    about\s+our\s+(?:ads|advertising|advertisements)|(?:our\s+)?(?:ad|ads|advertising)\s+(?:policy|policies|guidelines)
    |über\s+unsere\s+werbung|werberichtlinien|nos\s+publicités|politique\s+publicitaire|política\s+de\s+publicidad
    )\W*$""",
    re.IGNORECASE | re.VERBOSE,
)

# A shop's buy button, the whole text of a block: "Add to cart", "Add to basket", "In den Warenkorb". A page that shows
# one sells something (``decide.COMMERCE_CART_BUTTON``), whether or not it declares a schema.org product.
ADD_TO_CART = re.compile(
    r"""^\W*(?:
    add\s+to\s+(?:shopping\s+)?(?:cart|basket|bag|trolley)|buy\s+(?:it\s+)?now
    |in\s+den\s+warenkorb(?:\s+legen)?|jetzt\s+kaufen
    |ajouter\s+au\s+panier|añadir\s+al\s+(?:carrito|cesta)|aggiungi\s+al\s+carrello|adicionar\s+ao\s+carrinho
    |in\s+(?:de\s+)?winkelwagen|dodaj\s+do\s+koszyka|lägg\s+i\s+varukorgen|legg\s+i\s+handlekurven
    |læg\s+i\s+kurven|sepete\s+ekle|カートに(?:入れる|追加)|加入购物车|장바구니\s*담기
    )\W*$""",
    re.IGNORECASE | re.VERBOSE,
)

# A price as shops print it: a currency sign or code next to a number ("$29.95", "29,95 €", "USD 40", "1.299 kr").
# A grid of cards that carry prices is a shop's listing (``decide.SHOP_GRID_PAGE_CHARS``).
PRICE = re.compile(
    r"""(?:[$€£¥₹]|\b(?:USD|EUR|GBP|CHF|SEK|NOK|DKK|PLN|CAD|AUD|R\$|Rs\.?))\s?\d
    |\d(?:[\d.,\s]*\d)?\s?(?:[$€£¥₹]|(?:USD|EUR|GBP|CHF|SEK|NOK|DKK|PLN|zł|kr|Kč|₽|руб)\b)""",
    re.VERBOSE,
)


def is_price(text: str) -> bool:
    """A short text that shows a price ("$24.99", "19,90 €", "From 1.299 kr")."""
    return len(text) <= 60 and PRICE.search(text) is not None


# Machine identifiers: a UUID, or a run of 16 or more hex digits (a hash, a token). A block made mostly of them is not
# editorial text (``decide.MACHINE_TEXT_MIN_SHARE``).
MACHINE_IDENTIFIER = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|\b[0-9a-fA-F]{16,}\b"
)


# A copyright notice with its year, or a reservation of rights: the site's small print, not its text
# (``decide.COPYRIGHT_LINE_MAX_WORDS``). Not a bare "©": a photo's credit ("Foto: © dpa") is part of its caption.
COPYRIGHT_LINE = re.compile(
    r"""(?:
    (?:[©ⓒ]|\(c\)|copyright)\s*(?:[©ⓒ]\s*)?(?:19|20)\d\d
    |all\s+rights\s+reserved|alle\s+rechte\s+vorbehalten|tous\s+droits\s+r[ée]serv[ée]s
    |todos\s+los\s+derechos\s+reservados|tutti\s+i\s+diritti\s+riservati|todos\s+os\s+direitos\s+reservados
    |alle\s+rechten\s+voorbehouden|wszelkie\s+prawa\s+zastrzeżone|alla\s+rättigheter\s+förbehållna
    |tüm\s+hakları\s+saklıdır|無断転載|무단\s*전재|版权所有
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# A copyright notice that names its holder between the sign and the year ("Copyright © Agency 2010-2025"), as
# ``decide.COPYRIGHT_PROMO_MAX_WORDS`` reads a block flagged promo.
COPYRIGHT_HELD = re.compile(r"(?:[©ⓒ]|\(c\)|copyright)\s*(?:[©ⓒ]\s*)?(?:[\w.&-]+\s+){0,3}(?:19|20)\d\d", re.IGNORECASE)
# A post's tag list: a taxonomy label and its colon at the start of the block ("Tags: budget, council", "Filed under:
# Politics", "Schlagwörter: ..."): site furniture (LABELS.md: tag lists are boilerplate), as
# ``decide.TAG_LIST_MAX_WORDS`` reads a short content block. The colon is needed: "Tagged as a risk, the bridge ..." is
# prose.
TAG_LIST_LINE = re.compile(
    r"""^\W*(?:tags|tagged(?:\s+(?:with|as|in|under))?|filed\s+(?:under|in)|schlagw(?:ö|oe)rter|stichw(?:ö|oe)rter
    |étiquettes|mots[-\s]clés|etiquetas|trefwoorden|tagi)\s*:\s*\S""",
    re.IGNORECASE | re.VERBOSE,
)
# A pointer to another story set inside the article: a "read also" label and its colon, then the other story's title
# ("Read more: ...", "Lesen Sie auch: ...", "Les også: ..."), as ``decide.READ_ALSO_MAX_WORDS`` reads a short content
# block of an HTML page (LABELS.md: related-story links are boilerplate). "See also" and "Related:" are left out: wiki
# hatnotes and older news sites' golds keep them (dragnet, cetd). The colon is needed: "Read more about the plan in
# our guide" is the article's own.
READ_ALSO_LINE = re.compile(
    r"""^\W*(?:read\s+(?:also|more|next)|also\s+read
    |lesen\s+sie\s+(?:auch|mehr)|lies\s+auch|auch\s+interessant|mehr\s+zum\s+thema
    |les\s+(?:også|mer)|læs\s+(?:også|mere)|läs\s+(?:också|mer)|lees\s+(?:ook|meer)|lue\s+myös
    |(?:à\s+)?lire\s+(?:aussi|également)|lee\s+también|lea\s+también|leggi\s+anche|leia\s+(?:também|mais)
    |czytaj\s+(?:też|także|więcej)|ayrıca\s+okuyun|ilgili\s+haber)\s*[:：]\s*\S""",
    re.IGNORECASE | re.VERBOSE,
)
# A notice a page shows in place of itself when scripts do not run or the browser is not supported ("You need to
# enable JavaScript to run this app", "Bitte aktivieren Sie JavaScript"): site furniture, not the page's text.
# Session 52 added "use a more up-to-date / modern browser" and "browser (version) with limited support":
# typed-modern-dev promo F1 +0.0075 (a publisher's banner on two pages, flagged promo, now boilerplate), every other
# set unchanged. Session 54 added a player's "try refreshing your browser" (see ``decide.AD_BLOCK_NOTICE_MAX_WORDS``).
SCRIPT_NOTICE = re.compile(
    r"""(?:
    (?:enable|activate|turn\s+on|allow|switch\s+on)\s+javascript
    |javascript\s+(?:is\s+|has\s+been\s+)?(?:disabled|deactivated|turned\s+off|not\s+(?:enabled|available|supported))
    |(?:requires?|needs?)\s+javascript|javascript\s+(?:is\s+)?required
    |(?:your|this)\s+browser\s+(?:is\s+(?:not\s+supported|out\s+of\s+date|outdated)|does\s+not\s+support)
    |(?:upgrad|updat)(?:e|ing)\s+(?:your\s+|to\s+a\s+(?:newer|modern|more\s+recent)\s+)(?:web\s+)?browser
    |best\s+viewed\s+(?:in|with|using)\s+(?:an?\s+)?(?:up[-\s]to[-\s]date|modern|newer|current)\s+(?:web\s+)?browser
    |(?:use|using)\s+an?\s+(?:more\s+)?(?:up[-\s]to[-\s]date|modern|newer|more\s+recent|supported)\s+(?:web\s+)?browser
    |browser\s+(?:version\s+)?with\s+limited\s+support
    |(?:try\s+)?refresh(?:ing)?\s+(?:your|the)\s+(?:web\s+)?browser
    |javascript\s+(?:aktivieren|einschalten|deaktiviert)|aktivieren\s+sie\s+(?:bitte\s+)?javascript
    |activ(?:er|ez)\s+(?:le\s+)?javascript|javascript\s+(?:est\s+)?désactivé
    |(?:habilita|activa)(?:r)?\s+(?:el\s+)?javascript|javascript\s+(?:está\s+)?(?:deshabilitado|desactivado)
    |(?:abilita|attiva)(?:re)?\s+javascript|javascript\s+(?:è\s+)?disabilitato
    |javascript\s+(?:in)?schakelen|schakel\s+javascript
    |(?:ative|habilite)\s+o\s+javascript|włącz\s+javascript|aktivera\s+javascript|javascriptを有効
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# The whole text of a placeholder a script shows until it has filled a slot ("Loading...", "[ LOADING ]", "Please
# wait", "Wird geladen"): a spinner's label, never the page's text (``decide.LOADING_PLACEHOLDER_DROP``).
LOADING_PLACEHOLDER = re.compile(
    r"""^\W*(?:
    loading|(?:still\s+|now\s+)?loading\s+(?:content|results|products|items|more)|please\s+wait|one\s+moment(?:\s+please)?
    |(?:wird|werden)\s+geladen|lädt|bitte\s+warten|chargement(?:\s+en\s+cours)?|veuillez\s+patienter
    |cargando|espere(?:\s+por\s+favor)?|caricamento(?:\s+in\s+corso)?|attendere|carregando|aguarde
    |bezig\s+met\s+laden|even\s+geduld|laddar|ładowanie|読み込み中|加载中|로딩\s*중
    )\W*$""",
    re.IGNORECASE | re.VERBOSE,
)
# A line of a theme's or template's placeholder copy: the typesetters' pseudo-Latin filler opening with its first
# words ("Lorem ipsum dolor sit amet, consectetur ...") or a bare "Lorem ipsum" title, numbered or not. A page builder
# leaves it in the modules nobody filled (often hidden); never the page's text (``decide.FILLER_TEXT_DROP``).
FILLER_TEXT_LINE = re.compile(r"^\W*lorem\s+ipsum(?:\s+dolor\b.*|\W*\d*\W*)$", re.IGNORECASE)
# The whole text of a control that opens or closes a folded part of the page ("Click to expand...", "Click to
# shrink...", "Show more", "Read less", "Mehr anzeigen", "Voir plus"): a forum quote's fold link, a truncated text's
# toggle, never the page's text (``decide.DISCLOSURE_CONTROL_DROP``).
DISCLOSURE_CONTROL = re.compile(
    r"""^\W*(?:
    (?:click|tap)\s+(?:here\s+)?to\s+(?:expand|shrink|collapse|show\s+(?:more|less))
    |(?:show|see|view|read)\s+(?:more|less)
    |(?:mehr|weniger)\s+(?:anzeigen|lesen)|(?:afficher|voir|lire)\s+(?:plus|moins)
    |(?:ver|mostrar|leer)\s+(?:más|menos)|mostra\s+(?:di\s+)?(?:più|meno)|(?:meer|minder)\s+(?:weergeven|tonen|lezen)
    )\W*$""",
    re.IGNORECASE | re.VERBOSE,
)
# Every wording of SCRIPT_NOTICE names JavaScript or the browser: a text naming neither (the same case-insensitive
# match) is no notice, found at a twentieth of the cost of trying the notice's many wordings at every position.
_SCRIPT_NOTICE_WORDS = re.compile(r"javascript|browser", re.IGNORECASE)


def is_script_notice(text: str) -> bool:
    """Whether ``SCRIPT_NOTICE`` is found in ``text``."""
    return _SCRIPT_NOTICE_WORDS.search(text) is not None and SCRIPT_NOTICE.search(text) is not None


# A control that sets a privacy choice ("Cookie settings", "Do not sell my info", "Datenschutz-Einstellungen") at the
# start of a short block: consent (LABELS.md), while a bare link to a policy document ("Privacy Policy") is not.
PRIVACY_CHOICE = re.compile(
    r"""^\W*(?:
    (?:cookie|privacy|consent|tracking)\s*(?:settings|preferences|choices|options|manager|management|cent(?:er|re)|controls?)
    |manage\s+(?:my\s+|your\s+)?(?:cookies|cookie\s+\w+|consent|privacy|preferences|tracking)
    |(?:change|update|edit|review|modify|adjust)\s+(?:my\s+|your\s+)?(?:cookies?|privacy|consent)(?:\s+(?:settings|preferences|choices))?
    |newsletters?\s+preference(?:s|\s+cent(?:er|re))|do\s+not\s+sell(?:\s+or\s+share)?\s+my|your\s+privacy\s+choices|(?:withdraw|revoke)\s+(?:my\s+|your\s+)?consent
    |(?:datenschutz|cookie|privatsphäre|tracking)[-\s]?einstellungen|einwilligung(?:en)?\s+(?:widerrufen|verwalten|ändern)
    |cookies?\s+verwalten|zustimmung\s+(?:widerrufen|verwalten|ändern)
    |(?:paramètres|préférences|gestion|gérer)\s+(?:des\s+|les\s+|mes\s+)?(?:cookies|traceurs|consentements?|confidentialité)
    |(?:configuración|configurar|preferencias|ajustes|gestionar)\s+(?:de\s+(?:las\s+)?)?(?:cookies|privacidad|consentimiento)
    |(?:impostazioni|preferenze|gestisci)\s+(?:dei\s+|i\s+)?(?:cookie|privacy|consenso)
    |(?:cookie|privacy)[-\s]?(?:instellingen|voorkeuren)|privacy\s+voorkeuren\s+beheren|cookies\s+beheren
    |(?:configurações|preferências|gerir|gerenciar)\s+(?:de\s+)?(?:cookies|privacidade|consentimento)
    |ustawienia\s+(?:plików\s+)?(?:cookie|prywatności)|zarządzaj\s+(?:plikami\s+)?cookie
    |cookie[-\s]?inställningar|sekretessinställningar|inställningar\s+för\s+(?:cookies|kakor)|hantera\s+(?:cookies|kakor)
    |informasjonskapsler|personvernsinnstillinger
    |cookie[-\s]?indstillinger|privatlivsindstillinger
    |çerez\s+(?:ayarları|tercihleri)|nastavení\s+(?:cookies|soukromí)
    |クッキー設定|cookie設定|プライバシー設定
    )""",
    re.IGNORECASE | re.VERBOSE,
)


# Account and sharing furniture that shares words with consent and promo ("Log in to view your personal options",
# "Enter your friend's e-mail address"): a prompt that opens with logging or signing in to do something, and an
# "e-mail this to a friend" form (LABELS.md: share tools are boilerplate; logging in is not an ask).
ACCOUNT_OR_SHARE_PROMPT = re.compile(
    r"""^\W*(?:log\s*-?\s*in|sign\s*-?\s*in)\s+to\b
    |\b(?:e-?mail|send|forward|recommend|share)\b[^.!?]{0,24}?\bto\s+a\s+friend\b|\btell\s+a\s+friend\b
    |\bfriend(?:'|’)?s\s+e-?mail\b""",
    re.IGNORECASE | re.VERBOSE,
)


# A promise not to act for the reader without their agreement, as social sign-in and sign-up boxes print it ("We will
# never post without your permission"): it records the terms of the reader's agreement, so it is consent (LABELS.md).
PERMISSION_PROMISE = re.compile(
    r"""\b(?:never|not|won(?:'|’)t)\s+(?:\w+\s+){0,2}?(?:post|share|sell|publish|tweet|spam|contact)\b[^.!?]{0,60}?
    \bwithout\s+(?:your|their)\s+(?:explicit\s+|express\s+|prior\s+)?(?:permission|consent)\b""",
    re.IGNORECASE | re.VERBOSE,
)

# A clause that records the reader's agreement by what they do ("By signing up, you agree to ...", "By clicking
# Create Account you confirm ...", "By providing your number, you are consenting to ..."): LABELS.md types it consent,
# wherever it sits (``decide.AGREEMENT_CLAUSE_MAX_WORDS``). It opens the block: the same words inside a sentence of
# prose tell of someone else's agreement.
AGREEMENT_CLAUSE = re.compile(
    r"""^\W*by\s+(?:signing|subscribing|submitting|clicking|tapping|providing|entering|registering|continuing|creating
    |checking|joining|completing|using|sharing|placing)\b[^.!?]{0,120}?
    \byou(?:(?:'|’)re|\s+are)?\s+(?:hereby\s+|also\s+)?(?:agree|consent|acknowledge|accept|authori[sz]e|confirm)""",
    re.IGNORECASE | re.VERBOSE,
)

# Acceptance by continued use, as a footer's legal line or a cookie notice words it ("Use of this site constitutes
# acceptance of our User Agreement", "By continuing to browse this site you agree to our use of cookies", "Durch die
# weitere Nutzung der Seite stimmen Sie ... zu", "Sitemizi kullanmaya devam ederek ... izin vermiş olursunuz"): it
# records the reader's agreement by what they do, anywhere in the block (after a copyright line, after "We use
# cookies"), so it is consent (LABELS.md: terms-of-use statements; ``decide.CONTINUED_USE_MAX_WORDS``).
CONTINUED_USE_ACCEPTANCE = re.compile(
    r"""\b(?:use|usage)\s+of\s+(?:this|our|the)\s+(?:site|website|web\s+site|services?)\s+(?:constitutes|signifies|implies)
    \s+(?:your\s+)?(?:acceptance|agreement|consent)
    |\bby\s+(?:continuing\s+to\s+(?:use|browse|visit)|using|browsing|visiting)\s+(?:this|our|the)\s+(?:site|website|web\s+site)
    \b[^.!?]{0,80}?\byou\s+(?:\w+\s+)?(?:agree|accept|consent)
    |\b(?:durch\s+die|mit\s+der|bei)\s+(?:weiteren?\s+)?nutzung\s+(?:dieser|unserer|der)\s+(?:website|webseite|seite|dienste)
    \b[^.!?]{0,80}?\b(?:stimmen\s+sie|erklären\s+sie\s+sich|akzeptieren\s+sie|willigen\s+sie|stimmst\s+du|erklärst\s+du)
    |\ben\s+(?:poursuivant|continuant)\s+(?:votre\s+)?(?:navigation|à\s+naviguer)\b[^.!?]{0,80}?\bvous\s+acceptez
    |\bsi\s+contin[úu]a\s+navegando\b[^.!?]{0,80}?\b(?:acepta|consiente)
    |\bproseguendo\s+(?:la\s+)?navigazione\b[^.!?]{0,80}?\b(?:acconsent|accett)
    |\bkullanmaya\s+devam\s+ederek\b[^.!?]{0,120}?\b(?:izin\s+vermiş|kabul\s+etmiş)""",
    re.IGNORECASE | re.VERBOSE,
)

# A first-person opt-in or acceptance line, as a sign-up form's checkbox label prints it ("I have read and agree to the
# terms", "I would like to receive offers by e-mail", "Ich akzeptiere die AGB", "J'accepte les conditions"), or a
# Korean checkbox label marked "agree (optional/required)": LABELS.md types the opt-in checkbox consent
# (``decide.OPT_IN_STATEMENT_MAX_WORDS``). It opens the block (Turkish puts the verb last, so it closes it there).
OPT_IN_STATEMENT = re.compile(
    r"""^\W*(?:yes,?\s+)?(?:
    i(?:(?:\s+have|'ve|’ve)\s+read\s+(?:\w+\s+){0,6}?and)?\s+(?:hereby\s+)?(?:agree|accept|consent)\b
    |i\s+(?:would\s+like|wish|want)\s+to\s+(?:receive|be\s+(?:e-?mailed|contacted|informed|kept\s+informed)|subscribe)\b
    |ich\s+(?:habe\s+[^.!?]{0,80}?gelesen\s+und\s+)?(?:akzeptiere|willige|stimme|bin\s+(?:damit\s+)?einverstanden)\b
    |ich\s+möchte\s+(?:gerne?\s+)?[^.!?]{0,120}?\b(?:erhalten|bekommen|informiert\s+werden)\b
    |j(?:'|’)(?:accepte|ai\s+lu\s+et\s+(?:j(?:'|’))?accepte)\b|je\s+(?:consens|souhaite\s+recevoir)\b
    |(?:he\s+leído\s+y\s+)?acepto\b|(?:deseo|quiero)\s+recibir\b
    |(?:ho\s+letto\s+e\s+)?accetto\b|acconsento\b|desidero\s+ricevere\b
    |ik\s+(?:ga\s+akkoord|accepteer|wil\s+[^.!?]{0,80}?ontvangen)\b
    |(?:li\s+e\s+)?aceito\b|concordo\s+com\b|desejo\s+receber\b
    )
    |(?:almak\s+istiyorum|kabul\s+ediyorum|onaylıyorum)\W*$
    |동의\s*\((?:선택|필수)\)""",
    re.IGNORECASE | re.VERBOSE,
)

# A notice that tells the reader what their sign-up or data will be used for, as sign-up forms print it under the
# button ("We use your sign-up to send you ...", "We will use your e-mail address only for ..."): it records the terms
# of the reader's agreement about data use, so LABELS.md types it consent (``decide.DATA_USE_NOTICE_MAX_WORDS``).
DATA_USE_NOTICE = re.compile(
    r"""^\W*we(?:\s+will|'ll|’ll)?\s+(?:only\s+)?use\s+(?:your|the)\s+(?:sign-?up|e-?mail(?:\s+address)?|details
    |information|data|personal\s+(?:data|information)|contact\s+details)\s+(?:only\s+)?(?:to|for|in)\b""",
    re.IGNORECASE | re.VERBOSE,
)

# A teaser card read as one line: the card's headline-style title (capitalised first and last words, two to ten words)
# run into the blurb under it with no space, the blurb opening with a call to action, a question word or an article
# and going on in lower case for five words or more ("Better Sleep TonightLearn the three habits that ...", "Moving
# Abroad?See what it really costs to ..."). Extractors join the two elements' text; prose puts a space or a full stop
# between a word and the next sentence (``decide.TEXT_GLUED_TEASER_MAX_WORDS``). Case-sensitive: the glue is a
# lower-case letter before an upper-case one. Openers that end product and code names ("NuGet" is followed by two
# words at most in practice; "AsyncRead", "DexCheck", "WikiHow", "PhotoShop") are left out or held by the blurb length.
GLUED_TEASER = re.compile(
    r"""^\W*[A-Z]\S*\s+(?:\S+\s+){0,8}[A-Z][a-z'’]*[a-z][?!]?
    (?:Find|See|Get|Learn|Discover|What|Which|Why|A|An|The)\s+[a-z]\S*(?:\s+\S+){4}""",
    re.VERBOSE,
)

# An invitation to give feedback or answer a survey, anywhere in a short block ("Take our 2-minute survey", "Your
# opinion matters to us", "Ihre Meinung ist uns wichtig"): LABELS.md types it poll
# (``decide.TEXT_FEEDBACK_MAX_WORDS``).
FEEDBACK_INVITATION = re.compile(
    r"""(?:
    (?:take|complete|fill\s+out|answer|participate\s+in|take\s+part\s+in)\s+(?:our|a|this)\s+
      (?:short\s+|quick\s+|brief\s+|\d+[-\s](?:second|minute)\s+)?(?:reader\s+|online\s+)?(?:survey|questionnaire)
    |(?:your|ihre|deine)\s+(?:opinion|feedback|meinung)\s+(?:is\s+|ist\s+)?(?:(?:very|really|so|sehr|uns|für\s+uns|to\s+us)\s+)*
      (?:important|matters|counts|valuable|wichtig|gefragt|unverzichtbar|zählt)
    |we\s+(?:value|want|would\s+love|'d\s+love)\s+(?:to\s+hear\s+)?your\s+(?:opinion|feedback|thoughts)
    |an\s+(?:unserer|einer)\s+(?:kurzen\s+)?umfrage\s+teil
    |votre\s+avis\s+(?:nous\s+)?(?:int[ée]resse|compte|est\s+important)
    |(?:participez|r[ée]pondez)\s+[àa]\s+(?:notre|un)\s+(?:court\s+)?(?:questionnaire|sondage|enqu[êe]te)
    |tu\s+opini[óo]n\s+(?:nos\s+)?(?:importa|cuenta|es\s+importante)|participa\s+en\s+(?:nuestra|una)\s+encuesta
    |la\s+tua\s+opinione\s+(?:conta|è\s+importante)|partecipa\s+al(?:la)?\s+(?:nostr[oa]\s+)?(?:sondaggio|questionario)
    |(?:uw|jouw|je)\s+mening\s+(?:telt|is\s+belangrijk)|doe\s+mee\s+aan\s+(?:onze|een)\s+(?:korte\s+)?enquête
    )""",
    re.IGNORECASE | re.VERBOSE,
)

# A word every ``FEEDBACK_INVITATION`` match holds (each branch names a survey, a questionnaire or an opinion, in its
# language): a text without one is not searched (``decide.texts_found``'s ``needs``).
FEEDBACK_WORDS = re.compile(
    r"survey|question|opini|feedback|thoughts|meinung|umfrage|avis|sondage|enqu|encuesta|sondaggio|mening",
    re.IGNORECASE,
)

# A poll's own control, the whole text of a line: "View results", "Vote", "Ergebnisse anzeigen" (``decide.
# TEXT_POLL_RUN_SURE``: the line that closes a poll's run of options).
POLL_CONTROL = re.compile(
    r"""^\W*(?:
    (?:view|see|show|check)\s+(?:the\s+)?(?:poll\s+)?results|vote(?:\s+now)?|(?:poll\s+)?results
    |ergebnis(?:se)?(?:\s+(?:anzeigen|ansehen))?|(?:jetzt\s+)?abstimmen
    |(?:voir\s+les\s+)?résultats|voter|(?:ver\s+)?resultados|votar|(?:vedi\s+(?:i\s+)?)?risultati|vota|votare
    |bekijk\s+(?:de\s+)?(?:uitslag|resultaten)|stem|zobacz\s+wyniki|głosuj|wyniki
    )\W*$""",
    re.IGNORECASE | re.VERBOSE,
)

# A plain-text line that is nothing but a site's furniture label: a skip link, a site map, the terms, the corrections
# page (``decide.TEXT_LABEL_LINES``). Bare, as a menu or footer prints them; in a sentence they are prose.
SITE_FURNITURE_LINE = re.compile(
    r"""^\W*(?:
    skip\s+to\s+(?:the\s+)?(?:main\s+)?(?:content|navigation|\S+\s+navigation|search)
    |(?:help\s*\|\s*)?site\s*map(?:\s*\|\s*\w+)*
    |(?:(?:site|website|membership|user)\s+)?terms\s+(?:of\s+(?:service|use)|(?:and|&)\s+conditions)
    |(?:corrections|clarifications)(?:\s+(?:and|&)\s+(?:corrections|clarifications))?
    )\W*$""",
    re.IGNORECASE | re.VERBOSE,
)
# A line that is nothing but a generic section heading of a document's own ("Final thoughts", "Conclusion",
# "References", "Getting started", "FAQ"): it names a part of the text, so it need not share the text's words
# (``decide.off_topic_lines`` leaves it). English, German, French, Spanish, Italian and Dutch.
GENERIC_SECTION_HEADING = re.compile(
    r"""^\W*(?:
    (?:final|closing|concluding)\s+(?:thoughts?|words?|remarks?|verdict)|(?:in\s+)?conclusions?|(?:in\s+)?summary
    |the\s+(?:verdict|bottom\s+line)|bottom\s+line|key\s+takeaways?|takeaways?|(?:further\s+)?references|sources
    |bibliography|further\s+reading|getting\s+started|introduction|overview|background|methodology|how\s+we\s+tested
    |next\s+steps|faqs?|frequently\s+asked\s+questions|notes?|recap|tl;?dr
    |fazit|zusammenfassung|einleitung|quellen|literatur|hintergrund|häufige\s+fragen
    |résumé|en\s+résumé|questions\s+fréquentes
    |conclusi(?:ón|ones)|introducción|referencias|resumen|fuentes|preguntas\s+frecuentes
    |conclusioni|introduzione|riferimenti|riepilogo|fonti|domande\s+frequenti
    |conclusie|samenvatting|inleiding|bronnen|veelgestelde\s+vragen
    )\W*$""",
    re.IGNORECASE | re.VERBOSE,
)
# A plain-text line that is nothing but a widget's own control text: the help link printed beside a share bar or a
# sign-in box ("What's this?", "Was ist das?"), a search form's type picker or options ("Search type", "Choose a search
# type ..."): boilerplate (``decide.TEXT_WIDGET_LABEL_LINES``). Contracted or plural forms only in English: "What is
# this?" alone on a line can be a writer's own question. "Advanced search" is left out: a documentation page's text.
WIDGET_LABEL_LINE = re.compile(
    r"""^\W*(?:
    what(?:'|’)s\s+this|what\s+are\s+these|was\s+ist\s+das|qu(?:'|’)est-ce\s+que\s+c(?:'|’)est|qué\s+es\s+esto
    |wat\s+is\s+dit|cos(?:'|’)è\s+questo
    |(?:choose\s+an?\s+|select\s+an?\s+)?search\s+(?:type|options?|scope)\b[^.!?]{0,40}|suchoptionen
    |options\s+de\s+recherche|opciones\s+de\s+búsqueda|opzioni\s+di\s+ricerca|zoekopties
    )\W*$""",
    re.IGNORECASE | re.VERBOSE,
)
# The end of a teaser card for another page read as one line: the card's link to more ("» More from <source>",
# "... (more)") after its headline or blurb (``decide.TEXT_MORE_LINK_MAX_WORDS``). The arrow or the brackets make it a
# link, not the writer's sentence ("more from the mayor" stays prose).
MORE_LINK_TAIL = re.compile(
    r"""(?:[»›>]\s*|>>\s*)(?:read\s+)?more\s+(?:from|at|on)\s+\S[^.!?]{0,40}$|\((?:read\s+)?more\)\W*$""",
    re.IGNORECASE | re.VERBOSE,
)
# A plain-text line that is nothing but a sponsor's credit before its logo ("Sponsored by", "In partnership with",
# "Mit freundlicher Unterstützung von"): promo (``decide.TEXT_LABEL_LINES``).
SPONSOR_LINE = re.compile(
    r"""^\W*(?:
    (?:sponsored|presented|brought\s+to\s+you|supported)\s+by|in\s+(?:partnership|association|cooperation)\s+with
    |paid\s+for\s+by|(?:mit\s+(?:freundlicher\s+)?unterstützung|präsentiert|gesponsert|unterstützt)\s+(?:von|durch)
    |in\s+(?:kooperation|zusammenarbeit)\s+mit|(?:sponsorisé|présenté|soutenu)\s+par|en\s+partenariat\s+avec
    |(?:patrocinado|presentado)\s+por|en\s+colaboración\s+con|(?:sponsorizzato|presentato)\s+da
    |in\s+collaborazione\s+con|(?:gesponsord|gepresenteerd)\s+door|in\s+samenwerking\s+met
    )\W*$""",
    re.IGNORECASE | re.VERBOSE,
)

# The start of a sentence that is a flattened widget, not prose: extractors glue a share bar, a sign-up ask, a
# cookie notice or an ad label onto the paragraph next to it ("...said the mayor. Share this article on Facebook").
# Read at the start of a paragraph's first or last sentences (``segment.opens_like_widget``), with CALL_TO_ACTION
# and PRIVACY_CHOICE. "Read more" and "See also" only bare (a button, a heading): "Read more about X in our guide."
# is the article's own.
WIDGET_OPENING = re.compile(
    r"""^\W*(?:
    share\s+(?:this|on|via)\b|click\s+here\b|tap\s+here\b|read\s+more\W*$|read\s+also\b|see\s+also\W*$|related\s*:
    |advertisement\b|sponsored\s+content\b|this\s+(?:site|website)\s+uses\s+cookies|we\s+use\s+cookies
    |by\s+(?:clicking|continuing|signing\s+up|subscribing|submitting|using\s+this)\b|accept\s+(?:all\s+)?cookies
    |(?:sign\s+up|subscribe)\s+(?:to|for)\s+(?:our|the)\b|get\s+our\s+\w+\s+newsletter|view\s+results\b
    |notify\s+me\s+of\b|rate\s+this\s+(?:post|article|story)|follow\s+@|log\s+in\s+or\s+(?:create|register)
    |(?:you(?:'|’)ve|you\s+have)\s+reached\s+(?:your|the)\b|thanks?\s+(?:you\s+)?for\s+signing\s+up
    |teilen\s+sie\b|artikel\s+teilen|mehr\s+zum\s+thema|lesen\s+sie\s+auch|wir\s+verwenden\s+cookies|anzeige\b
    |partager\s+(?:cet|sur)\b|lire\s+aussi|nous\s+utilisons\s+des\s+cookies|publicité\b
    |compartir\s+en\b|lee\s+también|utilizamos\s+cookies|publicidad\b
    |condividi\s+su\b|leggi\s+anche|utilizziamo\s+i\s+cookie|pubblicità\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)

# A short plain-text line that carries a clock time or a year, or opens on "By" / "From": a byline or dateline, the
# page's furniture (LABELS.md), never a subheading restored by ``decide.TEXT_HEADING_SHARED_WORDS``.
BYLINE_OR_DATELINE = re.compile(r"\b\d{1,2}:\d\d\b|\b(?:19|20)\d\d\b|^\W*(?:by|from)\b", re.IGNORECASE)

# A heading over a reader-comment section, bare as a blog prints it: "Comments", "12 Comments", "Reader comments (4)",
# "5 Responses to ...", "3 thoughts on ...", and the same in German, French, Spanish, Italian and Dutch
# (``decide.HEADED_THREAD_MIN_STAMPS``).
THREAD_HEADING = re.compile(
    r"""^\W*(?:\d+\s+)?(?:(?:reader|readers(?:'|’)|user|visitor)\s+)?(?:
    comments?|responses?|replies|kommentare|commentaires|comentarios|commenti|reacties|reactions
    )(?:\s*\(\d+\)|\s+\d+)?(?:\s+(?:to|on|for|zu)\s+\S.{0,120})?\W*$
    |^\W*\d+\s+thoughts?\s+on\s+\S.{0,120}$""",
    re.IGNORECASE | re.VERBOSE,
)
# A post's time stamp in a short line: a clock time ("10:32 PM", "14:05"), a date with a month name ("March 26,
# 2007", "26 Mar 2007") or in figures ("26/03/2007", "2007-03-26"), or an age ("3 hours ago").
TIME_STAMP = re.compile(
    r"""\b\d{1,2}:\d{2}\b
    |\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b
    |\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4}\b
    |\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b
    |\b\d+\s+(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b""",
    re.IGNORECASE | re.VERBOSE,
)
# A teaser's date: a time stamp as above, or a day and a month name with a year of two or four figures ("26 Nov 10",
# "Nov 26, 10") as news sites print under other stories' headlines (``decide.TEASER_DATED_MIN_LINK_DENSITY``).
TEASER_DATE = re.compile(
    TIME_STAMP.pattern
    + r"""|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:\d{2}|\d{4})\b
    |\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+(?:\d{2}|\d{4})\b""",
    re.IGNORECASE | re.VERBOSE,
)

# A consent notice's own small print, found anywhere in a plain-text line (``decide.TEXT_NOTICE_MAX_WORDS``): a cookie
# table's description of one cookie ("This cookie is set by ...", "Analytics cookies are used to understand ...") as
# consent tools print it, and a citation of the GDPR articles a notice rests on (consent, Art. 6/7/9; transfers outside
# the EU, Art. 44-49: "gemäß Art. 45 ff. DSGVO"). An article about cookies or privacy law names them, it does not
# describe one cookie's job or cite an article number with the regulation's abbreviation.
CONSENT_NOTICE_TEXT = re.compile(
    r"""\b(?:this|the)\s+cookie\s+(?:is|was)\s+(?:set|used|installed|placed|stored)\b
    |\b\w+\s+cookies\s+(?:are|is)\s+used\s+to\s+
      (?:understand|analy[sz]e|store|track|collect|provide|record|remember|deliver|identify|measure)\b
    |\bdieses?\s+cookie\s+wird\b|\bce\s+cookie\s+(?:est|sert)\b|\b(?:esta|este)\s+cookie\s+(?:se|es)\b
    |\bquesto\s+cookie\s+(?:è|viene)\b|\bdeze\s+cookie\s+wordt\b
    |\bart(?:\.|ikel|icle|icolo|ículo|igo)?\s*(?:6|7|9|4[4-9])\b[^!?\n]{0,40}?\b(?:DSGVO|DS-GVO|GDPR|RGPD|AVG)\b""",
    re.IGNORECASE | re.VERBOSE,
)
# The purposes and features a consent platform under the ad industry's transparency framework lists, in its shared
# wording per language ("personalised ads and content, ad and content measurement, audience insights and product
# development", "precise geolocation data", "device characteristics for identification"). One such phrase can be an
# article's ("product development"); a line holding ``CONSENT_PURPOSE_MIN_HITS`` different ones is the list.
CONSENT_PURPOSE = re.compile(
    r"""personali[sz]ed\s+(?:ads|advertising|content)|(?:ad|advertising|content)\s+(?:and\s+content\s+)?measurement
    |audience\s+(?:insights|research)|product\s+development|develop\s+and\s+improve\s+(?:products|services)
    |precise\s+geolocation|device\s+characteristics|scanning\s+(?:of\s+)?devices?
    |(?:store|access)\s+(?:and/or\s+access\s+)?information\s+on\s+(?:a|your|the\s+user(?:'|’)s)\s+device
    |personalisierte\s+(?:anzeigen|inhalte|werbung)|(?:anzeigen|inhalte?|inhalts)[-\s]?messung
    |erkenntnisse\s+über\s+zielgruppen|produktentwicklung|genaue\s+standortdaten|geräte(?:eigenschaften|merkmale)
    |informationen\s+auf\s+einem\s+gerät
    |publicités?\s+(?:et\s+contenu\s+)?personnalisé|mesure\s+de\s+(?:performance|l(?:'|’)audience)
    |études?\s+d(?:'|’)audience|développement\s+de\s+(?:produits|services)|géolocalisation\s+précise
    |caractéristiques\s+(?:de\s+l(?:'|’)appareil|du\s+terminal)|stocker\s+et/ou\s+accéder
    |anuncios\s+(?:y\s+contenido\s+)?personalizados|medición\s+de\s+(?:anuncios|contenido)|estudios?\s+de\s+audiencia
    |desarrollo\s+de\s+(?:productos|servicios)|geolocalización\s+precisa|características\s+del\s+dispositivo
    |annunci\s+(?:e\s+contenuti\s+)?personalizzati|misurazione\s+(?:degli\s+annunci|dei\s+contenuti)
    |ricerche\s+sul\s+pubblico|sviluppo\s+(?:di\s+)?prodotti|geolocalizzazione\s+precisi|caratteristiche\s+del\s+dispositivo
    |gepersonaliseerde\s+(?:advertenties|content|inhoud)|advertentiemeting|doelgroepinzichten|productontwikkeling
    |apparaatkenmerken|precieze\s+geolocatie""",
    re.IGNORECASE | re.VERBOSE,
)
CONSENT_PURPOSE_MIN_HITS = 2


def consent_purposes(text: str) -> int:
    """How many different ``CONSENT_PURPOSE`` phrases ``text`` holds."""
    return len({m.group(0).lower() for m in CONSENT_PURPOSE.finditer(text)})


# The title of a consent notice, the whole of a line next to the notice: "Notice for <the network>", "Privacy notice
# from ...", or the heading a consent gate puts over an embed ("External content", "Externer Inhalt").
CONSENT_NOTICE_TITLE = re.compile(
    r"""^\W*(?:(?:privacy|cookie|consent|data\s+protection)\s+)?notice\s+(?:for|from|of)\s+[^.!?]{1,40}$
    |^\W*(?:(?:empfohlener|recommended)\s+)?(?:externer\s+inhalt|external\s+content)\W*$
    |^\W*(?:contenu\s+externe|contenido\s+externo|contenuto\s+esterno|externe\s+inhoud)\W*$""",
    re.IGNORECASE | re.VERBOSE,
)

# A publisher's offer line (``decide.TEXT_OFFER_LINE_MAX_WORDS``), promo: the e-paper pitch ("ePaper, a digital
# replica of the print edition"), an expert council's membership pitch ("an invitation-only community for ... leaders.
# Do I qualify?"), a newsletter's name line ("The X newsletter for Y", bare), a comparison portal's label
# ("Produktvergleiche rund um ..."; not a bare "...vergleich" compound, which an article's subheading can be).
OFFER_LINE = re.compile(
    r"""\b(?:e-?paper|digital\s+replica|electronic\s+replica)\b[^.!?]{0,60}?\bprint\s+edition
    |\binvitation[-\s]only\s+(?:network|community)\s+(?:of|for)\s+(?:\w+\s+){0,3}
      (?:professionals|leaders|executives|experts|influencers|creatives)\b|\bdo\s+i\s+qualify\s*\?
    |^\W*(?:the|der|die|das|our|unser)\s+(?:[\w&.]+[-\s]){0,3}newsletter\s+
      (?:for|für|pour|para|per|voor|about|über|zu|zum|zur|on)\s+[^.!?:]{1,50}$
    |^\W*(?:produkt|preis|tarif)?vergleiche\s+(?:zu|rund\s+um|für)\s+[^.!?]{1,60}\W*$""",
    re.IGNORECASE | re.VERBOSE,
)
# A word every ``OFFER_LINE`` match holds (one per branch): a text without one is not searched (``decide.texts_found``).
OFFER_LINE_WORDS = re.compile(r"edition|invitation|qualify|newsletter|vergleiche", re.IGNORECASE)
