"""What the contract run stored, against what the server answered.

    python3 stored.py count DB                  prints the counts of the tables (JSON)
    python3 stored.py check BEFORE.json DB HAR…  compares them after a run

`check` reads every exchange of the run from the HAR files Schemathesis wrote and
fails (exit 1, saying why) unless:
  - no response had a status of 500 or more;
  - the log grew by exactly the change sets answered `accepted` inside 200 answers
    to POST /v1/changes, and the audit trail's `change-set-accepted` rows likewise;
  - when none was accepted, no record and no replica number was stored either;
  - devices were enrolled (audit `device-enrolled`) exactly by the 201 answers to
    POST /v1/devices, and the device table grew by at most that many.
Whatever a refused request (any status but 200/201) sent, it therefore stored nothing.
"""

import json
import sqlite3
import sys
from urllib.parse import urlsplit

TABLES = ["change_set", "record", "replica", "device", "audit"]
EVENTS = ["change-set-accepted", "device-enrolled", "login", "login-failed", "logout"]


def count(db_path):
    # Read-only: the server is running and owns the file.
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        counts = {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES}
        for event in EVENTS:
            counts[f"audit:{event}"] = db.execute("SELECT count(*) FROM audit WHERE event = ?", (event,)).fetchone()[0]
        return counts
    finally:
        db.close()


def exchanges(har_paths):
    for path in har_paths:
        with open(path, encoding="utf-8") as file:
            har = json.load(file)
        for entry in har["log"]["entries"]:
            request, response = entry["request"], entry["response"]
            yield request["method"].upper(), urlsplit(request["url"]).path, response["status"], response.get("content", {}).get("text") or ""


def check(before_path, db_path, har_paths):
    with open(before_path, encoding="utf-8") as file:
        before = json.load(file)
    after = count(db_path)
    delta = {key: after[key] - before[key] for key in after}

    failures = []
    total = server_errors = accepted = enrolled = pushes_answered_200 = 0
    for method, path, status, body in exchanges(har_paths):
        total += 1
        if status >= 500:
            server_errors += 1
            failures.append(f"{method} {path} answered {status}: {body[:300]}")
        if method == "POST" and path == "/v1/changes" and status == 200:
            pushes_answered_200 += 1
            try:
                results = json.loads(body)["results"]
            except (ValueError, KeyError, TypeError) as error:
                failures.append(f"a 200 answer to a push has no results ({error}): {body[:300]}")
                continue
            accepted += sum(1 for result in results if result.get("status") == "accepted")
        if method == "POST" and path == "/v1/devices" and status == 201:
            enrolled += 1

    if total == 0:
        failures.append("the HAR files hold no exchange: nothing was checked")
    if delta["change_set"] != accepted:
        failures.append(f"the log grew by {delta['change_set']} change sets, but {accepted} were answered accepted")
    if delta["audit:change-set-accepted"] != accepted:
        failures.append(f"the audit trail gained {delta['audit:change-set-accepted']} change-set-accepted rows, but {accepted} were accepted")
    if accepted == 0 and (delta["record"] != 0 or delta["replica"] != 0):
        failures.append(f"nothing was accepted, yet {delta['record']} records and {delta['replica']} replica numbers were stored")
    if delta["audit:device-enrolled"] != enrolled:
        failures.append(f"{delta['audit:device-enrolled']} devices were enrolled, but {enrolled} enrolments were answered 201")
    if not 0 <= delta["device"] <= enrolled:
        failures.append(f"the device table changed by {delta['device']} rows, with {enrolled} enrolments answered 201")

    print(f"stored-data check: {total} exchanges; {pushes_answered_200} pushes answered 200 with {accepted} change sets accepted; "
          f"{enrolled} enrolments answered 201; {server_errors} answers of 500 or more")
    print("  table rows before -> after: " + ", ".join(f"{key} {before[key]} -> {after[key]}" for key in after))
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    return 1 if failures else 0


def main(argv):
    if len(argv) == 3 and argv[1] == "count":
        print(json.dumps(count(argv[2]), sort_keys=True))
        return 0
    if len(argv) >= 5 and argv[1] == "check":
        return check(argv[2], argv[3], argv[4:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
