"""An already built pipeline, without runtime checks: `run --runtime-checks` recompiles it."""

from tests.flows.cli_numbers import flow

built = flow.build(name="built")
