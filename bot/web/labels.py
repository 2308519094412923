"""Chinese names for everything the console shows, so templates never print a raw code."""

from __future__ import annotations

from typing import Dict

from bot.fields import SECTOR_LABELS
from bot.store.models import OUTCOMES, STATUSES, TRANSFER_TARGETS

# Staff-facing labels for every lead field (the worker-facing ones in bot/fields.py say "您的姓名").
FIELD_LABELS: Dict[str, str] = {
    "reference": "编号",
    "status": "状态",
    "channel": "来源渠道",
    "created_at": "登记时间",
    "updated_at": "最后更新",
    "employer_name": "欠薪方",
    "employer_type": "欠薪方类型",
    "project_name": "项目/工地/单位",
    "location": "干活地点",
    "sector": "行业",
    "amount_yuan": "被欠金额（元）",
    "amount_yuan_high": "金额上限（元）",
    "amount_approximate": "金额为约数",
    "worker_count": "涉及人数",
    "worker_count_approximate": "人数为约数",
    "period_text": "欠薪时间",
    "period_months": "欠薪月数",
    "period_start": "欠薪开始月份",
    "reporter_name": "反映人姓名",
    "phone": "联系电话",
    "phone_skipped": "未留电话",
    "description": "补充情况",
    "urgency_flags": "紧急情况",
    "acceptance_gaps": "投诉还缺的信息",
    "assigned_to": "承办人",
    "transfer_target": "转办去向",
    "outcome": "办结结果",
    "amount_recovered": "追回金额（元）",
    "workers_paid": "拿到工资人数",
    "close_reason": "办结理由",
    "accepted_at": "立案时间",
    "transferred_at": "转办时间",
    "closed_at": "办结时间",
    "deadline_extended": "已延长办理期限",
}

# The fields of the report itself, in the order the lead page lists them (personal data apart).
REPORT_FIELDS = ("employer_name", "employer_type", "project_name", "location", "sector", "amount_yuan",
                 "worker_count", "period_text", "period_months", "period_start", "description")
PERSONAL_FIELDS = ("reporter_name", "phone")
CASEWORK_FIELDS = ("assigned_to", "transfer_target", "outcome", "amount_recovered", "workers_paid",
                   "close_reason", "accepted_at", "transferred_at", "closed_at", "deadline_extended")

EMPLOYER_TYPES = {"company": "公司/单位", "individual": "个人/包工头"}
CHANNELS = {"telegram": "Telegram", "cli": "命令行", "rest": "网页接口", "unknown": "未知"}
SPEAKERS = {"user": "工友", "bot": "助手"}
URGENCY = {
    "threat_or_violence": "受到威胁或暴力",
    "pressure_to_withdraw": "被逼撤回投诉或签字",
    "leaving_soon": "即将离开当地",
    "spring_festival": "临近春节",
    "employer_absconded": "老板跑路/联系不上",
    "hardship": "生活困难",
    "documents_seized": "证件或工资卡被扣",
}
AUDIT_ACTIONS = {
    "view_lead": "查看线索",
    "view_evidence": "查看证据",
    "change_status": "变更状态",
    "edit_field": "更正字段",
    "add_note": "添加备注",
    "export": "导出",
    "login": "登录",
    "login_failed": "登录失败",
    "logout": "退出登录",
}
ROLES = {"staff": "工作人员", "supervisor": "主管"}


def code_labels() -> Dict[str, Dict[str, str]]:
    """Every code → name table, handed to the templates in one piece."""
    return {"statuses": STATUSES, "transfer_targets": TRANSFER_TARGETS, "outcomes": OUTCOMES,
            "sectors": SECTOR_LABELS, "fields": FIELD_LABELS, "employer_types": EMPLOYER_TYPES,
            "channels": CHANNELS, "speakers": SPEAKERS, "urgency": URGENCY, "audit_actions": AUDIT_ACTIONS,
            "roles": ROLES}
