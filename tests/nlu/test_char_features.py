from nlu.char_features import char_features


def test_one_feature_dict_per_character():
    text = "在深圳宝安鼎盛电子干 欠我3k😭"
    features = char_features(text)
    assert len(features) == len(text)
    assert features[1]["c"] == "深" and features[1]["in_PL:B"]
    assert features[13]["cls"] == "D"


def test_suffix_ahead_and_distance_after_place():
    features = char_features("深圳宝安鼎盛电子")
    assert features[4]["ahead_ORG"] == 2  # 鼎: 电子 two characters on
    assert features[4]["after_place"] == 1  # right after 宝安


def test_empty_text_has_no_features():
    assert char_features("") == []
