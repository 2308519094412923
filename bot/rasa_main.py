"""`python -m bot.rasa_main ARGS` is `rasa ARGS` with the fast model loader (bot/fast_load.py).

`make run` starts the Rasa server this way so that it is up in seconds.
"""

from bot import fast_load

if __name__ == "__main__":
    fast_load.install()
    from rasa.__main__ import main

    main()
