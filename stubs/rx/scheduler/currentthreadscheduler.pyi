from rx.scheduler.trampolinescheduler import TrampolineScheduler

class CurrentThreadScheduler(TrampolineScheduler):
    """A trampoline per thread; ``singleton()`` is the shared instance."""

    @classmethod
    def singleton(cls) -> CurrentThreadScheduler: ...
    def __init__(self) -> None: ...
