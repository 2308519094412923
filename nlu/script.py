"""Traditional -> Simplified conversion that keeps character offsets.

Models and rules work on Simplified text; entity offsets must still point into
the worker's original text, so a conversion that changes the length is done
character by character instead.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import opencc


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Same length as text, every offset maps to the same character."""
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    out = []
    for ch in text:
        single = _converter().convert(ch)
        out.append(single if len(single) == 1 else ch)
    return "".join(out)


def is_traditional(text: str) -> bool:
    """True when the text has characters that differ in Simplified script."""
    return to_simplified(text) != text


# Message property holding normalise(TEXT), set by the tokenizer so later components convert once.
NORMALISED_TEXT = "normalised_text"


def normalised_text(message: Any) -> str:
    """The message's normalised text, from the tokenizer when it already made it."""
    return message.get(NORMALISED_TEXT) or normalise(message.get("text") or "")


def normalise(text: str) -> str:
    """The form the models and rules read: Simplified, half-width, Mandarin words, same length as text."""
    from nlu.dialect import to_mandarin
    from nlu.numbers import to_halfwidth

    return to_mandarin(to_halfwidth(to_simplified(text)))


@lru_cache(maxsize=1)
def _to_traditional() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def to_traditional(text: str) -> str:
    """Bot replies for a worker who writes Traditional characters."""
    return _to_traditional().convert(text)
