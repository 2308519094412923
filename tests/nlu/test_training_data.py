"""The holdout set must stay unseen: no training example repeats or nearly repeats one of its messages."""

from pathlib import Path

from rasa.shared.nlu.training_data.loading import load_data

from nlu.script import normalise

ROOT = Path(__file__).resolve().parents[2]


def _bigrams(text: str) -> set:
    text = "".join(normalise(text).split())
    return {text[i : i + 2] for i in range(len(text) - 1)}


def test_no_training_example_copies_a_holdout_message():
    training = [_bigrams(m.get("text")) for m in load_data(str(ROOT / "data/nlu")).nlu_examples]
    holdout = [(m.get("text"), _bigrams(m.get("text")))
               for m in load_data(str(ROOT / "tests/nlu_data/holdout.yml")).nlu_examples]
    copies = [text for text, grams in holdout if len(grams) >= 4
              and any(len(grams & other) / len(grams | other) > 0.7 for other in training if other)]
    assert len(training) > 1500 and len(holdout) > 300
    assert copies == []
