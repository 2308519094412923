"""Dialect words read as their Mandarin equivalents, keeping the text's length.

Workers write Cantonese (佢, 畀, 冇), Hakka (𠊎, 头家, 喊做), Wu (阿拉, 铜钿, 号头), Minnan (拢总, 佇),
Sichuanese (莫得, 啷个), Shaanxi (额们), Henan (哩) and northern (俺, 夜来) words. The rules and models are
written for Mandarin, so `nlu.script.normalise` rewrites these words once, before anything reads
the text; every copy of a dialect word in a rule is then unnecessary. Each replacement has the
same length as the word, so offsets still point into the worker's own text (values keep the
worker's characters). A word is listed only when it has no other common meaning in a report
(not 伊, a place's first character in 伊犁; not 阮, a surname; not 额, as in 金额).
"""

from __future__ import annotations

import re
from typing import Dict

# Longer words first where one contains another (唔知 before 唔).
SAME_LENGTH: Dict[str, str] = {
    # people
    "𠊎": "我", "佢": "他", "哋": "们", "俺": "我", "咱": "我", "额们": "我们", "阿拉": "我们",
    "嗰": "那", "𠮶": "那",  # Cantonese "that" (OpenCC writes 嗰 as 𠮶)
    "头家": "老板", "老细": "老板", "事头": "老板",
    # verbs and negation
    "畀": "给", "俾": "给", "喊做": "叫做", "冇知": "不知", "冇得": "没有", "莫得": "没有", "冇": "没",
    "唔知": "不知", "唔係": "不是", "唔系": "不是", "唔肯": "不肯", "唔畀": "不给", "唔俾": "不给",
    "唔比": "不给", "唔发": "不发", "毋": "不", "勿": "不", "嫑": "不", "覅": "不",
    "嘅": "的", "哩": "的",  # Cantonese and Henan 的
    "咗": "了", "喺": "在", "佇": "在", "伫": "在", "睇": "看", "揾": "找", "攞": "拿", "啲": "些",
    "啷个": "怎么", "咋个": "怎么", "几多": "多少", "做嘢": "干活",
    # money and time
    "仲争": "还差", "仲欠": "还欠", "仲差": "还差",  # Cantonese "still owed"
    "拢总": "一共", "铜钿": "工钱", "号头": "月份", "旧年": "去年", "夜来": "昨天",
    "屋企": "家里",
}
# Not a dialect word in these places: 阿拉善 (a league in Inner Mongolia), 唔 as a hesitation.
_EXCEPT = {"阿拉": r"(?!善)"}

_WORDS = re.compile("|".join(
    re.escape(word) + _EXCEPT.get(word, "") for word in sorted(SAME_LENGTH, key=len, reverse=True)))


def to_mandarin(text: str) -> str:
    """The text with dialect words replaced by Mandarin ones of the same length."""
    return _WORDS.sub(lambda m: SAME_LENGTH[m.group(0)], text)
