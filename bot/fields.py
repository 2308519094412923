"""The rules for every lead field, in one place.

Actions, the command line and the store all normalise and check fields
through these functions, so a rule changes in one place only. Facts behind
the rules: ../shared/domain/intake-fields.md.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Dict, List, Optional, Tuple

from nlu.gazetteer import SURNAMES
from nlu.numbers import Quantity, parse_amount, parse_count, parse_quantity, to_halfwidth
from nlu.patterns import find_spans
from nlu.periods import parse_period
from nlu.script import normalise

# Slots the intake form fills, in the order the bot asks for them.
FORM_FIELDS = (
    "employer_name", "project_name", "location", "amount_yuan", "worker_count",
    "period_text", "sector", "reporter_name", "phone",
)
FIELD_LABELS = {
    "employer_name": "欠薪方（老板/公司）",
    "project_name": "项目/工地/单位",
    "location": "干活地点",
    "amount_yuan": "被欠金额",
    "worker_count": "涉及人数",
    "period_text": "欠薪时间",
    "sector": "行业",
    "reporter_name": "您的姓名",
    "phone": "联系电话",
    "extra_info": "补充情况",
}
SECTOR_LABELS = {"construction": "工程建设领域", "other": "非工程建设领域"}
MAX_TEXT = 100
MAX_AMOUNT = 1_000_000  # larger claims are read back with a warning
MIN_AMOUNT = 50  # a total owed below this said in passing is a misread figure (我们俩工资), not wages

_SKIP = re.compile(r"(跳过|不想(给|留|说|告诉)|不方便|不留|不给|不说|不告诉|不透露|匿名|没有手机|不愿意|保密|算了|不用了|不用写|不写了|不用(留|写|填|说)?(名字|姓名|电话|号码))")
_FILLER_PREFIX = re.compile(
    r"^(嗯+|哦+|额额+|额(?=[,，\s.。…])|呃+|好的?(?=[,，\s])|好的|那就(填|写)|就(填|写)|那个|就是|我们?是|我叫|我的名字是|名字是|名字叫|叫做?|姓名是?|是在|在|是|就在|老板是|公司是|项目是|工地是|地址是|地点是)[,，\s]*"
)
# C0 controls and DEL (but tab and newlines): nobody types them; PostgreSQL refuses NUL, Excel the rest.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TRAILING = re.compile(r"[。.!！?？,，~～\s]+$")


# ---------------------------------------------------------------- free text

def clean_text(text: Optional[str]) -> Optional[str]:
    """A short free-text answer without filler words; None when nothing is left."""
    if text is None:
        return None
    value = _CONTROL.sub("", to_halfwidth(str(text))).strip()
    for _ in range(3):
        value = _FILLER_PREFIX.sub("", value)
    value = _TRAILING.sub("", value).strip()
    if not value or not re.search(r"[\w\u4e00-\u9fff]", value):
        return None
    return value[:MAX_TEXT]


def wants_to_skip(text: Optional[str]) -> bool:
    return bool(text and _SKIP.search(text))


# 你先帮我报上去, 直接登记吧, 就这样提交: file now, with what is missing marked for staff.
# 交 alone is "hand in" only at the end (先交吧), not "pay" (要先交什么费用不？).
_FILE_NOW = re.compile(r"((先|直接|就这样|就这么|赶紧|快)(帮我|给我)?((报|登记|提交|上报)(上去|了吧|吧|了)?|交(上去|了吧|吧|了)?$)|"
                       r"(报|交|提交)上去吧?|帮我报上去)")


def wants_to_file_now(text: Optional[str]) -> bool:
    return bool(text and _FILE_NOW.search(normalise(text)))


# ---------------------------------------------------------------- employer

# Words that end or mark a business name (also used to tell a business from a place or a person).
BUSINESS_WORDS = re.compile(r"(公司|集团|有限|厂|单位|项目部|局|院|中心|店|酒店|酒楼|餐厅|饭店|饭馆|餐馆|面馆|食堂|超市|"
                            r"学校|医院|工作室|合作社|物业|商行|经营部|场|站|网点|仓库|货仓|作坊|车行|门市|商店|会所|宾馆|馆|"
                            r"旅馆|公寓|农庄|基地|园)")
_PERSON_WORDS = re.compile(r"(包工头|包公头|班组长|带班|老板|工头|判头|师傅|^老.|.总$|哥$|叔$|姐$|姨$|嫂$|某|先生$|女士$|小姐$|^阿.)")
# Shop and brand endings that are no one's given name: 靓衣坊, 川味轩, 陈记, 茶语时光.
_SHOP_ENDINGS = re.compile(r"(坊|轩|阁|斋|记|行|堂|铺|楼|屋|吧|廊|居|苑|汇|源|园|时光|世家|之家|人家)$")
# A role or a kind of business said instead of a name: 老板, 老細, 建筑公司, 一家火锅店, 劳务公司.
_KIND = (r"(发型|烧腊|烧烤|海鲜|美甲|足浴|按摩|洗车|汽修|果园|大棚|农场|菜地|鱼塘|工地|养殖场|建筑|建设|劳务|装修|装饰|物流|快递|快运|速运|配送|仓储|冷链|搬家|家具|服装|火锅|电子|食品|印刷|鞋|制衣|包装|保安|保洁|物业|餐饮|外卖|"
         r"机械|五金|塑料|纺织|玩具|工程|施工|环卫|运输|货运|汽修|美容|美发|理发|奶茶|包子|早餐|小吃|川菜|湘菜|"
         r"砖|水泥|木材|石材|钢材|化工|制药|养殖|种植|农业|家政|酒|茶|面|饭|菜|肉|水果|蔬菜|服饰|纸|玻璃|"
         r"牛|羊|鸡|鸭|鱼|猪|粉|米线|拉面|麻辣烫|串串|烤鱼|快餐|茶餐|蛋糕|烘焙|面包|卤|饺子|炸鸡|鞋业|鞋|皮革|家电|灯具|陶瓷)")
_BUSINESS = (r"(公司|厂(?!房)|店|铺|馆|屋|发廊|养猪场|养鸡场|猪场|鸡场|养殖场|农场|牧场|林场|茶场|渔场|排档|档口|养老院|诊所|幼儿园|驾校|酒家|酒楼|餐厅|饭店|饭馆|餐馆|茶楼|茶餐厅|快递站|驿站|超市|美容院|会所|宾馆|酒店|"
             r"仓库|网吧|作坊|车行|合作社|物流|施工队|工程队)")
_GENERIC_EMPLOYER = re.compile(
    r"^(想?问一?下|请问|问问)?(在|是|就是|喺)?(一家|一个|一间|这家|那家|这个|那个|我们|俺们|我们的|俺们的|那家|咱们|介|嗰间|呢间|这|那)?(的)?"
    r"(" + _KIND + r"{0,3}" + _BUSINESS + r"(里|的)?(老板|老闆)?|" + _KIND + r"{1,2}(的)?(老板|老闆)|老板|老闆|老細|老细|老板娘|包工头|包公头|工头|带班的?|"
    r"东家|雇主|厂里|单位|项目部|公司里|班组长|班长|组长|队长|领班|判头|项目经理|经理|主管|负责人|管事的|管工)$")
# A kind of business named without its name, in a sentence: 物流公司老板曲长海, 在一个物流仓库装卸货.
_BUSINESS_MENTIONED = re.compile(_KIND + r"{0,2}" + _BUSINESS)


_ROLE_PREFIX = re.compile(
    r"^(包工头|包公头|判头|工头|带班的?|班组长|组长|队长|工长|领班|班长|老板娘|老板|老闆|雇主|东家|果农|菜农|牧场主|场主|园主|船老大|船主|站长|店长|"
    r"厂长|[\u4e00-\u9fff]{1,3}(?:老板|老闆))\s*(叫做|叫|是|姓)?\s*"
    r"(?=(?!姓)[\u4e00-\u9fff]{2,})")
_CALLED = re.compile(
    r"^(.{0,8}?(老板|老闆|包工头|判头|工头|带班|厂|廠|公司|店|店子|厂子|馆子|佢|他|她|我们|俺们|名字|名))[,，\s]*(叫做|叫|名叫|是)(.{2,})$")
_ROLE_AFTER = re.compile(r"[\s,，]*(雇主|包工头|工头|老板|东家|班长|带班的?)$")
_PART_OF_FIRM = re.compile(r"(?<=公司|集团)[\s,，]*(的|下面的|下边的|底下的)?(项目部|工地|劳务队|班组)$")
# a firm's name, then more words about someone: the name has no figure, pronoun or verb of its own
_FIRM_THEN_MORE = re.compile(r"^((?:(?![我俺你他她在干做了是欠])[^\s,，。；;\d]){3,})[\s,，。；;]+\S.*$")
_ABOUT_SOMEONE = re.compile(r"[,，\s]+.*(不知道|不清楚|不晓得|老公|老婆|他|她).*$|[,，\s]+\S{1,2}的\S$")


# "全名不知道", "名字我也不清楚", "全名唔知": the full name is not known (the rest of the answer may still name them)
_FULL_NAME_UNKNOWN = re.compile(
    r"[,，\s]*(他的|她的)?(全名|大名|真名|名字)?(我)?(也|都)?真?(不知道?|不清楚|不晓得|晓不得|唔知|记不清|不记得|记不到|冇知)"
    r"(全名|大名|真名|名字)?(叫啥|是啥|叫什么)?$")
_NOT_KNOWN = re.compile(r"(不知|不清楚|不晓得|晓不得|唔知|冇知|记不清|不记得|记不到|记不住|莫得数)")


def says_not_known(text: Optional[str]) -> bool:
    """The worker does not know (不知道, 俺不知他大名, 唔知佢全名), anywhere in the answer."""
    return bool(_NOT_KNOWN.search(normalise(text or "")))
_FILLER_BEFORE_A_NAME = re.compile(r"^((我|俺)?(只|就)?知道(他|她|佢)?(叫|喊)(他|她|佢)?(做)?|(就|都|我们都|大家都)?(叫|喊)(他|她|佢)(做)?|就是|是|他叫|她叫|就叫|叫做|叫|全名|大名|真名)+")


# In an answer to "who owes you?", what may follow the name: where it is ("天心区那个", "顺德大良嗰间"), a role
# ("站点老板", "茶园头家", "站长姓高", "老闆是梁耀祖"), or that the full name is not known ("大名不知道").
_UNKNOWN_SAID = re.compile(r"(不知道|不知|不晓得|不清楚|唔知|不记得|忘了|莫得|冇人知|说不来|说不上|记不到|记不得)")
_AFTER_THE_NAME = re.compile(r"^(.{0,8}(那个|那边|那家|那间|那一家|这家|那块|那里)|.{0,6}(老板|头家|班组长|包工头|工头|站长|店长|"
                             r"经理|老板娘)((姓|叫|是).{1,6})?|.*" + _UNKNOWN_SAID.pattern + ".*|"
                             r".*(还在建|在建|已经|现在|通车|完工|停工|烂尾|盖好|建好).*|.*(喊|叫)(他|她)?(做)?.{2,4}的?|"
                             r".*(这么|都这样)(喊|叫).*|(只晓得|只知道).*)$")  # "那条路现在已经通车了", "一直喊他老曹的"
_FULL_NAME_SAID = re.compile(r"(?:全名|全称|大名|真名字?|真实姓名|正式名字?)(?:是|叫)?[:：]?([^\s,，。；;]{2,30})")
_BARE_KIND = re.compile(r"^(饭店|酒家|酒楼|餐厅|餐馆|饭馆|厂|工厂|店|超市|宾馆|酒店|美发店|发廊)$")


def name_in_answer(answer: str) -> Optional[str]:
    """The name in an answer of several parts to "who owes you?" or "which project?": "鲁临劳务 全名山东鲁临建筑劳务有限公司" -> the full
    name, "金樽KTV 天心区那个" and "胖子刘 站点老板 大名不知道" -> the first part, "湘味轩 饭店" -> 湘味轩饭店;
    None for an answer of one part or one this does not recognise."""
    simplified = normalise(answer.strip())  # same length: cut the worker's own characters
    parts = [(m.start(), m.group()) for m in re.finditer(r"[^\s,，。；;]+", simplified)]
    if len(parts) < 2:
        return None
    full = _FULL_NAME_SAID.search(simplified)
    if full and not _UNKNOWN_SAID.search(full.group(1)) and not re.match(r"(不|没|唔|莫|我|也|俺)", full.group(1)):
        return answer.strip()[full.start(1):full.end(1)]
    (start, first), rest = parts[0], [part for _, part in parts[1:]]
    if called := re.search(r"(叫|喊)(他|她)?(做)?([^叫喊]{2,4})$", first):
        start, first = start + called.start(4), called.group(4)  # "就知佢喊阿輝 大名唔知": 阿輝
    elif lead := re.match(r"^(就是|是|就)(?=.{2})", first):
        start, first = start + lead.end(), first[lead.end():]  # "就是老曹 班组长 …": 老曹
    if not 2 <= len(first) <= 20 or _NOT_KNOWN.search(first) or re.search(r"(老板|包工头|工头|老闆)$", first):
        return None
    if len(rest) == 1 and _BARE_KIND.match(rest[0]) and not first.endswith(rest[0]):
        end = parts[1][0] + len(rest[0])
        return answer.strip()[start:start + len(first)] + answer.strip()[parts[1][0]:end]
    if all(_AFTER_THE_NAME.match(part) for part in rest):
        return answer.strip()[start:start + len(first)]
    return None


def without_unknown_full_name(text: str) -> str:
    """The name in "就叫他老宋，全名不知道": 老宋 (the text itself when nothing else is said)."""
    simplified = normalise(text)
    cut = _FULL_NAME_UNKNOWN.search(simplified)
    rest = simplified[:cut.start()] if cut else simplified
    lead = _FILLER_BEFORE_A_NAME.match(rest)
    start = lead.end() if lead else 0
    return text[start:len(rest)] if len(rest) - start >= 2 else text


def full_name_answer(text: str, nickname: str) -> Optional[str]:
    """The name given when asked the full name of someone called `nickname`: "孙丽华，就是孙姐" -> 孙丽华,
    "郑师傅，全名郑国梁" -> 郑国梁, "悦颜美甲 老板娘姓陶" -> 悦颜美甲; None when only the nickname or
    "不知道" is said."""
    simplified = normalise(text)
    said = re.search(r"(全名|大名|真名|真实姓名)(叫做|叫|是)?([\u4e00-\u9fff]{2,4}?)(?=$|[,，。\s的])", simplified)
    if said and not _NOT_KNOWN.search(said.group(3)):
        return text[said.start(3):said.end(3)]
    for chunk in re.finditer(r"[^,，。;；\s]+", simplified):
        words = chunk.group(0)
        if _NOT_KNOWN.search(words) or re.search(r"(姓什么|叫什么|叫啥)", words) or re.search(r"\d{3}", words):
            continue  # not known, a question, or a phone or figure: no name
        lead = _FILLER_BEFORE_A_NAME.match(words)
        start = chunk.start() + (lead.end() if lead else 0)
        name = employer_name_from(simplified[start:chunk.end()])  # "店名叫鲁记老灶串串香"
        start = chunk.end() - len(name)
        if len(name) >= 2 and name not in normalise(nickname) and not is_generic_employer(name) \
                and not is_nickname(name) and not re.match(r"^(姓|老板|老闆|我|俺|他|她)", name):
            return text[start:chunk.end()]
    return None


# "那就写老黑吧", "都叫他胡老三", "那写包工头 叫薛长海", "果园头家 喊做丘伟明": the name after a word that
# introduces it (叫, 叫做, 喊他, 写, 填). Not "叫啥", "写什么", "叫不出来", "叫我们等".
_NAME_AFTER_CALLED = re.compile(
    r"(?<!项目)(?<!工地)(?<!小区)(?<!楼盘)(?<!工程)(?<![我俺])(?:名叫|叫做|叫|喊做|喊|写|填|记)(?:他|她)?(?:做)?\s*"
    r"(?!不|啥|什么|我|你|他|她|咱|俺|们|的|个|上|成|这|那)([\u4e00-\u9fffA-Za-z]{2,12}?)(?=吧|就行|就好|就可以|$|[\s,，。])")


def name_after_called(text: str) -> Optional[str]:
    """The name an answer introduces with 叫 / 写 / 喊做 ("那就写老黑吧 真名真不知道" -> 老黑), or None."""
    simplified = normalise(text)
    for found in _NAME_AFTER_CALLED.finditer(simplified):
        said_first = re.split(r"[\s,，。]+", simplified[:found.start()].strip())[0]
        if BUSINESS_WORDS.search(said_first) and not is_generic_employer(said_first):
            return None  # "鴻業勞務公司 帶班的叫蔣國富": the firm named first owes the wages
        name = employer_name_from(found.group(1))
        start = found.end(1) - len(name)
        if len(name) >= 2 and not is_generic_employer(name) and not _NOT_KNOWN.search(name) \
                and not re.search(r"(名字|全名|大名|真名)", name):
            return text[start:found.end(1)]
    return None


# Words around a name that are no part of it: "全名东莞市鑫达五金制品厂", "老曹噻", "刘经理办公室", "覃国栋 包公头".
_NOT_PART_OF_A_NAME = re.compile(r"^(全名|大名|真名|名字|名称)(叫做|叫|是)?|^着(?=\S{4,})|(噻|嘛|啊|呀|哦|哈|咯|啦|嘞|哩|咧|呢)+$"
                                 r"|(?<![酒网水氧书茶])吧$|(办公室|的电话|电话)$"
                                 r"|^(合同上|牌子上|招牌上|门头上|工牌上|执照上|营业执照上)?(写的是|写着的?是?|印的是)"
                                 r"|^(大家|我们|俺们|工友们)?都?(叫他|叫她|喊他|喊她)(做|作)?"
                                 r"|[\s,，]+(包公头|包工头|判头|工头|老细|老闆|班组长|带班的)$")


def employer_name_from(text: str) -> str:
    """The name in an answer about who owes the wages: "判頭叫做梁志強" -> 梁志強, "果园老板张富贵" -> 张富贵,
    "佢間廠叫永利五金製品廠" -> 永利五金製品廠, "陳太太,她老公姓什麼我不知道" -> 陳太太."""
    name = _ABOUT_SOMEONE.sub("", text.strip()) or text
    name = _NOT_PART_OF_A_NAME.sub("", name) if len(_NOT_PART_OF_A_NAME.sub("", name)) >= 2 else name
    simplified = normalise(name)  # same length: slices keep the worker's characters
    if (called := _CALLED.match(simplified)) and not is_generic_employer(called.group(4)):
        return name[called.start(4):]
    if (firm := _FIRM_THEN_MORE.match(simplified)) and len(firm.group(1)) >= 4 and not is_place(firm.group(1)) \
            and employer_type(firm.group(1)) == "company" and not is_generic_employer(firm.group(1)):
        return name[:firm.end(1)]  # "鼎盛劳务,胡老五只是带我们的", "豫丰源食品厂 做速冻饺子哩": the firm's name
    if (role := _ROLE_PREFIX.match(simplified)) and not is_generic_employer(simplified[role.end():]):
        return name[role.end():]
    if (role := _ROLE_AFTER.search(simplified)) and role.start() >= 2:
        return name[:role.start()]  # "任卫东 雇主": the name, then who they are
    if (part := _PART_OF_FIRM.search(simplified)) and part.start() >= 4:
        return name[:part.start()]  # "华晟建设集团有限公司的项目部": the firm owes, its site office is part of it
    return name


def is_place(name: Optional[str]) -> bool:
    """Nothing but place names: "兴宁" of "老板系兴宁人" is where the boss is from, not who he is."""
    from bot.places import place_prefix

    text = normalise(re.sub(r"[\s,，。]", "", name or ""))
    return bool(text) and place_prefix(text) == len(text)


def is_place_and_kind(name: Optional[str]) -> bool:
    """A place and a kind of business, no name: "晋江鞋厂", "喺天河一间茶餐厅". (Said in passing it is where
    the worker was, not a name; as the answer to the employer question it may be the name: 东方鞋厂.)"""
    from bot.places import place_prefix

    text = re.sub(r"^(在|喺|就是|是)", "", normalise(re.sub(r"[\s,，。]", "", name or "")))
    at = place_prefix(text)
    return 0 < at < len(text) and is_generic_employer(text[at:])


def is_generic_employer(name: Optional[str]) -> bool:
    """A role or a kind of business, not a name: "老板", "建筑公司", "一家火锅店"."""
    return bool(name and _GENERIC_EMPLOYER.match(normalise(re.sub(r"[\s,，。]", "", name))))


# What workers call a boss they know only by a form of address: 陈姐, 周老板, 覃师傅, 彪哥, 老郑, 卜老三, 何伯, 阿Ken.
_NICKNAME = re.compile(
    r"^(?:(?:老|小|阿)[\u4e00-\u9fff]|阿[A-Za-z]+|[\u4e00-\u9fff](?:子|生|仔)|(?:胖子|瘦子|黑子|矮子|大个)[\u4e00-\u9fff]"
    r"|[\u4e00-\u9fff]{1,2}(?:老板娘|老板|老细|师傅|总|姐|哥|伯|叔|婶|嫂|姨|工|经理|老师|老表|胖子|老[一二三四五六七八九十幺大]|先生|女士)"
    r")$")


# Businesses that send their workers to other people's sites (a cleaner at 万达广场, a guard at a housing estate):
# the site is asked for, as a project is.
_SENDS_TO_SITES = re.compile(r"(保洁|保安|物业|派遣|人力资源|外包|安保)")


def sends_to_sites(employer: Optional[str]) -> bool:
    """The employer places its workers at sites it does not own: "洁美保洁服务有限公司", "金盾保安公司"."""
    return bool(employer and _SENDS_TO_SITES.search(normalise(employer)))


def is_nickname(name: Optional[str]) -> bool:
    """A form of address, not a name staff can look up: "陈姐", "周老闆", "卜老三" (not "陈建国", "老乡鸡")."""
    name = normalise(re.sub(r"[\s,，。]", "", name or ""))
    return bool(_NICKNAME.match(name)) and not is_generic_employer(name) and not BUSINESS_WORDS.search(name)


# A firm named by its short name ("陇原劳务", "华安保安公司"): staff file a complaint against the registered
# name (…有限公司), so the worker is asked for it once. Factories, shops and restaurants are known by their sign.
_SHORT_FIRM = re.compile(r"(劳务|建筑|建设|建工|工程|保安|物业|物流|家政|保洁)(公司)?$")


def is_short_firm_name(name: Optional[str]) -> bool:
    """"陇原劳务", "闽鸿劳务公司", "华安保安公司" (not "甘肃陇原建筑劳务有限公司", not "鑫达五金厂")."""
    name = normalise(re.sub(r"[\s,，。]", "", name or ""))
    return bool(_SHORT_FIRM.search(name)) and not is_generic_employer(name) and len(name) <= 8


def business_word_at_start(text: str) -> int:
    """The length of a kind of business the text starts with ("烧腊店 白云区那间" -> 3), else 0: a name the
    tagger cut before it ("阿婆" of 阿婆烧腊店) runs on to it."""
    found = re.match(r"(?:(?![的在那这个家里开])[\u4e00-\u9fff]){0,3}?" + _BUSINESS, normalise(text))
    return found.end() if found else 0


def business_unnamed(text: Optional[str]) -> bool:
    """The worker works for a business (公司, 厂, 店, 酒家…) whose name the message does not give:
    "物流公司老板曲长海", "在一个物流仓库装卸货" (not "在宏达电子厂上班")."""
    text = normalise(text or "")
    for found in _BUSINESS_MENTIONED.finditer(text):
        if re.search(r"(农场|牧场|林场|茶场|渔场|果园|猪场|鸡场|养殖场|鱼塘|大棚)$", found.group(0)):
            continue  # a farm's owner is who owes the wages: "巴特尔 牧场老板"
        before = text[:found.start()]
        if re.search(r"(不是|没走|没通过|没有)\s*$", before):
            continue  # "是个人家 不是家政公司": the business is denied
        if not before or not re.search(r"[\u4e00-\u9fff]$", before) or re.search(
                r"(一家|一个|这家|那家|个|家|在|的|是|给|去|到|们|里|帮|替|跟|被|那|这)$", before):
            return True
    return False


def employer_type(name: Optional[str], context: str = "") -> Optional[str]:
    """company or individual, from how the worker names the employer: a person's name (surname and one or
    two characters, 老王, 强哥, 李总, 老板, 老细, 赵先生) is an individual, a shop or firm name a business.
    `context` is the message the name came from: "包工头戴国强" makes 戴国强 an individual."""
    if not name:
        return None
    name = normalise(name)
    if BUSINESS_WORDS.search(name) and not re.search(r"(老板|包工头|工头)$", name):
        return "company"
    if len(name) >= 4 and re.search(_KIND + r"$|排档$", name):
        return "company"  # 老街坊烧烤, 阿强记海鲜大排档: a shop, whatever its name starts with
    if _PERSON_WORDS.search(name) or re.fullmatch(r"老细|老闆|老板|东家", name) or is_nickname(name):
        return "individual"
    at = normalise(context).find(name)
    if at > 0 and re.search(r"(包工头|包公头|工头|老板|老闆|带班|班长|判头|老細|老细|站长|店长|厂长|果农|菜农|牧场主|"
                            r"场主|园主|船老大|船主|雇主|东家)[的]?(是|叫|姓)?\s*$",
                            normalise(context)[max(0, at - 6):at]) \
            or re.search(r"(叫他|叫她|喊他|喊她|外号|绰号|小名)(叫|是)?\s*$", normalise(context)[max(0, at - 6):at]):
        return "individual"  # 包工头大家都叫他黑子: a nickname is a person
    if at >= 0 and re.match(r"^[\s,，]*(开|搞|做)[\u4e00-\u9fff]{0,4}(店|厂|馆|公司)的", normalise(context)[at + len(name):]):
        return "individual"  # "辜建林 开火锅店的": the person who runs it
    if at >= 0 and re.match(r"^[\s,，]*(是|就是)?(这个|那个)?[\u4e00-\u9fff]{0,3}?(老板|老闆|包工头|工头|雇主|东家|班长|场主|园主|"
                            r"船老大|男主人|女主人)(?![叫是姓])", normalise(context)[at + len(name):]):
        return "individual"  # "那日苏 牧场老板": the person, then who they are
    person_shaped = len(name) <= 3 and (name[:1] in SURNAMES or name[:2] in SURNAMES)
    if person_shaped and not _SHOP_ENDINGS.search(name):
        return "individual"
    return "company" if len(name) >= 4 or _SHOP_ENDINGS.search(name) or not person_shaped else "individual"


# ---------------------------------------------------------------- sector

_CONSTRUCTION_WORDS = re.compile(
    r"(工地|工程|项目|建筑|建设(?=集团|公司|工程|有限)|施工|扩建|改建|新建|包工头|包公头|班组|劳务(?!派遣|费)|钢筋|木工|瓦工|架子|水电|泥水|砌|装修|搬砖|小工|大工|总包|分包|劳务分包|"
    r"修路|公路|铁路|高铁|桥|隧道|水利|楼盘|小区|花园|二期|三期|一期|盖楼|浇筑|模板|焊工|挖机|塔吊|市政|管网|绿化工程|"
    r"盖房|砌墙|刷墙|粉刷|外墙|地基|钢结构|拆迁|安置房|保障房|棚改|厂房)"
)
_OTHER_WORDS = re.compile(
    r"(工厂|厂里|[\u4e00-\u9fff]厂(?!房)|车间|流水线|缝纫|纺织|印刷|打包|分拣|饭店|餐馆|餐厅|酒店|后厨|服务员|保洁|保安|"
    r"茶楼|茶餐厅|酒家|酒楼|奶茶|[\u4e00-\u9fff]店|美容院|理发|发廊|合作社|种植|养老院|护工|护理|煤矿|矿上|井下|饭馆|[\u4e00-\u9fff]肉馆|面馆|"
    r"物业|快递|外卖|物流|仓库|装卸|司机|家政|保姆|月嫂|超市|门店|商场|理发|美容|养殖|农场|果园|公司上班|文员|销售|"
    r"渔船|船上|出海|打鱼|捕鱼|讨海|船老大|渔港|大棚|采茶|摘果|摘苹果|放羊|牧场)"
)


# 没项目, 又不是工地, 不在工地上: construction words that were denied say nothing for construction.
_DENIED_CONSTRUCTION = re.compile(
    r"(没|没有|不是|又不是|无|不在|哪有|没啥|没什么|莫得|没得|冇得|么得|莫有|冇|哪来的?)(什么|啥子?|啥物|乜)?(工地|项目|工程)"
    r"|^(啥|什么|啥子)(工地|项目|工程)")  # "啥项目啊 洗车的": a question that says there is none
# A plain "no project" answer: 没有, 没项目, 不是项目, 就是厂里/店里, 不知道什么项目.
_NO_PROJECT = re.compile(
    r"^(没有?|无|不是|没啥|没什么|哪有|不存在|不知道|莫有|冇|没得|哪来的?|啥项目|什么项目)|哪来的?(什么|啥)?(项目|工地|工程)|"
    r"(没|没有|无|哪有|没啥|没什么|不是|莫有|冇|莫得|没得|冇得|么得)(什么|啥子?)?(项目|工地|工程)|"
    r"^(就是?|就在|在)(这个|那个|我们|俺们)?(厂|店|家|饭店|餐馆|公司|超市|车间)(里|里面|上班|干活|做事)?$")


def project_name_from(text: str) -> str:
    """The name in a project answer: "天府新区那个天府云城" -> 天府云城, "未来方舟那个工地" -> 未来方舟,
    "项目叫金地名京,在北京大兴" -> 金地名京."""
    name = re.sub(r"^(项目|工地|工程|那个|这个)?(名字)?(叫|是)", "", text.strip())
    if called := re.search(r"[\s,，](?:项目|工地|酒店|楼盘|小区)?(?:叫做|名叫|叫)([^\s,，。;；]{2,20})", name):
        return called.group(1)  # "给一个酒店搞装修 叫悦庭商务酒店 在贵阳观山湖区"
    name = re.split(r"[,，。;；]\s*(在|地址|位置|地点|就在)", name)[0]
    name = re.sub(r"(那个|这个|嗰個|嗰个|那個|這個)(工地|项目|工程|地方|楼盘|小区|盘子)$", "", name)
    after = re.match(r"^.{2,10}?(那个|嗰個|嗰个|那個)(.{2,})$", name)
    return (after.group(2) if after else name).strip() or text


# 一个物流园, 一家饭店: a kind of place, not the name of a project.
_GENERIC_PLACE = re.compile(r"^(在)?(一个|一家|个|家)(物流园|工厂|厂|饭店|餐馆|店|超市|小区|公司|仓库|农场|果园|工地)(里|上)?$")


def says_no_project(text: Optional[str]) -> bool:
    """The worker says there is no project or site: a factory, shop or household job."""
    text = normalise((text or "").strip())
    return bool(text and (_NO_PROJECT.search(text) or _GENERIC_PLACE.match(text)))


_BUILDING_A = re.compile(r"(?:" + _OTHER_WORDS.pattern + r")的?(?P<site>工地|工程|施工|扩建|改建|新建|改造)")


def infer_sector(text: Optional[str]) -> Optional[str]:
    """construction / other from the words used; None when they do not tell."""
    if not text:
        return None
    text = _DENIED_CONSTRUCTION.sub("", normalise(text))
    text = _BUILDING_A.sub(r"\g<site>", text)  # "仓库工地": a warehouse being built is a construction site
    construction = len(_CONSTRUCTION_WORDS.findall(text))
    other = len(_OTHER_WORDS.findall(text))
    if construction > other:
        return "construction"
    if other > construction:
        return "other"
    return None


def sector_from_answer(text: Optional[str], affirmed: bool, denied: bool) -> Optional[str]:
    """The answer to "是在工地、修路、水利、铁路这类工程上干活吗？"."""
    inferred = infer_sector(text)
    if inferred:
        return inferred
    if affirmed:
        return "construction"
    if denied:
        return "other"
    return None


# ---------------------------------------------------------------- numbers

def amount_from(text: Optional[str]) -> Optional[Quantity]:
    return parse_amount(text) if text else None


def count_from(text: Optional[str]) -> Optional[Quantity]:
    """A head count; never a sum of money (三万块 is not thirty thousand people)."""
    if not text or re.search(r"[元块塊钱錢万萬]|[wWkK]\b", text):
        return None
    text = re.sub(r"[^。？?！!，,]*[？?]", "", text).strip()  # "一定要说几个人吗？": a question counts no one
    first = re.split(r"[，,。\s]", text)[0]
    if re.fullmatch(r"(就|只有|只)?(我|俺|本人|咱|我自己|俺自己)(自己)?(一个人?|1个人?)?[啊呀嘛的了咯啦]?", first) \
            or re.search(r"(只知道|只算|就算)(我|俺)(自己)?的?$", first):
        return Quantity(1, 1, False)  # "我", "就我自己", "我自己，别的保安也有没发的", "我只知道我自己的"
    spans = {span.entity for span in find_spans(normalise(text))}
    if not text or ("period" in spans and "worker_count" not in spans):
        return None  # "是九月份和十月份的": months, not people
    count = parse_count(text)
    if count is None:  # a bare figure answers "how many people?"
        count = parse_quantity(text)
    if count is None or count.low < 1 or count.high > 10_000:
        return None
    return count


def describe_quantity(quantity: Quantity, unit: str) -> str:
    """How a figure is read back: 28000元, 约8000–9000元."""
    if quantity.low == quantity.high:
        return f"{'约' if quantity.approximate else ''}{quantity.low}{unit}"
    return f"约{quantity.low}–{quantity.high}{unit}"


# ---------------------------------------------------------------- phone

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}$")


# People other than the worker, as workers name them: whose phone or name it is when one of these
# stands just before it (one list for phones here and names in bot/actions/field_validators.py).
OTHER_PEOPLE = (r"(老板|老闆|包工头|包工頭|工头|工頭|(?<!其)他|(?<!其)她|对方|經理|经理|班长|领班|带班|厂长|主管|财务|会计|人事|"
                r"中介|介绍人|老乡|工友|同事|老婆|老公|媳妇|儿子|女儿|东家|老王|公司|厂里|项目部|站长|店长|老细|老細|判头|"
                r"(?:场|队|组|矿|村|车间|部)长|主任|雇主|船老大|船长|场主|老板娘|主人|业主|房东|户主|老总|负责人)")
_OTHER_MARK = re.compile(OTHER_PEOPLE)
# The worker says the number is theirs: 我的电话, 我手机, 打我, 我叫…, or 我 right before the number. Not "我们都不
#晓得" said of the boss before "电话139…".
_SELF_MARK = re.compile(r"(我|俺|咱|本人|自己)们?的?(电话|手机|号码|号|联系方式|微信)|(打|联系|找|留)(我|俺)|(我|俺)(叫|是|姓)"
                        r"|(我|俺|本人|自己)的?[\s,，:：是]{0,2}$")
_SENTENCE_END = re.compile(r"[。！!？?\n]")
_PHONE_ANYWHERE = re.compile(r"(?:(?:\+|00)?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}|0\d{2,3}-?\d{7,8}")


def phone_owner(text: str, start: int) -> Optional[str]:
    """Whose number stands at `start`: "own" when the nearest person named before it in the same
    sentence is the worker (我的手机…, 我叫X，电话…), "other" when it is someone else (工头叫X，电话…,
    老板姓薛，叫薛志军，电话…), None when nobody is named."""
    window = normalise(text[max(0, start - 30):start])
    window = _SENTENCE_END.split(window)[-1]
    marks = [(m.end(), "other") for m in _OTHER_MARK.finditer(window)]
    marks += [(m.end(), "other") for m in re.finditer(r"联系(?!我|俺)", window)]  # "你们可以联系杨立春 139…"
    marks += [(m.end(), "own") for m in _SELF_MARK.finditer(window)]
    after = normalise(text[start:start + 20])
    if re.match(r"^[\d\s-]{7,15}(是|为)?(他|她|老板|包工头|工头|班长)(的|本人)", after):
        return "other"  # "13604567712是他的"
    return max(marks)[1] if marks else None


def own_phone(text: Optional[str], asked: bool = True) -> Optional[str]:
    """The worker's own phone in a message: the first number not said to be someone else's
    ("工头叫X，电话138…" is the boss's). Phones in Chinese numerals (一三八…) count. A number the worker
    was not asked for counts only when it is said to be theirs or nobody else is named in the message."""
    if not text:
        return None
    probe = digits_in(to_halfwidth(text))
    others_named = bool(_OTHER_MARK.search(normalise(probe)))
    for found in _PHONE_ANYWHERE.finditer(probe):
        owner = phone_owner(probe, found.start())
        if owner == "other" or (not asked and owner is None and others_named):
            continue
        phone = normalise_phone(found.group(0))
        if phone:
            return phone
    return None


def digits_in(text: str) -> str:
    """一三八 -> 138 (digits only, one for one; 十/百 and the like are left alone)."""
    return text.translate(_CN_DIGIT_CHARS)


_CN_DIGIT_CHARS = str.maketrans("零〇一二三四五六七八九幺两", "0012345678912")


def normalise_phone(text: Optional[str]) -> Optional[str]:
    """Mainland mobile (or landline with area code), or None when invalid."""
    if not text:
        return None
    digits = re.sub(r"[\s\-()（）]", "", digits_in(to_halfwidth(text)))
    found = re.search(r"(?<!\d)(?:\+?86|0086)?(1[3-9]\d{9})(?!\d)", digits)
    if found and _MOBILE.match(found.group(1)):
        return found.group(1)
    landline = re.search(r"0\d{2,3}-?\d{7,8}", to_halfwidth(text).replace(" ", ""))
    if landline and _LANDLINE.match(landline.group(0)):
        return landline.group(0)
    return None


def mask_phone(phone: Optional[str]) -> str:
    """For logs and lists: 138****5678."""
    if not phone:
        return ""
    return phone[:3] + "****" + phone[-4:] if len(phone) >= 8 else "****"


# ---------------------------------------------------------------- name

def normalise_name(text: Optional[str]) -> Optional[str]:
    """A person's name: up to 6 Chinese characters, or up to 30 letters with a middle dot or Latin letters
    (阿依古丽·买买提); what follows the name is dropped ("蒲志强我是帮大家问的"); None when it cannot be a name."""
    value = clean_text(text)
    if not value:
        return None
    value = re.sub(r"(?<=.{2})[,，\s]*(我是|我帮|我替|我代|是我|帮大家|替大家|代表).*$", "", value)
    value = re.sub(r"^[^,，\s]{0,4}(吧|好|行|嗯|可以)[,，\s]+(?=.{2})", "", value)  # "那写吧，周丽"
    surname = re.match(r"^(?:我姓|姓)(.)[,，\s]*(?:叫)?(.*)$", value)
    if surname:
        value = surname.group(2) if surname.group(2).startswith(surname.group(1)) else "".join(surname.groups())
    first, *spelled = re.split(r"[,，\s]+", value)
    if spelled and re.fullmatch(r"[\u4e00-\u9fff]{2,4}", first) and all(
            chunk[-1:] in first for chunk in spelled if chunk):
        value = first  # "吕娟 双口吕 女字旁的娟": the name, then how each character is written
    value = re.sub(r"[,，\s]", "", value)
    if not re.fullmatch(r"[A-Za-z\u4e00-\u9fff·]{1,30}", value):
        return None
    if re.fullmatch(r"[\u4e00-\u9fff]+", value) and len(value) > 6:
        return None  # "我们那个项目是政府的安置房" is a sentence, not a name
    return value


# ---------------------------------------------------------------- description

# Matched on the Simplified form of every message the worker sent (Traditional is converted first).
URGENCY_MARKERS = {
    "threat_or_violence": r"(威胁|恐吓|打人|打了我|动手|殴打|(?<!会不会)(?<!怕)(?<!怕他)(?<!怕她)(?<!怕被)(?<!担心)报复|弄死|砍|收拾你|找人.{0,4}(打|弄|收拾)|要你好看|走着瞧)",
    "pressure_to_withdraw": (
        r"(撤诉|撤回|撤掉|不准投诉|不让投诉|别去投诉|不许告|签字.{0,6}结清|逼.{0,6}签|"
        r"(再闹|再吵|再找|敢投诉|敢去投诉|敢告|敢举报|去投诉|去告|投诉的话|告的话|举报的话).{0,8}"
        r"(不给|不发|不结|一分|开除|辞退|炒|滚|收拾|好看)|"
        r"不签.{0,8}(不给|不发|不结|没钱|拿不到)|签了.{0,4}才(给|发|结)"
        r")"),
    "leaving_soon": r"(要走了|离开|回老家|回家|买票|车票|过几天就走)",
    "spring_festival": r"(过年|春节|年关|年底)",
    "employer_absconded": r"(跑路|跑了|联系不上|打不通|拉黑|失联|找不到人)",
    "hardship": r"(没钱吃饭|吃不上饭|交不起房租|没钱看病|孩子上学|生活困难|没饭吃)",
    "documents_seized": r"(扣.{0,4}(身份证|工资卡|银行卡)|(身份证|工资卡|银行卡).{0,4}(被扣|扣着))",
}


def urgency_markers(*texts: Optional[str]) -> List[str]:
    """Urgency markers found in the worker's own words, in either script (intake-fields.md §I)."""
    text = _FEARED.sub("", normalise("\n".join(t for t in texts if t)))
    return [name for name, pattern in URGENCY_MARKERS.items() if re.search(pattern, text)]


# A retaliation the worker fears, not one that happened: "我怕老板知道了报复我", "会不会被报复".
_FEARED = re.compile(r"(怕|害怕|担心|会不会|担忧)[^，。,！!？?\n]{0,10}报复")


# ---------------------------------------------------------------- corrections

_CORRECTION_TARGETS: Tuple[Tuple[str, str], ...] = (
    ("phone", r"(电话|手机|号码)"),
    ("amount_yuan", r"(金额|钱数|多少钱|工资数|欠的钱|(?<!欠)钱)"),
    ("worker_count", r"(人数|几个人|多少人)"),
    ("period_text", r"(时间|月份|几个月|多久)"),
    ("employer_name", r"(老板|公司|包工头|工头|欠薪方|欠钱的|东家|厂名|店名)"),
    ("reporter_name", r"(我的名字|我名字|姓名|我叫|^(不对)?[,，\s]*名字|(?<![目板司地厂店头称])名字(?=(写|说|打)?(错|不对)))"),
    ("sector", r"(行业|工地上的活|工程上的活|工程建设|非工程|(不是|唔係|唔系|跟)(在)?(工地|工程|建筑))"),
    ("project_name", r"(项目|工地|工程|单位名|楼盘|小区)"),
    ("location", r"(地点|地址|地方|位置|在哪)"),
)
_NEW_VALUE = re.compile(r"(?:应该是|改成|改为|换成|其实是|(?<!不)是|为|叫)[:：]?\s*(.+)$")  # not 不是今年
# Words that mark the new value however much is said before them: "伊滨苑那是上一个活 … 欠钱这个是龙门雅苑二期".
_SURELY_NEW = re.compile(r"(?:应该是|改成|改为|换成|其实是|这个是|欠钱的是|欠钱这个是|正确的是|对的是)[:：]?\s*(.+)$")
_NEW_PLACE = re.compile(r"(?:应该是|改成|改为|换成|其实是|(?<!不)是|为|(?<![现正])在)[:：]?\s*(.+)$")  # 工地在萍乡安源
_SAID_WRONG = re.compile(r"^[^\s,，]{0,3}?((?<![没不])错|不对)")  # not 没错, nor the next field's 错
# A field the worker has none of or will not give: "没有项目", "项目没有", "名字我不想留", "电话不留了".
_NONE_BEFORE = re.compile(r"(没有|没|无|不留|不写|不要写|不要留|别写|别留|别寫)(我的?)?$")
_NONE_AFTER = re.compile(r"^[\s,，]*(我|也)?(没有|没(?!错)|无|不想?留|不想?给|不想?说|不写|不用|(先)?(别|別|不要)(留|写|寫|填))")
# The work is not building work: "不是工地", "跟工程没关系", "非工程", "唔係工程".
_NOT_BUILDING = re.compile(r"((不是|唔係|唔系|并非|非)(在)?(工地|工程|建筑)|(跟|和|与)(工地|工程|建筑)(没|無|无)关系)")
_WHO_OWES = re.compile(r"(?:欠钱的|欠薪的|欠我们?钱的|欠工钱的|欠的|发工资的|给工资的|开工资的|发钱的|给钱的)(?:人)?(?:应该)?(?:是|叫)\s*(.+)$")


def parse_correction(text: Optional[str]) -> Optional[Tuple[str, str]]:
    """("project_name", "翠湖花园三期") from "项目名错了,是翠湖花园三期"."""
    if not text:
        return None
    simplified = normalise(text)  # same length: the value keeps the worker's own characters
    targets = [(slot, found) for slot, pattern in _CORRECTION_TARGETS if (found := re.search(pattern, simplified))]
    # the field said to be wrong comes first: "地方说错了，工地在萍乡安源" is the place, not the project
    targets.sort(key=lambda target: not _SAID_WRONG.match(simplified[target[1].end():]))
    for slot, target in targets:
        if slot == "sector":  # "行业不对，不是工地上的活", "在矿上挖煤 不是工程建设": which one it is
            if _NOT_BUILDING.search(simplified):
                return slot, "不是工地上的活"
            if re.search(r"(是|就是)(工程建设|工地|工程|建筑)", simplified):
                return slot, "是工地上的活"
            words = re.sub(r"^[\s,，]*(说)?(错了|不对)[\s,，]*", "", text[target.end():]) or text[target.start():]
            return slot, words.strip()
        if _NONE_BEFORE.search(simplified[:target.start()]) or _NONE_AFTER.match(simplified[target.end():]):
            return slot, "不留" if slot in ("reporter_name", "phone") else "没有"
        value = _SURELY_NEW.search(simplified, target.end()) or \
            (_NEW_PLACE if slot == "location" else _NEW_VALUE).search(simplified, target.end())
        if slot == "reporter_name" and re.search(r"[叫是姓]$", target.group(0)):
            value = re.compile(r"\s*(.+)$").match(simplified, target.end())  # "我叫韦小燕 韦是…": the name comes first
        called = re.compile(r"叫(?![啥什])\s*(.+)$").search(simplified, target.end())
        if slot in ("employer_name", "project_name") and called and value and (
                value.start() < called.start()) and re.search(r"(的|来着|不是|啥|什么)", value.group(1)[:6]):
            value = called  # "老板是东北的 叫于海涛", "老板叫啥来着 哦对 叫郭福顺": the name after 叫
        if slot == "employer_name" and (owner := _WHO_OWES.search(simplified)) and not (
                called and re.match(r"(公司|个人|老板)", owner.group(1))):
            value = owner  # "王建新是他儿子 … 欠钱的是王振山": who owes, not the first 是
        # the new value is the first phrase: not "，建设的建", " 晓得的晓" or "，施老四只是带班的" after it
        words = re.split(r"(?<!\d)[,，]|[,，](?!\d{3})|[。;；]|\s+(?:不是|而不是)|\s+(?=[^\d\s])",
                         text[value.start(1):value.end(1)])[0].strip() if value else ""
        if slot == "period_text" and value:
            words = _corrected_period(text[value.start(1):]) or words
        if words and clean_text(words) and not _A_VERDICT.match(normalise(words)):
            return slot, words
    return None


# "老板那里还是不太对吧": a verdict on the field, not its new value
_A_VERDICT = re.compile(r"^(还是|也|好像|可能)?(不太?对|不正确|不准|错了?|有问题|有点问题|有误)")


def _corrected_period(text: str) -> Optional[str]:
    """The period a correction gives: a span said anywhere in it rather than its first phrase, never the
    time said to be wrong ("是去年冬月开始的 不是腊月 冬月到今年二月" -> 冬月到今年二月)."""
    simplified = normalise(text)
    spans = [span for span in find_spans(simplified) if span.entity == "period"
             and not re.search(r"不是\s*$", simplified[max(0, span.start - 4):span.start])]
    ranges = [span for span in spans if re.search(r"(到|至|-|~)", simplified[span.start:span.end])]
    return text[ranges[0].start:ranges[0].end] if ranges else None


# ---------------------------------------------------------------- filing check

def acceptance_gaps(lead: Dict[str, Any], today: Optional[date] = None) -> List[str]:
    """What a labour-inspection complaint still lacks (law notes §4.2).

    A complaint is accepted when it names a specific employer, says where the
    work was and what happened, and the arrears lie within the last two years.
    """
    today = today or date.today()
    gaps = []
    if not lead.get("employer_name") or lead.get("employer_name") in ("不知道", "不清楚"):
        gaps.append("欠薪的老板或公司的名字（投诉要有具体的欠薪单位或个人）")
    if not lead.get("location") and not lead.get("project_name"):
        gaps.append("在哪里干的活（劳动监察由干活所在地的区县人社部门管）")
    if not lead.get("amount_yuan") and not lead.get("description"):
        gaps.append("欠了多少钱、是怎么回事")
    start = lead.get("period_start")
    if start:
        year, month = (int(x) for x in start.split("-"))
        if (today.year - year) * 12 + today.month - month > 24:
            gaps.append("欠薪开始已超过两年：劳动监察一般只处理两年内的欠薪，请尽快咨询12348或法律援助")
    return gaps


# ---------------------------------------------------------------- one message

def message_fields(entities: List[Dict[str, Any]], today: Optional[date] = None) -> Dict[str, Any]:
    """Normalised values found in one message, for `python -m bot parse`."""
    fields: Dict[str, Any] = {}
    for entity in entities:
        name, value = entity.get("entity"), str(entity.get("value", ""))
        if name == "amount" and (amount := amount_from(value)):
            fields["amount_yuan"] = amount.exact if amount.exact is not None else amount.low
            if amount.exact is None:
                fields["amount_yuan_high"] = amount.high
                fields["amount_approximate"] = True
        elif name == "worker_count" and (count := count_from(value)):
            fields["worker_count"] = count.low
            if count.exact is None:
                fields["worker_count_approximate"] = True
        elif name == "period":
            fields["period_text"] = value
            period = parse_period(value, today)
            if period["months"]:
                fields["period_months"] = period["months"]
                fields["period_start"] = period["start_month"]
        elif name == "phone" and (phone := normalise_phone(value)):
            fields["phone"] = phone
        elif name == "employer" and (employer := clean_text(value)):
            fields["employer_name"] = employer
            fields["employer_type"] = employer_type(employer)
        elif name == "project" and (project := clean_text(value)):
            fields["project_name"] = project
        elif name == "location" and (location := clean_text(value)):
            fields["location"] = location
        elif name == "person_name" and (person := normalise_name(value)):
            fields["reporter_name"] = person
    return fields
