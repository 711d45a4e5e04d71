"""The runtime: pipeline nodes, the DAG scheduler, per-run records and the event stream."""
