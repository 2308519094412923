import pytest

from nlu.identity import contains_id, is_valid_id, mask_id, mask_ids

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def with_check_digit(first17: str) -> str:
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


VALID = [with_check_digit(f"{region}{born}{seq}") for region in ("110105", "440306", "510107", "650102")
         for born in ("19491231", "19800229", "20000101", "19751015") for seq in ("002", "117", "389")]


@pytest.mark.parametrize("number", VALID)
def test_valid_numbers(number):
    assert is_valid_id(number) and is_valid_id(number.lower())
    assert contains_id(f"我的身份证号是{number}，电话13812345678")


@pytest.mark.parametrize("number", [VALID[0][:17] + ("0" if VALID[0][17] != "0" else "1"),  # bad check digit
                                    with_check_digit("11010519990231002"),  # 31 February
                                    with_check_digit("11010521990101002"),  # born in the future
                                    "110105491231002",  # old 15-digit form
                                    "13812345678"])
def test_invalid_numbers(number):
    assert not is_valid_id(number)


def test_masking_keeps_first_three_and_last_four():
    number = VALID[0]
    assert mask_id(number) == number[:3] + "*" * 11 + number[-4:]
    text = mask_ids(f"身份证{number}，手机13812345678")
    assert number not in text and "13812345678" in text
