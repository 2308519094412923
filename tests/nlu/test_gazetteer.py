from nlu import gazetteer


def test_place_names_hold_full_and_spoken_forms():
    places = gazetteer.place_names()
    assert {"宝安区", "宝安", "东莞市", "东莞", "鄂尔多斯", "内蒙古", "新疆"} <= places
    assert len(places) > 5000
    assert "市辖区" not in places


def test_marks_place_positions_and_suffixes():
    text = "深圳宝安鼎盛电子"
    marks = gazetteer.marks(text)
    assert "PL:B" in marks[0] and "PL:E" in marks[3]  # 深圳宝安 read as 深圳 + 宝安
    assert "ORG:B" in marks[6] and "ORG:I" in marks[7]  # 电子
    assert not any(m.startswith("PL") for m in marks[4])  # 鼎 is not in a place name


def test_longest_place_name_wins():
    marks = gazetteer.marks("内蒙古鄂尔多斯")
    assert "PL:B" in marks[3] and "PL:E" in marks[6]
