"""Open-class entities (employer, project, location, person_name) by a character-level CRF.

Names have no fixed shape, and workers glue them together without spaces or
punctuation (在深圳宝安鼎盛电子干). DIET labels whole jieba tokens, which
cross those seams, and learned names poorly from our data (exact-span F1 0.55
for employers on the independent holdout). A linear-chain CRF over characters,
with the features of nlu/char_features.py, tags every character with
B-/I-entity or O, so any span can be found (docs/benchmarks.md has the
figures). Closed-form entities stay with the rules (ClosedFormEntityExtractor),
which run after this component and win on overlap.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Dict, List, Optional, Tuple

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu import model_files
from nlu.char_features import char_features
from nlu.gazetteer import SURNAMES
from nlu.script import normalise, normalised_text

logger = logging.getLogger(__name__)
_FILE = "name_crf.pkl"
# Words that start a clause, never a name, which the tagger sometimes glues to the name after them.
_NOT_A_NAME_END = re.compile(r"(欠钱|欠薪|欠了|拖欠|欠|不给|没给)$")
_NOT_A_NAME_START = re.compile(r"(后来|然后|现在|以前|之前|当时|那时|结果|最后|但是|可是|所以|而且|还有)")


def char_labels(length: int, entities: List[Dict[str, Any]], wanted: Tuple[str, ...]) -> List[str]:
    """BIO label of each character for the wanted entity types."""
    labels = ["O"] * length
    for entity in entities:
        if entity["entity"] in wanted and 0 <= entity["start"] < entity["end"] <= length:
            labels[entity["start"]] = "B-" + entity["entity"]
            for k in range(entity["start"] + 1, entity["end"]):
                labels[k] = "I-" + entity["entity"]
    return labels


def label_spans(labels: List[str]) -> List[Tuple[str, int, int]]:
    """(entity, start, end) runs of B-/I- labels; a stray I- starts a span too."""
    spans: List[Tuple[str, int, int]] = []
    current: Optional[Tuple[str, int]] = None
    for i, label in enumerate(labels + ["O"]):
        continues = label.startswith("I-") and current is not None and current[0] == label[2:]
        if not continues:
            if current:
                spans.append((current[0], current[1], i))
            current = (label[2:], i) if label != "O" else None
    return spans


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True)
class NameEntityExtractor(GraphComponent, EntityExtractorMixin):
    """See module docstring. Comes after the tokenizer (which sets the normalised text)."""

    @classmethod
    def required_components(cls) -> List[type]:
        return [Tokenizer]

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {
            "entities": ["employer", "project", "location", "person_name"],
            # L1 and L2 regularisation of the CRF (measured on the split and the holdout)
            "c1": 0.01,
            "c2": 0.01,
            "max_iterations": 200,
        }

    def __init__(self, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
                 crf: Optional[Any] = None) -> None:
        self._config = config
        self._storage = model_storage
        self._resource = resource
        self._crf = crf

    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> NameEntityExtractor:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        import sklearn_crfsuite

        wanted = tuple(self._config["entities"])
        examples = [m for m in training_data.nlu_examples if m.get(TEXT)]
        texts = [normalise(m.get(TEXT)) for m in examples]  # same offsets as the annotations
        crf = sklearn_crfsuite.CRF(algorithm="lbfgs", c1=self._config["c1"], c2=self._config["c2"],
                                   max_iterations=self._config["max_iterations"], all_possible_transitions=True)
        crf.fit([char_features(t) for t in texts],
                [char_labels(len(t), m.get(ENTITIES) or [], wanted) for t, m in zip(texts, examples, strict=True)])
        self._crf = crf
        model_files.save(self._storage, self._resource, _FILE, crf)
        return self._resource

    @classmethod
    def load(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> NameEntityExtractor:
        crf = model_files.load(model_storage, resource, _FILE)
        if crf is None:
            logger.warning("NameEntityExtractor: no trained model found; no names will be extracted")
        return cls(config, model_storage, resource, crf)

    def extract(self, text: str, original: str) -> List[Dict[str, Any]]:
        """Entities in text (normalised), with values from original (same offsets)."""
        if self._crf is None or not text.strip():
            return []
        features = char_features(text)
        labels = self._crf.predict_single(features)
        marginals = self._crf.predict_marginals_single(features)
        found = []
        for entity, start, end in label_spans(list(labels)):
            if (adverb := _NOT_A_NAME_START.match(text, start, end)) and end - adverb.end() >= 2:
                start = adverb.end()  # "后来酒店换老板了": the 酒店, not a business called 后来酒店
            if entity in ("employer", "person_name") and (verb := _NOT_A_NAME_END.search(text, start, end)) \
                    and verb.start() - start >= 2:
                end = verb.start()  # "邵长贵欠钱欠了一年多了": 邵长贵
            end = _whole_given_name(text, entity, start, end)
            value = original[start:end]
            if not any(ch.isalnum() for ch in value):
                continue
            # confidence: the mean probability of the chosen label over the span's characters
            confidence = sum(marginals[k][labels[k]] for k in range(start, end)) / (end - start)
            found.append({"entity": entity, "start": start, "end": end, "value": value,
                          "confidence_entity": round(float(confidence), 4)})
        return self.add_extractor_name(_one_name_after_called(found, text, original))

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            found = self.extract(normalised_text(message), message.get(TEXT) or "")
            if found:
                message.set(ENTITIES, message.get(ENTITIES, []) + found, add_to_output=True)
        return messages


_CALLED_BEFORE = re.compile(r"(叫做|名叫|叫|称为|全称是|全名是)$")


def _one_name_after_called(found: List[Dict[str, Any]], text: str, original: str) -> List[Dict[str, Any]]:
    """What follows 叫 is one name: "叫沾益至马龙公路改扩建工程" is a project whose name begins with a place,
    not the place 沾益 and then a project."""
    merged: List[Dict[str, Any]] = []
    for entity in found:
        before = merged[-1] if merged else None
        if before and before["entity"] == "location" and entity["entity"] in ("project", "employer") \
                and before["end"] == entity["start"] and _CALLED_BEFORE.search(text[:before["start"]]):
            merged[-1] = {**entity, "start": before["start"], "value": original[before["start"]:entity["end"]],
                          "confidence_entity": min(before["confidence_entity"], entity["confidence_entity"])}
            continue
        merged.append(entity)
    return merged


# Characters that end a phrase rather than a given name: "张三说", "王五的", "李四他们".
_NOT_A_GIVEN_NAME = set("的了吧啊呢呀嘛说是在家们他她哥姐叔姨总工头欠给和跟")


def _whole_given_name(text: str, entity: str, start: int, end: int) -> int:
    """A two-character person's name cut before the last character of the given name ("班组长蒋友才 我们…"
    tagged 蒋友): the name runs to the space or punctuation right after that character."""
    after = end + 1
    if entity not in ("employer", "person_name") or end - start != 2 or text[start] not in SURNAMES \
            or after > len(text) or text[end] in _NOT_A_GIVEN_NAME or not "\u4e00" <= text[end] <= "\u9fff" \
            or (after < len(text) and not re.match(r"[\s,，。.!！?？;；、]", text[after])):
        return end
    return after
