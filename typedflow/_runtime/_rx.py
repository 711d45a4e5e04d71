"""rx (RxPY 3.2), imported when first used, and made warning-clean whoever imports it.

Importing rx costs about a third of `import typedflow` beyond asyncio, and most programs never
touch `Pipeline.events` or an rx observable: the runtime imports it on first use (`load()`).

rx 3.2.0 (the documented version, no longer maintained) calls `datetime.utcfromtimestamp()`
while it is imported and `datetime.utcnow()` whenever an observable is subscribed; Python
3.12+ deprecates both. Neither warning is the user's, and both fail projects that turn
warnings into errors. So that this holds whether typedflow or the application imports rx
first, `install()` (run when typedflow is imported) places a finder at the front of
`sys.meta_path` that waits for the import of `rx`: it runs that import with the
import-time warning ignored, only when raised from rx's own modules (`catch_warnings`
restores the user's filters afterwards), then replaces the per-subscribe clock by an exact
equivalent that does not call the deprecated function (once rx is imported, it does
nothing). Every other
warning still shows or fails as the user configured.
"""

from __future__ import annotations

import datetime
import sys
import warnings
from typing import TYPE_CHECKING, Any, TypeGuard

if TYPE_CHECKING:
    from collections.abc import Sequence
    from importlib.machinery import ModuleSpec
    from types import ModuleType

    from rx.core import Observable

__all__ = ["install", "is_observable", "load"]


def _utc_now() -> datetime.datetime:
    """`datetime.utcnow()` without the deprecated call: the current UTC time, naive."""
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None)


def _patch_clock() -> None:
    scheduler: Any = sys.modules.get("rx.scheduler.scheduler")
    if scheduler is not None and getattr(scheduler.default_now, "__module__", None) == (
        "rx.internal.basic"
    ):
        scheduler.default_now = _utc_now


class _FirstImport:
    """A `sys.meta_path` finder that wraps the import of `rx` while rx is not imported yet.

    It stays in place (a no-op once rx is imported): removing a finder while another thread
    walks `sys.meta_path` could make that thread skip a finder. A spec asked for without an
    import (`importlib.util.find_spec("rx")`, how programs probe for a package) is wrapped
    too, harmlessly: only executing the module does anything.
    """

    @classmethod
    def find_spec(
        cls, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname != "rx" or fullname in sys.modules:
            return None
        for finder in sys.meta_path:  # the finders after this one, as the import would
            find = None if finder is cls else getattr(finder, "find_spec", None)
            found: ModuleSpec | None = None if find is None else find(fullname, path, target)
            if found is not None:
                return _wrapped(found)
        return None


def _wrapped(spec: ModuleSpec) -> ModuleSpec:
    """`spec` whose loader executes rx with its import-time deprecation ignored (only when
    raised from rx's own modules), then replaces its deprecated clock."""
    loader: Any = spec.loader
    execute = getattr(loader, "exec_module", None)
    if execute is None:  # pragma: no cover - a legacy loader: import rx as it comes
        return spec

    def exec_module(module: ModuleType) -> None:
        with warnings.catch_warnings():
            warnings.filterwarnings(
                "ignore",
                message=r"datetime\.datetime\.utcfromtimestamp",
                category=DeprecationWarning,
                module=r"rx(\.|$)",
            )
            execute(module)
        _patch_clock()

    loader.exec_module = exec_module  # this spec's own loader (a new one per search)
    return spec


def install() -> None:
    """Make rx warning-clean: now if it is imported already, and on its import otherwise."""
    if "rx" in sys.modules:
        _patch_clock()
    if _FirstImport not in sys.meta_path:
        sys.meta_path.insert(0, _FirstImport)  # a finder class (its methods are class methods)


def load() -> None:
    """Import rx (warning-clean, see the module) before the runtime uses it."""
    if "rx.scheduler.scheduler" not in sys.modules:  # the finder `install` placed wraps it
        import rx.scheduler.scheduler  # noqa: F401
    _patch_clock()


def is_observable(value: object) -> TypeGuard[Observable[Any]]:
    """Whether `value` is an rx `Observable` (without importing rx: none exists before)."""
    module = sys.modules.get("rx.core.observable.observable")
    return module is not None and isinstance(value, module.Observable)
