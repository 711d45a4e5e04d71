"""A module that fails while importing, as a missing configuration would."""

from typedflow import node


@node
def hello(text: str) -> str:
    return text


SETTINGS: dict[str, str] = {}
API_KEY = SETTINGS["api_key"]
