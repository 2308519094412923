from bot.places import place_name


def test_points_are_named_by_the_nearest_county_seat():
    assert place_name(22.5553, 113.8838) == "广东省深圳市宝安区"
    assert place_name(23.02, 113.75) == "广东省东莞市"  # a city without counties
    assert place_name(39.9042, 116.4074).startswith("北京市")


def test_points_far_from_china_have_no_name():
    assert place_name(48.85, 2.35) is None
