"""Signed tokens in the links of every digest: with one, a reader can change hours or unsubscribe without an
account. A token names a subscription and is signed with volg's key, so it cannot be guessed or altered; it does
not expire (a link in last year's email still unsubscribes). A confirmation link carries a token of another kind
(`purpose="confirm"`), so neither can stand in for the other; it lapses with the unconfirmed subscription."""

from __future__ import annotations

from itsdangerous import BadSignature, URLSafeSerializer

from volg.errors import InputError

_SALTS = {"manage": "volg.subscription", "confirm": "volg.confirm"}


def make_token(key: str, subscription_id: int, *, purpose: str = "manage") -> str:
    return str(URLSafeSerializer(key, salt=_SALTS[purpose]).dumps(subscription_id))


def read_token(key: str, token: str, *, purpose: str = "manage") -> int:
    """The subscription id a token names; InputError when the token is not one volg signed for `purpose`."""
    try:
        found = URLSafeSerializer(key, salt=_SALTS[purpose]).loads(token)
    except BadSignature:
        raise InputError("this link is not valid (its token was altered or is not from this volg)") from None
    if not isinstance(found, int):
        raise InputError("this link is not valid (its token names no subscription)")
    return found
