"""Rule extractor for amount, worker_count, period and phone.

Runs after DIET. Where a rule finds one of these entities its span wins: the
rules are exact for closed forms, DIET is kept for open ones (employer,
project, location, person_name) and for closed-form text the rules missed.
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

from nlu.patterns import _HAS_DIGIT, find_spans
from nlu.script import normalised_text

CLOSED_FORM_ENTITIES = ("amount", "worker_count", "period", "phone")


def merge_entities(model_entities: List[Dict[str, Any]], rule_entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Rule entities, plus model entities that do not overlap any of them."""
    kept = [
        e for e in model_entities
        if re.search(r"\w", str(e.get("value", "")))  # never a bare comma or emoji
        # the model's closed-form guesses count only if they hold a figure (not "到", "最后")
        and (e["entity"] not in CLOSED_FORM_ENTITIES or _HAS_DIGIT.search(str(e.get("value", ""))))
        and all(e["end"] <= r["start"] or e["start"] >= r["end"] for r in rule_entities)
    ]
    return sorted(kept + rule_entities, key=lambda e: e["start"])


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False
)
class ClosedFormEntityExtractor(GraphComponent, EntityExtractorMixin):
    """Finds closed-form entities by rule (see module docstring)."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {}

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> ClosedFormEntityExtractor:
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = normalised_text(message)  # same offsets as the original
            original = message.get(TEXT) or ""
            rule_entities = self.add_extractor_name([
                {"entity": s.entity, "start": s.start, "end": s.end,
                 "value": original[s.start:s.end], "confidence": 1.0}
                for s in find_spans(text)
            ])
            message.set(
                ENTITIES,
                merge_entities(message.get(ENTITIES, []), rule_entities),
                add_to_output=True,
            )
        return messages
