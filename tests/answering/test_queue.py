import threading
import time

from tutor.answering.queue import FairQueue, waiting_line


def test_round_robin_across_users_not_first_come():
    queue = FairQueue(slots=1, first_estimate=10.0)
    running = queue.join("alice")
    assert running.position() == 0 and running.wait(0)
    burst = [queue.join("alice") for _ in range(3)]
    bob, carla = queue.join("bob"), queue.join("carla")
    # alice's burst does not hold bob and carla back: they come between her requests
    assert [t.position() for t in (burst[0], bob, carla, burst[1], burst[2])] == [1, 2, 3, 4, 5]
    served = []
    running.release()
    for _ in range(5):
        current = next(t for t in (*burst, bob, carla) if t.position() == 0 and t.finished is None)
        served.append(current)
        current.release()
    assert served == [burst[0], bob, carla, burst[1], burst[2]]
    assert queue.waiting() == 0


def test_estimates_and_leaving_the_queue():
    queue = FairQueue(slots=2, first_estimate=10.0)
    a, b = queue.join("a"), queue.join("b")
    c, d, e = queue.join("c"), queue.join("d"), queue.join("e")
    assert (a.position(), b.position(), c.position(), d.position(), e.position()) == (0, 0, 1, 2, 3)
    assert 9 <= c.estimated_wait() <= 10 and 9 <= d.estimated_wait() <= 10 and 19 <= e.estimated_wait() <= 20
    assert waiting_line(c).startswith("⏳ En attente du modèle : vous êtes le prochain, environ")
    assert "2 question(s) avant la vôtre" in waiting_line(e) and waiting_line(a) == ""
    d.release()  # the page was closed: d's place goes
    assert e.position() == 2 and queue.waiting() == 2
    a.release()
    assert c.position() == 0 and e.position() == 1


def test_threads_all_served_never_more_than_the_slots():
    queue = FairQueue(slots=2, first_estimate=0.01)
    busy, peak, served = [0], [0], []
    lock = threading.Lock()

    def user(name: str) -> None:
        for _ in range(3):
            with queue.join(name):
                with lock:
                    busy[0] += 1
                    peak[0] = max(peak[0], busy[0])
                time.sleep(0.002)
                with lock:
                    busy[0] -= 1
                    served.append(name)

    threads = [threading.Thread(target=user, args=(f"u{i}",)) for i in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(served) == 30 and peak[0] <= 2 and queue.waiting() == 0
    assert 0 < queue.mean_duration() < 1
