from datetime import date, datetime

from bot.deadlines import clocks, is_working_day, working_days_between


def test_weekends_holidays_and_make_up_days():
    assert is_working_day(date(2026, 11, 26))  # a Thursday
    assert not is_working_day(date(2026, 11, 28))  # a Saturday
    assert not is_working_day(date(2026, 10, 1))  # 国庆
    assert is_working_day(date(2026, 10, 10))  # a Saturday worked to make up for 国庆


def test_counting_skips_days_off():
    assert working_days_between(date(2026, 11, 20), date(2026, 11, 27)) == 5  # Fri -> next Fri
    assert working_days_between(date(2026, 9, 30), date(2026, 10, 9)) == 2  # 10-01..07 off: only 10-08 and 10-09
    assert working_days_between(date(2026, 11, 27), date(2026, 11, 20)) == 0


def test_a_new_lead_has_an_acceptance_clock_that_goes_overdue():
    running = clocks("new", datetime(2026, 11, 16, 9), None, False, today=date(2026, 11, 24))
    assert running["accept"].used == 6 and running["accept"].overdue and running["accept"].remaining == -1
    assert running["close"].limit == 60 and not running["close"].overdue


def test_transfer_restarts_the_clock_extension_adds_thirty_closed_stops_it():
    running = clocks("transferred", datetime(2026, 1, 5), datetime(2026, 11, 23), True, today=date(2026, 11, 26))
    assert "accept" not in running and running["close"].used == 3 and running["close"].limit == 90
    assert clocks("closed", datetime(2026, 1, 5), None, False, today=date(2026, 11, 26)) == {}
