"""The pure helpers the field validators use to read a name or a period out of an answer."""

import pytest

from bot.actions.field_validators import (
    _ABOUT_ME,
    _NAME_THEN_JOB,
    _NAME_THEN_WORK,
    _NOT_A_NAME,
    _PLACE_THEN_NAME,
    _PROJECT_EDGES,
    _home_town,
    _name_beside_where,
    _person_then_more,
    _span_of_points,
    _whole_business_name,
    _whole_project_name,
)


@pytest.mark.parametrize("message,name,whole", [
    ("我是临高人 在海口龙华那家椰林阿婆椰子鸡店做服务员", "阿婆椰子鸡店", "椰林阿婆椰子鸡店"),
    ("我们是黑龙江龙运劳务派遣有限公司招过来的", "龙运劳务派遣有限公司", "黑龙江龙运劳务派遣有限公司"),
    ("陕西恒泰建设工程有限公司 项目部", "恒泰建设工程有限公司", "陕西恒泰建设工程有限公司"),
    ("我在超级大的宏发五金厂", "宏发五金厂", "宏发五金厂"),
    ("包工头老王", "老王", "老王"),
    ("阿婆烧腊店 白云区那间", "阿婆", "阿婆烧腊店"),  # the tagger stopped before the kind of business
    ("老王的店", "老王", "老王"),
    ("公司叫星芒文化传媒，说好底薪四千", "星芒文", "星芒文化传媒"),  # cut at its end: runs to the comma
])
def test_a_business_name_cut_at_its_start_is_made_whole(message, name, whole):
    assert _whole_business_name(message, name) == whole


@pytest.mark.parametrize("message,value,period", [
    ("在海口做服务员 7月份进去的 做到9月底 说好一个月三千八", "7月份", "7月份进去的 做到9月底"),
    ("今年4月开工10月停的 一共12个人", "10月", "今年4月到10月"),
    ("时间不对 是10月和11月 两个月 九月的给了", "10月和11月 两个月 九月的给了", "10月和11月"),
    ("去年10月到今年1月", "去年10月到今年1月", "去年10月到今年1月"),
])
def test_two_months_said_apart_are_one_span_and_the_first_of_several_periods_counts(message, value, period):
    assert _span_of_points(message, value) == period


def test_a_place_word_after_a_role_is_no_name_and_a_project_answer_ends_at_what_was_done():
    assert _NOT_A_NAME.fullmatch("手里") and not _NOT_A_NAME.fullmatch("卢国强")
    assert _NAME_THEN_WORK.match("御景豪庭，帮业主装修").group(1) == "御景豪庭"
    assert _NAME_THEN_WORK.match("少荃湖安置房B区") is None


def test_a_place_before_a_business_bounds_its_name_and_the_worker_s_own_name_is_not_the_employer():
    assert _whole_business_name("深圳福田大快活茶餐厅欠我人工", "快活茶餐厅", ["深圳福田"]) == "大快活茶餐厅"
    assert _whole_business_name("深圳福田大快活茶餐廳欠我人工", "快活茶餐廳", ["深圳福田大"]) == "大快活茶餐廳"
    assert _whole_business_name("我在深圳龙华的鑫源电子厂做了半年", "鑫源电子厂", ["深圳龙华"]) == "鑫源电子厂"
    assert _PLACE_THEN_NAME.match("惠州博罗的润丰电子厂").group(1) == "惠州博罗"
    assert _ABOUT_ME.match("我叫牛建强") and not _ABOUT_ME.match("我是跟着宏达建筑干的")


@pytest.mark.parametrize("message,name,places,whole", [
    ("在哈尔滨道里区群力新城C区干木工", "群力新城", ["哈尔滨道里区"], "群力新城C区"),
    ("我在长沙梅溪湖国际新城干活", "国际新城", ["长沙"], "梅溪湖国际新城"),
    ("修县城环城路的工钱", "环城路", [], "县城环城路"),
    ("在郑州航空港区那个锦荣府项目干木工", "锦荣府", ["郑州航空港区"], "锦荣府"),
    ("在贵阳观山湖锦江世纪花园做防水", "锦江世纪花园", ["贵阳观山湖"], "锦江世纪花园"),
])
def test_a_project_name_the_tagger_cut_short_is_made_whole(message, name, places, whole):
    assert _whole_project_name(message, name, places) == whole


@pytest.mark.parametrize("answer,name", [
    ("御景华庭 郭杜那搭的", "御景华庭"), ("泰和苑 兰山金雀山路那块", "泰和苑"), ("在城东 锦绣苑", "锦绣苑"),
    ("少荃湖安置房B区", None), ("锦绣苑 翠湖苑", None),
])
def test_the_one_phrase_of_a_project_answer_that_is_not_about_where_is_the_name(answer, name):
    assert _name_beside_where(answer) == name


def test_a_particle_after_a_project_name_or_the_work_before_it_is_no_part_of_it():
    assert _PROJECT_EDGES.sub("", "蓉西雅居嘛") == "蓉西雅居"
    assert _PROJECT_EDGES.sub("", "修绥正高速三标") == "绥正高速三标"
    assert _PROJECT_EDGES.sub("", "修文县城") == "修文县城"  # too short to be a verb before a name


def test_a_place_the_worker_comes_from_is_their_home_town():
    assert _home_town("我是湖北仙桃人 叫彭家宝", "湖北仙桃")
    assert not _home_town("在湖北仙桃干活", "湖北仙桃")
    assert _home_town("我是湖北仙桃人", "湖北仙桃", surely=True)
    assert _home_town("我叫柯红兵 湖北黄冈的", "湖北黄冈", surely=True)
    assert not _home_town("地方不是开封，是郑州中牟县", "郑州中牟县", surely=True)
    # "we are from X" in dialect (哩 for 的) said before where they worked
    assert _home_town("俺们是周口沈丘哩 六个人在郑东新区干木工", "周口沈丘", surely=True)
    assert not _home_town("我们是在郑州干的活", "郑州", surely=True)


def test_a_building_then_the_job_done_in_it_is_the_building():
    assert _NAME_THEN_JOB.match("在第一人民医院做保洁").group(1) == "第一人民医院"
    assert _NAME_THEN_JOB.match("翠湖花园二期") is None


def test_a_person_named_first_then_described_is_the_name():
    assert _person_then_more("王丽华 就是雇我的那家女主人 是个人家 不是家政公司") == "王丽华"
    assert _person_then_more("陈美华 我就知道她叫这个 她家在闵行那个小区") == "陈美华"
    assert _person_then_more("宏达电子厂 就是做手机壳的") is None
    assert _person_then_more("王丽华") is None
    assert _person_then_more("胖子刘 都这么叫 是他自己包的装卸活") == "胖子刘"
    assert _person_then_more("就是老曹 班组长 大名不晓得 一直喊他老曹的") == "老曹"


@pytest.mark.parametrize("said,value,place", [
    ("我哋喺增城新塘个地盘扎铁", "增城新塘个", "增城新塘"),  # Cantonese 个 after the place
    ("在郑州那边干活", "郑州那边", "郑州"),
    ("泰和苑 兰山金雀山路那块", "兰山金雀", "兰山"),  # the district, not half a street's name
])
async def test_a_place_loses_the_words_after_it(said, value, place, dispatcher):
    from bot.actions.arrears_form import ValidateArrearsForm
    from tests.conftest import make_tracker

    tracker = make_tracker(text=said, slots={"requested_slot": "location"})
    result = await ValidateArrearsForm().validate_location(value, dispatcher, tracker, {})
    assert result["location"] == place
