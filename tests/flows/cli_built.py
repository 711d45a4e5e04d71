"""An already built pipeline, without runtime checks: `run --runtime-checks` recompiles it."""

from tests.flows.cli_numbers import flow, lying
from typedflow import build

built = flow.build(name="built")
built_lying = build(lying, name="built_lying")
