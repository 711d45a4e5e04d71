from rx.core.observable.connectableobservable import (
    ConnectableObservable as ConnectableObservable,
)
from rx.core.observable.groupedobservable import GroupedObservable as GroupedObservable
from rx.core.observable.observable import Observable as Observable
