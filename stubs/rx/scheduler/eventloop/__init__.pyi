# Stubs for rx.scheduler.eventloop (RxPY 3.2.0): the asyncio schedulers only.
from rx.scheduler.eventloop.asyncioscheduler import AsyncIOScheduler as AsyncIOScheduler
from rx.scheduler.eventloop.asynciothreadsafescheduler import (
    AsyncIOThreadSafeScheduler as AsyncIOThreadSafeScheduler,
)
