"""Load trained Rasa models in seconds instead of a minute.

Rasa 3.6 rebuilds each TensorFlow model at load time by running one training
step as a traced tf.function; tracing DIET's and TED's loss graphs takes about
50 s on 2 cores. The step only exists to create the weights, so we run it
eagerly (same weights, loaded right after) and keep the traced prediction
function, as Rasa does. Predictions are unchanged; see tests/bot/test_fast_load.py.
"""

from __future__ import annotations

from typing import Any, Optional

_installed = False
original_load: Any = None  # Rasa's own loader, kept for comparison in the tests


def install() -> None:
    """Patch RasaModel.load once per process (idempotent)."""
    global _installed, original_load
    if _installed:
        return
    import tensorflow as tf
    from rasa.utils.tensorflow import models
    from rasa.utils.tensorflow.constants import LEARNING_RATE, RUN_EAGERLY
    from rasa.utils.tensorflow.data_generator import RasaBatchDataGenerator

    def load(cls: Any, model_file_name: str, model_data_example: Any,
             predict_data_example: Optional[Any] = None, finetune_mode: bool = False,
             *args: Any, **kwargs: Any) -> Any:
        config = kwargs.get("config", {})
        model = cls(*args, **kwargs)
        model.compile(optimizer=tf.keras.optimizers.Adam(config.get(LEARNING_RATE, 0.001)),
                      run_eagerly=True)
        model.fit(RasaBatchDataGenerator(model_data_example, batch_size=1), verbose=False)
        model.load_weights(model_file_name)
        model.run_eagerly = bool(config.get(RUN_EAGERLY))
        if not finetune_mode and predict_data_example:
            model.run_inference(predict_data_example)
        return model

    original_load = models.RasaModel.__dict__["load"]
    models.RasaModel.load = classmethod(load)
    _installed = True
