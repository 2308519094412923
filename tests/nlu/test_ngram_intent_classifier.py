import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu.ngram_intent_classifier import NgramIntentClassifier

EXAMPLES = {
    "affirm": ["对", "是的", "没错", "對的", "嗯嗯对", "可以"],
    "deny": ["不对", "不是", "没有", "不對", "不是的", "不用了"],
    "report_arrears": ["老板欠我工资", "包工头拖欠我们三个月工钱", "工资一直不发", "老闆欠我們工資", "工钱拖着不给"],
}


def _train(tmp_path, weight=0.5):
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(GraphSchema({}), "test")
    config = {**NgramIntentClassifier.get_default_config(), "weight": weight}
    classifier = NgramIntentClassifier.create(config, storage, Resource("ngram"), context)
    data = TrainingData([Message(data={"text": t, "intent": i}) for i, texts in EXAMPLES.items() for t in texts])
    resource = classifier.train(data)
    return NgramIntentClassifier.load(config, storage, resource, context)


def test_trained_model_survives_a_reload_and_classifies(tmp_path):
    classifier = _train(tmp_path, weight=1.0)
    [message] = classifier.process([Message(data={"text": "老闆一直拖欠工資"})])
    assert message.get("intent")["name"] == "report_arrears"
    assert len(message.get("intent_ranking")) == 3


def test_probabilities_are_averaged_with_the_previous_ranking(tmp_path):
    classifier = _train(tmp_path, weight=0.5)
    message = Message(data={"text": "嗯"})
    message.set("intent_ranking", [{"name": "deny", "confidence": 1.0}])
    [message] = classifier.process([message])
    ranking = {e["name"]: e["confidence"] for e in message.get("intent_ranking")}
    assert sum(ranking.values()) == pytest.approx(1.0, abs=1e-4)
    assert ranking["deny"] >= 0.5


def test_weight_is_checked(tmp_path):
    with pytest.raises(ValueError):
        NgramIntentClassifier({"C": 1.0, "weight": 2.0}, LocalModelStorage(tmp_path), Resource("x"))
