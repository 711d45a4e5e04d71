from rx.core.observer.observer import Observer as Observer
