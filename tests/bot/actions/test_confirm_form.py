import pytest

from bot.actions.confirm_form import ActionAskSummaryConfirmed, ValidateConfirmForm
from bot.intake import lead_fields, render_summary
from tests.conftest import make_tracker

SLOTS = {"employer_name": "老王", "project_name": "翠湖花园二期", "location": "东莞",
         "amount_yuan": 28000, "worker_count": 12, "period_text": "三个月", "sector": "construction",
         "reporter_name": "张建国", "phone": "13812345678", "extra_info": "无",
         "requested_slot": "summary_confirmed"}


async def confirm(text, dispatcher, domain, intent="inform", events=None):
    tracker = make_tracker(slots=dict(SLOTS), text=text, intent=intent, events=events or [],
                           active_loop="confirm_form")
    return await ValidateConfirmForm().validate_summary_confirmed(text, dispatcher, tracker, domain)


async def test_yes_confirms(dispatcher, domain):
    assert await confirm("对", dispatcher, domain, intent="affirm") == {"summary_confirmed": True}


async def test_plain_words_correction_is_applied_and_asked_again(dispatcher, domain):
    result = await confirm("项目名错了,是翠湖花园三期", dispatcher, domain, intent="deny")
    assert result["project_name"] == "翠湖花园三期"
    assert result["summary_confirmed"] is None
    assert result["field_sources"]["project_name"]["words"] == "翠湖花园三期"


async def test_entity_correction_is_normalised(dispatcher, domain):
    # action_extract_slots already set the raw entity value this turn
    events = [{"event": "user", "text": "不对,是三万"},
              {"event": "slot", "name": "amount_yuan", "value": "三万"}]
    result = await confirm("不对,是三万", dispatcher, domain, intent="deny", events=events)
    assert result["amount_yuan"] == 30000 and result["summary_confirmed"] is None


async def test_no_without_a_correction_asks_which_field(dispatcher, domain):
    assert await confirm("不对", dispatcher, domain, intent="deny") == {"summary_confirmed": None}
    assert dispatcher.messages[0]["response"] == "utter_which_field"


async def test_summary_is_read_back_with_buttons(dispatcher, domain):
    tracker = make_tracker(slots=dict(SLOTS))
    await ActionAskSummaryConfirmed().run(dispatcher, tracker, domain)
    texts = [m["text"] for m in dispatcher.messages]
    assert "28000元" in texts[0] and "翠湖花园二期" in texts[0]
    assert dispatcher.messages[-1]["buttons"][0]["payload"] == "对"


async def test_a_phone_corrected_by_its_last_digits_keeps_the_rest(dispatcher, domain):
    result = await confirm("电话错了 后三位是876 不是678", dispatcher, domain, intent="deny")
    assert result["phone"] == "13812345876" and result["summary_confirmed"] is None


async def test_a_figure_corrected_to_a_range_from_the_same_figure_is_a_correction(dispatcher, domain):
    result = await confirm("钱说错了 不是两万八 是两万八九", dispatcher, domain, intent="deny")
    assert (result["amount_yuan"], result["amount_yuan_high"]) == (28000, 29000)


@pytest.mark.parametrize("text,amount", [
    ("钱不对 是三万一 加班费那一千他也没给 要算上", 31000),  # the figure said, not the one in passing
    ("不对，金额是82,000，刚才打反了", 82000),  # a thousands comma does not end the figure
    ("钱说错了 总共是五万 借支了八千 还差四万二", 42000),  # what is still owed
    ("钱说错了，4200是一个月的，两个月一共8400", 8400),  # the total
])
async def test_a_corrected_amount_is_the_sum_owed_the_worker_means(text, amount, dispatcher, domain):
    result = await confirm(text, dispatcher, domain, intent="deny")
    assert result["amount_yuan"] == amount


async def test_a_correction_the_classifier_took_for_a_question_is_still_a_correction(dispatcher, domain):
    from bot.actions.questions import ActionAnswerQuestion

    text = "人数不对 是五个 我把我自己忘算了"
    events = [{"event": "user", "text": text}, {"event": "slot", "name": "worker_count", "value": "五"}]
    tracker = make_tracker(slots=dict(SLOTS), text=text, intent="other_labor_issue", events=events,
                           active_loop="confirm_form")
    result = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert {"event": "slot", "name": "worker_count", "value": 5, "timestamp": None} in result
    assert all(m.get("response") != "utter_other_labor_issue" for m in dispatcher.messages)


@pytest.mark.parametrize("text,changed", [
    # a name the validators would not take said in passing (a nickname, a road project) is the
    # answer to the field the worker names
    ("欠钱的是胖子刘，不是这个", {"employer_name": "胖子刘", "employer_type": "individual"}),
    ("项目不对，是五象新区体育公园配套道路", {"project_name": "五象新区体育公园配套道路"}),
    ("没有项目", {"project_name": "未提供"}),
    ("名字我不想留", {"reporter_name": "未提供"}),
    ("电话我不留", {"phone_skipped": True}),
    ("行业不对，不是工地上的活", {"sector": "other"}),
])
async def test_a_field_named_at_the_summary_is_read_as_the_answer_to_its_question(text, changed, dispatcher, domain):
    result = await confirm(text, dispatcher, domain, intent="deny")
    assert {name: result.get(name) for name in changed} == changed
    assert result["summary_confirmed"] is None


async def test_a_correction_to_the_value_already_shown_says_so(dispatcher, domain):
    events = [{"event": "slot", "name": "worker_count", "value": 12},
              {"event": "user", "text": "人数说错了 是十二个 我小舅子也在里面"}]
    result = await confirm("人数说错了 是十二个 我小舅子也在里面", dispatcher, domain, intent="deny", events=events)
    assert result == {"worker_count": 12, "summary_confirmed": None}
    assert dispatcher.messages[0]["response"] == "utter_already_so"
    assert dispatcher.messages[0]["field"] == "涉及人数"


async def test_words_that_correct_no_field_the_bot_can_place_are_kept_for_staff(dispatcher, domain):
    result = await confirm("用我老婆的手机吧 她接得到", dispatcher, domain, intent="inform")
    assert result["summary_confirmed"] is None
    assert result["extra_info"] == "核对时补充：用我老婆的手机吧 她接得到"
    assert dispatcher.messages[0]["response"] == "utter_correction_kept"


async def test_a_bare_no_asks_which_field(dispatcher, domain):
    assert await confirm("不对不对", dispatcher, domain, intent="deny") == {"summary_confirmed": None}
    assert dispatcher.messages[0]["response"] == "utter_which_field"


async def test_a_long_yes_that_asks_to_file_confirms(dispatcher, domain):
    result = await confirm("对的 没问题 就这样提交吧 麻烦你们了", dispatcher, domain, intent="affirm")
    assert result == {"summary_confirmed": True}


@pytest.mark.parametrize("text,slot,name", [("老板不对，是华安保安公司", "employer_name", "华安保安公司"),
                                            ("工地名字错了，叫沾益至马龙公路", "project_name", "沾益至马龙公路")])
async def test_a_name_the_worker_corrects_by_field_is_written_as_said(dispatcher, domain, text, slot, name):
    """The worker named the field and said its name: written as said and marked for staff, even where the
    field's own checks would not take it (华安 is also a place), so the same read-back is never shown again."""
    result = await confirm(text, dispatcher, domain, intent="deny")
    assert result[slot] == name and slot in result["needs_check"] and result["summary_confirmed"] is None


async def test_a_kind_of_business_is_not_written_as_a_name(dispatcher, domain):
    result = await confirm("老板不对，是建筑公司", dispatcher, domain, intent="deny")
    assert result.get("employer_name") != "建筑公司"


async def test_the_same_read_back_is_never_shown_a_third_time(dispatcher, domain):
    """After a second answer that changes nothing, the words are kept for staff, the field is marked and
    the report is filed, rather than the same read-back shown again."""
    shown = render_summary(lead_fields(dict(SLOTS)))
    events = [{"event": "bot", "text": shown}, {"event": "user", "text": "老板不对"},
              {"event": "bot", "text": shown}]
    result = await confirm("老板那里还是不太对吧", dispatcher, domain, intent="deny", events=events)
    assert result["summary_confirmed"] is True
    assert "核对时补充：老板那里还是不太对吧" in result["extra_info"]
    assert dispatcher.messages[-1]["response"] == "utter_correction_for_staff"


async def test_a_changed_read_back_is_not_a_loop(dispatcher, domain):
    events = [{"event": "bot", "text": "请核对一下您的信息：\n· 旧的"}, {"event": "user", "text": "人数是六个"},
              {"event": "bot", "text": render_summary(lead_fields(dict(SLOTS)))}]
    result = await confirm("不对", dispatcher, domain, intent="deny", events=events)
    assert result["summary_confirmed"] is None


async def test_a_name_corrected_is_not_turned_back_into_the_name_shown(dispatcher, domain):
    """老罗 was known as a nickname; "是老罗烧烤" names the shop, not 老罗 again."""
    tracker = make_tracker(slots={**SLOTS, "employer_name": "老罗", "employer_contact": "老罗"},
                           text="老板不对，是老罗烧烤", intent="deny", active_loop="confirm_form")
    result = await ValidateConfirmForm().validate_summary_confirmed("老板不对，是老罗烧烤", dispatcher, tracker, domain)
    assert result["employer_name"] == "老罗烧烤" and result["employer_type"] == "company"
