"""NLU figures on a held-out split never trained on (make eval).

Splits data/nlu 80/20 (fixed seed), trains an NLU model on the 80%, tests it on
the 20% and prints intent accuracy, macro-F1 and per-entity precision/recall/F1.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "eval"
RASA = str(Path(sys.executable).parent / "rasa")


def rasa(*args: str) -> None:
    subprocess.run([RASA, *args, "--quiet"], cwd=ROOT, check=True,
                   env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"})


def main() -> int:
    split = OUT / "split"
    rasa("data", "split", "nlu", "--nlu", "data/nlu", "--training-fraction", "0.8",
         "--random-seed", "1", "--out", str(split))
    started = time.perf_counter()
    rasa("train", "nlu", "--nlu", str(split / "training_data.yml"), "--out", str(OUT / "models"))
    train_seconds = time.perf_counter() - started
    model = max((OUT / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    rasa("test", "nlu", "--nlu", str(split / "test_data.yml"), "--model", str(model), "--out", str(OUT / "results"))

    intents = json.loads((OUT / "results" / "intent_report.json").read_text())
    print(f"NLU training on 80% split: {train_seconds:.0f} s")
    print(f"intent accuracy {intents['accuracy']:.3f}  macro-F1 {intents['macro avg']['f1-score']:.3f}")
    for report in sorted((OUT / "results").glob("*Extractor_report.json")) + \
            sorted((OUT / "results").glob("DIETClassifier_report.json")):
        entities = json.loads(report.read_text())
        print(f"{report.stem.replace('_report', '')}:")
        for name, row in sorted(entities.items()):
            if isinstance(row, dict) and "precision" in row and not name.endswith("avg"):
                print(f"  {name:14} P {row['precision']:.3f}  R {row['recall']:.3f}  "
                      f"F1 {row['f1-score']:.3f}  n={row['support']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
