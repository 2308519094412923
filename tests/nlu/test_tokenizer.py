from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message

from nlu.tokenizer import DomainJiebaTokenizer

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def tokenizer(tmp_path_factory):
    config = {**DomainJiebaTokenizer.get_default_config(), "dictionary_path": str(ROOT / "nlu/dictionaries")}
    storage = LocalModelStorage(tmp_path_factory.mktemp("storage"))
    return DomainJiebaTokenizer.create(config, storage, Resource("tokenizer"),
                                       ExecutionContext(GraphSchema({}), "test"))


def words(tokenizer, text):
    return [t.text for t in tokenizer.tokenize(Message(data={"text": text}), "text")]


@pytest.mark.parametrize("text,expected", [
    ("欠我九千块", ["欠", "我", "九", "千", "块"]),  # 九千 starts and ends on token edges
    ("两个月工资没发", ["两个", "月", "工资", "没发"]),  # the period ends at 月
    ("杨总欠我钱", ["杨总", "欠", "我", "钱"]),  # a name is cut from the verb after it
    # Traditional and full-width text is read in its normalised form, at the same offsets
    ("包工頭老鄭欠我們八個人", ["包工头", "老", "郑", "欠", "我们", "八", "个", "人"]),
    ("欠我２８０００元", ["欠", "我", "28000", "元"]),
])
def test_cuts_at_entity_edges(tokenizer, text, expected):
    assert words(tokenizer, text) == expected


def test_punctuation_is_not_a_token_unless_alone(tokenizer):
    assert words(tokenizer, "不对,是三万") == ["不", "对", "是", "三万"]
    assert words(tokenizer, "，，，") == [",", ",", ","]


@pytest.mark.parametrize("text,script", [("老闆欠我們工資", "traditional"), ("老板欠我们工资", "simplified"),
                                         ("13812345678", "simplified")])
def test_script_is_reported_and_offsets_point_into_the_original(tokenizer, text, script):
    message = Message(data={"text": text})
    tokens = tokenizer.tokenize(message, "text")
    assert message.get("script") == script
    assert "".join(text[t.start:t.end] for t in tokens) == text
