#!/usr/bin/env python3
"""A sales person's status change against a SQLite file while an import runs.

Every 20 ms: BEGIN IMMEDIATE, UPDATE the status of lead 1, COMMIT (as the store's status change
does). A change waits for the import's write lock instead of failing, up to 120 s, trying again
every millisecond as the store's connections do (SetSqliteBusyWait); with MODE "sqlite-default",
through SQLite's own busy timeout instead, which sleeps up to 100 ms between tries. Prints how
many changes ran, the longest wait (the longest the lock was kept from a change) and the median.

Usage: import_lock_probe.py DB SECONDS [store|sqlite-default]
"""
import sqlite3
import sys
import time

db, seconds = sys.argv[1], float(sys.argv[2])
mode = sys.argv[3] if len(sys.argv) > 3 else "store"
con = sqlite3.connect(db, timeout=120 if mode == "sqlite-default" else 0, isolation_level=None)


def begin():
    if mode == "sqlite-default":
        con.execute("BEGIN IMMEDIATE")
        return
    deadline = time.monotonic() + 120
    while True:
        try:
            con.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.001)


start = time.monotonic()
waits = []
while time.monotonic() - start < seconds:
    t0 = time.monotonic()
    begin()
    con.execute("UPDATE leads SET status = 'contacted', status_changed_at = ? WHERE id = 1",
                (int(time.time() * 1000),))
    con.execute("COMMIT")
    waits.append((t0 - start, time.monotonic() - t0))
    time.sleep(0.02)
longest = max(waits, key=lambda w: w[1])
median = sorted(w for _, w in waits)[len(waits) // 2]
print("status changes: %d, longest wait %.3f s (started at +%.2f s), median %.4f s"
      % (len(waits), longest[1], longest[0], median))
