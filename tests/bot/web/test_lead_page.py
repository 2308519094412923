"""The lead page: every field with the worker's words, personal data audited, and the casework forms."""

import re
from datetime import datetime, timezone

import pytest

from bot.store import audit, notifications
from bot.store.models import Lead
from bot.store.session import open_session
from tests.bot.web.conftest import make_lead, post_form, post_lead_form

TRANSCRIPT = [
    ("user", "包工头老王欠我们12个人两万八", datetime(2025, 3, 1, 2, 0, tzinfo=timezone.utc)),
    ("bot", "好的，您在哪里干的活？", datetime(2025, 3, 1, 2, 0, 5, tzinfo=timezone.utc)),
    ("user", "深圳宝安翠湖花园三期，我叫王五，电话13800138000", None),
]


@pytest.fixture
def lead(app):
    return make_lead(
        employer_name="老王", employer_type="individual", project_name="翠湖花园三期", location="深圳市宝安区",
        sector="construction", amount_yuan=28000, worker_count=12, period_text="去年十月到今年一月",
        period_months=4, reporter_name="王五", phone="13800138000", description="老板跑路了，过年回不了家",
        urgency_flags=["employer_absconded", "spring_festival"], needs_check=["amount_yuan"],
        acceptance_gaps=["欠薪开始已超过两年"],
        field_sources={"employer_name": {"text": "包工头老王欠我们12个人两万八", "words": ["老王"]},
                       "amount_yuan": {"text": "包工头老王欠我们12个人两万八", "words": ["两万八"],
                                       "arithmetic": "每人约2333元×12人"},
                       "location": {"text": "深圳宝安翠湖花园三期，我叫王五，电话13800138000", "words": ["深圳宝安"]}},
        transcript=TRANSCRIPT)


def _lead(lead_id):
    with open_session() as session:
        row = session.get(Lead, lead_id)
        _ = row.notes, row.status_history
        return row


def _actions(lead_id):
    with open_session() as session:
        return [(entry.actor, entry.action, entry.detail) for entry in reversed(audit.entries(session, lead_id))]


def _row(html, label):
    """The text of the field table row whose heading starts with label, tags removed."""
    match = re.search(rf"<tr[^>]*>\s*<th>{re.escape(label)}.*?</tr>", html, re.S)
    assert match, label
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(0))).strip()


def test_every_field_with_the_workers_own_words_and_check_marks(staff, lead):
    page = staff.get(f"/leads/{lead.id}").text
    assert lead.reference in page and "新线索" in page and "Telegram" in page
    assert "老王" in _row(page, "欠薪方") and "包工头老王欠我们12个人两万八" in _row(page, "欠薪方")
    assert "⚠ 需核实" not in _row(page, "欠薪方")
    amount = _row(page, "被欠金额（元）")
    assert "28,000" in amount and "⚠ 需核实" in amount and "计算：每人约2333元×12人" in amount
    assert "深圳宝安翠湖花园三期" in _row(page, "干活地点")
    for label, value in [("欠薪方类型", "个人/包工头"), ("项目/工地/单位", "翠湖花园三期"), ("行业", "工程建设领域"),
                         ("涉及人数", "12"), ("欠薪时间", "去年十月到今年一月"), ("欠薪月数", "4"),
                         ("补充情况", "老板跑路了，过年回不了家"), ("反映人姓名", "王五"), ("联系电话", "13800138000"),
                         ("承办人", "—")]:
        assert value in _row(page, label), label
    assert "紧急情况：老板跑路/联系不上、临近春节" in page and "欠薪开始已超过两年" in page
    assert "⚠ 需核实：被欠金额（元）" in page


def test_the_whole_transcript_history_and_forms(staff, lead):
    page = staff.get(f"/leads/{lead.id}").text
    for _, said, _ in TRANSCRIPT:
        assert said in page
    assert page.count('<span class="who">工友</span>') == 2 and page.count('<span class="who">助手</span>') == 1
    assert "2025-03-01 10:00" in page  # the worker's first message, in Beijing time
    history = page.split("<h2>状态记录</h2>")[1].split("</section>")[0]
    assert "新线索" in history and "助手" in history
    # Only the statuses the workflow allows next, every transfer target and outcome.
    status_form = page.split(f'action="/leads/{lead.id}/status"')[1].split("</form>")[0]
    choices = status_form.split('name="to_status"')[1].split("</select>")[0]
    assert re.findall(r'<option value="(\w+)">', choices) == ["verifying", "transferred", "closed"]
    for name in ("劳动保障监察", "劳动人事争议仲裁", "法律援助机构", "法院支付令", "追回", "不予受理", "无法核实"):
        assert name in status_form
    corrections = re.findall(r'name="field" value="(\w+)"', page)
    assert set(corrections) == {"employer_name", "project_name", "location", "sector", "amount_yuan",
                                "worker_count", "period_text", "reporter_name", "phone", "assigned_to"}
    assert f'action="/leads/{lead.id}/notes"' in page


def test_viewing_a_lead_is_audited(staff, lead):
    staff.get(f"/leads/{lead.id}")
    staff.get(f"/leads/{lead.id}")
    assert _actions(lead.id) == [("li", "view_lead", {"reference": lead.reference})] * 2
    staff.get("/")
    assert len(_actions(lead.id)) == 2  # the queue shows no personal data: not a view


def test_moving_a_lead_on_through_the_form_tells_the_worker(staff, lead):
    page = f"/leads/{lead.id}"
    response = post_lead_form(staff, lead.id, "status", {"to_status": "verifying", "reason": "已电话核实"},
                              follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == f"{page}?saved=status"
    shown = staff.get(response.headers["location"]).text
    assert "状态已更新" in shown and '<span class="status status-verifying">核实中</span>' in shown
    assert _lead(lead.id).status == "verifying" and _lead(lead.id).accepted_at is not None
    with open_session() as session:
        [message] = notifications.unsent(session, "telegram")
        assert message.recipient == "chat-1" and lead.reference in message.text and "核实中" in message.text
    response = post_lead_form(staff, lead.id, "status", {"to_status": "transferred", "transfer_target": "arbitration"})
    assert "劳动人事争议仲裁" in _row(response.text, "转办去向")
    response = post_lead_form(staff, lead.id, "status", {"to_status": "closed", "outcome": "recovered",
                                                         "amount_recovered": "26,000", "workers_paid": "12"})
    assert response.status_code == 200 and "这条线索已办结" in response.text
    closed = _lead(lead.id)
    assert (closed.status, closed.outcome, closed.amount_recovered, closed.workers_paid) == ("closed", "recovered",
                                                                                           26000, 12)
    assert [c.to_status for c in closed.status_history] == ["new", "verifying", "transferred", "closed"]
    assert [c.changed_by for c in closed.status_history][1:] == ["li", "li", "li"]
    assert [a for _, a, _ in _actions(lead.id)].count("change_status") == 3
    with open_session() as session:
        assert len(notifications.unsent(session, "telegram")) == 3


@pytest.mark.parametrize("data, error", [
    ({"to_status": "transferred"}, "请选择转办去向"),
    ({"to_status": "closed", "outcome": "rejected"}, "不予受理或无法核实的，请写明理由"),
    ({"to_status": "closed", "outcome": "recovered", "amount_recovered": "很多", "workers_paid": "3"}, "请填写数字"),
    ({"to_status": "closed", "outcome": "recovered"}, "追回的，请填写追回金额和拿到工资的人数"),
    ({"to_status": "new"}, "不能从“新线索”改为“新线索”"),
    ({}, "请选择要改成的状态"),
])
def test_a_refused_change_is_explained_on_the_lead_page(staff, lead, data, error):
    response = post_lead_form(staff, lead.id, "status", data)
    assert response.status_code == 400
    assert f'<p class="error" role="alert">{error}</p>' in response.text
    assert lead.reference in response.text  # the lead itself is still there to work on
    assert _lead(lead.id).status == "new" and "change_status" not in [a for _, a, _ in _actions(lead.id)]


def test_a_closed_lead_cannot_be_reopened(staff, lead):
    post_lead_form(staff, lead.id, "status", {"to_status": "closed", "outcome": "unverifiable", "reason": "电话打不通"})
    assert _lead(lead.id).close_reason == "电话打不通"
    response = post_lead_form(staff, lead.id, "status", {"to_status": "verifying"})
    assert response.status_code == 400 and "不能从“已办结”改为“核实中”" in response.text
    assert _lead(lead.id).status == "closed"


def test_correcting_a_field(staff, lead):
    page = f"/leads/{lead.id}"
    response = post_lead_form(staff, lead.id, "fields", {"field": "amount_yuan", "value": "30,000"})
    assert response.status_code == 200 and "已更正" in response.text and "30,000" in _row(response.text, "被欠金额")
    post_lead_form(staff, lead.id, "fields", {"field": "sector", "value": "other"})
    post_lead_form(staff, lead.id, "fields", {"field": "assigned_to", "value": "li"})
    corrected = _lead(lead.id)
    assert (corrected.amount_yuan, corrected.sector, corrected.assigned_to) == (30000, "other", "li")
    edits = [detail for _, action, detail in _actions(lead.id) if action == "edit_field"]
    assert edits == [{"field": "amount_yuan", "before": 28000, "after": 30000},
                     {"field": "sector", "before": "construction", "after": "other"},
                     {"field": "assigned_to", "before": None, "after": "li"}]
    assert "承办人：li" in staff.get(page).text


@pytest.mark.parametrize("data, error", [
    ({"field": "worker_count", "value": "十二"}, "请填写数字"),
    ({"field": "reference", "value": "QX-000000-AAAA"}, "字段“reference”不能修改"),
    ({"field": "sector", "value": "农业"}, "行业请选择"),
    ({"field": "phone", "value": "1" * 21}, "内容太长，最多 20 个字"),
    ({"field": "amount_yuan", "value": "-5"}, "数字超出范围"),
])
def test_a_refused_correction_is_explained(staff, lead, data, error):
    response = post_lead_form(staff, lead.id, "fields", data)
    assert response.status_code == 400 and error in response.text
    unchanged = _lead(lead.id)
    assert (unchanged.worker_count, unchanged.reference, unchanged.sector, unchanged.phone) == (
        12, lead.reference, "construction", "13800138000")


def test_adding_a_note(staff, lead):
    response = post_lead_form(staff, lead.id, "notes", {"text": "  已电话联系工友，约周三面谈  "},
                              follow_redirects=False)
    assert response.status_code == 303
    shown = staff.get(response.headers["location"]).text
    assert "备注已添加" in shown and "li：</span>已电话联系工友，约周三面谈" in shown
    assert [note.text for note in _lead(lead.id).notes] == ["已电话联系工友，约周三面谈"]
    refused = post_lead_form(staff, lead.id, "notes", {"text": "   "})
    assert refused.status_code == 400 and "备注不能为空" in refused.text
    assert len(_lead(lead.id).notes) == 1
    assert [detail for _, action, detail in _actions(lead.id) if action == "add_note"] == [{"length": 13}]


def test_a_script_in_an_employer_name_is_shown_as_text(staff, app):
    hostile = make_lead(employer_name="<script>alert(1)</script>", project_name='"><img src=x onerror=alert(2)>',
                        transcript=[("user", "<b>老板</b>欠钱", None)])
    post_form(staff, f"/leads/{hostile.id}/notes", {"text": "<script>alert(3)</script>"}, page="/")
    for page in ("/", f"/leads/{hostile.id}", "/?q=<script>"):
        html = staff.get(page).text
        assert "<script>" not in html and "<img src=x" not in html and "<b>老板" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in staff.get(f"/leads/{hostile.id}").text


def test_posting_to_a_lead_that_does_not_exist(staff, lead):
    response = post_form(staff, "/leads/999/notes", {"text": "x"})
    assert response.status_code == 404 and "没有这条线索" in response.text
