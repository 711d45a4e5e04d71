"""Fails while importing."""

SETTINGS: dict[str, str] = {}
API_KEY = SETTINGS["api_key"]
