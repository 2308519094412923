from bot.channels.rate_limit import RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_one_message_a_second_per_chat():
    clock = Clock()
    limiter = RateLimiter(clock=clock)
    assert limiter.delay("a") == 0
    limiter.sent("a")
    assert limiter.delay("a") == 1.0 and limiter.delay("b") == 0
    clock.now += 0.4
    assert abs(limiter.delay("a") - 0.6) < 1e-9
    clock.now += 0.6
    assert limiter.delay("a") == 0


def test_at_most_thirty_a_second_overall():
    clock = Clock()
    limiter = RateLimiter(clock=clock)
    for chat in range(30):
        assert limiter.delay(chat) == 0
        limiter.sent(chat)
        clock.now += 0.01
    assert abs(limiter.delay("new chat") - 0.7) < 1e-9  # the first of the 30 leaves the window at 1.0 s
    clock.now += 0.7
    assert limiter.delay("new chat") == 0


async def test_wait_sleeps_until_allowed_and_counts_the_message():
    limiter = RateLimiter(per_chat_interval=0.05)
    await limiter.wait("a")
    await limiter.wait("a")  # sleeps about 0.05 s
    assert limiter.delay("a") > 0
