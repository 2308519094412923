"""Complete employer names the model cut short: 洁美 + 保洁公司, 永发 + 家具厂.

DIET often tags the distinctive part of a company name and stops before the
generic suffix, or splits one name in two. A name followed directly by a
company suffix is extended over it; two fragments of one name are joined.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu.script import normalise, normalised_text

_SUFFIX = re.compile(
    r"^[\u4e00-\u9fff]{0,4}?(有限责任公司|有限公司|公司|集团|工厂|厂|物业|酒店|餐厅|饭店|餐馆|超市|劳务|水站|站|商行|门店|店)")
_ENDS_WITH_SUFFIX = re.compile(r"(公司|集团|厂|物业|酒店|餐厅|饭店|餐馆|超市|劳务|水站|商行|店)$")


def repair_employers(entities: List[Dict[str, Any]], text: str, plain: str = "") -> List[Dict[str, Any]]:
    """Entities with employer spans joined and extended over company suffixes.

    plain is the normalised text (same offsets), when the caller already has it.
    """
    plain = plain or normalise(text)
    others = [e for e in entities if e["entity"] != "employer"]
    employers = sorted((dict(e) for e in entities if e["entity"] == "employer"), key=lambda e: e["start"])
    merged: List[Dict[str, Any]] = []
    for entity in employers:
        last = merged[-1] if merged else None
        gap = plain[last["end"]:entity["start"]] if last else ""
        if last and len(gap) <= 4 and re.fullmatch(r"[\u4e00-\u9fff]*", gap) and \
                _ENDS_WITH_SUFFIX.search(plain[last["start"]:entity["end"]]):
            last["end"] = entity["end"]
            continue
        merged.append(entity)
    taken = [(e["start"], e["end"]) for e in others]
    for entity in merged:
        suffix = _SUFFIX.match(plain[entity["end"]:])
        if suffix and not _ENDS_WITH_SUFFIX.search(plain[entity["start"]:entity["end"]]):
            end = entity["end"] + suffix.end()
            if all(end <= start or entity["start"] >= stop for start, stop in taken):
                entity["end"] = end
        entity["value"] = text[entity["start"]:entity["end"]]
    return sorted(others + merged, key=lambda e: e["start"])


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class EmployerSpanRepair(GraphComponent, EntityExtractorMixin):
    """See module docstring. Runs after the extractors, before EntitySynonymMapper."""

    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> EmployerSpanRepair:
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            entities = message.get(ENTITIES) or []
            if any(e["entity"] == "employer" for e in entities):
                message.set(ENTITIES, repair_employers(entities, message.get(TEXT) or "", normalised_text(message)),
                            add_to_output=True)
        return messages
