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
