"""Jieba tokenizer that also cuts where closed-form entities begin and end, and at known seams.

Jieba glues figures to units (九千块, 两个月工资) and names to verbs (杨总欠),
which makes rare one-off tokens (../shared/notes/nlu-pitfalls.md). This
tokenizer runs jieba on the normalised text, then splits tokens at the edges
of rule-found spans and at a few known seams, so that word features are shared
(九千块 and 两千块 both hold 块). Names are tagged per character, whatever the
tokens (nlu/name_extractor.py).
"""

from __future__ import annotations

import unicodedata
from typing import List, Set

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.jieba_tokenizer import JiebaTokenizer
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu.patterns import find_spans
from nlu.script import NORMALISED_TEXT, normalise, to_simplified

# Message property (in parse data) telling which script the worker wrote in.
SCRIPT = "script"
# Verbs that often follow a name inside one jieba token: 杨总欠, 老刘拖.
_VERBS_AFTER_NAME = ("欠", "拖", "不给", "跑", "赖", "说", "电话", "压", "扣")
# Administrative suffixes that jieba glues to the following name: 区御景.
_ADMIN_SUFFIXES = "省市区县镇乡村"


def _is_punctuation(word: str) -> bool:
    return all(unicodedata.category(ch).startswith("P") or ch.isspace() for ch in word)


def _is_dictionary_word(word: str) -> bool:
    import jieba

    jieba.dt.check_initialized()
    return bool(jieba.dt.FREQ.get(word))


def cut_points(text: str) -> Set[int]:
    """Character offsets where a token must end, whatever jieba says."""
    points: Set[int] = set()
    for span in find_spans(text):
        points.update((span.start, span.end))
    return points


def split_token(token: Token, points: Set[int]) -> List[Token]:
    """Split one token at the given offsets and at the known seams."""
    word, start = token.text, token.start
    cuts = {p - start for p in points if start < p < token.end}
    if len(word) > 1 and not _is_dictionary_word(word):
        for verb in _VERBS_AFTER_NAME:
            index = word.find(verb)
            if index > 0:
                cuts.add(index)
        if word[0] in _ADMIN_SUFFIXES:
            cuts.add(1)
    if not cuts:
        return [token]
    pieces, previous = [], 0
    for cut in sorted(cuts) + [len(word)]:
        if cut > previous:
            pieces.append(Token(word[previous:cut], start + previous))
        previous = cut
    return pieces


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=True
)
class DomainJiebaTokenizer(JiebaTokenizer):
    """JiebaTokenizer plus cuts at entity edges (see module docstring)."""

    def tokenize(self, message: Message, attribute: str) -> List[Token]:
        import jieba

        text = message.get(attribute) or ""
        # Segment the normalised form (Simplified, half-width, Mandarin words: jieba's
        # dictionary and our rules are written for it). Offsets are the same in both,
        # so entity values are still taken from the worker's own text.
        simplified_script = to_simplified(text)
        simplified = normalise(text)
        points = cut_points(simplified)
        if attribute == TEXT:
            message.set(SCRIPT, "traditional" if simplified_script != text else "simplified",
                        add_to_output=True)
            message.set(NORMALISED_TEXT, simplified)  # read by the extractors after us
        # Punctuation carries no entity; it is kept only when it is all there is,
        # so that a message never ends up with no tokens.
        drop_punctuation = not _is_punctuation(simplified)
        result: List[Token] = []
        for word, start, _end in jieba.tokenize(simplified):
            if not word.strip() or (drop_punctuation and _is_punctuation(word)):
                continue
            result.extend(split_token(Token(word, start), points))
        return self._apply_token_pattern(result)
