"""Tests of the runtime: `typedflow.pipeline` and `typedflow/_runtime/`."""
