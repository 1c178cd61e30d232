"""The words of the web pages in Dutch and English; the reader's Accept-Language picks, Dutch first."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "lang": "nl", "manage": "Abonnement beheren", "topic": "Onderwerp", "times": "Tijden (lokaal, bv. 08:00,19:00)",
        "tz": "Tijdzone", "max": "Hoogstens zoveel ontwikkelingen per update", "save": "Opslaan",
        "saved": "Opgeslagen.", "pause": "Afmelden", "resume": "Weer aanmelden", "active": "Actief",
        "inactive": "Afgemeld: je krijgt geen updates meer.", "feed": "Atom-feed",
        "unsubscribe": "Afmelden", "unsubscribe_ask": "Wil je geen updates meer over dit onderwerp?",
        "unsubscribed": "Je bent afgemeld. Je krijgt geen updates meer over dit onderwerp.",
        "not_found": "Niet gevonden", "bad_link": "Deze link werkt niet", "error": "Niet opgeslagen",
    },
    "en": {
        "lang": "en", "manage": "Manage your subscription", "topic": "Topic",
        "times": "Times (local, e.g. 08:00,19:00)", "tz": "Time zone",
        "max": "At most this many developments per update",
        "save": "Save", "saved": "Saved.", "pause": "Unsubscribe", "resume": "Subscribe again", "active": "Active",
        "inactive": "Unsubscribed: you get no more updates.", "feed": "Atom feed", "unsubscribe": "Unsubscribe",
        "unsubscribe_ask": "Stop getting updates on this topic?",
        "unsubscribed": "You are unsubscribed. You will get no more updates on this topic.",
        "not_found": "Not found", "bad_link": "This link does not work", "error": "Not saved",
    },
}


def labels_for(accept_language: str) -> dict[str, str]:
    """Dutch unless the reader's browser prefers English over Dutch."""
    for part in accept_language.split(","):
        code = part.split(";", 1)[0].strip().lower()[:2]
        if code in LABELS:
            return LABELS[code]
    return LABELS["nl"]
