import pytest
from rasa_sdk.events import SlotSet

from bot.actions.arrears_form import ValidateArrearsForm
from tests.conftest import make_tracker


async def validate(slot, value, dispatcher, domain, **tracker_args):
    action = ValidateArrearsForm()
    tracker = make_tracker(**tracker_args)
    return await getattr(action, f"validate_{slot}")(value, dispatcher, tracker, domain)


async def test_amount_is_normalised_and_its_words_kept(dispatcher, domain):
    result = await validate("amount_yuan", "两万八", dispatcher, domain,
                            text="包工头老王欠我们两万八", slots={"requested_slot": "amount_yuan"})
    assert result["amount_yuan"] == 28000 and result["amount_approximate"] is False
    assert result["field_sources"]["amount_yuan"] == {"text": "包工头老王欠我们两万八", "words": "两万八"}
    assert dispatcher.messages == []


async def test_approximate_amount_is_flagged_for_staff(dispatcher, domain):
    result = await validate("amount_yuan", "八千多", dispatcher, domain, text="八千多")
    assert (result["amount_yuan"], result["amount_yuan_high"]) == (8000, 9000)
    assert result["needs_check"] == ["amount_yuan"]


async def test_unreadable_amount_is_asked_again_only_when_it_was_the_question(dispatcher, domain):
    result = await validate("amount_yuan", "好多钱", dispatcher, domain, text="好多钱",
                            slots={"requested_slot": "amount_yuan"})
    assert result == {"amount_yuan": None}
    assert dispatcher.messages[0]["response"] == "utter_invalid_amount"
    dispatcher.messages.clear()
    result = await validate("amount_yuan", "好多钱", dispatcher, domain, text="好多钱",
                            slots={"requested_slot": "phone"})
    assert result == {"amount_yuan": None} and dispatcher.messages == []


async def test_bare_number_answers_the_count_question(dispatcher, domain):
    result = await validate("worker_count", "12", dispatcher, domain, text="12",
                            slots={"requested_slot": "worker_count"})
    assert result["worker_count"] == 12


async def test_invalid_phone_is_asked_again(dispatcher, domain):
    result = await validate("phone", "1381234", dispatcher, domain, text="1381234",
                            slots={"requested_slot": "phone"})
    assert result == {"phone": None}
    assert dispatcher.messages[0]["response"] == "utter_invalid_phone"


async def test_phone_can_be_skipped(dispatcher, domain):
    result = await validate("phone", "不想留", dispatcher, domain, text="不想留", intent="deny",
                            slots={"requested_slot": "phone"})
    assert result["phone_skipped"] is True and result["phone"] == "未提供"
    assert dispatcher.messages[0]["response"] == "utter_phone_skipped"


async def test_employer_gets_a_type(dispatcher, domain):
    # (answering the question: said in passing, a short firm name is asked for its registered name first)
    result = await validate("employer_name", "是宏达建筑公司", dispatcher, domain, text="是宏达建筑公司",
                            slots={"requested_slot": "employer_name"})
    assert result["employer_name"] == "宏达建筑公司" and result["employer_type"] == "company"


async def test_html_in_a_name_is_kept_as_text(dispatcher, domain):
    text = "<script>alert(1)</script>公司"
    result = await validate("employer_name", text, dispatcher, domain, text=text)
    assert result["employer_name"] == text


async def test_sector_from_yes_no(dispatcher, domain):
    yes = await validate("sector", "是的", dispatcher, domain, text="是的", intent="affirm")
    no = await validate("sector", "不是，在饭店", dispatcher, domain, text="不是，在饭店", intent="deny")
    assert yes["sector"] == "construction" and no["sector"] == "other"


async def test_nothing_more_to_add(dispatcher, domain):
    assert (await validate("extra_info", "没有了", dispatcher, domain, text="没有了"))["extra_info"] == "无"
    long = await validate("extra_info", "没有欠条", dispatcher, domain, text="没有欠条", intent="deny")
    assert long["extra_info"] == "没有欠条"


async def test_sector_inferred_from_what_was_said(dispatcher, domain):
    tracker = make_tracker(
        text="在翠湖花园二期工地干钢筋", slots={"requested_slot": "project_name"}, active_loop="arrears_form",
        events=[{"event": "user", "text": "在翠湖花园二期工地干钢筋"},
                {"event": "slot", "name": "project_name", "value": "翠湖花园二期"}])
    events = await ValidateArrearsForm().run(dispatcher, tracker, domain)
    assert SlotSet("sector", "construction") in events


async def test_an_answered_field_is_not_overwritten_in_passing(dispatcher, domain):
    events = [{"event": "slot", "name": "employer_name", "value": "鸿运电子厂"},
              {"event": "user", "text": "鸿运电子厂三车间"},
              {"event": "slot", "name": "employer_name", "value": "鸿运电子厂三"}]
    result = await validate("employer_name", "鸿运电子厂三", dispatcher, domain, text="鸿运电子厂三车间",
                            events=events, active_loop="arrears_form",
                            slots={"requested_slot": "project_name", "employer_name": "鸿运电子厂三"})
    assert result == {"employer_name": "鸿运电子厂"}


async def test_an_empty_field_is_filled_in_passing(dispatcher, domain):
    result = await validate("amount_yuan", "两万八", dispatcher, domain, text="老王,欠两万八",
                            active_loop="arrears_form", slots={"requested_slot": "employer_name"})
    assert result["amount_yuan"] == 28000


async def test_rate_times_months_gives_the_total_with_its_arithmetic(dispatcher, domain):
    result = await validate("amount_yuan", "4500", dispatcher, domain, text="每月4500,欠了三个月",
                            slots={"requested_slot": "amount_yuan"})
    assert result["amount_yuan"] == 13500
    assert result["field_sources"]["amount_yuan"]["arithmetic"] == "4500元/月 × 3个月 = 13500元"
    assert "amount_yuan" in result["needs_check"]


async def test_a_phone_number_is_not_taken_as_the_employer(dispatcher, domain):
    result = await validate("employer_name", "13812345678", dispatcher, domain, text="13812345678",
                            slots={"requested_slot": "employer_name"})
    assert result == {"employer_name": None}


async def test_a_period_given_with_the_first_message_is_kept(dispatcher, domain):
    result = await validate("period_text", "三个月", dispatcher, domain, text="老王欠我们两万八,干了三个月")
    assert result["period_text"] == "三个月" and result["period_months"] == 3


async def test_a_name_is_not_taken_as_the_period(dispatcher, domain):
    result = await validate("period_text", "我叫张建国", dispatcher, domain, text="我叫张建国",
                            slots={"requested_slot": "period_text"})
    assert result["period_text"] is None
    assert dispatcher.messages[0]["response"] == "utter_invalid_text"


async def test_a_name_the_tagger_was_unsure_of_is_marked_for_staff(dispatcher, domain):
    unsure = [{"entity": "employer", "value": "鼎盛", "start": 0, "end": 2, "confidence_entity": 0.41}]
    result = await validate("employer_name", "鼎盛", dispatcher, domain, text="鼎盛电子厂那边", entities=unsure,
                            slots={"requested_slot": "employer_name"})
    assert "employer_name" in result["needs_check"]
    assert result["field_sources"]["employer_name"]["confidence"] == 0.41
    sure = [{**unsure[0], "confidence_entity": 0.97}]
    result = await validate("employer_name", "鼎盛", dispatcher, domain, text="鼎盛电子厂那边", entities=sure,
                            slots={"requested_slot": "employer_name"})
    assert "employer_name" not in (result.get("needs_check") or [])


async def test_a_nickname_said_in_passing_is_kept_aside_and_its_full_name_asked(dispatcher, domain):
    opening = "雇主我们都叫她孙姐，一个月六千五，9月10月两个月都没给"
    result = await validate("employer_name", "孙姐", dispatcher, domain, text=opening,
                            entities=[{"entity": "employer", "value": "孙姐"}])
    assert result == {"employer_name": None, "employer_contact": "孙姐"}
    answer = "孙丽华，就是孙姐"
    result = await validate("employer_name", "孙姐", dispatcher, domain, text=answer,
                            slots={"requested_slot": "employer_name", "employer_contact": "孙姐"})
    assert result["employer_name"] == "孙丽华" and result["employer_type"] == "individual"
    result = await validate("employer_name", "不知道", dispatcher, domain, text="不知道她全名",
                            slots={"requested_slot": "employer_name", "employer_contact": "孙姐"})
    assert result["employer_name"] == "孙姐"


async def test_months_answering_the_count_question_are_no_head_count(dispatcher, domain):
    result = await validate("worker_count", "九", dispatcher, domain, text="是九月份和十月份的",
                            slots={"requested_slot": "worker_count"})
    assert result["worker_count"] is None


async def test_the_full_name_is_asked_once_and_another_answer_leaves_the_nickname(dispatcher, domain):
    for answer in ("13812345678", "东莞长安镇", "我叫张建国", "就是老王 大名不晓得 一直喊他老王的"):
        result = await validate("employer_name", answer, dispatcher, domain, text=answer,
                                slots={"requested_slot": "employer_name", "employer_contact": "老王"})
        assert result["employer_name"] == "老王" and result["employer_type"] == "individual"


async def test_a_bare_name_taken_for_off_topic_still_answers_the_name_question(dispatcher, domain):
    tracker = make_tracker(text="龚德顺", intent="out_of_scope", active_loop="arrears_form",
                           slots={"requested_slot": "reporter_name"})
    events = await ValidateArrearsForm().answer_anyway(dispatcher, tracker, domain)
    assert SlotSet("reporter_name", "龚德顺") in events


async def test_off_topic_words_answer_nothing(dispatcher, domain):
    tracker = make_tracker(text="给我讲个笑话", intent="out_of_scope", active_loop="arrears_form",
                           slots={"requested_slot": "reporter_name"})
    assert await ValidateArrearsForm().answer_anyway(dispatcher, tracker, domain) == []


async def test_each_ones_share_is_multiplied_by_the_head_count_given_later(dispatcher, domain):
    sources = {"amount_yuan": {"text": "一人九千五", "words": "一人九千五"}}
    result = await validate("worker_count", "四个", dispatcher, domain, text="四个",
                            slots={"requested_slot": "worker_count", "amount_yuan": 9500, "field_sources": sources})
    assert result["worker_count"] == 4 and result["amount_yuan"] == 38000
    assert "amount_yuan" in result["needs_check"]


async def test_side_money_alone_does_not_answer_the_amount_question(dispatcher, domain):
    result = await validate("amount_yuan", "五百", dispatcher, domain, text="交的五百押金也能要吗？",
                            slots={"requested_slot": "amount_yuan"})
    assert result == {"amount_yuan": None}


@pytest.mark.parametrize("answer,entities,employer", [
    ("鑫艺美发 老板叫阿杰", [{"entity": "employer", "value": "阿杰"}], "鑫艺美发"),  # the shop, not its boss
    ("川渝老火锅 老板姓陈", [{"entity": "employer", "value": "老火锅"}], "川渝老火锅"),  # the shop's whole name
    ("一户姓林的人家 女的叫林秀云", [{"entity": "person_name", "value": "林秀云"}], "林秀云"),  # the household's person
    ("郭长顺 我们都喊他郭大头", [], "郭长顺"),  # the name said first, not the nickname
    ("宏图五金厂，在宁波北仑", [], "宏图五金厂"),  # the name; the place is the place
    ("顺通建设集团有限公司的项目部", [], "顺通建设集团有限公司"),  # the firm, not its site office
    ("鲁临劳务 全名山东鲁临建筑劳务有限公司", [{"entity": "employer", "value": "全名山东鲁临建筑劳务有限公司"}],
     "山东鲁临建筑劳务有限公司"),  # the full name said after the short one, without 全名
    ("金樽KTV 天心区那个", [], "金樽KTV"),  # the name, not where it is
])
async def test_the_employer_answer_keeps_who_owes(answer, entities, employer, dispatcher, domain):
    value = entities[0]["value"] if entities and entities[0]["entity"] == "employer" else answer
    result = await validate("employer_name", value, dispatcher, domain, text=answer, entities=entities,
                            slots={"requested_slot": "employer_name"})
    assert result["employer_name"] == employer


async def test_a_surname_alone_or_a_route_fills_nothing(dispatcher, domain):
    said = "劳务公司欠钱 项目部的经理姓黄 他说钱早拨了"
    assert (await validate("employer_name", "姓黄", dispatcher, domain, text=said))["employer_name"] is None
    said = "开货车的 跑郑州到西安这条线"
    assert (await validate("location", "郑州到西安", dispatcher, domain, text=said))["location"] is None


@pytest.mark.parametrize("answer", ["在开发区那个工地", "我的工钱五千八 他一直拖着"])
async def test_where_or_how_much_said_for_who_is_asked_again(answer, dispatcher, domain):
    result = await validate("employer_name", answer, dispatcher, domain, text=answer,
                            slots={"requested_slot": "employer_name"})
    assert result["employer_name"] is None


@pytest.mark.parametrize("message,period", [
    ("包工头欠我们工钱两年多了 一直拖", "两年多"),  # how long it has been owed, not the months worked
    ("说好了八月份干完就结账 到现在没给", "八月份"),  # a payday
])
async def test_a_time_said_in_passing_that_is_no_work_period_is_left_for_the_question(message, period, dispatcher,
                                                                                       domain):
    result = await validate("period_text", period, dispatcher, domain, text=message)
    assert result["period_text"] is None


async def test_a_firm_said_to_owe_owes_and_its_boss_is_kept_as_the_contact(dispatcher, domain):
    said = "海珠康樂村裕豐製衣廠拖欠我們五個車位工資!! 老闆梁耀祖 電話13926051873"
    entities = [{"entity": "location", "value": "海珠康樂村"}, {"entity": "employer", "value": "裕豐製衣廠"},
                {"entity": "employer", "value": "梁耀祖"}]
    result = await validate("employer_name", "梁耀祖", dispatcher, domain, text=said, entities=entities,
                            slots={"requested_slot": "amount_yuan"})
    assert (result["employer_name"], result["employer_type"], result["employer_contact"]) == (
        "裕豐製衣廠", "company", "梁耀祖")


async def test_a_firm_named_by_its_short_name_in_passing_is_asked_for_its_registered_name(dispatcher, domain):
    said = "陇原劳务欠我们四个人工钱 欠了快两年了"
    result = await validate("employer_name", "陇原劳务", dispatcher, domain, text=said,
                            entities=[{"entity": "employer", "value": "陇原劳务"}], slots={"requested_slot": None})
    assert result == {"employer_name": None, "employer_contact": "陇原劳务"}


@pytest.mark.parametrize("answer,employer", [
    ("甘肃陇原建筑劳务有限公司", "甘肃陇原建筑劳务有限公司"),  # the registered name
    ("不知道", "陇原劳务"),  # else the short name stands, still a company
    ("陇原劳务公司，姜洪波就是个带班的", "陇原劳务公司"),  # the name, not what is said of the gang leader after it
])
async def test_the_registered_name_answer(answer, employer, dispatcher, domain):
    result = await validate("employer_name", answer, dispatcher, domain, text=answer,
                            slots={"requested_slot": "employer_name", "employer_contact": "陇原劳务"})
    assert (result["employer_name"], result["employer_type"], result["employer_contact"]) == (
        employer, "company", None)


async def test_the_workers_own_phone_answering_the_employer_question_names_no_one(dispatcher, domain):
    said = "我先留个电话，13859012345，有事打我"
    result = await validate("employer_name", said, dispatcher, domain, text=said,
                            slots={"requested_slot": "employer_name"})
    assert result["employer_name"] is None


@pytest.mark.parametrize("answer", ["苏州工业园区", "义乌北苑街道"])
async def test_a_place_answering_where_is_not_also_the_project(answer, dispatcher, domain):
    result = await validate("project_name", answer, dispatcher, domain, text=answer,
                            entities=[{"entity": "project", "value": answer}], slots={"requested_slot": "location"})
    assert result["project_name"] is None


async def test_a_business_named_after_the_nickname_is_its_full_name(dispatcher, domain):
    answer = "老罗烧烤 是个烧烤店"
    result = await validate("employer_name", answer, dispatcher, domain, text=answer,
                            slots={"requested_slot": "employer_name", "employer_contact": "老罗"})
    assert (result["employer_name"], result["employer_type"]) == ("老罗烧烤", "company")
