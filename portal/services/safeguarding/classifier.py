"""The danger classifier: the layer that catches what no pattern names.

Patterns are precise but only find the words someone thought of; families
write danger in words nobody on the team wrote. This layer is two linear
models over TF-IDF character and word n-grams of the normalised message
(idioms cut out first, so "he's killing me with these tantrums" reads as
"with these tantrums"):

- a binary model, danger or not, trained on every danger example we have
  (training/<lang>.yaml by kind, and the assistant's safeguarding intent)
  against ordinary messages (training/<lang>.yaml and the assistant's other
  intents, less the needs whose messages may themselves be urgent);
- a kind model over the labelled danger examples, so the reply fits.

The threshold is chosen for recall on the development sets (bot/tests/
safeguarding_dev), never on the independent evaluation set, and written
below with how it was chosen. A model is trained once per content of its
training data and kept under instance/ keyed by that content's hash.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import joblib
import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion

from portal.services.safeguarding import patterns
from portal.services.safeguarding.kinds import KINDS

ROOT = Path(__file__).resolve().parents[3]
TRAINING_DIR = Path(__file__).with_name("training")
BOT_NLU_DIR = ROOT / "bot" / "data" / "nlu"
MODEL_DIR = Path(os.environ.get("DANGER_MODEL_DIR", ROOT / "instance" / "danger-classifier"))
# Bump when the features or models change, so an old file is not reused.
MODEL_VERSION = "4"
# The assistant's intents whose examples are not used as ordinary messages:
# they are danger, or needs whose messages may describe urgent harm under the
# taxonomy (county lines, a threat to kill from a partner).
NOT_ORDINARY_INTENTS = {"safeguarding_emergency", "need_youth_safety", "need_domestic_abuse"}
# Danger when the binary model's probability is at least THRESHOLD; at
# INTERRUPT or more it is sure enough to interrupt a form. Both chosen with
# `flask safeguarding evaluate` on the development sets, never on the
# independent set (benchmarks/README.md, "Danger classifier").
THRESHOLD = 0.18  # development sets: the lowest score of a danger message (patterns aside)
INTERRUPT = 0.80  # development sets: 1.5% of ordinary messages reach it
# Shorter messages are answers ("he's nine", "Birkenhead"), left to the patterns
# and the assistant's NLU: the models read danger into pronouns without a sentence.
MIN_WORDS = 3
MIN_CJK_CHARACTERS = 5
# Regularisation of the two heads, chosen on the development sets (larger trusts
# rare n-grams more; benchmarks/README.md).
C_BINARY = 10.0
C_KINDS = 10.0


@dataclass(frozen=True)
class TrainingSet:
    danger: list[tuple[str, str | None]]  # (text, kind or None when unlabelled)
    ordinary: list[str]

    def digest(self) -> str:
        """Changes with the examples, the features' version and the idiom list (idioms are cut
        out of every example before training)."""
        h = hashlib.sha256(MODEL_VERSION.encode())
        h.update(patterns.PATTERNS_FILE.read_bytes())
        for text, kind in self.danger:
            h.update(f"D{kind}\x00{text}\x00".encode())
        for text in self.ordinary:
            h.update(f"O\x00{text}\x00".encode())
        return h.hexdigest()[:16]


@dataclass
class DangerModel:
    """One set of features (read once per message) and two heads: danger or not, and which kind."""

    features: FeatureUnion
    binary: LogisticRegression
    kinds: LogisticRegression
    digest: str

    def read(self, text: str) -> Any:
        return self.features.transform([prepare(text)])

    def probability(self, text: str, features: Any = None) -> float:
        features = self.read(text) if features is None else features
        return float(self.binary.predict_proba(features)[0][1])

    def kind_ranking(self, text: str, features: Any = None) -> list[tuple[str, float]]:
        features = self.read(text) if features is None else features
        probabilities = self.kinds.predict_proba(features)[0]
        return sorted(
            ((str(kind), float(p)) for kind, p in zip(self.kinds.classes_, probabilities, strict=True)),
            key=lambda pair: -pair[1],
        )


_APOSTROPHES = re.compile(r"['’`]")
_PUNCTUATION = re.compile(r"[^\w\s]")
_DIGITS = re.compile(r"\d+")


def prepare(text: str) -> str:
    """What the models read: normalised, idioms cut out, no punctuation.

    Punctuation says more about who wrote a training example than about danger
    ("can't" in one set, "cant" in another), so the models never see it.
    """
    text = _APOSTROPHES.sub("", patterns.without_idioms(text))
    text = _DIGITS.sub("0", text)  # "she's 4", "she's 9": an age is not a sign of danger in itself
    return " ".join(_PUNCTUATION.sub(" ", text).split())


def _features() -> FeatureUnion:
    return FeatureUnion(
        [
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=1)),
            (
                "words",
                TfidfVectorizer(
                    analyzer="word",
                    ngram_range=(1, 2),
                    sublinear_tf=True,
                    token_pattern=r"(?u)\b\w+\b",  # noqa: S106 — a regular expression, not a password
                ),
            ),
        ]
    )


def _head(c: float) -> LogisticRegression:
    return LogisticRegression(C=c, max_iter=3000, class_weight="balanced")


def _nlu_examples(path: Path) -> Iterable[tuple[str, str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for block in data.get("nlu") or []:
        intent = block.get("intent")
        if not intent:
            continue
        for line in str(block.get("examples") or "").splitlines():
            line = line.strip()
            if line.startswith("- "):
                yield intent, _strip_entities(line[2:].strip())


def _strip_entities(text: str) -> str:
    """Rasa's inline entity markup [words](entity) → words."""
    return re.sub(
        r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\{[^}]*\}", lambda m: m.group(1) or m.group(2) or "", text
    )


def load_training(training_dir: Path = TRAINING_DIR, nlu_dir: Path = BOT_NLU_DIR) -> TrainingSet:
    danger: list[tuple[str, str | None]] = []
    ordinary: list[str] = []
    for path in sorted(training_dir.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for kind, examples in (data.get("danger") or {}).items():
            if kind not in KINDS:
                raise ValueError(f"{path.name}: unknown kind {kind!r}")
            danger.extend((str(text), kind) for text in examples or [])
        ordinary.extend(str(text) for text in data.get("ordinary") or [])
    for path in sorted(nlu_dir.glob("*.yml")):
        for intent, text in _nlu_examples(path):
            if intent == "safeguarding_emergency":
                danger.append((text, None))
            elif intent not in NOT_ORDINARY_INTENTS:
                ordinary.append(text)
    return TrainingSet(danger, ordinary)


def train(training: TrainingSet) -> DangerModel:
    texts = [prepare(text) for text, _ in training.danger] + [prepare(text) for text in training.ordinary]
    labels = [1] * len(training.danger) + [0] * len(training.ordinary)
    features = _features().fit(texts)
    matrix = features.transform(texts)
    binary = _head(C_BINARY).fit(matrix, labels)
    labelled = [index for index, (_, kind) in enumerate(training.danger) if kind]
    kinds = _head(C_KINDS).fit(matrix[labelled], [training.danger[index][1] for index in labelled])
    return DangerModel(features, binary, kinds, training.digest())


_lock = threading.Lock()
_model: DangerModel | None = None


def model(model_dir: Path = MODEL_DIR) -> DangerModel:
    """The trained model for today's training data: from disk, or trained now."""
    global _model
    if _model is not None:
        return _model
    with _lock:
        if _model is None:
            _model = _load_or_train(model_dir)
    return _model


def _load_or_train(model_dir: Path) -> DangerModel:
    training = load_training()
    digest = training.digest()
    path = model_dir / f"danger-{digest}.joblib"
    if path.exists():
        loaded: Any = joblib.load(path)  # our own file, written below from our own data
        if isinstance(loaded, DangerModel) and loaded.digest == digest:
            return loaded
    trained = train(training)
    model_dir.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    joblib.dump(trained, partial)
    partial.replace(path)
    for old in model_dir.glob("danger-*.joblib"):
        if old != path:
            old.unlink(missing_ok=True)
    return trained


_CJK = re.compile(r"[\u3400-\u9fff]")


def bar_for(text: str, threshold: float = THRESHOLD) -> float:
    """The score a message must reach. A known idiom says the strong words are figurative:
    beside one, only danger the classifier is sure of counts (the idiom itself is already
    cut out of what it reads)."""
    return max(threshold, INTERRUPT) if patterns.has_idiom(text) else threshold


def long_enough(prepared: str) -> bool:
    return len(prepared.split()) >= MIN_WORDS or len(_CJK.findall(prepared)) >= MIN_CJK_CHARACTERS


def assess(text: str, threshold: float = THRESHOLD) -> tuple[list[str], bool]:
    """The kinds of danger the classifier reads in a message ([] for none), and
    whether it is sure enough to interrupt.

    The most likely kind always; a second when it is nearly as likely (a
    message about an overdose after abuse needs both replies).
    """
    prepared = prepare(text)
    if not long_enough(prepared):
        return [], False
    danger_model = model()
    features = danger_model.read(text)
    probability = danger_model.probability(text, features)
    if probability < threshold or probability < bar_for(text, threshold):  # the cheap test first
        return [], False
    ranking = danger_model.kind_ranking(text, features)
    chosen = [ranking[0][0]]
    if len(ranking) > 1 and ranking[1][1] >= 0.5 * ranking[0][1]:
        chosen.append(ranking[1][0])
    return chosen, probability >= INTERRUPT
