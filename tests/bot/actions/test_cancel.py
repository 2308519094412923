"""A cancel the classifier reads into a message without cancel words loses nothing."""

from rasa_sdk.events import ActiveLoop, FollowupAction

from bot.actions.cancel import ActionCancelReport
from tests.conftest import make_tracker


async def run(text, loop, dispatcher, domain, slots=None):
    tracker = make_tracker(text=text, intent="cancel", active_loop=loop, slots=slots or {})
    return await ActionCancelReport().run(dispatcher, tracker, domain)


async def test_no_cancel_words_at_the_summary_reads_the_summary_back(dispatcher, domain):
    events = await run("没别的了 就是怕他跑了", "confirm_form", dispatcher, domain)
    assert events == [FollowupAction("confirm_form")] and dispatcher.messages == []


async def test_cancel_words_at_the_summary_cancel(dispatcher, domain):
    events = await run("不报了", "confirm_form", dispatcher, domain)
    assert ActiveLoop(None) in events
    assert dispatcher.messages[0]["response"] == "utter_cancelled"


async def test_no_cancel_words_at_anything_else_is_the_answer(dispatcher, domain):
    events = await run("没别的了 就是怕他跑了", "arrears_form", dispatcher, domain,
                       slots={"requested_slot": "extra_info"})
    assert any(e.get("name") == "extra_info" and e.get("value") for e in events)
    assert events[-1] == FollowupAction("arrears_form")


async def test_a_goodbye_without_goodbye_words_is_the_answer(dispatcher, domain):
    from bot.actions.cancel import ActionIntakeGoodbye

    tracker = make_tracker(text="啥项目啊 洗车的 没那玩意儿", intent="goodbye", active_loop="arrears_form",
                           slots={"requested_slot": "project_name"})
    events = await ActionIntakeGoodbye().run(dispatcher, tracker, domain)
    assert ActiveLoop(None) not in events and events[-1] == FollowupAction("arrears_form")
    assert any(e.get("name") == "project_name" and e.get("value") for e in events)


async def test_a_goodbye_pauses_the_intake(dispatcher, domain):
    from bot.actions.cancel import ActionIntakeGoodbye

    tracker = make_tracker(text="先这样吧 谢谢", intent="goodbye", active_loop="arrears_form",
                           slots={"requested_slot": "project_name"})
    events = await ActionIntakeGoodbye().run(dispatcher, tracker, domain)
    assert ActiveLoop(None) in events
