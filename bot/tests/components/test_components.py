"""The project's Rasa components: the CJK tokenizer, the safeguarding flag and the
action-reply check that is built once."""

from __future__ import annotations

import components  # noqa: F401  (applies the validator patch, as loading the model does)
import pytest
from components.cjk_tokenizer import CJKWhitespaceTokenizer
from components.safeguarding_flag import SafeguardingFlag
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message


def test_chinese_is_split_into_characters_and_other_scripts_into_words() -> None:
    tokenizer = CJKWhitespaceTokenizer(CJKWhitespaceTokenizer.get_default_config())
    tokens = tokenizer.tokenize(Message({TEXT: "我儿子 GP appointment 不想上学"}), TEXT)
    assert [t.text for t in tokens] == ["我", "儿", "子", "GP", "appointment", "不", "想", "上", "学"]
    assert [t.start for t in tokens][:4] == [0, 1, 2, 4]


def message(intent: str, confidence: float, metadata: dict | None = None) -> Message:
    ranking = [{"name": intent, "confidence": confidence}, {"name": "need_parenting", "confidence": 0.1}]
    return Message({TEXT: "x", INTENT: ranking[0], INTENT_RANKING_KEY: ranking, "metadata": metadata or {}})


def test_the_portals_flag_overrules_the_classifier() -> None:
    flagged = SafeguardingFlag({"min_confidence": 0.75}).process(
        [message("need_parenting", 0.9, {"safeguarding": "x"})]
    )
    assert flagged[0].get(INTENT) == {"name": "safeguarding_emergency", "confidence": 1.0}


def test_an_unsure_danger_call_gives_way_and_a_sure_one_stays() -> None:
    flag = SafeguardingFlag({"min_confidence": 0.75})
    assert flag.process([message("safeguarding_emergency", 0.1)])[0].get(INTENT)["name"] == "need_parenting"
    assert (
        flag.process([message("safeguarding_emergency", 0.8)])[0].get(INTENT)["name"]
        == "safeguarding_emergency"
    )


def test_action_replies_are_still_checked_against_rasas_schema() -> None:
    assert RemoteAction._validate_action_result.__module__ == "components.fast_schema_validation"
    assert RemoteAction._validate_action_result(None, {"events": [], "responses": []}) is True
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        RemoteAction._validate_action_result(None, {"events": "not a list"})


def test_posted_events_are_still_checked_against_rasas_schema() -> None:
    import rasa.server

    class Posted:
        def __init__(self, body: object) -> None:
            self.json = body

    assert rasa.server.validate_events_in_request_body.__module__ == "components.fast_schema_validation"
    rasa.server.validate_events_in_request_body(
        Posted([{"event": "slot", "name": "language", "value": "pl"}])
    )
    with pytest.raises(rasa.server.ErrorResponse):
        rasa.server.validate_events_in_request_body(Posted([{"event": 42}]))
