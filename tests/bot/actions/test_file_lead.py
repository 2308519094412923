from bot.actions.file_lead import ActionFileLead, intake_key
from bot.spool import spooled
from bot.store.leads import leads_for_sender
from bot.store.session import session_factory
from tests.conftest import make_tracker

SLOTS = {"employer_name": "老王", "project_name": "翠湖花园二期", "location": "东莞",
         "amount_yuan": 28000, "worker_count": 12, "period_text": "三个月", "sector": "construction",
         "reporter_name": "张建国", "phone": "13812345678", "extra_info": "老板威胁要打人",
         "summary_confirmed": True}
EVENTS = [{"event": "user", "text": "老王欠我们两万八", "timestamp": 1.0},
          {"event": "active_loop", "name": "arrears_form", "timestamp": 2.0},
          {"event": "bot", "text": "是谁欠您的工钱？", "timestamp": 3.0},
          {"event": "user", "text": "对", "timestamp": 4.0}]


def tracker(sender="w-file"):
    return make_tracker(slots=dict(SLOTS), events=EVENTS, sender_id=sender)


async def test_files_once_and_gives_the_reference(dispatcher, domain, use_database, sqlite_url):
    use_database(sqlite_url)
    events = await ActionFileLead().run(dispatcher, tracker(), domain)
    again = await ActionFileLead().run(dispatcher, tracker(), domain)
    with session_factory(sqlite_url)() as session:
        leads = leads_for_sender(session, "w-file")
        assert len(leads) == 1
        lead = leads[0]
        assert [t.text for t in lead.transcript] == ["老王欠我们两万八", "是谁欠您的工钱？", "对"]
    assert lead.reference in dispatcher.messages[0]["text"]
    assert "110" in dispatcher.messages[1]["text"]  # a threat was mentioned
    assert {"event": "slot", "name": "lead_reference", "value": lead.reference, "timestamp": None} in events
    assert again[-1]["value"] == lead.reference


async def test_database_down_keeps_the_report_and_asks_to_retry(dispatcher, domain, use_database):
    use_database("postgresql://nobody@127.0.0.1:1/none")
    events = await ActionFileLead().run(dispatcher, tracker("w-down"), domain)
    assert dispatcher.messages[0]["response"] == "utter_file_failed"
    assert {"event": "followup", "name": "confirm_form", "timestamp": None} in events
    kept = [record for _, record in spooled()]
    assert len(kept) == 1 and kept[0]["intake_key"] == intake_key(tracker("w-down"))
    assert kept[0]["fields"]["employer_name"] == "老王"


async def test_a_threat_in_any_message_of_the_report_is_flagged(dispatcher, domain, use_database, sqlite_url):
    use_database(sqlite_url)
    events = [{"event": "user", "text": "老闆說敢投訴就開除我們，欠兩萬八", "timestamp": 1.0},
              {"event": "active_loop", "name": "arrears_form", "timestamp": 2.0},
              {"event": "bot", "text": "是谁欠您的工钱？", "timestamp": 3.0},
              {"event": "user", "text": "对", "timestamp": 4.0}]
    slots = {**SLOTS, "extra_info": "无"}
    await ActionFileLead().run(dispatcher, make_tracker(slots=slots, events=events, sender_id="w-threat"), domain)
    with session_factory(sqlite_url)() as session:
        lead = leads_for_sender(session, "w-threat")[0]
    assert lead.urgency_flags == ["pressure_to_withdraw"]
