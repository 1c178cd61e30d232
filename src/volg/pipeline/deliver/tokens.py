"""Signed tokens in the links of every digest: with one, a reader can change hours or unsubscribe without an
account. A token names a subscription and is signed with volg's key, so it cannot be guessed or altered; it does
not expire (a link in last year's email still unsubscribes)."""

from __future__ import annotations

from itsdangerous import BadSignature, URLSafeSerializer

from volg.errors import InputError

_SALT = "volg.subscription"


def make_token(key: str, subscription_id: int) -> str:
    return str(URLSafeSerializer(key, salt=_SALT).dumps(subscription_id))


def read_token(key: str, token: str) -> int:
    """The subscription id a token names; InputError when the token is not one volg signed."""
    try:
        found = URLSafeSerializer(key, salt=_SALT).loads(token)
    except BadSignature:
        raise InputError("this link is not valid (its token was altered or is not from this volg)") from None
    if not isinstance(found, int):
        raise InputError("this link is not valid (its token names no subscription)")
    return found
