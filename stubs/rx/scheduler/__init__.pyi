# Stubs for rx.scheduler (RxPY 3.2.0): the commonly used schedulers only.
from rx.scheduler.currentthreadscheduler import CurrentThreadScheduler as CurrentThreadScheduler
from rx.scheduler.eventloopscheduler import EventLoopScheduler as EventLoopScheduler
from rx.scheduler.immediatescheduler import ImmediateScheduler as ImmediateScheduler
from rx.scheduler.newthreadscheduler import NewThreadScheduler as NewThreadScheduler
from rx.scheduler.threadpoolscheduler import ThreadPoolScheduler as ThreadPoolScheduler
from rx.scheduler.timeoutscheduler import TimeoutScheduler as TimeoutScheduler
from rx.scheduler.trampolinescheduler import TrampolineScheduler as TrampolineScheduler
