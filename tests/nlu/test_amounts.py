"""Which figure of a long message is the sum still owed."""

import pytest

from nlu.amounts import each_ones_share, is_side_money, only_side_money, owed_total
from nlu.numbers import Quantity

CASES = [
    ("一共23万多 每人6000左右", Quantity(230_000, 240_000, True)),  # the total wins over the per-person figure
    # "X到Y": one approximate figure from the first to the second, not the second alone
    ("一共欠了120万到130万", Quantity(1_200_000, 1_300_000, True)),
    ("欠了八千到九千", Quantity(8_000, 9_000, True)),
    ("8000-9000块", Quantity(8_000, 9_000, True)),
    ("从3月到5月欠了一万", Quantity(10_000, 10_000)),
    # a rate before its unit with the months after it; 一月 after 一人 is a month's rate; two people's rates
    ("3500一个月 俩月没给", Quantity(7_000, 7_000)),
    ("三千六一个月 三个月", Quantity(10_800, 10_800)),
    ("一人一月三千 干了仨月 俺们仨 每人预支过五百生活费", Quantity(25_500, 25_500)),
    ("一人一日一百五 做二十日 阮四个", Quantity(12_000, 12_000)),
    ("俺一个月四千 她三千五 欠了四个月", Quantity(30_000, 30_000)),
    ("我一个月三千五，我表弟刚来一个月三千，9月和10月的都没发", Quantity(13_000, 13_000)),
    ("我的两万一 老婆一万六 侄女九千 都没给 宿舍费每个月一百还照扣", Quantity(46_000, 46_000)),
    ("我和我老婆 一人一个月四千 干了五个月 中间借支了八千块", Quantity(32_000, 32_000)),
    ("一人三千二一个月 三个人 欠了三个月", Quantity(28_800, 28_800)),
    ("总共90,000 给了30,000 还差的就是剩下那些", Quantity(60_000, 60_000)),
    # a figure said to be wrong is never the sum
    ("是九千块 不是九万", Quantity(9_000, 9_000)),
    ("每人六千左右，总共欠了我们23万多", Quantity(230_000, 240_000, True)),
    ("老板先给了5000，还欠12000", Quantity(12_000, 12_000)),
    ("干了3万的活 拿到1万 还差2万", Quantity(20_000, 20_000)),
    ("46名工人被拖欠工资共计2,460,000元，联系电话13812345678", Quantity(2_460_000, 2_460_000)),
    # spaces as thousands separators; 廿 (twenty); what is left said as 现在剩 or, in Cantonese, 仲爭
    ("某公司共拖欠64名工人1 280 000元", Quantity(1_280_000, 1_280_000)),
    ("公司尚欠工资36 000元", Quantity(36_000, 36_000)),
    ("日薪三百五，做咗廿八日", Quantity(9_800, 9_800)),
    ("日薪三百五，做咗廿八日，老細淨係俾咗二千蚊，仲爭七千八百蚊", Quantity(7_800, 7_800)),
    ("总共欠我们6万3，上个月还了2万，现在剩4万3", Quantity(43_000, 43_000)),
    ("劳务老板欠我们这一大帮人百把万", Quantity(1_000_000, 2_000_000, True)),
    ("还欠我两万把块", Quantity(20_000, 30_000, True)),
    ("工资2万8没给 中间借支了3000", Quantity(28_000, 28_000)),
    ("从2023年3月干到12月 欠我两万八", Quantity(28_000, 28_000)),
    ("项目部拖欠我们班组150多万元", Quantity(1_500_000, 1_600_000, True)),
    ("每天350 欠了40天", Quantity(14_000, 14_000)),
    ("每月4500,欠了三个月", Quantity(13_500, 13_500)),
    # a per-person rate times the head count written anywhere in the message
    ("一人四千五 俺们仨", Quantity(13_500, 13_500)),
    ("一个人7800，我们两个", Quantity(15_600, 15_600)),
    ("一個人四千五，我們兩口子", Quantity(9_000, 9_000)),
    ("每人五千一共6个人", Quantity(30_000, 30_000)),
    ("俩人 一人一天150 干了28天", Quantity(8_400, 8_400)),
    ("两万八，俺俩一人一万四", Quantity(28_000, 28_000)),
    ("说好一天350，我干了42天，中间给过3000块生活费，剩下的一直拖着不给", Quantity(11_700, 11_700)),
    # a day or month rate is each worker's; what each was paid comes off each
    ("一天三百 干了60天 我们五个 借过一万", Quantity(80_000, 80_000)),
    ("一个月三千六 欠两个月 八个人", Quantity(57_600, 57_600)),
    ("说好一个人一万五 中间他给过每人两千生活费 我们六个人", Quantity(78_000, 78_000)),
    ("8月到10月三个月 说好一个月五千 两个人 他给过我们一人两千", Quantity(26_000, 26_000)),
    # a monthly rate whose months are said elsewhere, two months said apart being one span
    ("7月份进去的 做到9月底 说好一个月三千八 一分钱都没发过 我自己还垫了一百二的体检费", Quantity(11_400, 11_400)),
    ("4万零8百", Quantity(40_800, 40_800)),
    ("一天三百，干了70天，借了五千", Quantity(16_000, 16_000)),
    # side money in the figure's own clause is not wages; 说好 between a rate word and its figure
    ("一个月说好三千八，租的房子一个月还要六百，从7月干到9月底，三个月工资他一直拖着，还交了两百块押金",
     Quantity(11_400, 11_400)),
    ("一个月六千五，9月10月两个月都没给，中介当时收了我八百中介费", Quantity(13_000, 13_000)),
    ("押金也没退，还欠我工资8000", Quantity(8_000, 8_000)),
    ("离职时厂方以培训费为由扣着16,500元工资不发", Quantity(16_500, 16_500)),
    ("老板欠千把块路费都不给", Quantity(1_000, 2_000, True)),
    # 底薪 is a monthly rate; 一分 of 一分没发 is no rate
    ("说好底薪四千加提成，6月份入职的，干到8月底，结果三个月底薪一分没发", Quantity(12_000, 12_000)),
    # a figure still owed to each one, times the heads said elsewhere, unless a total is said
    ("我们五个干了8月9月10月三个月，到现在一个人还欠六千五没给", Quantity(32_500, 32_500)),
    ("俺们村6个人，每人还差俩万多，总共欠12万多", Quantity(120_000, 130_000, True)),
    # a rate per person and voyage
    ("我们四个，说好一个人一个航次五万五，上船前每人交了三千保证金", Quantity(220_000, 220_000)),
    ("2w8", Quantity(28_000, 28_000)),
    # what each was advanced, said before the verb, comes off each
    ("俩人一个月四千 干了两个月 每人借过五百", Quantity(15_000, 15_000)),
    # the figure first, then its unit of time
    ("四千二一个月 欠了我两个月", Quantity(8_400, 8_400)),
    ("280一天 做了15天", Quantity(4_200, 4_200)),
    # what was earned in all, less what was paid of it; a total said after the payment is already net
    ("总共应该给我五万 过年借支了八千", Quantity(42_000, 42_000)),
    ("一个人一个月五千 欠两个月 借了一千 算下来九千", Quantity(9_000, 9_000)),
    # a new clause about the New Year after the figure: 年前 is no unit of the figure
    ("还欠我们七万二 年前说给也没给", Quantity(72_000, 72_000)),
    # a year's pay for part of a year; a year worked is no rate
    ("讲好一年四万八 干了三个月就走了", Quantity(12_000, 12_000)),
    ("在他家做了一年 欠两万六", Quantity(26_000, 26_000)),
    # months already paid at the monthly rate; an advance paid to 俺/阮
    ("一个月六千 做了四个月 只发了一个月的", Quantity(18_000, 18_000)),
    ("一个月五千 两个月 老板先给俺一千", Quantity(9_000, 9_000)),
    # a payment the worker says comes off; days of everyone together; an hourly rate; a group's figure
    ("工钱一共三万二 他预支过四千 要扣掉", Quantity(28_000, 28_000)),
    ("一个工二百五 我们四个加起来干了一百二十个工", Quantity(30_000, 30_000)),
    ("一小时二十块 上个月干了两百个小时", Quantity(4_000, 4_000)),
    ("一个人一万二 五个人六万", Quantity(60_000, 60_000)),
    ("每个人也是五千 八个人", Quantity(40_000, 40_000)),
    # a payment to 我 after the verb, an advance drawn (领了, 借的), a year's pay less what was paid
    ("一个月四千 三个月 他给过我一千五 剩下的没给", Quantity(10_500, 10_500)),
    ("一個月四千二 三個月 扣掉我借的一千五", Quantity(11_100, 11_100)),
    ("俺俩一人一天三百二 都干了八十天 一人领了五千块生活费", Quantity(41_200, 41_200)),
    ("说好一年五万 只给了一万二", Quantity(38_000, 38_000)),
    # 十一个人 is eleven people, not 一个人; months listed with their count; side money is left out
    ("我们班组十一个人在七里河干安置房 项目部欠了十八万五", Quantity(185_000, 185_000)),
    ("一个月三千二 欠七八两个月 押金五百不算", Quantity(6_400, 6_400)),
    ("一共欠我們二十幾萬", Quantity(200_000, 300_000, True)),
    # parts of a group owed different sums: added up
    ("我们三个 我一个欠一万八 他们两个各欠一万五", Quantity(48_000, 48_000)),
    # a rate before its unit (三千五一个月, 3500一月), half a month, months paid first, an agreed price less
    # what was paid, each one's share said further back, what each was paid
    ("三千五一个月 三个月没给", Quantity(10_500, 10_500)),
    ("3500一月 欠仨月", Quantity(10_500, 10_500)),
    ("一个月四千二 差俺三个半月的", Quantity(14_700, 14_700)),
    ("说好一个月六千五 我今年4月去的干到8月 头两个月给了 后面三个月一直拖", Quantity(19_500, 19_500)),
    ("当时跟公司谈好总价十二万 中间陆陆续续给了三万五 剩下的一直拖着", Quantity(85_000, 85_000)),
    ("一共六个人 每个人工钱算下来一万三 中间每人借支过两千 剩下的一分都没拿到", Quantity(66_000, 66_000)),
    ("一天一百五 干了四十天 额们四个人 老板给过每人五百生活费", Quantity(22_000, 22_000)),
    ("一个人欠起八千 我们五个 你算嘛", Quantity(40_000, 40_000)),
    # dialect words read as Mandarin (畀 = 给, 号头 = 月)
    ("一日一百五 𠊎做了六十日 佢先畀了𠊎一千五", Quantity(7_500, 7_500)),
    ("一个号头四千三 阿拉六个人 三个号头拢总勿发", Quantity(77_400, 77_400)),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_the_sum_owed_is_picked(text, expected):
    total = owed_total(text)
    assert total is not None and total.amount == expected and not total.unclear


def test_the_sum_owed_to_the_reporter_wins_over_one_owed_to_someone_else():
    total = owed_total("欠我工资15000，另外还欠我老乡8000")
    assert not total.unclear and total.amount == Quantity(15_000, 15_000)


def test_two_figures_with_nothing_to_tell_them_apart_are_marked_unclear():
    total = owed_total("工资15000，加班费8000")
    assert total.unclear and total.amount == Quantity(15_000, 15_000)


def test_a_rate_alone_or_a_payment_alone_is_not_a_sum_owed():
    assert owed_total("一个月4500") is None
    assert owed_total("上个月给了3000") is None
    assert owed_total("中间他给过俺三回零花钱一回两三百，俺也没记") is None
    assert owed_total("我哋8個人由3月做到9月，一蚊都冇收到") is None  # "not a penny"
    assert owed_total("中介收了我八百塊介紹費") is None


def test_a_share_said_without_heads_waits_for_the_head_count():
    assert each_ones_share("一人两万一") == Quantity(21_000, 21_000)
    assert each_ones_share("一人两万一 我们四个") is None  # the heads are said: owed_total multiplies
    assert each_ones_share("三万") is None
    assert each_ones_share("一个人一个月三千 欠了两个月") == Quantity(6_000, 6_000)  # each one's, worked out
    assert each_ones_share("一个月两千八 每人欠两个月") == Quantity(5_600, 5_600)
    assert each_ones_share("一个月三千二 每人两个月") == Quantity(6_400, 6_400)


def test_a_head_count_ending_in_one_is_not_a_share():
    assert each_ones_share("我们班组十一个人 项目部欠了十八万五") is None


def test_a_figure_of_side_money_is_known_as_such():
    assert is_side_money("一个月三千二 押金五百不算", "五百")
    assert not is_side_money("一个月三千二 押金五百不算", "三千二")
    assert not is_side_money("五百", "五百")


def test_side_money_alone_is_not_the_wages_owed():
    assert only_side_money("押金五百能一起要回来吗？")
    assert not only_side_money("工钱一万二 押金五百")
    assert not only_side_money("一万二")
