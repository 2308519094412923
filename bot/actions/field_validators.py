"""One validate_<slot> method per intake field, shared by both forms.

The arrears form uses them while collecting; the confirm form uses them for
corrections ("不对,是三万"). Each method turns what the worker said into the
normalised value (bot/fields.py holds the rules), records the words it came
from, and on failure re-asks only when that field was the question.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Callable, Dict, List, Optional, Sequence

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot import fields as rules
from bot.intake import NOT_GIVEN, UNKNOWN
from bot.places import place_prefix, province_of
from nlu.amounts import each_ones_share, is_side_money, only_side_money, owed_total
from nlu.gazetteer import SURNAMES
from nlu.numbers import Quantity
from nlu.patterns import find_spans
from nlu.periods import work_period
from nlu.script import normalise

_DONT_KNOW = re.compile(r"^(不知道|不清楚|不记得|记不清|忘了|不晓得|不太清楚|没注意|唔知|唔清楚|冇知)|"
                        r"(真?不知道|不晓得|不清楚)(叫)?(啥|什么)|(叫|是)(啥|什么)(我)?(真?不知道|不晓得|不清楚)")
# A question back ("写劳务公司还是写带我们的工头？", "啥意思？就是工地的名字吗") is not an answer.
_QUESTION = re.compile(r"[?？]|吗$|呢$|啥意思|什么意思|还是写|还是说|是不是要|要不要|一定要")
# The worker introducing themselves: 我叫, 我是, 本人, 俺叫 (a name said without this is someone else's).
_SELF = re.compile(r"(我|俺|本人|咱)(叫|是|姓|名叫|名字叫|的名字是)|^(姓名|名字)")
# Who someone is, after their name: "杨振东 种葡萄的", "发艺空间,是个理发店", "吳世榮 茶場老闆".
_DESCRIBED = re.compile(
    r"^(.{2,16}?)[\s,，、]+(是个|是|就是|一个|种|开|搞|做|干|的)?.{0,8}(的|老板|老闆|店|厂|场|园|馆)$")
# A name, then what people call them: "孙立柱 俺们都叫他孙大个".
_ALSO_CALLED = re.compile(r"^([\u4e00-\u9fff]{2,4})[,，\s]+.{0,6}?(叫他|叫她|叫佢|喊他|喊她|管他叫|管她叫|称他)(做)?"
                          r"([\u4e00-\u9fff]{2,4})$")
# A household named by its surname: "一户姓徐的人家", "姓周的那家".
_HOUSEHOLD = re.compile(r"^(一户|一家|这家|那家|这户|那户)?(姓.)?(的)?(那)?(人家|家|户)")
# A shop's name, then its boss: "名剪发型 老板叫Tony 真名不知道".
_BUSINESS_THEN_BOSS = re.compile(r"^([^,，。\s]{2,16})[,，\s]+(老板|老闆|店长|老板娘|老细)(叫|是|姓)")
# A name and then where: "永丰纸箱厂,在东莞常平".
_NAME_THEN_PLACE = re.compile(r"^([^,，。\s]{2,20})[,，\s]+(在|就在|喺|位于)")
# A name and then something else about it: "建工三公司，项目叫蓝湾国际", "赵先生，老人的儿子".
_NAME_THEN_MORE = re.compile(r"^(.{2,20}?)[,，\s]+(项目|工地|工程|是|就是)?.{0,6}(叫|是|的)(.{0,12})$")
_TIME_WORDS = re.compile(r"年|月|天|日|周|星期|礼拜|春节|过年|现在|今天|以来|开始|[春夏秋冬](?:天|季)|开春|入冬|号|"
                         r"五一|端午|中秋|国庆|元旦|清明|开春|开学|那阵|那会")
# The name is not known: "项目叫啥我也不晓得", "俺也不知道叫啥，就是…那个新盘".
_NAME_UNKNOWN = re.compile(r"(不知道|不晓得|不清楚|不记得|忘了)(它|他)?(叫|是)(啥|什么)|"
                           r"(叫|是)(啥|什么)(名字)?[,，\s]*(我|俺)?也?(真?不知道|不晓得|不清楚|不记得)")
# "Anything else?" answered with nothing: 没有了, 就这些, 嗯 没别的了 提交吧, 冇啦.
_NOTHING_MORE = re.compile(
    r"^((嗯+|哦+|好的?|那|没|冇)[啊呀吧了的,，。.!！\s]*)?"
    r"(没有了?|没了|没啥了?|没什么了?|没别的了?|没有别的了?|无|不用了?|就这些了?|就这样吧?|不需要|没有补充的?|冇啦?|冇了|"
    r"提交吧?|可以了|可以提交了?)"
    r"([啊呀吧了的,，。.!！\s]*(提交吧?|谢谢|麻烦了|就这些|可以了|你们|帮帮忙))*[啊呀吧了的,，。.!！\s]*$")

# A place named with a figure and 元 ("广州白云三元里", "三元桥") holds no amount.
_NUMBERED_PLACE = re.compile(r"[一二三四五六七八九十\d]+元(里|桥|路|街|村|坊|巷|镇|庄)")

Result = Dict[str, Any]


def _latest(tracker: Tracker) -> Dict[str, Any]:
    return tracker.latest_message or {}


def _text(tracker: Tracker) -> str:
    return (_latest(tracker).get("text") or "").strip()


def _source(tracker: Tracker, value: Any) -> Dict[str, Any]:
    """The worker's message a value came from: the latest one, or for a value taken from an earlier
    message (slots filled before the form started are validated when it starts) that message."""
    latest = _latest(tracker)
    words = normalise(str(value or "")).strip()
    if not words or words in normalise(latest.get("text") or ""):
        return latest
    for event in reversed(tracker.events):
        if event.get("event") == "user" and words in normalise(event.get("text") or ""):
            return {**(event.get("parse_data") or {}), "text": event.get("text") or ""}
    return latest


def _intent(tracker: Tracker) -> Optional[str]:
    return (_latest(tracker).get("intent") or {}).get("name")


def _asked(tracker: Tracker, slot: str) -> bool:
    return tracker.get_slot("requested_slot") == slot


def _previous(tracker: Tracker, slot: str) -> Any:
    """The slot's value before the latest message, as an action left it: the raw words slot extraction
    wrote (right after each user message, before any action ran) do not count, so a boss's phone
    extracted from an opening the form later rejected is not brought back."""
    value, extracting = None, False
    events = list(tracker.events)
    latest_user = max((i for i, event in enumerate(events) if event.get("event") == "user"), default=len(events))
    for event in events[:latest_user]:
        kind = event.get("event")
        if kind == "user":
            extracting = True
        elif kind == "action":
            extracting = False
        elif kind == "slot" and event.get("name") == slot and not extracting:
            value = event.get("value")
    return value


def _rejected(tracker: Tracker, slot: str) -> Result:
    """An unusable value: ask again if it was the question, else keep what we had."""
    if _asked(tracker, slot):
        return {slot: None}
    return {slot: _previous(tracker, slot)}


def slots_set_this_turn(tracker: Tracker) -> Dict[str, Any]:
    """Slots the latest message changed (action_extract_slots runs before any form)."""
    changed: Dict[str, Any] = {}
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            break
        if event.get("event") == "slot":
            changed.setdefault(event["name"], event.get("value"))
    return changed


# The entity each field is read from, and the tagger confidence below which staff should check it.
_ENTITY_OF_SLOT = {"employer_name": "employer", "project_name": "project", "location": "location",
                   "reporter_name": "person_name"}
LOW_CONFIDENCE = 0.6


def _with_source(tracker: Tracker, result: Result, slot: str, words: str) -> Result:
    """Remember which message and which words gave this field; flag it when the name tagger was unsure."""
    sources = dict(tracker.get_slot("field_sources") or {})
    sources[slot] = {"text": _text(tracker), "words": words}
    confidences = [e["confidence_entity"] for e in (tracker.latest_message or {}).get("entities") or []
                   if e.get("entity") == _ENTITY_OF_SLOT.get(slot) and e.get("confidence_entity") is not None]
    if confidences:
        sources[slot]["confidence"] = round(min(confidences), 2)
    tracker.slots["field_sources"] = sources  # later validators in this run see it
    result = {**result, "field_sources": sources}
    return _flag(tracker, result, slot) if confidences and min(confidences) < LOW_CONFIDENCE else result


def _flag(tracker: Tracker, result: Result, slot: str) -> Result:
    """Mark a field for staff to check (approximate, unknown, corrected)."""
    flags = sorted(set(tracker.get_slot("needs_check") or []) | {slot})
    tracker.slots["needs_check"] = flags
    return {**result, "needs_check": flags}


def _unknown(tracker: Tracker, slot: str, text: str, **cleared: Any) -> Result:
    """The worker does not know: an allowed answer, marked for staff."""
    return _flag(tracker, _with_source(tracker, {slot: UNKNOWN, **cleared}, slot, text), slot)


# "快一年", "好几个月", "大半年": how long, roughly; the worker can say which months when asked.
_VAGUE_TIME = re.compile(r"(快|将近|好几|几个|差不多|大半|左右|十几)")


def _span_of_points(message: str, text: str) -> str:
    """Of the times said in one message, the time worked unpaid (nlu.periods.work_period): "7月份进去的
    做到9月底" is 7月到9月, and "拖了一年多" beside "去年10月进场干到今年4月" is not the period."""
    if text not in message:
        return text
    spans = [(span.start, span.end) for span in find_spans(normalise(message)) if span.entity == "period"]
    return work_period(message, spans) or next((message[a:b] for a, b in spans if text in message[a:b]), text)


def _mentions_time(text: str) -> bool:
    """A period answer names a time: 三个月, 去年10月到今年1月, 春节后到现在."""
    return bool(_TIME_WORDS.search(text))


def _only_figures(text: str) -> bool:
    """True when closed-form entities (phone, amount, count, period) make up the whole text."""
    covered = sum(span.end - span.start for span in find_spans(text))
    return covered >= len(re.sub(r"[\s,，。.、]", "", text)) > 0


def _span_value(text: str, entity: str) -> Optional[str]:
    for span in find_spans(text):
        if span.entity == entity:
            return span.value
    return None


_NAME_SLOTS = ("employer_name", "project_name", "reporter_name")


def _entity_spans(tracker: Tracker, entity: str) -> list:
    return [e for e in _latest(tracker).get("entities") or [] if e.get("entity") == entity]


# Words that make a name someone else's: 老板叫, 包工头姓, 他叫, 工友, 介绍人.
_SOMEONE_ELSE = re.compile(rules.OTHER_PEOPLE + r"[的]?(叫|姓|名叫|名字叫|是)?[^我,，。]{0,3}$")


def _said_of_someone_else(tracker: Tracker, name: str) -> bool:
    """The name is introduced as someone else's in the message it came from."""
    message = _source(tracker, name).get("text") or ""
    at = message.find(name)
    return at > 0 and bool(_SOMEONE_ELSE.search(message[max(0, at - 8):at]))


_BEFORE_A_NAME = re.compile(r"(那家|这家|一家|那个|这个|全名|全称|大名|真名|"
                            r"[在是给跟到和的了们我他她叫为着\s,，。:：])$")


_CALLED_BUSINESS = re.compile(r"(公司|厂|店|单位|商行)(名字|名)?(叫做|叫|名叫|是)$")
_REST_OF_NAME = re.compile(r"((?:(?![的在干做给欠说是])[\u4e00-\u9fffA-Za-z0-9]){1,10})(?=$|[\s,，。;；!！?？])")


def _place_ends(message: str, places: Sequence[str], at: int) -> List[int]:
    """Where each place said before position `at` of the message ends: a name found there starts no earlier.
    A place the tagger ran into the name ("深圳福田大" of 深圳福田大快活茶餐厅) ends where the known place does."""
    ends = []
    for place in places:
        start = message.find(place) if place else -1
        if 0 <= start < at:
            known = place_prefix(normalise(place))
            ran_in = 0 < known < len(place) and start + len(place) == at \
                and not re.search(r"[村镇乡区县市街路里庄屯]$", normalise(place))  # not 海珠康樂村
            ends.append(start + (known if ran_in else len(place)))
    return ends


def _whole_business_name(message: str, name: str, places: Sequence[str] = ()) -> str:
    """A business name the tagger cut at its start, whole again: "那家椰林阿婆椰子鸡店" gives 椰林阿婆椰子鸡店,
    not 阿婆椰子鸡店 (at most four characters back, to the word before the name or the end of a place)."""
    at = message.find(name)
    if at >= 0 and (more := rules.business_word_at_start(message[at + len(name):])) \
            and not rules.BUSINESS_WORDS.search(normalise(name)):
        name += message[at + len(name):at + len(name) + more]  # "阿婆烧腊店": the tagger stopped at 阿婆
    for end in _place_ends(message, places, at):
        if 0 < at - end <= 2 and rules.BUSINESS_WORDS.search(normalise(name)) \
                and not re.search(r"[的那这一个家间]", message[end:at]):
            return message[end:at] + name  # "深圳福田大快活茶餐厅": from the end of the place
    if at > 0 and _CALLED_BUSINESS.search(normalise(message[:at])) and \
            (rest := _REST_OF_NAME.match(message[at + len(name):])):
        return name + rest.group(1)  # "公司叫星芒文化传媒，": the tagger's 星芒文 runs to the comma
    if at <= 0 or rules.employer_type(name) != "company" or not rules.BUSINESS_WORDS.search(normalise(name)):
        return name
    start = at
    while start > max(0, at - 4) and re.match(r"[\u4e00-\u9fff]", message[start - 1]) \
            and not _BEFORE_A_NAME.search(normalise(message[:start])):
        start -= 1
    whole = start == 0 or bool(_BEFORE_A_NAME.search(normalise(message[:start])))
    return message[start:at] + name if whole else name


# What follows a project's name as part of it: 群力新城C区, 万科城三期, 城南污水处理厂扩建, 堆龙新城保障房.
_PROJECT_SUFFIX = re.compile(
    r"^((?:[A-Za-z\d]+(?:区|座|栋|棟|号楼|號樓|地块|地塊)?|[一二三四五六七八九十\d]+(?:期|标段|標段|号楼|號樓|栋|棟|号线|號線)"
    r"|扩建|改造|改扩建|保障房|安置房|二期|三期)+)")


# A project name's edges that are not part of it: a particle after it (蓉西雅居嘛), the work done on it
# said before it (修绥正高速三标).
_PROJECT_EDGES = re.compile(r"(嘛|啊|呀|吧|哦|呢|噻|哈|咯|啦|嘞|哟|噢)+$|^(修|盖)(?=[\u4e00-\u9fffA-Za-z0-9]{4})"
                            r"|^(那边|这边|那个|这个)的?(?=[\u4e00-\u9fffA-Za-z0-9]{3})")  # 那边云上御府
# A place, then a kind of project that is no name by itself: "明珠湾那个安置区", "洞井那边的还建小区".
_PLACE_THEN_KIND = re.compile(r"^([\u4e00-\u9fff]{2,6}?)(那个|那边的?|那块的?|这个)"
                              r"(安置区|安置房|还建小区|还建房|回迁房|新村|厂房)$")
# Words that say where a project is, not what it is called: 郭杜那搭的, 兰山金雀山路那块, 在城东.
_WHERE_WORDS = re.compile(r"(那边|这边|那块|那一块|那搭|那儿|那里|附近|旁边|对面|边上)的?$|(路|街|大道|巷)$"
                          r"|^(盖|修|干|做|搞|装|建)[\u4e00-\u9fff]{0,4}的?$")  # or what was done: 盖楼的


def _person_then_more(answer: str) -> Optional[str]:
    """A person's name said first, then words about them ("陈美华 我就知道她叫这个 她家在闵行那个小区"), or None."""
    chunks = re.split(r"[\s,，。]+", answer.strip())
    first, rest = re.sub(r"^(就是|是)", "", chunks[0]), chunks[1:]
    person = re.fullmatch(r"[\u4e00-\u9fff]{2,4}", first) and (
        ((first[0] in SURNAMES or first[:2] in SURNAMES) and rules.employer_type(first) == "individual")
        or rules.is_nickname(first))
    about = rest and re.match(r"^(就是|是|我|她|他|佢|不是|人家|个人|一个|一家|那|这|都|大家|包工头|班组长|工头|老板)",
                              normalise(rest[0]))
    return answer[answer.find(first):answer.find(first) + len(first)] if person and about else None


def _name_beside_where(message: str) -> Optional[str]:
    """The one phrase of an answer that is not about where ("御景华庭 郭杜那搭的" -> 御景华庭), or None."""
    chunks = [chunk for chunk in re.split(r"[\s,，。]+", message.strip()) if chunk]
    if len(chunks) < 2:
        return None
    kept = [chunk for chunk in chunks if not _WHERE_WORDS.search(normalise(chunk))
            and place_prefix(re.sub(r"^(在|喺|就在)", "", normalise(chunk))) < len(re.sub(r"^(在|喺|就在)", "", chunk))]
    return kept[0] if len(kept) == 1 and len(kept[0]) >= 2 and not _NOT_A_NAME.fullmatch(kept[0]) else None


def _whole_project_name(message: str, name: str, places: Sequence[str] = ()) -> str:
    """A project name the tagger cut short, whole again: "群力新城C区干木工" gives 群力新城C区, not 群力新城; and
    "长沙梅溪湖国际新城" gives 梅溪湖国际新城 (back to the end of the place or the word before the name)."""
    at = message.find(name)
    if at < 0 or not name:
        return name
    if rest := _PROJECT_SUFFIX.match(message[at + len(name):]):
        name += rest.group(1)
    start = at
    ends = _place_ends(message, places, at)
    stop = max([max(0, at - 4), *[end for end in ends if at - end <= 4]])

    def boundary(position: int) -> bool:
        before = message[:position]
        return bool(_BEFORE_A_NAME.search(normalise(before)) or re.search(r"(修|盖|干|做|搞)$", before))

    while start > stop and re.match(r"[\u4e00-\u9fff]", message[start - 1]) and not boundary(start):
        start -= 1
    whole = start == stop and start in ends or start == 0 or boundary(start)
    if whole and (lead := re.match(r"(那边|这边|那里|这里|那块|那个|这个|的)+", message[start:at])):
        start += lead.end()  # "兰州七里河那边西津花园": 那边 is no part of the name
    return message[start:at] + name if whole and start < at else name


_REAL_NAME = re.compile(r"(真名|大名|全名|真实姓名)(字)?(叫|是)?(?!真?不|唔|冇|没|我|他|她|字)"
                        r"([\u4e00-\u9fff]{2,20}?(?:有限公司|公司|集团|厂)(?![\u4e00-\u9fff])|[\u4e00-\u9fff]{2,3})")


_ENDS_IN_BUSINESS = re.compile(rules.BUSINESS_WORDS.pattern + "$")


def _names_a_business(text: str, places: list) -> bool:
    """Something besides the place names a business: "齐齐哈尔颐康养老院" (not "我们在南通海门干的活")."""
    rest = text
    for place in places:
        rest = rest.replace(place.get("value") or "", "")
    return bool(rules.BUSINESS_WORDS.search(normalise(rest))) or any(
        _ENDS_IN_BUSINESS.search(normalise(place.get("value") or "")) for place in places)


# A project's name, then what the worker did there.
_NAME_THEN_WORK = re.compile(
    r"^([^,，。\s]{2,12})[,，\s]+(帮|给|做|干|装|修|盖|搞|打|就是|是个|是一个|在|一个|一栋|一套)")
# A building named, then the job done in it, with nothing between: 在第一人民医院做保洁.
_NAME_THEN_JOB = re.compile(r"^(?:在|就在)?([^,，。\s]{2,12}?"
                            r"(?:医院|学校|小区|大厦|广场|中心|酒店|宾馆|商场|超市|花园|写字楼|大楼))"
                            r"(?:做|干|当|搞)[\u4e00-\u9fff]{1,4}$")
# A place then the business: 惠州博罗的润丰电子厂.
_PLACE_THEN_NAME = re.compile(r"^([\u4e00-\u9fff]{2,8}?)(的|那个|那家|那边的)(?=[\u4e00-\u9fff]{2,})")
# Words of what happened, not of where: 老板说月底给，都说三回了.
_SAYS_WHAT_HAPPENED = re.compile(r"(说|给|欠|拖|没|不)")
# The worker talking about themselves: 我叫牛建强, 俺是李大海.
# (and what the worker gives of their own: "我先留个电话，138…")
_ABOUT_ME = re.compile(r"^(我|俺|本人)(叫|姓)|^(我|俺)是[\u4e00-\u9fff]{2,3}$|^(我|俺)(先|再|就)?(留|给你|发你|发给你)")
# Words the tagger sometimes reads as a name after a role word (包工头手里, 老板那边).
# Words that are no one's name: places of things (手里) and a surname alone (姓温).
_NOT_A_NAME = re.compile(r"(手里|手上|那里|这里|那边|这边|家里|身上|下面|上面|那儿|这儿|那头|姓.)")


def _for_everyone(tracker: Tracker, count: Any) -> Result:
    """The amount said as each one's share (一人一万八), times the head count now given (仨), with the working
    shown to the worker at the summary and flagged for staff."""
    amount, sources = tracker.get_slot("amount_yuan"), dict(tracker.get_slot("field_sources") or {})
    said = (sources.get("amount_yuan") or {}).get("text") or ""
    share = each_ones_share(said)
    if not isinstance(amount, int) or share is None or share.low != amount or count.exact is None or count.low < 2 \
            or "人 =" in ((sources.get("amount_yuan") or {}).get("arithmetic") or ""):
        return {}  # (not twice: an amount already worked out per head)
    total = amount * count.low
    high = tracker.get_slot("amount_yuan_high")
    sources["amount_yuan"] = {**sources["amount_yuan"], "arithmetic": f"每人{amount}元 × {count.low}人 = {total}元"}
    tracker.slots["field_sources"] = sources
    result = {"amount_yuan": total, "amount_yuan_high": high * count.low if isinstance(high, int) else None,
              "field_sources": sources}
    return _flag(tracker, result, "amount_yuan")


def _where_worked(message: str, places: List[str]) -> Optional[str]:
    """Of several places in one message, the one the work was at (在X, 到X干): not a home town (X人, 是X的,
    X来的, 老家X)."""
    worked = [place for place in places if re.search(r"(在|喺|到|去)\S{0,1}$", message[:message.find(place)])]
    return (worked or [place for place in places if not _home_town(message, place)] or [None])[0]


def _home_town(message: str, place: str, surely: bool = False) -> bool:
    """The place is where the worker comes from: "我是湖北仙桃人", "老家信阳的" (unless surely, also "是信阳的",
    which may be where the work was)."""
    message, place = normalise(message), normalise(place)  # dialect read as Mandarin: 俺们是周口沈丘哩
    at = message.find(place)
    after, before = message[at + len(place):at + len(place) + 3], message[max(0, at - 3):at]
    if surely:  # "我叫柯红兵 湖北黄冈的": said with who they are, "X的" is where they are from
        return bool(re.match(r"^(人|的人|来的|过来)", after) or re.search(r"(老家|从)$", before)
                    or (re.match(r"^的($|[,，。\s])", after)
                        and (re.search(r"(我叫|我是)", message) or re.search(r"(我|们|阮)都?是$", before))))
    return bool(re.match(r"^(人|的人|来的|过来|的$|的[,，。\s])", after)
                or re.search(r"(老家|是|从)$", before))


def _places_in(text: str, places: List[Dict[str, Any]]) -> bool:
    """A place the tagger found is part of these words ("郑水生 霞浦那边…的老板": 郑水生 holds none)."""
    return any(normalise(place.get("value") or "") in normalise(text) for place in places)


def _one_name(message: str) -> bool:
    """A short answer with nothing but one name in it."""
    return len(message) <= 16 and not re.search(r"[,，。;；\s]", message.strip())


def _part_of_another_name(tracker: Tracker, slot: str, text: str) -> bool:
    """A project or place that is really part of another answer: "凤凰湖畔" answering the project question
    is not a place, "蜀香园" inside "蜀香园川菜馆" answering the employer question is not a project, and
    "新城" inside the project "新城悦隽" is not the place."""
    asked, message = tracker.get_slot("requested_slot"), _text(tracker)
    if slot == "location" and asked == "employer_name" and rules.is_nickname(tracker.get_slot("employer_contact")) \
            and province_of(text):
        return False  # "东莞长安镇" said when asked the full name of 老王: a place, and the nickname stands
    if (asked != slot and asked in ("employer_name", "project_name", "location", "reporter_name")
            and text and text in message and _one_name(message)):
        return True
    if slot == "location" and asked in ("employer_name", "project_name") and text:
        chunk = next((c for c in re.split(r"[,，。;；\s]+", message) if text in c), "")
        rest = chunk[chunk.find(text) + len(text):]
        if chunk.startswith(text) and re.fullmatch(r"[\u4e00-\u9fff]{1,2}", rest) \
                and not re.search(r"(的|边|这|那|里)", rest):
            return True  # "康乐足道 就是那家足浴店": 康乐 is the start of the name asked for, not a place
        if asked == "employer_name" and re.search(r"(公司|集团)$", normalise(rest)):
            return True  # "(全名)陕西恒泰建设工程有限公司": where the firm is registered, not where the work was
    other = {"employer", "project", "location"} - {_ENTITY_OF_SLOT[slot]}
    names = [entity.get("value") or "" for entity in _source(tracker, text).get("entities") or []
             if entity.get("entity") in other]
    return any(text in name and len(name) > len(text) for name in names)


def keeps_earlier_answer(method: Callable) -> Callable:
    """While collecting, a field already answered is not overwritten in passing.

    Entity mappings fill slots from any message, so an answer to one question
    can carry a stray value for a field answered before ("鸿运电子厂三车间" given
    as the project would rename the employer). The earlier answer stands; the
    summary at the end is where the worker changes it.
    """
    slot = method.__name__[len("validate_"):]

    @functools.wraps(method)
    async def validate(self: Any, value: Any, dispatcher: CollectingDispatcher,
                       tracker: Tracker, domain: DomainDict) -> Result:
        earlier = _previous(tracker, slot)
        said_now = earlier == UNKNOWN and _ENTITY_OF_SLOT.get(slot) and _entity_spans(tracker, _ENTITY_OF_SLOT[slot])
        # "欠了一年多了" in the opening, "前年11月干到去年3月" later: the months worked, said exactly
        said_now = said_now or (slot == "period_text" and isinstance(earlier, str) and isinstance(value, str)
                                and not re.search(r"月", earlier) and re.search(r"月.*(到|至).*月", value))
        if (tracker.active_loop_name == "arrears_form" and not _asked(tracker, slot)
                and earlier is not None and value != earlier and not said_now):
            return {slot: earlier}  # (a field left for staff is filled when the worker says it later)
        return await method(self, value, dispatcher, tracker, domain)

    return validate


class FieldValidators:
    """Mixin: validate_<slot> for every intake field (see module docstring)."""

    def _free_text(self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                   looks_right: Callable[[str], bool] = lambda text: not _only_figures(text)) -> Result:
        """A short text answer; by default a phone or an amount is not a name or a place, nor is a sentence
        that carries figures for other fields ("我们欠了29,500,三个人") without a name of this field's kind."""
        text = str(value or "")
        entity = _ENTITY_OF_SLOT.get(slot)
        if entity and entity != "person_name" and text in _text(tracker) and not _entity_spans(tracker, entity) \
                and any(span.entity in ("amount", "worker_count", "phone", "period")
                        for span in find_spans(_NUMBERED_PLACE.sub("", normalise(text)))):
            return _rejected(tracker, slot)
        if _DONT_KNOW.match(text.strip()):
            return _unknown(tracker, slot, text)
        cleaned = rules.clean_text(text)
        if cleaned and not looks_right(cleaned):
            if _asked(tracker, slot):
                dispatcher.utter_message(response="utter_invalid_text")
            return _rejected(tracker, slot)
        if not cleaned:
            if _asked(tracker, slot):
                dispatcher.utter_message(response="utter_invalid_text")
            return _rejected(tracker, slot)
        return _with_source(tracker, {slot: cleaned}, slot, text)

    @keeps_earlier_answer
    async def validate_employer_name(self, value: Any, dispatcher: CollectingDispatcher,
                                     tracker: Tracker, domain: DomainDict) -> Result:
        text = str(value or "")
        source = _source(tracker, text)
        message = source.get("text") or ""
        contact = tracker.get_slot("employer_contact")
        asked = _asked(tracker, "employer_name")
        person = None
        picked = rules.name_in_answer(_text(tracker)) if asked and not rules.is_nickname(contact) else None
        if picked and normalise(text) in normalise(_text(tracker)):
            # "鲁临劳务 全名山东鲁临建筑劳务有限公司", "金樽KTV 天心区那个", "胖子刘 站点老板 大名不知道": the name
            value = text = picked
        elif asked and text == _text(tracker) and (person := _person_then_more(text)):
            value = text = person  # "王丽华 就是雇我的那家女主人 是个人家": the name, then who she is
        described = _DESCRIBED.match(rules.clean_text(text) or "")
        if text != person and text == _text(tracker) and not _entity_spans(tracker, "employer") \
                and _entity_spans(tracker, "location") \
                and not _names_a_business(text, _entity_spans(tracker, "location")) \
                and not (described and not _places_in(described.group(1), _entity_spans(tracker, "location"))):
            # "我们在南通海门干的活": a place, not who owes the money (the place is kept by its own mapping);
            # the form asks again
            return _rejected(tracker, "employer_name")
        if text == _text(tracker) and re.search(r"(在|喺|那边|这边|那里|附近|那块)", normalise(text)) \
                and (places := [e.get("value") or "" for e in _entity_spans(tracker, "location")]):
            rest = normalise(text)
            for place in places:
                rest = rest.replace(normalise(place), "")
            rest = re.sub(r"(就|是)?(在|喺)|那边|这边|那里|这里|附近|那块|那一块|的|[,，。\s]", "", rest)
            if rest and rules.is_generic_employer(rest):
                return _rejected(tracker, "employer_name")  # "厂在佛山顺德北滘那边": where the firm is, not which
        if _QUESTION.search(text):
            return _rejected(tracker, "employer_name")  # a question back: the form asks again
        if re.match(r"^(在|喺|就在)", text) and not _entity_spans(tracker, "employer") and (
                _entity_spans(tracker, "location") or re.search(r"(工地|那边|这边|那里|这里)$", text)):
            return _rejected(tracker, "employer_name")  # "在桂林临桂区 体育馆旁边那个工地": where, not who
        if asked and rules.is_nickname(contact):
            # the full-name question is asked once: a full name in the answer, or else the nickname stands
            # ("俺不知道他大名", or the answer to another question: "东莞长安镇", "13812345678")
            places = {e.get("value") for e in _entity_spans(tracker, "location")}
            full = rules.full_name_answer(_text(tracker), contact)
            if full and normalise(contact) in normalise(full) and re.search(r"(叫|喊|称呼?)(他|她)", normalise(full)):
                full = None  # "一直喊他老曹的": the nickname again, no full name (老罗烧烤 is a name)
            a_place = full in places or (province_of(full) and not rules.BUSINESS_WORDS.search(normalise(full or "")))
            name = full if full and not a_place and not _ABOUT_ME.match(normalise(_text(tracker))) else contact
            result = _with_source(tracker, {"employer_name": name}, "employer_name", _text(tracker))
            return {**result, "employer_type": rules.employer_type(name, _text(tracker)) if full else "individual"}
        called = rules.name_after_called(text) if asked and text == _text(tracker) else None
        if called:
            value = text = called  # "那写包工头 叫薛长海", "都叫他胡老三": the name the answer introduces
        elif asked and text == _text(tracker) and (name := rules.without_unknown_full_name(text)) != text:
            value = text = name  # "就叫他老宋，全名不知道": 老宋 is what the worker knows
        if asked and contact and rules.is_short_firm_name(contact):
            # asked the registered name of "陇原劳务": the full name if said, else the short one stands
            answer = _text(tracker) if normalise(text) in normalise(_text(tracker)) else text
            full = None if _DONT_KNOW.search(answer) or rules.says_not_known(answer) else (
                rules.name_in_answer(answer) or rules.employer_name_from(rules.clean_text(answer) or answer))
            name = full if full and rules.employer_type(full) == "company" else contact
            result = _with_source(tracker, {"employer_name": name}, "employer_name", _text(tracker))
            return {**result, "employer_type": "company", "employer_contact": None}
        if asked and contact and _DONT_KNOW.search(text):
            # the business's name is not known: the boss is who owes the money
            result = _with_source(tracker, {"employer_name": contact}, "employer_name", text)
            return {**result, "employer_type": "individual"}
        if asked and text == _text(tracker) and _ABOUT_ME.match(normalise(text)):
            return _rejected(tracker, "employer_name")  # "我叫牛建强": the worker's own name, not who owes
        named = [entity["value"] for entity in source.get("entities") or [] if entity.get("entity") == "employer"
                 and not rules.is_generic_employer(entity["value"]) and not _NOT_A_NAME.fullmatch(entity["value"])
                 and not rules.is_place(entity["value"])]  # "我们四个是青海化隆的": where they are from
        companies = [name for name in named if rules.employer_type(name) == "company"
                     and (len(name) >= 4 or rules.BUSINESS_WORDS.search(normalise(name)))]  # not 尔敦 of 额尔敦
        people = [e.get("value") for e in source.get("entities") or [] if e.get("entity") == "person_name"]
        if asked and people and _HOUSEHOLD.match(normalise(rules.clean_text(text) or "")):
            value = text = people[0]  # "一户姓徐的人家 男的叫徐文涛": the person of the household
        if asked and (shop := _BUSINESS_THEN_BOSS.match(normalise(message))) and normalise(text) in normalise(message) \
                and rules.employer_type(shop.group(1)) == "company":
            value = text = message[:len(shop.group(1))]  # "名剪发型 老板叫Tony": the shop owes, not its boss
            if (lead := re.match(r"^(就是|就|是|在)?(.{2,8}?)(的|那个|那家|那边的)", normalise(text))) \
                    and province_of(lead.group(2)):
                value = text = text[lead.end():]  # "就东莞长安镇那个鑫宏达五金厂": the place is kept as the place
        bosses = [name for name in named if re.search(r"(包工头|包公头|工头|老板|老闆|雇主|判头)(叫|是|姓)?\s*$",
                                                       normalise(message[:max(0, message.find(name))]))]
        # "裕豐製衣廠拖欠我們…老闆梁耀祖": the firm said to owe owes; its boss is whom staff may call
        owing = [name for name in companies if re.search(
            rf"{re.escape(normalise(name))}(一直|还|都|也)?(拖欠|欠|不给|没给|不发|没发|拖着)", normalise(message))]
        boss_of_the_firm = None
        if owing and text in bosses:
            value, text, boss_of_the_firm = owing[0], owing[0], text
        elif len(named) > 1 and bosses and text in named and text not in bosses and text not in owing:
            value = text = bosses[0]  # "包工头叫巩志平 我们是跟我表哥王小平过去的": the boss, not the cousin
        hirers = [person for person in people if re.search(
            r"(包工头|包公头|工头|老板|老闆|雇主|女主人|男主人|东家|老板娘)(叫|是|姓)?\s*$",
            normalise(message[:max(0, message.find(person))]))]
        if not asked and hirers and not bosses and text not in hirers:
            value = text = hirers[0]  # "望京一户人家带孩子 女主人叫徐丽萍": the one who hired, not the tagger's 望京
        if named and (_NOT_A_NAME.fullmatch(text) or rules.is_generic_employer(text)):
            value = text = named[0]  # "老板叫卢国强，他是从包工头手里分包的": 手里 is no one; "…后来酒店换老板了"
        elif _NOT_A_NAME.fullmatch(rules.clean_text(text) or ""):
            return _rejected(tracker, "employer_name")  # "项目部的经理姓温": a surname is no one to find
        if rules.is_nickname(text) and (real := [name for name in named if not rules.is_nickname(name)]):
            value = text = real[0]  # "雇主周永年 我哋叫佢周生": the name, not what they call him
        if (also := _ALSO_CALLED.match(normalise(message))) and normalise(text) == also.group(4):
            value = text = message[:len(also.group(1))]  # "孙立柱 俺们都叫他孙大个": the name first said
        if companies and not bosses and rules.employer_type(text, message) != "company":
            value = text = companies[0]  # the labour company, not the gang leader named beside it
        elif (described := _DESCRIBED.match(rules.clean_text(text) or "")) and text == _text(tracker):
            value = text = described.group(1)  # the name, not who they are
        elif text == _text(tracker) and (named := _NAME_THEN_MORE.match(rules.clean_text(text) or "")) \
                and not rules.is_generic_employer(named.group(1)):
            value = text = named.group(1)  # "建工三公司，项目叫蓝湾国际", "赵先生，老人的儿子"
        elif text == _text(tracker) and (placed := _NAME_THEN_PLACE.match(rules.clean_text(text) or "")):
            value = text = placed.group(1)  # "永丰纸箱厂,在东莞常平": the name; the place is kept as the place
        elif asked and not called and not picked and text != _text(tracker) and text in _text(tracker) \
                and _one_name(_text(tracker)):
            value = text = _text(tracker)  # the whole answer "顺捷快递站", not the tagger's "顺捷快递"
        if (named_only := rules.employer_name_from(rules.clean_text(text) or text)) != rules.clean_text(text):
            value = text = named_only
        if (real := _REAL_NAME.search(normalise(message))) and text in message and text != message:
            at = real.start(4)
            value = text = message[at:at + len(real.group(4))]  # "大家都叫他韩老三 真名韩三林"
        value = text = _whole_business_name(message, text, [e.get("value") or "" for e in source.get("entities") or []
                                                            if e.get("entity") == "location"])
        if (at_place := _PLACE_THEN_NAME.match(normalise(text))) and any(
                normalise(e.get("value") or "") == at_place.group(1) for e in source.get("entities") or []):
            value = text = text[at_place.end():]  # "惠州博罗的润丰电子厂": the place is kept as the place
        if re.fullmatch(r"[\u4e00-\u9fff]{3,4}家", text) and text[0] in SURNAMES and f"{text}的" in message:
            value = text = text[:-1]  # "丛培海家的苹果园": the household's head, 丛培海
        if re.fullmatch(r"[\u4e00-\u9fff]{2,3}在", text) and rules.employer_type(text[:-1]) == "individual":
            value = text = text[:-1]  # "跟着包工头刘德贵在郑州": the tagger's 刘德贵在
        if re.match(r"^(没有|没|无|不是)([\s,，]|$)", rules.clean_text(text) or ""):
            return _rejected(tracker, "employer_name")  # "没有 我是护工": an answer to another question
        from_there = re.search(rf"(是|从){re.escape(text)}(的|人|来|过来)", message)  # "我们四个是青海化隆的"
        if not asked and (rules.is_place(text) or from_there) and (others := [name for name in named if name != text]):
            value, text, from_there = others[0], others[0], None  # from there is no one; the boss beside it is
        if rules.is_generic_employer(rules.clean_text(text)) or (
                not asked and (rules.is_place_and_kind(text) or rules.is_place(text) or from_there)):
            return _rejected(tracker, "employer_name")  # "老板", "建筑公司", "晋江鞋厂": who? asked for the name
        result = self._free_text("employer_name", value, dispatcher, tracker)
        name = result.get("employer_name")
        if name and name != UNKNOWN:
            kind = rules.employer_type(name, message)
            if not contact and not asked and (rules.is_nickname(name) or rules.is_short_firm_name(name)):
                # "雇主我们都叫她孙姐", "陇原劳务欠我们…" in passing: staff cannot find 孙姐 nor file against
                # 陇原劳务; ask the full name once
                return {"employer_name": None, "employer_contact": name}
            manager = re.search(r"(项目经理|经理|主管|负责人|项目部的|场长|店长|站长|领班)(是|叫|姓)?\s*$",
                                normalise(message[:max(0, message.find(name))]))
            if kind == "individual" and not contact and not asked and manager:
                # "项目经理闫振国": a manager speaks for the firm that owes; ask its name, keep the manager's
                return {"employer_name": None, "employer_contact": name}
            if kind == "individual" and not contact and rules.business_unnamed(message):
                # "物流公司老板曲长海": the business owes the wages; ask its name, keep the boss's
                return {"employer_name": None, "employer_contact": name}
            result["employer_type"] = kind
            if boss_of_the_firm and not contact:
                result["employer_contact"] = boss_of_the_firm
        return result

    @keeps_earlier_answer
    async def validate_project_name(self, value: Any, dispatcher: CollectingDispatcher,
                                    tracker: Tracker, domain: DomainDict) -> Result:
        text = str(value or "")
        if text != _text(tracker) and _part_of_another_name(tracker, "project_name", text):
            return _rejected(tracker, "project_name")
        if _NAME_UNKNOWN.search(normalise(text)) or (
                _asked(tracker, "project_name") and _NAME_UNKNOWN.search(normalise(_text(tracker)))):
            return _unknown(tracker, "project_name", _text(tracker))  # "俺也不知道叫啥，就是黄岛海边那个新盘"
        no_project = rules.says_no_project(text) and (not _entity_spans(tracker, "project")
                                                       or re.match(r"^(啥|什么|哪有|哪来|没有?)", normalise(text)))
        if _asked(tracker, "project_name") and (no_project or re.match(r"^(没有|没|无|冇)([\s,，。]|$)",
                                                                        normalise(_text(tracker)))):
            return _with_source(tracker, {"project_name": NOT_GIVEN}, "project_name", text)  # a factory, a shop
        if _DONT_KNOW.search(text) and not _entity_spans(tracker, "project"):
            return _unknown(tracker, "project_name", text)
        if _QUESTION.search(text) or re.search(r"(带我们|老板|老闆|包工头|工头)[的]?(是|叫)", text) \
                or _ABOUT_ME.match(normalise(text)):
            return _rejected(tracker, "project_name")  # a question back, or who the boss is: asked again
        if not _asked(tracker, "project_name") and rules.says_no_project(text):
            return _rejected(tracker, "project_name")  # "一个物流园" in passing: a kind of place, not a name
        if not _asked(tracker, "project_name") and rules.is_place(text):
            return _rejected(tracker, "project_name")  # "在惠州大亚湾那边一个工地上": the place, not the project
        if _asked(tracker, "location") and _one_name(_text(tracker)) \
                and re.search(r"(园区|工业园|开发区|新区|街道|镇|乡|村|区|县|市)$", normalise(text)):
            return _rejected(tracker, "project_name")  # "苏州工业园区" answers where: it is no project too
        if not _asked(tracker, "project_name") and re.search(r"(路|街|大道|巷)$", normalise(text)):
            return _rejected(tracker, "project_name")  # "靠近江汉路" in passing: a street, not a project
        if not _asked(tracker, "project_name") and re.fullmatch(r"[\u4e00-\u9fff]{2,3}家", text) \
                and text[0] in SURNAMES:
            return _rejected(tracker, "project_name")  # "丛培海家的苹果园": someone's household, not a project
        message = _text(tracker)
        projects = [e.get("value") for e in _entity_spans(tracker, "project")]
        if _asked(tracker, "project_name") and len(projects) > 1 and text == projects[-1] \
                and re.search(r"[,，\s]+(就是|也就是|是)", message):
            text = projects[0]  # "右江区乡道硬化工程，就是修村里那条路": the name comes first, then what it is
        if _asked(tracker, "project_name") and (kind := _PLACE_THEN_KIND.match(normalise(message))):
            text = message[:len(kind.group(1))] + message[kind.start(3):]  # "明珠湾那个安置区": 明珠湾安置区
        elif _asked(tracker, "project_name") and (picked := rules.name_in_answer(message)) \
                and not rules.says_no_project(picked):
            text = picked  # "柳叶湖度假酒店 还在建", "五象新区体育公园配套道路 那条路现在已经通车了": the name
        elif _asked(tracker, "project_name") and (named := _name_beside_where(message)):
            text = named  # "御景华庭 郭杜那搭的", "泰和苑 兰山金雀山路那块": the name; the rest says where
        elif _asked(tracker, "project_name") and text != message and text in message and _one_name(message):
            text = message  # the whole answer "少荃湖安置房B区", not the tagger's "少荃湖安置房"
        if _asked(tracker, "project_name") and (named := _NAME_THEN_WORK.match(normalise(text))):
            text = text[:len(named.group(1))]  # "御景豪庭，帮业主装修": the name, not what was done there
        elif _asked(tracker, "project_name") and (named := _NAME_THEN_JOB.match(normalise(text))):
            text = text[named.start(1):named.end(1)]  # "在第一人民医院做保洁": the building, not the job
        # the name in the words, in the worker's own characters ("五象新區嗰個五象御府" -> 五象御府)
        simplified = normalise(text)  # same length as text
        name = rules.project_name_from(simplified)
        at = simplified.find(name)
        value = text[at:at + len(name)] if at >= 0 else text
        source = _source(tracker, value)
        value = _whole_project_name(source.get("text") or "", value, [
            e.get("value") or "" for e in source.get("entities") or [] if e.get("entity") == "location"])
        value = _PROJECT_EDGES.sub("", value) if len(_PROJECT_EDGES.sub("", value)) >= 2 else value
        if not _asked(tracker, "project_name") and (re.search(r"(一个|那个|这个|一家|那家|一座|一栋|一户)|[里上]$",
                                                              value)
                                                    or re.search(r"^(我|他|她|阮)|(做|干)工地$|跟", normalise(value))):
            return _rejected(tracker, "project_name")  # "在临沂一个物流园开叉车", "阮佇晋江安海做工地": no name
        result = self._free_text("project_name", value, dispatcher, tracker)
        place, project = tracker.get_slot("location"), result.get("project_name")
        place_said = ((tracker.get_slot("field_sources") or {}).get("location") or {}).get("text") or ""
        if isinstance(place, str) and project and place != project and place in project and project in place_said:
            result["location"] = None  # "新城" taken from the project "新城悦隽": the place is asked
        return result

    @keeps_earlier_answer
    async def validate_location(self, value: Any, dispatcher: CollectingDispatcher,
                                tracker: Tracker, domain: DomainDict) -> Result:
        text = str(value or "")
        source = _source(tracker, text).get("text") or ""
        at = source.find(text)
        if at > 1 and re.match(r"[\u4e00-\u9fff]", source[at - 1]) and re.search(
                r"(班长|老板|包工头|工头|叫|姓|经理|主管|站长|场长|队长|组长)$", normalise(source[:at - 1])):
            return _rejected(tracker, "location")  # 建华 of "班长普建华": part of a person's name
        places = [e.get("value") or "" for e in _source(tracker, text).get("entities") or []
                  if e.get("entity") == "location"]
        if text in places and (worked := _where_worked(source, places)) and worked != text:
            value = text = worked  # "在康巴什修路 … 我们都是达拉特旗的": where they worked, not where they are from
        elif text in places and all(_home_town(source, place, surely=True) for place in places):
            return _rejected(tracker, "location")  # "我是湖北仙桃人 叫彭家宝": where they are from; asked again
        if len(text) > 2 and (tail := re.search(r"(那个|那边|这边|个|嘅|的)$", normalise(text))):
            value = text = text[:tail.start()]  # "增城新塘个地盘", "郑州那边": the place, not the word after it
        at = source.find(text)
        if at >= 0 and re.match(r"(山路|路|街|大道|巷)", normalise(source[at + len(text):])) \
                and 0 < (known := place_prefix(normalise(text))) < len(text):
            value = text = text[:known]  # "兰山金雀山路": the district, not half the street's name
        if re.search(r"[\u4e00-\u9fff](到|至)[\u4e00-\u9fff]", text) and not _asked(tracker, "location"):
            return _rejected(tracker, "location")  # "跑临沂到上海这条线": a route, not where the work was
        if _part_of_another_name(tracker, "location", text):
            return _rejected(tracker, "location")  # 融汇江山 answers the project question: 江山 is part of the name
        if not _entity_spans(tracker, "location") and (
                _QUESTION.search(text) or rules.normalise_phone(text)
                or re.search(r"(老板|老闆|包工头|工头)[的]?(是|叫)", text)
                or _ABOUT_ME.match(normalise(text)) or _SAYS_WHAT_HAPPENED.search(text)):
            return _rejected(tracker, "location")  # not a place ("我叫骆红英", "老板说月底给"): asked again
        return self._free_text("location", value, dispatcher, tracker)

    @keeps_earlier_answer
    async def validate_amount_yuan(self, value: Any, dispatcher: CollectingDispatcher,
                                   tracker: Tracker, domain: DomainDict) -> Result:
        if isinstance(value, int):
            return {"amount_yuan": value}
        text = str(value or "")
        if _DONT_KNOW.match(text.strip()):
            return _unknown(tracker, "amount_yuan", text, amount_yuan_high=None, amount_approximate=False)
        # from this message: is the figure a rate, or the total?
        # a correction at the summary gives the figure in its words ("是七千五 提成那五百他也没给"), not its sum
        correction = rules.parse_correction(_text(tracker)) if tracker.active_loop_name == "confirm_form" else None
        # (unless it says what is still owed or the total: "总共是七万五 借支了一万 还差六万五")
        words = correction and correction[0] == "amount_yuan" and rules.amount_from(correction[1]) \
            and not re.search(r"(还差|还欠|还剩|剩下|一共|总共|合计|加起来)", _text(tracker))
        said = text if words else _text(tracker)
        if text and text not in said:  # a figure from the opening, checked when the form starts: read it there
            said = _source(tracker, text).get("text") or said
        total = owed_total(said) if text and text in said else None
        if total is None and text and text in _text(tracker) and (
                only_side_money(_text(tracker)) or is_side_money(_text(tracker), text)):
            return _rejected(tracker, "amount_yuan")  # "押金也能一起要吗？": not the wages owed; asked again
        if total is None and text and text in _text(tracker) and not _asked(tracker, "amount_yuan"):
            return _rejected(tracker, "amount_yuan")  # "他给过俺三回零花钱一回两三百": paid, not owed; asked later
        if total is not None and total.amount.high < rules.MIN_AMOUNT and not _asked(tracker, "amount_yuan"):
            return _rejected(tracker, "amount_yuan")  # "欠我们俩工资": 俩 is two people, not two yuan
        amount, working = (total.amount, total.working) if total else (rules.amount_from(text), None)
        if amount is None:
            words = _span_value(text, "amount")
            amount = rules.amount_from(words) if words else None
            text = words or text
        if amount is None:
            if _asked(tracker, "amount_yuan"):
                dispatcher.utter_message(response="utter_invalid_amount")
            return _rejected(tracker, "amount_yuan")
        result = {
            "amount_yuan": amount.low,
            "amount_yuan_high": amount.high if amount.high != amount.low else None,
            "amount_approximate": amount.approximate,
        }
        result = _with_source(tracker, result, "amount_yuan", text)
        heads = tracker.get_slot("worker_count")
        share = each_ones_share(_text(tracker)) if not working else None
        if share is not None and share.low == amount.low and isinstance(heads, int) and heads >= 2:
            amount = Quantity(amount.low * heads, amount.high * heads, amount.approximate)  # 一人一万八, 3 said before
            working = f"{share.low}元/人 × {heads}人 = {amount.low}元"
            result.update(amount_yuan=amount.low, amount_yuan_high=amount.high if amount.high != amount.low else None)
        if working:  # computed: the summary shows the arithmetic for the worker to confirm
            result["field_sources"]["amount_yuan"]["arithmetic"] = working
            result = _flag(tracker, result, "amount_yuan")
        if total is not None and total.unclear:  # several figures: the summary reads it back, staff check it
            result = _flag(tracker, result, "amount_yuan")
        if amount.high > rules.MAX_AMOUNT:
            dispatcher.utter_message(response="utter_large_amount")
            result = _flag(tracker, result, "amount_yuan")
        if amount.exact is None:
            result = _flag(tracker, result, "amount_yuan")
        return result

    @keeps_earlier_answer
    async def validate_worker_count(self, value: Any, dispatcher: CollectingDispatcher,
                                    tracker: Tracker, domain: DomainDict) -> Result:
        if isinstance(value, int):
            return {"worker_count": value}
        text = str(value or "")
        if _DONT_KNOW.match(text.strip()):
            return _unknown(tracker, "worker_count", text, worker_count_approximate=False)
        message = normalise(_text(tracker))
        at = message.find(normalise(text))
        if at >= 0 and text != _text(tracker) and any(span.entity == "period" and span.start <= at < span.end
                                                       for span in find_spans(message)):
            return _rejected(tracker, "worker_count")  # the 九 of "九月份和十月份": a month, not a head count
        if at >= 0 and not _asked(tracker, "worker_count") and (
                re.search(r"(还有|和|跟|带着?)\s*$", message[:at])
                or re.match(r"^[^。！!，,\s]{0,6}(先走了|走了|不干了|离开了|回家了)", message[at:])):
            return _rejected(tracker, "worker_count")  # "我跟我堂客还有一个老乡", "有两个人先走了": not the group
        spans = [span for span in find_spans(message) if span.entity == "worker_count"]
        if at >= 0 and len(spans) > 1 and normalise(text) == "一" and not re.search(r"(我|俺|就|只)$", message[:at]):
            text = max((message[span.start:span.end] for span in spans),
                       key=lambda words: (rules.count_from(words) or Quantity(0, 0, False)).low)  # "八个人 一人摘了"
        if at >= 0 and text != _text(tracker) and re.match(r"^[^。！!，,]*[？?]", message[at:]):
            text = _text(tracker)  # the 几 of "一定要说几个人吗？我只知道我自己的": a question, not the answer
        count = rules.count_from(text)
        if _asked(tracker, "worker_count") and (count is None or count.exact is None) \
                and (whole := rules.count_from(_text(tracker))) and (count is None or whole.exact is not None):
            count = whole  # "我自己，别的保安也有没发的，但我不知道几个": one, not the 几 of 几个
        if count is None:
            answers_another = any(e.get("entity") != "worker_count"
                                  for e in tracker.latest_message.get("entities") or [])
            if _asked(tracker, "worker_count") and not answers_another:  # "前年11月干到去年3月": the period, said late
                dispatcher.utter_message(response="utter_invalid_worker_count")
            return _rejected(tracker, "worker_count")
        if count.exact is None and not _asked(tracker, "worker_count"):
            return _rejected(tracker, "worker_count")  # "好几个人都没拿到" in passing: the form asks how many
        result = {"worker_count": count.low, "worker_count_approximate": count.exact is None}
        result = {**_with_source(tracker, result, "worker_count", text), **_for_everyone(tracker, count)}
        return _flag(tracker, result, "worker_count") if count.exact is None else result

    @keeps_earlier_answer
    async def validate_period_text(self, value: Any, dispatcher: CollectingDispatcher,
                                   tracker: Tracker, domain: DomainDict) -> Result:
        text = str(value or "")
        if _QUESTION.search(text):
            return _rejected(tracker, "period_text")  # "过年前后的都算吗？": a question back, asked again
        source = _source(tracker, text).get("text") or ""
        at = source.find(text)
        around = normalise(source[max(0, at - 3):at + len(text) + 2] if at >= 0 else text)
        message = _text(tracker)
        if (_asked(tracker, "period_text") and text != message and text in message and len(message) <= 12
                and not any(span.entity in ("amount", "phone") for span in find_spans(normalise(message)))):
            value = message  # the whole short answer "5到8月", not the "8月" in it
        else:
            value = _span_of_points(source, text)
        if not _asked(tracker, "period_text") and value == text and _VAGUE_TIME.search(around):
            return _rejected(tracker, "period_text")  # "拖了快一年了" in passing: the form asks which months
        before = normalise(source[max(0, at - 10):at]) if at >= 0 else ""
        if not _asked(tracker, "period_text") and value == text and (
                re.search(r"(说好|讲好|答应|约好|说是?)了?$", before)  # "讲好了六月份做完就结": a payday
                or (re.search(r"(欠|拖)[^，。,]{0,6}$", before) and not re.search(r"月", text))):  # 欠…一年多了
            return _rejected(tracker, "period_text")  # not the months worked: the form asks them
        if re.fullmatch(r"(几|好几)(个)?月(份)?", normalise(text)):
            return _rejected(tracker, "period_text")  # "说个大概几月份可以吗": no months said
        result = self._free_text("period_text", value, dispatcher, tracker, looks_right=_mentions_time)
        period = rules.parse_period(result.get("period_text"))
        result["period_months"] = period["months"]
        result["period_start"] = period["start_month"]
        return result

    @keeps_earlier_answer
    async def validate_sector(self, value: Any, dispatcher: CollectingDispatcher,
                              tracker: Tracker, domain: DomainDict) -> Result:
        if value in rules.SECTOR_LABELS:
            return {"sector": value}
        intent = _intent(tracker)
        text = str(value or "")
        sector = rules.sector_from_answer(
            text, affirmed=intent == "affirm" or text.startswith(("是", "对", "係", "系", "嗯")),
            denied=intent == "deny" or text.startswith(("不是", "不对", "没有", "唔係", "唔系")),
        )
        if sector is None and _asked(tracker, "sector") and not _QUESTION.search(text) \
                and re.search(r"[\u4e00-\u9fff]{2}", text):
            # asked "工地、修路…这类工程上吗？" and the worker names something else ("煤矿", "槟榔园")
            sector = "other"
        if sector is None:
            return _rejected(tracker, "sector")
        return _with_source(tracker, {"sector": sector}, "sector", text)

    @keeps_earlier_answer
    async def validate_reporter_name(self, value: Any, dispatcher: CollectingDispatcher,
                                     tracker: Tracker, domain: DomainDict) -> Result:
        text = str(value or "")
        source = _source(tracker, text).get("text") or ""
        collecting = tracker.active_loop_name == "arrears_form"  # at the summary a correction says whose name
        if collecting and not _asked(tracker, "reporter_name") and (_said_of_someone_else(tracker, text)
                                                     or not _SELF.search(source)):
            # a name said in passing is the boss's or a colleague's unless the worker says it is theirs
            return _rejected(tracker, "reporter_name")
        if _asked(tracker, "reporter_name") and (_said_of_someone_else(tracker, text)
                                                 or (_QUESTION.search(source) and not _SELF.search(source))):
            # "写我的名字还是工头的？工头叫章立新": a question back naming the boss; asked again
            return _rejected(tracker, "reporter_name")
        if _asked(tracker, "reporter_name") and rules.wants_to_skip(text):
            result = _with_source(tracker, {"reporter_name": NOT_GIVEN}, "reporter_name", text)
            return _flag(tracker, result, "reporter_name")
        name = rules.normalise_name(text)
        if name is None:
            answers_another = any(e.get("entity") != "person_name"
                                  for e in tracker.latest_message.get("entities") or [])
            if _asked(tracker, "reporter_name") and not answers_another:  # "店在武汉江汉区": the place, said late
                dispatcher.utter_message(response="utter_invalid_name")
            return _rejected(tracker, "reporter_name")
        return _with_source(tracker, {"reporter_name": name}, "reporter_name", text)

    @keeps_earlier_answer
    async def validate_phone(self, value: Any, dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> Result:
        text = str(value or "")
        message = _source(tracker, text).get("text") or ""
        # The worker's own number: not the boss's ("他电话是138…"); 一三八… counts too.
        inside = text != message and text in message  # a number inside a longer message: whose it is, from the words
        phone = rules.own_phone(message if rules.normalise_phone(message) or inside else text,
                                asked=_asked(tracker, "phone"))
        if phone:
            result = {"phone": phone, "phone_skipped": False}
            return _with_source(tracker, result, "phone", text)
        if not _asked(tracker, "phone"):
            return _rejected(tracker, "phone")
        if rules.normalise_phone(message):  # a number, but someone else's
            dispatcher.utter_message(response="utter_someone_elses_phone")
            return {"phone": None}
        if rules.wants_to_skip(text) or _intent(tracker) == "deny":
            dispatcher.utter_message(response="utter_phone_skipped")
            return _flag(tracker, {"phone": NOT_GIVEN, "phone_skipped": True}, "phone")
        dispatcher.utter_message(response="utter_invalid_phone")
        return {"phone": None}

    async def validate_extra_info(self, value: Any, dispatcher: CollectingDispatcher,
                                  tracker: Tracker, domain: DomainDict) -> Result:
        text = str(value or "").strip()
        if not text or _NOTHING_MORE.match(normalise(text)):
            return {"extra_info": "无"}
        return {"extra_info": text[:2000]}
