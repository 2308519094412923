from datetime import date

import pytest

from bot import fields

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize("text,expected", [
    ("13812345678", "13812345678"), ("+86 138-1234-5678", "13812345678"),
    ("电话是 139 1234 5678", "13912345678"), ("008613812345678", "13812345678"),
    ("0755-12345678", "0755-12345678"), ("12345", None), ("12812345678", None), ("", None),
])
def test_phone(text, expected):
    assert fields.normalise_phone(text) == expected


def test_mask_phone():
    assert fields.mask_phone("13812345678") == "138****5678"


@pytest.mark.parametrize("text,months,start", [
    ("三个月", 3, "2026-09"), ("去年10月到今年1月", 4, "2025-10"), ("2023年3月到现在", 45, "2023-03"),
    ("半年", 6, "2026-06"), ("两年", 24, "2024-12"), ("5月份开始", 7, "2026-05"),
    ("春节后到现在", 10, "2026-02"), ("过完年到现在", 10, "2026-02"), ("三个半月", 3, "2026-09"),
    ("不知道", None, None),
])
def test_period(text, months, start):
    assert fields.parse_period(text, TODAY) == {"months": months, "start_month": start}


@pytest.mark.parametrize("text,expected", [
    ("我叫张建国", "张建国"), ("姓李,李大海", "李大海"), ("王秀英", "王秀英"),
    ("阿依古丽·买买提", "阿依古丽·买买提"), ("张三123", None), ("<script>", None), ("那写吧，周丽", "周丽"),
])
def test_name(text, expected):
    assert fields.normalise_name(text) == expected


@pytest.mark.parametrize("name,kind", [
    ("宏达建筑公司", "company"), ("鑫源劳务有限公司", "company"), ("包工头老王", "individual"),
    ("刘总", "individual"), ("鸿运电子厂", "company"),
])
def test_employer_type(name, kind):
    assert fields.employer_type(name) == kind


@pytest.mark.parametrize("text,sector", [
    ("在翠湖花园二期工地干钢筋", "construction"), ("电子厂流水线上班", "other"),
    ("饭店后厨", "other"), ("修高铁的", "construction"), ("老板欠钱", None),
])
def test_infer_sector(text, sector):
    assert fields.infer_sector(text) == sector


@pytest.mark.parametrize("text,expected", [
    ("项目名错了,是翠湖花园三期", ("project_name", "翠湖花园三期")),
    ("不对,金额应该是三万", ("amount_yuan", "三万")),
    ("电话打错了,是13512345678", ("phone", "13512345678")),
    ("老板名字不对,是刘德胜", ("employer_name", "刘德胜")),
    ("对的", None),
    # a field the worker has none of, or will not give
    ("没有项目", ("project_name", "没有")), ("项目没有", ("project_name", "没有")),
    ("名字我不想留", ("reporter_name", "不留")), ("电话我不留", ("phone", "不留")),
    # the sector said wrong; the rest of the message says which
    ("行业不对，不是工地上的活", ("sector", "不是工地上的活")),
    # a field said to be right is not the one corrected
    ("电话没错 名字错了 是王五", ("reporter_name", "王五")),
    ("项目名字错了，是锦绣花园", ("project_name", "锦绣花园")),
    # a verdict on the field is not its new value
    ("老板那里还是不太对吧", None),
])
def test_parse_correction(text, expected):
    assert fields.parse_correction(text) == expected


def test_clean_text_strips_filler_and_keeps_markup_as_text():
    assert fields.clean_text("是宏达建筑公司。") == "宏达建筑公司"
    assert fields.clean_text("<b>宏达</b>") == "<b>宏达</b>"
    assert fields.clean_text("😭😭") is None
    assert len(fields.clean_text("啊" * 5000)) == fields.MAX_TEXT


def test_urgency_markers():
    found = fields.urgency_markers("老板说再闹就找人打人，马上过年了我要回老家")
    assert found == ["threat_or_violence", "leaving_soon", "spring_festival"]


def test_acceptance_gaps_name_what_is_missing():
    gaps = fields.acceptance_gaps({"period_start": "2023-01"}, TODAY)
    assert len(gaps) == 4
    assert fields.acceptance_gaps({"employer_name": "宏达", "location": "东莞", "amount_yuan": 1,
                                   "period_start": "2026-01"}, TODAY) == []


def test_message_fields_from_entities():
    entities = [{"entity": "amount", "value": "两万八"}, {"entity": "worker_count", "value": "12"},
                {"entity": "employer", "value": "老王"}, {"entity": "amount", "value": "八千多"}]
    got = fields.message_fields(entities, TODAY)
    assert got["worker_count"] == 12
    assert got["employer_name"] == "老王" and got["employer_type"] == "individual"
    assert got["amount_yuan"] == 8000 and got["amount_yuan_high"] == 9000


@pytest.mark.parametrize("text", ["老板说再闹就不给了", "敢投诉就开除你", "不签字就不给钱", "老闆說再鬧就不給了",
                                  "敢投訴就開除你", "不簽字就不給錢", "他讲签了才发工资"])
def test_pressure_to_withdraw_is_flagged_in_either_script(text):
    assert "pressure_to_withdraw" in fields.urgency_markers(text)


def test_threats_are_flagged_in_traditional_too_and_dismissal_alone_is_not_pressure():
    assert "threat_or_violence" in fields.urgency_markers("包工頭威脅要打人")
    assert "threat_or_violence" in fields.urgency_markers("他说要找人收拾我们")
    assert fields.urgency_markers("老板把我开除了还欠工资") == []


def test_control_characters_are_dropped_from_answers():
    assert fields.clean_text("鼎盛\x01电子\x0b厂\x00") == "鼎盛电子厂"


@pytest.mark.parametrize("text,owner", [
    ("我们的工头叫彭满生，电话15115627703", "other"),
    ("老板姓薛，叫薛志军，电话18631672245，10月份的工资", "other"),
    ("工头叫章立新，电话13605716634", "other"),
    ("包工頭老閆 電話13853361479 他跑了", "other"),
    ("我叫林文斌，电话15860731249", "own"),
    ("老板不给钱，我电话13812345678", "own"),
    ("13812345678", None),
])
def test_whose_phone_it_is(text, owner):
    at = text.index("1", max(text.find("电话"), text.find("電話"), 0))
    assert fields.phone_owner(text, at) == owner


def test_a_phone_not_asked_for_counts_only_when_it_is_the_workers():
    assert fields.own_phone("快递站站长邱海欠我9月工资 他电话13961870254", asked=False) is None
    assert fields.own_phone("包工头老王跑了 13961870254", asked=False) is None
    assert fields.own_phone("包工头老王跑了 我电话13961870254", asked=False) == "13961870254"
    assert fields.own_phone("工资没发 13961870254", asked=False) == "13961870254"
    assert fields.own_phone("俺两口子在西平一个养猪场喂猪，场长胡建设电话18717751937", asked=False) is None


@pytest.mark.parametrize("name,nickname", [
    ("陈姐", True), ("周老闆", True), ("覃师傅", True), ("彪哥", True), ("老鄭", True), ("卜老三", True),
    ("何伯", True), ("阿Ken", True), ("黑子", True), ("梁生", True),
    ("陈建国", False), ("老乡鸡", False),
    ("老板", False), ("华姐家政", False), ("宏达厂", False),
])
def test_a_form_of_address_is_a_nickname_staff_cannot_look_up(name, nickname):
    assert fields.is_nickname(name) is nickname


def test_asking_whether_the_boss_will_retaliate_is_no_threat():
    assert fields.urgency_markers("要写真名吗？老板会不会报复我？") == []
    assert "threat_or_violence" in fields.urgency_markers("他说要报复我们")


@pytest.mark.parametrize("name,generic", [
    ("老板", True), ("老細", True), ("建筑公司", True), ("一家火锅店", True), ("劳务公司", True), ("包子铺", True),
    ("华晟建设", False), ("欧雅家具店", False), ("宋记包子铺", False), ("刘三", False),
    ("羊肉粉馆", True), ("喺一间茶餐厅", True), ("速运公司", True), ("吴记羊肉粉馆", False),
])
def test_a_role_or_a_kind_of_business_is_not_a_name(name, generic):
    assert fields.is_generic_employer(name) is generic


@pytest.mark.parametrize("name,place_and_kind,place", [
    ("石狮服装厂", True, False), ("在番禺一间烧腊店", True, False), ("石狮", False, True),
    ("石狮鸿福服装厂", False, False), ("周建军", False, False),
])
def test_a_place_and_a_kind_of_business_or_a_place_alone_names_no_employer(name, place_and_kind, place):
    assert fields.is_place_and_kind(name) is place_and_kind
    assert fields.is_place(name) is place


@pytest.mark.parametrize("text,unnamed", [
    ("物流公司老板曲长海 电话13889452210", True), ("酒家老闆陳國強拖我工資", True),
    ("我们在固安一个物流仓库装卸货，老板姓薛", True), ("劳务公司欠钱 带班刘三", True),
    ("我在宏达电子厂上班", False), ("在海悦城工地做木工，包工头叫郑国华", False), ("在芜湖开发区那边盖厂房", False),
])
def test_a_business_named_only_by_its_kind(text, unnamed):
    assert fields.business_unnamed(text) is unnamed


@pytest.mark.parametrize("name,context,kind", [
    ("靓衣坊", "", "company"), ("川味轩", "", "company"), ("赵先生", "", "individual"),
    ("戴国强", "包工头戴国强欠钱", "individual"), ("侯明亮", "包工頭侯明亮欠錢不還", "individual"),
    ("黑子", "带俺的包工头大家都叫他黑子", "individual"),
])
def test_employer_type_from_the_name_and_the_words_before_it(name, context, kind):
    assert fields.employer_type(name, context) == kind


@pytest.mark.parametrize("text,expected", [
    ("不对，名字错了，是王建平，建设的建", ("reporter_name", "王建平")),
    ("不对，老板写错了，欠钱的是鸿运劳务公司，施老四只是带班的", ("employer_name", "鸿运劳务公司")),
    ("时间不对，不是今年，是去年5月到7月", ("period_text", "去年5月到7月")),
    ("地方说错了，工地在萍乡安源，不是宜春，我老家才是宜春的", ("location", "萍乡安源")),  # the field said wrong
    ("名字写错了 我叫樊晓宁 晓得的晓", ("reporter_name", "樊晓宁")),
    ("人数不对 是八个 还有两个女的我给忘了", ("worker_count", "八个")),
    ("不對，電話錯了，是13970235518", ("phone", "13970235518")),
    # a span said anywhere in a period correction, never the time said to be wrong
    ("时间错了 是前年开始的 不是去年 前年腊月到去年五月", ("period_text", "前年腊月到去年五月")),
    # words that surely mark the new value win over the first 是
    ("工地名不对 金桂园是去年那个活 应该是银桂园三期", ("project_name", "银桂园三期")),
    ("老板写错了 李国庆是他侄子 欠钱的是李长海", ("employer_name", "李长海")),
    ("不对，钱是45,000，刚才少打了个5", ("amount_yuan", "45,000")),  # a thousands comma is no phrase's end
])
def test_a_correction_names_its_field_and_the_first_phrase_is_the_value(text, expected):
    assert fields.parse_correction(text) == expected


@pytest.mark.parametrize("text", ["我", "就我自己", "俺一个", "我自己，别的保安也有没发的，但我不知道几个",
                                  "一定要说几个人吗？我只知道我自己的"])
def test_the_worker_alone_is_one(text):
    assert fields.count_from(text) == fields.Quantity(1, 1, False)


@pytest.mark.parametrize("text", ["是九月份和十月份的", "8月到9月", "一定要说几个人吗？"])
def test_months_and_questions_count_no_one(text):
    assert fields.count_from(text) is None


@pytest.mark.parametrize("answer,nickname,name", [
    ("孙丽华，就是孙姐", "孙姐", "孙丽华"), ("鄭師傅，全名鄭國樑", "老鄭", "鄭國樑"),
    ("彪哥嘛，大名孙德彪", "彪哥", "孙德彪"),
    ("悦颜美甲 老板娘姓陶", "陶姐", "悦颜美甲"), ("就叫他老宋，全名不知道", "老宋", None), ("唔知佢全名", "何伯", None),
    ("不知道", "孙姐", None), ("店名叫鲁记老灶串串香", "鲁老板", "鲁记老灶串串香"), ("俺不知他大名", "黑子", None),
    ("只知道叫他阿强 别的不晓得", "阿强", None),
])
def test_the_full_name_asked_for_a_nickname(answer, nickname, name):
    assert fields.full_name_answer(answer, nickname) == name


@pytest.mark.parametrize("answer,name", [
    ("就叫他老宋，全名不知道", "老宋"), ("老麥 全名唔知", "老麥"), ("不知道", "不知道"), ("王德顺", "王德顺"),
])
def test_a_name_said_with_the_full_name_unknown_is_kept(answer, name):
    assert fields.without_unknown_full_name(answer) == name


def test_who_owes_is_read_past_a_role_and_a_comma_and_a_demonstrative_is_no_name():
    assert fields.employer_name_from("大棚老板，叫王德顺") == "王德顺"
    assert fields.employer_name_from("店子叫巴渝老码头火锅") == "巴渝老码头火锅"
    assert fields.is_generic_employer("介公司")
    assert fields.employer_name_from("任卫东 雇主") == "任卫东" and fields.employer_name_from("周文濤 僱主") == "周文濤"
    assert fields.employer_type("老街坊烧烤") == fields.employer_type("阿强记海鲜大排档") == "company"


@pytest.mark.parametrize("employer,sends", [
    ("洁美保洁服务有限公司", True), ("金盾保安公司", True), ("宏达电子厂", False), ("湘里人家", False), (None, False),
])
def test_cleaning_and_security_firms_send_workers_to_sites(employer, sends):
    assert fields.sends_to_sites(employer) is sends


@pytest.mark.parametrize("text,filed", [("先交吧", True), ("先帮我提交", True), ("登记要先交钱不？", False),
                                        ("你们要先交什么材料", False)])
def test_hand_in_now_is_not_paying_a_fee(text, filed):
    assert fields.wants_to_file_now(text) is filed


@pytest.mark.parametrize("text,name", [("恒达建设有限公司的项目部", "恒达建设有限公司"),
                                       ("宏图集团 下面的劳务队", "宏图集团"),
                                       ("中铁十局项目部", "中铁十局项目部")])
def test_a_firms_site_office_is_the_firm(text, name):
    assert fields.employer_name_from(text) == name


@pytest.mark.parametrize("text,name", [("鼎盛劳务,胡老五只是带我们的", "鼎盛劳务"),
                                       ("豫丰源食品厂 做速冻饺子哩", "豫丰源食品厂"),
                                       ("合同上写的是深圳市鹏建劳务分包有限公司", "深圳市鹏建劳务分包有限公司"),
                                       ("都叫他胡老三", "胡老三"), ("老黑吧", "老黑"), ("胡桃里酒吧", "胡桃里酒吧"),
                                       ("王丽华", "王丽华")])
def test_the_name_without_the_words_around_it(text, name):
    """A firm's name followed by a clause about someone else, the words that introduce a name, a particle
    after it: only the name is filed."""
    assert fields.employer_name_from(text) == name


@pytest.mark.parametrize("text,count", [("俩 我跟我媳妇", 2), ("俩人", 2), ("仨人", 3)])
def test_two_and_three_said_as_liang_and_sa(text, count):
    assert fields.count_from(text) == fields.Quantity(count, count, False)


def test_a_retaliation_feared_is_no_threat_made():
    assert "threat_or_violence" not in fields.urgency_markers("我不敢留名字 怕厂里知道了报复")
    assert "threat_or_violence" in fields.urgency_markers("他说谁去投诉就报复谁")


def test_a_project_called_by_its_name_after_what_was_done_there():
    assert fields.project_name_from("帮人装修 叫锦绣华庭 在合肥蜀山") == "锦绣华庭"


def test_fishing_and_farm_work_is_not_construction():
    assert fields.infer_sector("没啥物项目 就是跟船出海") == "other"


def test_a_number_the_worker_says_to_call_someone_at_is_not_theirs():
    assert fields.own_phone("我的不留了 有事联系李德胜 138 2211 9087") is None


@pytest.mark.parametrize("answer,name", [
    ("那写包工头 叫薛长海", "薛长海"), ("那就写老黑吧 真名真不知道", "老黑"), ("都叫他胡老三", "胡老三"),
    ("果园头家 喊做丘伟明", "丘伟明"), ("叫他老板就行", None), ("鴻業勞務公司 帶班的叫蔣國富", None),
    ("嘉州老火锅 店子就叫这个", None), ("建工三公司，项目叫蓝湾国际", None), ("老板叫我们等", None),
    ("叫不出名字", None), ("我叫牛建强", None),
])
def test_the_name_an_answer_introduces_is_taken(answer, name):
    assert fields.name_after_called(answer) == name


def test_a_person_then_their_role_is_an_individual_and_a_farm_has_no_firm_to_name():
    assert fields.employer_type("那日苏", "那日苏 牧场老板") == "individual"
    assert fields.employer_type("名剪发型", "名剪发型 老板叫Tony") == "company"
    assert fields.employer_type("賴德華") == "individual"
    assert fields.employer_type("辜建林", "辜建林 开火锅店的") == "individual"
    assert fields.clean_text("额尔敦") == "额尔敦" and fields.clean_text("额，老王") == "老王"
    assert not fields.business_unnamed("巴特尔 牧场老板")


def test_a_name_spelled_out_character_by_character_is_the_name():
    assert fields.normalise_name("吕娟 双口吕 女字旁的娟") == "吕娟"
    assert fields.normalise_name("王 小明") == "王小明"


def test_a_number_said_after_talk_of_the_boss_is_not_the_workers():
    said = "包工头是个胖子 大家都喊他杨胖子 真名我们都不晓得 电话13985260471"
    assert fields.own_phone(said, asked=False) is None
    assert fields.own_phone("老板不给钱 我电话13812345678", asked=False) == "13812345678"


def test_a_site_building_a_warehouse_is_construction():
    assert fields.infer_sector("仓库工地干完了 工头不给钱") == "construction"
    assert fields.infer_sector("在电子厂上班 工头不给钱") == "other"
    assert fields.infer_sector("搞城南污水处理厂的扩建") == "construction"


def test_who_pays_the_wages_is_the_employer_corrected():
    said = "欠钱的不是超市 我们是外包的 发工资的是北京佳洁物业管理有限公司"
    assert fields.parse_correction(said) == ("employer_name", "北京佳洁物业管理有限公司")


@pytest.mark.parametrize("said,name", [
    ("全名东莞市鑫达五金制品厂", "东莞市鑫达五金制品厂"), ("老曹噻", "老曹"), ("刘经理办公室", "刘经理"),
    ("覃国栋 包公头", "覃国栋"), ("鑫达五金厂", "鑫达五金厂"),
])
def test_words_around_a_name_are_no_part_of_it(said, name):
    assert fields.employer_name_from(said) == name


@pytest.mark.parametrize("answer,name", [
    ("鲁临劳务 全名山东鲁临建筑劳务有限公司", "山东鲁临建筑劳务有限公司"),  # the full name said after the short one
    ("金樽KTV 天心区那个", "金樽KTV"),  # then where it is
    ("胖子刘 站点老板 大名不知道", "胖子刘"),  # then the role, then that the full name is not known
    ("裕豐製衣廠 老闆是梁耀祖", "裕豐製衣廠"),  # the factory, then its boss
    ("就知佢喊阿輝 大名唔知", "阿輝"),
    ("湘味轩 饭店", "湘味轩饭店"),  # the name, then the kind of business
    ("包工头 孔德胜", None), ("刘总 刘德胜", None), ("孔德胜", None),  # left to the other rules
])
def test_the_name_in_an_answer_of_several_parts(answer, name):
    assert fields.name_in_answer(answer) == name


@pytest.mark.parametrize("name,short", [("陇原劳务", True), ("华安保安公司", True), ("甘肃陇原建筑劳务有限公司", False),
                                        ("鑫达五金厂", False), ("劳务公司", False)])
def test_a_firm_named_by_its_short_name(name, short):
    assert fields.is_short_firm_name(name) is short
