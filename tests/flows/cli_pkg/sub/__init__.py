"""A subpackage, walked too."""
