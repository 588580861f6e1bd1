"""Model requests from many users, served fairly: a few run at once, the others wait their turn round-robin by
user, so that one trainee sending ten questions does not hold the other twenty-nine back.

Each waiting request knows its position and an estimated wait (from the mean time of the last requests), which
the web app shows while it waits. Nothing is dropped: a request leaves the queue only when served or abandoned
(the user closed the page: `Ticket.release`).
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import deque
from dataclasses import dataclass, field


@dataclass(eq=False)
class Ticket:
    user: str
    queue: FairQueue
    number: int
    joined: float = field(default_factory=time.monotonic)
    started: float | None = None
    finished: float | None = None

    def position(self) -> int:
        """0 when running; otherwise how many requests will be served before this one, plus one."""
        return self.queue.position(self)

    def estimated_wait(self) -> float:
        return self.queue.estimated_wait(self)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until this request may run (True) or the timeout passes (False)."""
        return self.queue.wait(self, timeout)

    def release(self) -> None:
        """Served, failed or abandoned (the page was closed): the place or the slot goes to the next one."""
        self.queue.release(self)

    @property
    def waited(self) -> float:
        return (self.started or time.monotonic()) - self.joined

    def __enter__(self) -> Ticket:
        self.wait()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


@dataclass(frozen=True)
class Waiting:
    """A stream event: the request still waits; `line` is what to show (French)."""

    position: int
    seconds: float
    line: str


class FairQueue:
    """`slots` requests run at once; the waiting ones are served one per user in turn (first come within a user)."""

    def __init__(self, slots: int = 1, first_estimate: float = 20.0, memory: int = 20) -> None:
        self.slots = max(1, slots)
        self._lock = threading.Condition()
        self._waiting: dict[str, deque[Ticket]] = {}
        self._turns: deque[str] = deque()  # users with waiting requests, in the order they will be served
        self._running: set[Ticket] = set()
        self._durations: deque[float] = deque([first_estimate], maxlen=memory)
        self._numbers = itertools.count(1)

    def join(self, user: str) -> Ticket:
        with self._lock:
            ticket = Ticket(user or "?", self, next(self._numbers))
            if ticket.user not in self._waiting:
                self._waiting[ticket.user] = deque()
                self._turns.append(ticket.user)
            self._waiting[ticket.user].append(ticket)
            self._admit()
            return ticket

    def _admit(self) -> None:
        while len(self._running) < self.slots and self._turns:
            user = self._turns.popleft()
            ticket = self._waiting[user].popleft()
            if self._waiting[user]:
                self._turns.append(user)  # their next request waits for everyone else's turn
            else:
                del self._waiting[user]
            ticket.started = time.monotonic()
            self._running.add(ticket)
        self._lock.notify_all()

    def _order(self) -> list[Ticket]:
        """The waiting requests in the order they will run (round-robin over users)."""
        queues = [list(self._waiting[user]) for user in self._turns]
        order = []
        for depth in range(max((len(q) for q in queues), default=0)):
            order.extend(q[depth] for q in queues if depth < len(q))
        return order

    def position(self, ticket: Ticket) -> int:
        with self._lock:
            if ticket in self._running or ticket.finished is not None:
                return 0
            order = self._order()
            return order.index(ticket) + 1 if ticket in order else 0

    def mean_duration(self) -> float:
        with self._lock:
            return sum(self._durations) / len(self._durations)

    def estimated_wait(self, ticket: Ticket) -> float:
        """Seconds: the requests ahead, shared over the slots, at the recent mean time, less what the running
        ones have already done."""
        position = self.position(ticket)
        if position == 0:
            return 0.0
        mean = self.mean_duration()
        with self._lock:
            now = time.monotonic()
            left = sorted(max(0.0, mean - (now - t.started)) for t in self._running if t.started is not None)
        first_free = left[0] if len(left) >= self.slots else 0.0
        return first_free + (position - 1) // self.slots * mean

    def wait(self, ticket: Ticket, timeout: float | None = None) -> bool:
        with self._lock:
            return self._lock.wait_for(lambda: ticket in self._running, timeout)

    def release(self, ticket: Ticket) -> None:
        with self._lock:
            if ticket.finished is not None:
                return
            ticket.finished = time.monotonic()
            if ticket in self._running:
                self._running.discard(ticket)
                self._durations.append(ticket.finished - (ticket.started or ticket.finished))
            elif ticket.user in self._waiting and ticket in self._waiting[ticket.user]:
                self._waiting[ticket.user].remove(ticket)
                if not self._waiting[ticket.user]:
                    del self._waiting[ticket.user]
                    self._turns.remove(ticket.user)
            self._admit()

    def waiting(self) -> int:
        with self._lock:
            return sum(len(q) for q in self._waiting.values())


def waiting_line(ticket: Ticket) -> str:
    """What a waiting user reads, in French."""
    position, wait = ticket.position(), ticket.estimated_wait()
    if position == 0:
        return ""
    ahead = "vous êtes le prochain" if position == 1 else f"{position - 1} question(s) avant la vôtre"
    return f"⏳ En attente du modèle : {ahead}, environ {max(1, round(wait))} s."


def waiting_event(ticket: Ticket) -> Waiting:
    return Waiting(ticket.position(), ticket.estimated_wait(), waiting_line(ticket))
