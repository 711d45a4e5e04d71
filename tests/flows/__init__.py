"""Fixture modules of good and bad flows, imported by the tests."""
