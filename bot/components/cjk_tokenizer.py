"""Whitespace tokens for most scripts, single characters for Chinese.

Chinese is written without spaces, so a whitespace tokenizer sees a whole
sentence as one token and the classifier learns little from it. Splitting
CJK runs into characters (and leaving every other script to whitespace)
lets one model serve all six languages without downloading any weights.
"""

from __future__ import annotations

from typing import Any

import regex
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message

CJK_CHARACTER = regex.compile(r"\p{Han}|\p{Hiragana}|\p{Katakana}|\p{Hangul}")


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class CJKWhitespaceTokenizer(WhitespaceTokenizer):
    """Whitespace tokenizer that also splits CJK text into characters."""

    @staticmethod
    def not_supported_languages() -> list[str] | None:
        return None

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> CJKWhitespaceTokenizer:
        return cls(config)

    def remove_emoji(self, text: str) -> str:
        # Rasa's emoji pattern spans U+24C2 to U+1F251, which covers every CJK
        # character: without this, Chinese words would be dropped as "emoji".
        if CJK_CHARACTER.search(text):
            return text
        return str(super().remove_emoji(text))

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        tokens: list[Token] = []
        for token in super().tokenize(message, attribute):
            if not CJK_CHARACTER.search(token.text):
                tokens.append(token)
                continue
            tokens.extend(split_cjk(token))
        return tokens


def split_cjk(token: Token) -> list[Token]:
    """One token per CJK character; runs of other characters stay together."""
    pieces: list[Token] = []
    run_start: int | None = None
    for offset, character in enumerate(token.text):
        if CJK_CHARACTER.fullmatch(character):
            if run_start is not None:
                pieces.append(Token(token.text[run_start:offset], token.start + run_start))
                run_start = None
            pieces.append(Token(character, token.start + offset))
        elif run_start is None:
            run_start = offset
    if run_start is not None:
        pieces.append(Token(token.text[run_start:], token.start + run_start))
    return pieces
