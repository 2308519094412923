"""Per-character features for tagging names in Chinese text.

Names are tagged character by character, so a span can start and end anywhere,
whatever jieba's segmentation (深圳宝安鼎盛电子 is one jieba run but two
entities). Each character is described by itself and its neighbours, the jieba
word it sits in (with its part-of-speech tag: nr person, ns place, nt
organisation), and the word lists of nlu/gazetteer.py.
"""

from __future__ import annotations

from typing import Any, Dict, List, Tuple

from nlu import gazetteer


def _char_class(ch: str) -> str:
    if ch.isdigit():
        return "D"
    if "\u4e00" <= ch <= "\u9fff":
        return "H"
    if ch.isascii() and ch.isalpha():
        return "L"
    if ch.isspace():
        return "S"
    return "P"


def _words(text: str) -> List[Tuple[str, str]]:
    """Jieba words with part-of-speech tags.

    Dictionary words take their dictionary tag; only words jieba does not know
    (often names) go through posseg's slower HMM tagger: a whole message through
    posseg costs up to 7 ms, this about 3 ms at worst.
    """
    import jieba
    import jieba.posseg

    tags = jieba.posseg.dt.word_tag_tab
    words: List[Tuple[str, str]] = []
    for word in jieba.cut(text):
        tag = tags.get(word)
        if tag is not None:
            words.append((word, tag))
        else:
            words.extend((pair.word, pair.flag) for pair in jieba.posseg.cut(word))
    return words


def char_features(text: str) -> List[Dict[str, Any]]:
    """Features of each character of text (already normalised: Simplified, half-width)."""
    n = len(text)
    words = _words(text)
    # which word each character sits in, and where in it: B(egin) M(iddle) E(nd) S(ingle)
    word_of: List[Tuple[int, str]] = []
    for index, (word, _) in enumerate(words):
        for k in range(len(word)):
            word_of.append((index, "S" if len(word) == 1 else "B" if k == 0 else "E" if k == len(word) - 1 else "M"))
    word_of = (word_of + [(len(words) - 1, "S")] * n)[:n]
    classes = [_char_class(ch) for ch in text]
    marks = gazetteer.marks(text)
    features = []
    for i, ch in enumerate(text):
        index, position = word_of[i]
        word, tag = words[index] if words else (ch, "x")
        f: Dict[str, Any] = {
            "bias": 1.0, "c": ch, "cls": classes[i], "pos": tag, "pos_at": tag + position, "at": position,
            "surname": ch in gazetteer.SURNAMES,
            "prev_word": words[index - 1][0] if index > 0 else "<s>",
            "prev_pos": words[index - 1][1] if index > 0 else "<s>",
            "next_word": words[index + 1][0] if index + 1 < len(words) else "</s>",
            "next_pos": words[index + 1][1] if index + 1 < len(words) else "</s>",
            "bigram_left": (text[i - 1] if i else "#") + ch,
            "bigram_right": ch + (text[i + 1] if i + 1 < n else "#"),
            "two_before": text[max(0, i - 2) : i],
            "two_after": text[i + 1 : i + 3],
        }
        if len(word) <= 4:
            f["word"] = word
        for offset in (-3, -2, -1, 1, 2, 3):
            j = i + offset
            f[f"c{offset:+d}"] = text[j] if 0 <= j < n else "#"
        for mark in marks[i]:
            f["in_" + mark] = True
        for offset in (-1, 1):
            if 0 <= i + offset < n:
                for mark in marks[i + offset]:
                    f[f"in{offset:+d}_" + mark] = True
        # a company or project suffix coming up within the same run of characters (鼎盛|电子)
        for tag_name in ("ORG", "PRJ", "ADM"):
            for k in range(1, 8):
                j = i + k
                if j >= n or classes[j] in "SP":
                    break
                if f"{tag_name}:B" in marks[j]:
                    f[f"ahead_{tag_name}"] = min(k, 5)
                    break
        # how far behind the end of a place name (深圳宝安|鼎盛)
        for k in range(1, 8):
            j = i - k
            if j < 0 or classes[j] in "SP":
                break
            if "PL:E" in marks[j] or "ADM:B" in marks[j]:
                f["after_place"] = min(k, 5)
                break
        features.append(f)
    return features
