"""Bot messages in the worker's script: Traditional for workers who write Traditional."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from nlu.script import to_traditional


def localise(messages: List[Dict[str, Any]], script: Optional[str]) -> List[Dict[str, Any]]:
    """Messages with text and button titles converted when the script is Traditional.

    Button payloads stay as they are: they go back to the bot, not to the worker.
    """
    if script != "traditional":
        return messages
    converted = []
    for message in messages:
        message = dict(message)
        if message.get("text"):
            message["text"] = to_traditional(message["text"])
        if message.get("buttons"):
            message["buttons"] = [{**b, "title": to_traditional(b.get("title", ""))}
                                  for b in message["buttons"]]
        converted.append(message)
    return converted
