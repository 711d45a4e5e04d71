# Stubs for rx.core (RxPY 3.2.0).
from rx.core import abc as abc
from rx.core import typing as typing
from rx.core.observable import ConnectableObservable as ConnectableObservable
from rx.core.observable import GroupedObservable as GroupedObservable
from rx.core.observable import Observable as Observable
from rx.core.observer import Observer as Observer
from rx.core.pipe import pipe as pipe
