"""The oracle for tests/oracle.rs: python-dateutil's rrule expands the same rules.

Reads one JSON object per line on stdin: {"id", "dtstart" (YYYYMMDDTHHMMSS, floating),
"rrule" (the RRULE value), "from", "to" (YYYYMMDDTHHMMSS), "limit"}. Writes one per line:
{"id", "matches": whether dateutil's first occurrence is DTSTART, "occ": [[index, time], ...]
(the occurrences in [from, to), each with its index in the whole sequence, times as
RFC 3339 with Z), "timeout": whether the rule took longer than the budget}. The first line
out is {"dateutil": its version}. Nothing else is printed.

dateutil looks for the next occurrence of a rule that never matches until year 9999 (seconds
for a daily rule); every window here ends before 2100, so its rrule module is given a copy of
`datetime` whose MAXYEAR is 2100: the same answers, found quickly. The time budget stays as a
safety net.
"""
import datetime as datetime_module
import json
import signal
import sys
import types
from datetime import datetime

import dateutil
import dateutil.rrule
from dateutil.rrule import rrulestr

BUDGET_SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
LAST_YEAR = 2100

dateutil.rrule.datetime = types.SimpleNamespace(**vars(datetime_module))
dateutil.rrule.datetime.MAXYEAR = LAST_YEAR


class Timeout(Exception):
    pass


def on_alarm(signum, frame):
    raise Timeout()


def parse(text):
    return datetime.strptime(text, "%Y%m%dT%H%M%S")


def expand(case):
    dtstart = parse(case["dtstart"])
    start, end, limit = parse(case["from"]), parse(case["to"]), case["limit"]
    rule = rrulestr(case["rrule"], dtstart=dtstart)
    occ, matches = [], False
    for index, dt in enumerate(rule):
        if index == 0:
            matches = dt == dtstart
        if dt >= end or len(occ) > limit + 1:
            break
        if dt >= start:
            occ.append([index, dt.strftime("%Y-%m-%dT%H:%M:%SZ")])
    return {"id": case["id"], "matches": matches, "occ": occ, "timeout": False}


def main():
    signal.signal(signal.SIGALRM, on_alarm)
    print(json.dumps({"dateutil": dateutil.__version__}), flush=False)
    for line in sys.stdin:
        if not line.strip():
            continue
        case = json.loads(line)
        signal.setitimer(signal.ITIMER_REAL, BUDGET_SECONDS)
        try:
            answer = expand(case)
        except Timeout:
            answer = {"id": case["id"], "matches": False, "occ": [], "timeout": True}
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        print(json.dumps(answer))


if __name__ == "__main__":
    main()
