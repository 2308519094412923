"""The fast model loader gives exactly the predictions of Rasa's own loader."""

import asyncio

import pytest
from rasa.utils.tensorflow import models

from bot import fast_load
from bot.engine import latest_model

pytestmark = pytest.mark.rasa

TEXTS = ["包工头老王欠我们12个人两万八", "劳动仲裁要钱吗", "对", "13812345678", "老闆欠我三個月工資"]


def _parse_all(agent):
    async def run():
        return [await agent.parse_message(text) for text in TEXTS]
    return asyncio.run(run())


def test_same_predictions_as_rasa_loader(monkeypatch):
    from rasa.core.agent import Agent

    model = str(latest_model())
    fast_load.install()
    original = fast_load.original_load
    fast = _parse_all(Agent.load(model))
    monkeypatch.setattr(models.RasaModel, "load", original)
    slow = _parse_all(Agent.load(model))
    for got, want in zip(fast, slow, strict=True):
        assert got["intent"]["name"] == want["intent"]["name"]
        assert got["intent"]["confidence"] == pytest.approx(want["intent"]["confidence"], abs=1e-5)
        assert [(e["entity"], e["start"], e["end"]) for e in got["entities"]] == \
               [(e["entity"], e["start"], e["end"]) for e in want["entities"]]
