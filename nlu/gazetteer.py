"""Word lists that mark likely name parts in a message: places, company and project suffixes, surnames.

They are features for the open-class entity extractor (nlu/name_extractor.py), not
rules: "宝安" being a district name makes it likely, not certain, that it is
part of a location. Pure functions, no Rasa imports.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import FrozenSet, List, Optional, Set, Tuple

PLACES_FILE = Path(__file__).parent / "gazetteers" / "places.csv"

# Longest first, so that 自治州 is stripped before 州 would be.
_ADMIN_NAME_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "地区", "新区", "林区", "省", "市", "区", "县", "旗", "盟")
NOT_NAMES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
_SHORT_PROVINCES = ("内蒙古", "广西", "宁夏", "新疆", "西藏", "香港", "澳门")

COMPANY_SUFFIXES = (
    "有限责任公司", "有限公司", "集团", "公司", "劳务", "建筑", "建设", "建工", "装饰", "装修", "物业", "物流", "快递",
    "保洁", "家政", "工厂", "厂", "酒店", "餐厅", "饭店", "超市", "店", "馆", "科技", "电子", "服装", "制衣", "机械",
    "工程队", "车队", "商行", "火锅", "烧烤", "酒楼", "宾馆", "农业", "环境", "人力", "外卖", "鞋业", "纺织", "食品",
    "汽配", "仓储", "园林", "光电", "电建", "钢构", "塑胶", "五金", "家具", "眼镜", "玩具", "工作室", "水站", "酒吧",
)
PROJECT_SUFFIXES = (
    "花园", "小区", "家园", "公寓", "大厦", "广场", "中心", "项目", "工程", "工地", "楼盘", "新城", "苑", "府", "湾",
    "期", "标段", "学校", "中学", "小学", "医院", "大桥", "高速", "地铁", "城", "园", "壹号", "一号", "天街", "华府",
    "社区", "综合楼", "安置房", "厂房", "路",
)
ADMIN_WORDS = ("省", "市", "区", "县", "镇", "乡", "村", "街道", "开发区", "新区", "工业园", "园区", "路", "街")
# How people are called: 老王, 小李, 王总, 马老板, 龙哥, 刘姐, 何生.
PERSON_CUES = ("老板娘", "老板", "包工头", "工头", "班组长", "老总", "总", "哥", "姐", "叔", "老", "小", "先生", "女士",
               "师傅", "经理", "主任", "生")
# The most common surnames (about 95% of the population).
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
    "钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊"
    "葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉"
    "骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏"
    "宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
    "赖傅洪丘阎粟谈郁蔺揭钮鞠冀胥冼禹奚邸郜贝卿储屠鄢"
)


@lru_cache(maxsize=1)
def place_names() -> FrozenSet[str]:
    """Administrative division names, full (宝安区) and as people say them (宝安)."""
    names: Set[str] = set(_SHORT_PROVINCES)
    for line in PLACES_FILE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        name = line.split(",")[1].strip()
        if name in NOT_NAMES:
            continue
        names.add(name)
        short = short_name(name)
        if short:
            names.add(short)
    return frozenset(names)


def short_name(name: str) -> Optional[str]:
    """A division's name as people say it (宝安区 -> 宝安, 昌吉回族自治州 -> 昌吉回族), or None."""
    for suffix in _ADMIN_NAME_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


def _longest_matches(text: str, words: FrozenSet[str], max_len: int) -> List[Tuple[int, int]]:
    """Non-overlapping spans of words, scanning left to right, longest first."""
    spans, i = [], 0
    while i < len(text):
        for length in range(min(max_len, len(text) - i), 1, -1):
            if text[i : i + length] in words:
                spans.append((i, i + length))
                i += length
                break
        else:
            i += 1
    return spans


def marks(text: str) -> List[Set[str]]:
    """For each character, the word lists it is part of, with its position (PL:B = first char of a place)."""
    found: List[Set[str]] = [set() for _ in text]
    for start, end in _longest_matches(text, place_names(), 8):
        for k in range(start, end):
            found[k].add("PL:B" if k == start else "PL:E" if k == end - 1 else "PL:I")
    for tag, pattern in _word_patterns():
        for match in pattern.finditer(text):  # every position where a word of the list starts
            start, end = match.start(), match.start() + len(match.group(1))
            for k in range(start, end):
                found[k].add(f"{tag}:B" if k == start else f"{tag}:I")
    return found


@lru_cache(maxsize=1)
def _word_patterns() -> List[Tuple[str, re.Pattern[str]]]:
    """One regex per word list, longest words first, matching at every position (lookahead)."""
    lists = (("ORG", COMPANY_SUFFIXES), ("PRJ", PROJECT_SUFFIXES), ("ADM", ADMIN_WORDS), ("CUE", PERSON_CUES))
    return [(tag, re.compile("(?=(" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + "))"))
            for tag, words in lists]
