"""A clean flow, put together from the package's nodes by a relative import."""

from .steps import double, parse

numbers = parse >> double
