"""The runtime: pipeline nodes, the DAG scheduler, per-run records and the event stream."""

import datetime
import logging
import warnings

# A library logs quietly by default: without this, Python's last-resort handler would print
# every warning of the `typedflow` logger to stderr when the application configured none.
logging.getLogger("typedflow").addHandler(logging.NullHandler())

# rx 3.2.0 (the documented version, no longer maintained) calls `datetime.utcfromtimestamp()`
# while it is imported and `datetime.utcnow()` whenever an observable is subscribed; Python
# 3.12+ deprecates both. Neither warning is the user's, and both fail projects that turn
# warnings into errors. The import-time one is ignored for the first import only, and only
# when raised from rx's own modules (`catch_warnings` restores the user's filters afterwards);
# the per-subscribe clock is replaced by an exact equivalent that does not call the deprecated
# function. Every other warning still shows or fails as the user configured.
with warnings.catch_warnings():
    warnings.filterwarnings(
        "ignore",
        message=r"datetime\.datetime\.utcfromtimestamp",
        category=DeprecationWarning,
        module=r"rx(\.|$)",
    )
    import rx.scheduler.scheduler as _rx_scheduler


def _utc_now() -> datetime.datetime:
    """`datetime.utcnow()` without the deprecated call: the current UTC time, naive."""
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None)


if getattr(_rx_scheduler.default_now, "__module__", None) == "rx.internal.basic":
    _rx_scheduler.default_now = _utc_now
