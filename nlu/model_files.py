"""Our trained components' model files: one pickle each, in the folder Rasa's model storage gives."""

from __future__ import annotations

import pickle
from typing import Any, Optional

from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage


def save(storage: ModelStorage, resource: Resource, filename: str, model: Any) -> None:
    with storage.write_to(resource) as directory:
        (directory / filename).write_bytes(pickle.dumps(model))


def load(storage: ModelStorage, resource: Resource, filename: str) -> Optional[Any]:
    """The model, or None when the component was never trained."""
    try:
        with storage.read_from(resource) as directory:
            return pickle.loads((directory / filename).read_bytes())  # our own trained model file
    except (ValueError, FileNotFoundError):
        return None
