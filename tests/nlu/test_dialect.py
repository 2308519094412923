"""Dialect words are read as Mandarin before any rule or model sees the text."""

import pytest

from nlu.dialect import SAME_LENGTH, to_mandarin
from nlu.script import normalise


def test_every_replacement_keeps_the_length():
    assert all(len(word) == len(mandarin) for word, mandarin in SAME_LENGTH.items())


@pytest.mark.parametrize("text,mandarin", [
    ("𠊎喊做温素兰", "我叫做温素兰"),  # Hakka
    ("佢先畀了𠊎一千五", "他先给了我一千五"),  # Cantonese and Hakka
    ("头家欠𠊎工钱毋畀", "老板欠我工钱不给"),
    ("阿拉六个人 三个号头拢总勿发", "我们六个人 三个月份一共不发"),  # Wu and Minnan
    ("莫得合同", "没有合同"),  # Sichuanese
    ("俺们是周口沈丘哩", "我们是周口沈丘的"),  # Henan
    ("仲争七千八百蚊", "还差七千八百蚊"),  # Cantonese "still owed"
])
def test_dialect_words_become_mandarin(text, mandarin):
    assert to_mandarin(text) == mandarin


def test_a_place_or_a_name_is_left_alone():
    assert to_mandarin("内蒙古阿拉善盟") == "内蒙古阿拉善盟"
    assert to_mandarin("阮文雄 伊犁") == "阮文雄 伊犁"


def test_the_normalised_text_keeps_offsets():
    text = "佢哋喺東莞做嘢"
    assert len(normalise(text)) == len(text) and normalise(text) == "他们在东莞干活"
