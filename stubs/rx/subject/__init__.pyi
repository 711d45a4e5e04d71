# Stubs for rx.subject (RxPY 3.2.0).
from rx.subject.asyncsubject import AsyncSubject as AsyncSubject
from rx.subject.behaviorsubject import BehaviorSubject as BehaviorSubject
from rx.subject.replaysubject import ReplaySubject as ReplaySubject
from rx.subject.subject import Subject as Subject
