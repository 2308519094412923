"""The dialogue engine in this process: the trained Rasa model plus our actions.

`python -m bot converse` and the tests use it to run whole conversations
through NLU, policies and the real action code without a separate action
server. `make run` uses the normal Rasa server and action server instead.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, Dict, List, Optional

from rasa.core.actions.action import ActionExecutionRejection
from rasa.core.agent import Agent
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.utils.endpoints import EndpointConfig
from rasa_sdk.executor import ActionExecutor
from rasa_sdk.interfaces import ActionExecutionRejection as SdkRejection

from bot.replies import localise
from bot.settings import get_settings

logger = logging.getLogger(__name__)

EMPTY_REPLY = "没有收到文字内容。请用文字说说您的情况。"


class ModelMissing(RuntimeError):
    pass


class InProcessActions(EndpointConfig):
    """An action endpoint that calls rasa_sdk's executor directly.

    The request is JSON round-tripped exactly as over HTTP, so the actions
    see what the action server would give them.
    """

    def __init__(self, package: str = "bot.actions") -> None:
        super().__init__(url=f"inprocess://{package}")
        self.executor = ActionExecutor()
        self.executor.register_package(package)

    async def request(self, method: str = "post", subpath: Optional[str] = None,
                      content_type: Optional[str] = "application/json",
                      compress: bool = False, **kwargs: Any) -> Optional[Any]:
        call = json.loads(json.dumps(kwargs["json"]))
        try:
            response = await self.executor.run(call)
        except SdkRejection as rejection:
            raise ActionExecutionRejection(rejection.action_name, rejection.message) from rejection
        return json.loads(json.dumps(response))


def latest_model(models_dir: Optional[Path] = None) -> Path:
    models_dir = models_dir or get_settings().models_dir
    models = sorted(Path(models_dir).glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not models:
        raise ModelMissing(
            f"No trained model in {models_dir}. Train one with: make train")
    return models[-1]


def load_agent(model: Optional[Path] = None, with_actions: bool = True) -> Agent:
    """Load the newest trained model (parse-only when with_actions is False)."""
    from bot import fast_load

    fast_load.install()
    endpoint = InProcessActions() if with_actions else None
    return Agent.load(str(model or latest_model()), action_endpoint=endpoint)


async def reply(agent: Agent, sender_id: str, text: Optional[str],
                channel: str = "cli") -> List[Dict[str, Any]]:
    """The bot's messages for one user message, in the worker's script.

    Empty input gets a plain answer without reaching the model.
    """
    if text is None or not text.strip():
        messages = [{"recipient_id": sender_id, "text": EMPTY_REPLY}]
    else:
        output = CollectingOutputChannel()
        await agent.handle_message(UserMessage(text, output, sender_id, input_channel=channel))
        messages = output.messages
    tracker = await agent.tracker_store.retrieve(sender_id)
    return localise(messages, tracker.get_slot("script") if tracker else None)
