"""rx (RxPY 3.2), imported when first used, and made warning-clean whoever imports it.

Importing rx costs about a third of `import typedflow` beyond asyncio, and most programs never
touch `Pipeline.events` or an rx observable: the runtime imports it on first use (`load()`).

rx 3.2.0 (the documented version, no longer maintained) calls `datetime.utcfromtimestamp()`
while it is imported and `datetime.utcnow()` whenever an observable is subscribed; Python
3.12+ deprecates both. Neither warning is the user's, and both fail projects that turn
warnings into errors. So that this holds whether typedflow or the application imports rx
first, `install()` (run when typedflow is imported) places a finder at the front of
`sys.meta_path` that waits for the first import of `rx`: it runs that import with the
import-time warning ignored, only when raised from rx's own modules (`catch_warnings`
restores the user's filters afterwards), then replaces the per-subscribe clock by an exact
equivalent that does not call the deprecated function, and removes itself. Every other
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
    """A `sys.meta_path` finder that only wraps the first import of `rx` (see the module)."""

    @classmethod
    def find_spec(
        cls, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname != "rx":
            return None
        _uninstall()
        import importlib.util

        spec = importlib.util.find_spec(fullname)  # the finders after this one
        if spec is None:
            return None
        loader: Any = spec.loader
        execute = getattr(loader, "exec_module", None)
        if execute is None:  # pragma: no cover - a legacy loader: import rx as it comes
            return spec

        def exec_module(module: ModuleType) -> None:
            del loader.exec_module  # this loader's own method again
            with warnings.catch_warnings():
                warnings.filterwarnings(
                    "ignore",
                    message=r"datetime\.datetime\.utcfromtimestamp",
                    category=DeprecationWarning,
                    module=r"rx(\.|$)",
                )
                execute(module)
            _patch_clock()

        loader.exec_module = exec_module
        return spec


def _uninstall() -> None:
    if _FirstImport in sys.meta_path:
        sys.meta_path.remove(_FirstImport)  # a finder class (its methods are class methods)


def install() -> None:
    """Make rx warning-clean: now if it is imported already, else on its first import."""
    if "rx" in sys.modules:
        _patch_clock()
    elif _FirstImport not in sys.meta_path:
        sys.meta_path.insert(0, _FirstImport)  # a finder class (its methods are class methods)


def load() -> None:
    """Import rx (warning-clean, see the module) before the runtime uses it."""
    if "rx.scheduler.scheduler" not in sys.modules:
        install()
        import rx.scheduler.scheduler  # noqa: F401
    _patch_clock()


def is_observable(value: object) -> TypeGuard[Observable[Any]]:
    """Whether `value` is an rx `Observable` (without importing rx: none exists before)."""
    module = sys.modules.get("rx.core.observable.observable")
    return module is not None and isinstance(value, module.Observable)
