# Stubs for rx.disposable (RxPY 3.2.0).
from rx.disposable.booleandisposable import BooleanDisposable as BooleanDisposable
from rx.disposable.compositedisposable import CompositeDisposable as CompositeDisposable
from rx.disposable.disposable import Disposable as Disposable
from rx.disposable.multipleassignmentdisposable import (
    MultipleAssignmentDisposable as MultipleAssignmentDisposable,
)
from rx.disposable.refcountdisposable import RefCountDisposable as RefCountDisposable
from rx.disposable.scheduleddisposable import ScheduledDisposable as ScheduledDisposable
from rx.disposable.serialdisposable import SerialDisposable as SerialDisposable
from rx.disposable.singleassignmentdisposable import (
    SingleAssignmentDisposable as SingleAssignmentDisposable,
)
