from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu.name_extractor import NameEntityExtractor, _one_name_after_called, _whole_given_name, char_labels, label_spans

# (text, [(entity, surface)]) written as workers would; spans located below
TRAINING = [
    ("在深圳宝安鼎盛电子干了半年", [("location", "深圳宝安"), ("employer", "鼎盛电子")]),
    ("东莞长安镇宏达五金厂欠我两个月", [("location", "东莞长安镇"), ("employer", "宏达五金厂")]),
    ("包工头老王欠我们钱", [("employer", "老王")]),
    ("包工头老李不给钱", [("employer", "老李")]),
    ("在杭州萧山万科城干活", [("location", "杭州萧山"), ("project", "万科城")]),
    ("在佛山顺德碧桂园三期", [("location", "佛山顺德"), ("project", "碧桂园三期")]),
    ("我叫张建国", [("person_name", "张建国")]),
    ("我叫李春梅", [("person_name", "李春梅")]),
    ("老板欠我工资", []),
    ("你好", []),
] * 3


def _message(text, spans):
    entities = []
    for entity, surface in spans:
        start = text.index(surface)
        entities.append({"entity": entity, "start": start, "end": start + len(surface), "value": surface})
    return Message(data={"text": text, "intent": "inform", "entities": entities})


def _train(tmp_path):
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(GraphSchema({}), "test")
    config = NameEntityExtractor.get_default_config()
    extractor = NameEntityExtractor.create(config, storage, Resource("names"), context)
    resource = extractor.train(TrainingData([_message(t, s) for t, s in TRAINING]))
    return NameEntityExtractor.load(config, storage, resource, context)


def test_labels_and_spans_round_trip():
    entities = [{"entity": "location", "start": 1, "end": 5}, {"entity": "employer", "start": 5, "end": 9}]
    labels = char_labels(11, entities, ("location", "employer"))
    assert labels[:6] == ["O", "B-location", "I-location", "I-location", "I-location", "B-employer"]
    assert label_spans(labels) == [("location", 1, 5), ("employer", 5, 9)]
    assert label_spans(["I-employer", "I-employer", "O"]) == [("employer", 0, 2)]
    assert char_labels(3, [{"entity": "amount", "start": 0, "end": 2}], ("employer",)) == ["O", "O", "O"]


def test_trained_model_survives_a_reload_and_finds_glued_names(tmp_path):
    extractor = _train(tmp_path)
    found = extractor.extract("在深圳宝安鼎盛电子干了半年", "在深圳寶安鼎盛電子幹了半年")
    assert [(e["entity"], e["value"]) for e in found] == [("location", "深圳寶安"), ("employer", "鼎盛電子")]
    assert all(0.0 < e["confidence_entity"] <= 1.0 and e["extractor"] == "NameEntityExtractor" for e in found)


def test_process_appends_to_existing_entities(tmp_path):
    extractor = _train(tmp_path)
    message = Message(data={"text": "包工头老王欠我们钱"})
    message.set("entities", [{"entity": "amount", "start": 0, "end": 1, "value": "x"}])
    [message] = extractor.process([message])
    assert [e["entity"] for e in message.get("entities")] == ["amount", "employer"]


def test_untrained_extractor_finds_nothing(tmp_path):
    extractor = NameEntityExtractor.load(NameEntityExtractor.get_default_config(), LocalModelStorage(tmp_path),
                                         Resource("missing"), ExecutionContext(GraphSchema({}), "test"))
    assert extractor.extract("包工头老王欠我们钱", "包工头老王欠我们钱") == []
    assert extractor.extract("   ", "   ") == []


def test_what_follows_called_is_one_name():
    text = "叫沾益至马龙公路改扩建工程"
    found = [{"entity": "location", "start": 1, "end": 4, "value": "沾益至", "confidence_entity": 0.9},
             {"entity": "project", "start": 4, "end": 13, "value": "马龙公路改扩建工程", "confidence_entity": 0.8}]
    assert _one_name_after_called(found, text, text) == [
        {"entity": "project", "start": 1, "end": 13, "value": "沾益至马龙公路改扩建工程", "confidence_entity": 0.8}]
    # without 叫 the place stays the place: "在梅溪湖国际新城"
    text = "在梅溪湖国际新城"
    found = [{"entity": "location", "start": 1, "end": 4, "value": "梅溪湖", "confidence_entity": 0.9},
             {"entity": "project", "start": 4, "end": 8, "value": "国际新城", "confidence_entity": 0.8}]
    assert _one_name_after_called(found, text, text) == found


def test_a_given_name_cut_before_its_last_character_is_made_whole():
    assert _whole_given_name("就是班组长蒋友才 我们一共八个人", "employer", 5, 7) == 8
    assert _whole_given_name("老板蒋友才", "employer", 2, 4) == 5  # at the end of the message
    assert _whole_given_name("老板张三说不给", "employer", 2, 4) == 4  # 说 starts the next phrase
    assert _whole_given_name("老板张三的钱", "employer", 2, 4) == 4
    assert _whole_given_name("在深圳宝安干活", "location", 1, 3) == 3  # places are not names
