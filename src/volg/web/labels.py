"""The words of the web pages in Dutch and English; the reader's Accept-Language picks, Dutch first."""

from __future__ import annotations

from volg.counts import NOUNS

LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "lang": "nl", "other_lang": "en", "other_lang_name": "English",
        "manage": "Abonnement beheren", "topic": "Onderwerp", "times": "Tijden (lokaal, bv. 08:00,19:00)",
        "tz": "Tijdzone", "max": "Hoogstens zoveel ontwikkelingen per update", "save": "Opslaan",
        "saved": "Opgeslagen.", "pause": "Pauzeren", "resume": "Weer aanzetten", "active": "Actief",
        "inactive": "Gepauzeerd of afgemeld: je krijgt geen updates.", "feed": "Atom-feed",
        "unsubscribe": "Afmelden", "unsubscribe_ask": "Wil je geen updates meer over dit onderwerp?",
        "unsubscribed": "Je bent afgemeld. Je krijgt geen updates meer over dit onderwerp.",
        "not_found": "Niet gevonden", "bad_link": "Deze link werkt niet", "error": "Niet opgeslagen",
        "not_found_text": "Deze pagina bestaat niet (meer).", "not_allowed": "Dat kan hier niet",
        "not_allowed_text": "Deze pagina kan dat niet doen.", "bad_request": "Dit verzoek klopt niet",
        "bad_request_text": "Controleer de link of het formulier en probeer het nog eens.",
        "server_error": "Er ging iets mis", "server_error_text": "Probeer het later nog eens; de beheerder kan in het "
        "logboek zien wat er gebeurde.",
        "home": "Voorpagina", "search": "Zoeken", "search_label": "Zoek in artikelen en verhalen",
        "topics": "Onderwerpen", "stories": "verhalen", "discovered": "ontdekt", "activity": "ontwikkelingen per dag",
        "important": "Belangrijkste ontwikkelingen", "timeline": "Tijdlijn", "map": "Waar het gebeurt",
        "map_none": "Geen plaatsen gevonden.", "map_places": "Genoemde plaatsen (in hoeveel ontwikkelingen):",
        "follow": "Volg dit onderwerp",
        "follow_ask": "Wil je een paar keer per dag een update van de belangrijkste ontwikkelingen?",
        "sources": "Bronnen", "why": "Waarom", "importance": "belang", "update": "Update",
        "new_since": "Nieuw sinds je laatste bezoek", "since_visit": "Sinds je laatste bezoek (%s)",
        "new_one": "%d nieuwe ontwikkeling", "new_many": "%d nieuwe ontwikkelingen", "new_none": "niets nieuws",
        "articles": "Artikelen", "views": "Opinie en achtergrond", "no_results": "Niets gevonden.",
        "preview": "Zo ziet je update er nu uit", "preview_none": "Nu is er niets nieuws; je krijgt een update zodra er"
        " iets gebeurt.", "email": "E-mailadres", "push": "Pushmelding (Apprise-URL, bv. ntfy://mijn-onderwerp)",
        "webhook": "Webhook-URL", "optional": "optioneel", "subscribe": "Volgen",
        "background": "Ook opinie, analyses en interviews (gemarkeerd), niet alleen nieuws",
        "followed": "Je volgt dit onderwerp", "csrf": "Het formulier is verlopen; probeer het nog eens.",
        "nothing_yet": "Nog geen ontwikkelingen.", "feed_link": "Je eigen Atom-feed", "manage_link": "Beheren",
        "first_report": "eerste melding", "newest": "De nieuwste %d van %d ontwikkelingen.",
        "admin": "Beheer", "admin_token": "API-token", "admin_refused": "Onjuist token.",
        **NOUNS["nl"],
        "when": "Wanneer?", "slot_morning": "'s Ochtends", "slot_noon": "'s Middags", "slot_evening": "'s Avonds",
        "other_times": "Andere tijden (lokaal, bv. 07:30,22:00)", "more_channels": "Meer kanalen: pushmelding, webhook",
        "confirm": "Bevestigen", "confirm_ask": "Wil je dit onderwerp volgen? Bevestig het met deze knop.",
        "confirm_sent": "Bijna klaar: we hebben een link naar {email} gestuurd. Klik erop binnen {hours} uur om te "
                        "bevestigen; tot dan krijg je niets.",
        "confirm_failed": "De bevestigingsmail kon niet worden verstuurd. Probeer het later opnieuw.",
        "unresolved": "Let op: {host} is nu niet te vinden ({target}). Het adres is bewaard en wordt bij elke update "
                      "opnieuw opgezocht; klopt het niet, meld je dan af en volg opnieuw met het goede adres.",
        "not_adopted": "Een gevonden onderwerp kun je volgen zodra de beheerder het heeft overgenomen.",
        "too_many": "Even geduld", "too_many_text": "Te veel verzoeken vanaf dit adres. Probeer het later opnieuw.",
        "admin_off": "De beheerpagina's staan uit: zet VOLG_API_TOKEN om ze te gebruiken.", "sign_in": "Inloggen",
        "sign_out": "Uitloggen", "sources_health": "Bronnen", "failed_deliveries": "Mislukte bezorgingen",
        "retry_all": "Alle opnieuw versturen", "none": "Geen.", "status": "Status", "failures": "fouten",
        "next_poll": "volgende keer", "attempts": "pogingen",
    },
    "en": {
        "lang": "en", "other_lang": "nl", "other_lang_name": "Nederlands",
        "manage": "Manage your subscription", "topic": "Topic",
        "times": "Times (local, e.g. 08:00,19:00)", "tz": "Time zone",
        "max": "At most this many developments per update",
        "save": "Save", "saved": "Saved.", "pause": "Pause", "resume": "Resume", "active": "Active",
        "inactive": "Paused or unsubscribed: you get no updates.", "feed": "Atom feed", "unsubscribe": "Unsubscribe",
        "unsubscribe_ask": "Stop getting updates on this topic?",
        "unsubscribed": "You are unsubscribed. You will get no more updates on this topic.",
        "not_found": "Not found", "bad_link": "This link does not work", "error": "Not saved",
        "not_found_text": "This page does not exist (any more).", "not_allowed": "Not allowed here",
        "not_allowed_text": "This page cannot do that.", "bad_request": "This request is not valid",
        "bad_request_text": "Check the link or the form and try again.",
        "server_error": "Something went wrong", "server_error_text": "Please try again later; the operator can see "
        "what happened in the log.",
        "home": "Home", "search": "Search", "search_label": "Search articles and stories", "topics": "Topics",
        "stories": "stories", "discovered": "discovered", "activity": "developments per day",
        "important": "Most important developments", "timeline": "Timeline", "map": "Where it happens",
        "map_none": "No places found.", "map_places": "Places named (in how many developments):",
        "follow": "Follow this topic",
        "follow_ask": "Get an update with the most important developments a few times a day?",
        "sources": "Sources", "why": "Why", "importance": "importance", "update": "Update",
        "new_since": "New since your last visit", "since_visit": "Since your last visit (%s)",
        "new_one": "%d new development", "new_many": "%d new developments", "new_none": "nothing new",
        "articles": "Articles", "views": "Opinion and background", "no_results": "Nothing found.",
        "preview": "What your update looks like now",
        "preview_none": "Nothing new right now; you get an update as soon as something happens.",
        "email": "Email address", "push": "Push notification (Apprise URL, e.g. ntfy://my-topic)",
        "webhook": "Webhook URL", "optional": "optional", "subscribe": "Follow",
        "background": "Also opinion, analysis and interviews (marked), not only news",
        "followed": "You follow this topic", "csrf": "The form expired; please try again.",
        "nothing_yet": "No developments yet.", "feed_link": "Your own Atom feed", "manage_link": "Manage",
        "first_report": "first report", "newest": "The newest %d of %d developments.",
        "admin": "Admin", "admin_token": "API token", "admin_refused": "Wrong token.",
        **NOUNS["en"],
        "when": "When?", "slot_morning": "Morning", "slot_noon": "Midday", "slot_evening": "Evening",
        "other_times": "Other times (local, e.g. 07:30,22:00)", "more_channels": "More channels: push, webhook",
        "confirm": "Confirm", "confirm_ask": "Do you want to follow this topic? Confirm with this button.",
        "confirm_sent": "Almost done: we sent a link to {email}. Click it within {hours} hours to confirm; until "
                        "then you get nothing.",
        "confirm_failed": "The confirmation mail could not be sent. Please try again later.",
        "unresolved": "Note: {host} cannot be found now ({target}). The address is kept and looked up again at "
                      "every update; if it is wrong, unsubscribe and follow again with the right one.",
        "not_adopted": "A discovered topic can be followed once the operator adopts it.",
        "too_many": "Please wait", "too_many_text": "Too many requests from this address. Please try again later.",
        "admin_off": "The admin pages are off: set VOLG_API_TOKEN to use them.", "sign_in": "Sign in",
        "sign_out": "Sign out", "sources_health": "Sources", "failed_deliveries": "Failed deliveries",
        "retry_all": "Send all again", "none": "None.", "status": "Status", "failures": "failures",
        "next_poll": "next poll", "attempts": "attempts",
    },
}


def labels_for(accept_language: str, chosen: str | None = None) -> dict[str, str]:
    """The language the reader `chosen` with the pages' switch; else Dutch unless the reader's browser prefers
    English over Dutch."""
    if chosen in LABELS:
        return LABELS[chosen]
    for part in accept_language.split(","):
        code = part.split(";", 1)[0].strip().lower()[:2]
        if code in LABELS:
            return LABELS[code]
    return LABELS["nl"]
