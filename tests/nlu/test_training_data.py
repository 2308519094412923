"""The sets scored against must stay unseen: no training example repeats or nearly repeats one of their messages."""

from pathlib import Path

import pytest
from rasa.shared.nlu.training_data.loading import load_data

from nlu.script import normalise

ROOT = Path(__file__).resolve().parents[2]


def _bigrams(text: str) -> set:
    text = "".join(normalise(text).split())
    return {text[i : i + 2] for i in range(len(text) - 1)}


# The public-posts sets were written later by other writers; a few of their short small-talk lines
# ("明天会下雨吗") say what a training line says by coincidence, so only messages of 12 characters or
# more are held to it there (every report is longer).
@pytest.mark.parametrize("scored,shortest", [("tests/nlu_data/holdout.yml", 5), ("tests/nlu_data/public_posts.yml", 12),
                                             ("benchmarks/fresh/public_posts_b.yml", 12),
                                             ("benchmarks/fresh/public_posts_c.yml", 12),
                                             ("benchmarks/fresh/public_posts_d.yml", 12),
                                             ("benchmarks/fresh/public_posts_e.yml", 12)])
def test_no_training_example_copies_a_message_scored_against(scored, shortest):
    training = [_bigrams(m.get("text")) for m in load_data(str(ROOT / "data/nlu")).nlu_examples]
    holdout = [(m.get("text"), _bigrams(m.get("text"))) for m in load_data(str(ROOT / scored)).nlu_examples]
    copies = [text for text, grams in holdout if len(grams) >= shortest - 1
              and any(len(grams & other) / len(grams | other) > 0.7 for other in training if other)]
    assert len(training) > 1500 and len(holdout) > 250
    assert copies == []


def _worker_messages(path: Path) -> list:
    """Everything a simulated worker of a scored set says: opening, follow-up, answers, twist, correction."""
    import yaml

    said = []
    for worker in yaml.safe_load(path.read_text(encoding="utf-8"))["workers"]:
        said += [worker.get("opening"), worker.get("followup"), worker.get("correction"),
                 (worker.get("twist") or {}).get("say")]
        for answer in (worker.get("answers") or {}).values():
            said += answer if isinstance(answer, list) else [answer]
    return [str(text) for text in said if text]


# The simulated workers written after the training data (workers_d to workers_j, used for error analysis,
# and workers_k and workers_l, the reported sets) come from writers who never saw data/; no training
# example may repeat one of their messages of 12 characters or more.
@pytest.mark.parametrize("workers", ["workers_d.yml", "workers_e.yml", "workers_f.yml", "workers_g.yml",
                                     "workers_h.yml", "workers_i.yml", "workers_j.yml",
                                     "workers_k.yml", "workers_l.yml"])
def test_no_training_example_copies_a_simulated_worker(workers):
    training = [_bigrams(m.get("text")) for m in load_data(str(ROOT / "data/nlu")).nlu_examples]
    said = [(text, _bigrams(text)) for text in _worker_messages(ROOT / "benchmarks/conversations" / workers)]
    copies = [text for text, grams in said if len(grams) >= 11
              and any(len(grams & other) / len(grams | other) > 0.7 for other in training if other)]
    assert len(said) > 1000
    assert copies == []
