#!/usr/bin/env python3
"""A sales person's status change against a SQLite file while an import runs.

Every 20 ms: BEGIN IMMEDIATE, UPDATE the status of lead 1, COMMIT (as the store's status change
does), with a busy timeout of 120 s so that a change waits for the import's write lock instead
of failing. Prints how many changes ran, the longest wait (the longest the lock was held
against a change) and the median.

Usage: import_lock_probe.py DB SECONDS
"""
import sqlite3
import sys
import time

db, seconds = sys.argv[1], float(sys.argv[2])
con = sqlite3.connect(db, timeout=120, isolation_level=None)
start = time.monotonic()
waits = []
while time.monotonic() - start < seconds:
    t0 = time.monotonic()
    con.execute("BEGIN IMMEDIATE")
    con.execute("UPDATE leads SET status = 'contacted', status_changed_at = ? WHERE id = 1",
                (int(time.time() * 1000),))
    con.execute("COMMIT")
    waits.append((t0 - start, time.monotonic() - t0))
    time.sleep(0.02)
longest = max(waits, key=lambda w: w[1])
median = sorted(w for _, w in waits)[len(waits) // 2]
print("status changes: %d, longest wait %.3f s (started at +%.2f s), median %.4f s"
      % (len(waits), longest[1], longest[0], median))
