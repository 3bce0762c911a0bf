#!/usr/bin/env python3
"""Writes the seed corpus of the wire-reader fuzz target into Fuzz/corpus/wire/.

Seeds come from the protocol's test vectors (Protocol/vectors/*.json: the files as they
are, each change set alone, the change sets as a push, as a pull page, their expected
values) and from hand-written hostile inputs (huge counters, thousands of
dependencies, deep nesting, NUL and combining marks in text, invalid UTF-8, odd
numbers, duplicate keys). Every seed is named `seed-…`; the script rewrites those
and leaves every other file (`crash-…` regression cases, merged inputs) alone.

    python3 Fuzz/make-corpus.py
"""

import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "Fuzz" / "corpus" / "wire"
VECTORS = ROOT / "Protocol" / "vectors"

REPLICA = "0a000000-0000-4000-8000-00000000000a"
OTHER = "0b000000-0000-4000-8000-00000000000b"
VISIT = "5d7c1b1e-2f0a-4c1e-9a53-6f0b8e2d4a10"
COMPANY = "c0a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b"


def canonical(value) -> bytes:
    """The canonical form: keys sorted, no whitespace, UTF-8 as is."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def change(counter=1, replica=REPLICA, dependencies=None, operations=None, author="sato", time=1700000000000, logical=0):
    return {
        "author": author,
        "dependencies": {} if dependencies is None else dependencies,
        "dot": {"counter": counter, "replica": replica},
        "operations": operations if operations is not None else [set_op("notes", "社長と面談")],
        "timestamp": {"logical": logical, "time": time},
    }


def set_op(field, value, record=VISIT, kind="visit"):
    return {"field": field, "id": record, "op": "set", "type": kind, "value": value}


def dot(counter, replica=REPLICA):
    return {"counter": counter, "replica": replica}


def sibling(value, counter=1, replica=REPLICA):
    return {"author": "sato", "dot": dot(counter, replica), "timestamp": {"logical": 0, "time": 1700000000000}, "value": value}


def seeds():
    out = {}

    # MARK: From the protocol's vectors
    for path in sorted(VECTORS.glob("*.json")):
        name = path.stem
        raw = path.read_bytes()
        vector = json.loads(raw)
        changes = vector["changeSets"]
        out[f"vector-{name}.json"] = raw
        out[f"push-{name}.json"] = canonical({"changeSets": changes})
        out[f"page-{name}.json"] = canonical({"changeSets": changes, "cursor": len(changes), "more": False})
        for index, item in enumerate(changes):
            out[f"change-{name}-{index}.json"] = canonical(item)
        # The same change set spelled otherwise: the general path of the reader.
        out[f"change-{name}-0-spaced.json"] = json.dumps(changes[0], indent=1, ensure_ascii=True).encode()
        for index, record in enumerate(vector.get("expected", {}).get("records", [])):
            if record.get("values"):
                out[f"values-{name}-{index}.json"] = canonical(record["values"])

    # MARK: The other record types (the vectors write visits only)
    SHEET = "7e0f0a1b-2c3d-4e5f-8a6b-7c8d9e0f1a2b"
    DIAGNOSIS = "8f1a0b2c-3d4e-4f50-9b6c-8d9e0f1a2b3c"
    company_ops = [set_op(field, value, COMPANY, "company") for field, value in [
        ("name", "盛岡精機株式会社"), ("nameKana", "モリオカセイキ"), ("corporateNumber", "9234567890123"), ("legalForm", "stockCompany"),
        ("industry", "manufacturing"), ("employees", 42), ("capital", 30000000), ("annualSales", -1), ("representativeBirthYear", 1958),
        ("branch", "morioka"), ("mainBankType", "regionalBank"), ("lifeStage", "growth"), ("address", None)]]
    company_ops.append({"element": "disasterAffectedOther", "field": "cohortTags", "id": COMPANY, "op": "add", "type": "company"})
    out["change-company.json"] = canonical(change(operations=company_ops))
    form_common = [("company", COMPANY), ("visit", VISIT), ("date", "2024-02-29"), ("reviewState", "approved")]
    out["change-hearing-sheet.json"] = canonical(change(operations=[set_op(field, value, SHEET, "hearingSheet") for field, value in form_common + [
        ("formID", "hearing-sheet"), ("formVersion", 1), ("answer.q1", "はい"), ("answer.sales", 120000000), ("answer.x", True)]]))
    out["change-succession-diagnosis.json"] = canonical(change(operations=[set_op(field, value, DIAGNOSIS, "successionDiagnosis") for field, value in form_common + [
        ("formID", "succession-diagnosis"), ("formVersion", 1), ("ownerAge", 70), ("consentToShareWithCentre", False), ("answer.q1", "yes")]]))
    out["change-unknown-type.json"] = canonical(change(operations=[set_op("notes", "x", VISIT, "invoice")]))
    out["push-mixed-types.json"] = canonical({"changeSets": [change(operations=company_ops), change(counter=2, dependencies={REPLICA: 1}, operations=[set_op("company", COMPANY)])]})

    # MARK: The other answers of the protocol
    out["push-response.json"] = canonical({"results": [
        {"dot": dot(1), "sequence": 1, "status": "accepted"},
        {"dot": dot(2), "sequence": 1, "status": "duplicate"},
        {"code": "missing-dependencies", "dot": dot(3), "missing": [dot(7, OTHER)], "reason": "sync first", "status": "refused"},
        {"code": "invalid-change-set", "dot": dot(4), "reason": "counters start at 1 \"\\\n", "status": "refused"},
    ]})
    state = {
        "approval": [sibling({REPLICA: 2}, 3)],
        "fields": {"notes": [sibling("社長と面談", 1), sibling("後継者と面談", 1, OTHER)], "visitorCount": [sibling(3, 2)], "online": [sibling(True, 2)], "date": [sibling(None, 2)]},
        "sets": {"staff": [{"dots": [dot(1)], "element": "佐藤 花子"}, {"dots": [dot(1), dot(2, OTHER)], "element": 7}]},
        "tombstone": [sibling({"deleted": True, "version": {REPLICA: 1}}, 4)],
    }
    empty = {"approval": [], "fields": {}, "sets": {}, "tombstone": []}
    out["snapshot.json"] = canonical({"cursor": 42, "records": [
        {"id": VISIT, "state": state, "type": "visit"},
        {"id": COMPANY, "state": empty, "type": "company"},
    ]})
    out["snapshot-empty.json"] = canonical({"cursor": 0, "records": []})
    out["snapshot-spaced.json"] = json.dumps({"records": [{"type": "visit", "id": VISIT, "state": state}], "cursor": 1}, indent=2).encode()
    out["enrolment-request.json"] = canonical({"deviceName": "本店 2号機", "password": "secret", "replica": REPLICA, "user": "sato"})
    out["enrolment-response.json"] = canonical({"branches": ["001"], "device": "d1", "role": "field", "token": "t", "user": "sato"})

    # MARK: Hostile: counters at and past the edges
    # Dot and dependency counters of 2^63 and more are in the crash-… files: the
    # content checks passed them and the server's log could not store them.
    for label, number in [("2p53-1", 2**53 - 1), ("2p53", 2**53), ("2p63", 2**63), ("2p64-1", 2**64 - 1), ("2p64", 2**64), ("zero", 0)]:
        if number < 2**63 or number >= 2**64:
            out[f"hostile-dot-counter-{label}.json"] = canonical(change(counter=number, dependencies={REPLICA: max(number - 1, 0)} if number < 2**64 else {}))
            out[f"hostile-dependency-{label}.json"] = canonical(change(counter=2, dependencies={REPLICA: 1, OTHER: number}))
            out[f"hostile-push-counter-{label}.json"] = canonical({"changeSets": [change(counter=number, dependencies={REPLICA: number - 1} if 0 < number < 2**64 else {})]})
        out[f"hostile-delete-version-{label}.json"] = canonical(change(operations=[{"id": VISIT, "op": "delete", "type": "visit", "version": {REPLICA: number}}]))
        out[f"hostile-approve-version-{label}.json"] = canonical(change(operations=[{"id": VISIT, "op": "approve", "type": "visit", "version": {REPLICA: number}}]))
    for label, time, logical in [("time-max", 2**63 - 1, 0), ("time-min", -(2**63), 0), ("time-2p63", 2**63, 0), ("time-negative", -1, 0),
                                 ("time-2p53", 2**53, 0), ("logical-2p31", 1, 2**31), ("logical-2p32", 1, 2**32), ("logical-2p64-1", 1, 2**64 - 1)]:
        out[f"hostile-timestamp-{label}.json"] = canonical(change(time=time, logical=logical))
    out["hostile-page-cursor.json"] = b'{"changeSets":[],"cursor":9223372036854775808,"more":true}'
    out["hostile-page-cursor-negative.json"] = b'{"changeSets":[],"cursor":-9223372036854775808,"more":false}'
    out["hostile-response-sequence.json"] = canonical({"results": [{"dot": dot(2**64 - 1), "sequence": 2**63, "status": "accepted"}]})
    out["hostile-snapshot-cursor.json"] = canonical({"cursor": 2**64 - 1, "records": [{"id": VISIT, "state": {**empty, "approval": [sibling({REPLICA: 2**64 - 1}, 2**64 - 1)]}, "type": "visit"}]})

    # MARK: Hostile: at and past ChangeSetLimits
    for label, time in [("latest", 253_402_300_799_999), ("past-latest", 253_402_300_800_000)]:
        out[f"hostile-timestamp-time-{label}.json"] = canonical(change(time=time))
    for entries in (1024, 1025):
        clock = {f"{index:08x}-0000-4000-8000-{index:012x}": 1 for index in range(1, entries)}
        clock[REPLICA] = 1
        out[f"hostile-{entries}-dependencies.json"] = canonical(change(counter=2, dependencies=clock))
        out[f"hostile-{entries}-version-entries.json"] = canonical(change(operations=[{"id": VISIT, "op": "delete", "type": "visit", "version": clock}]))
    for length in (128, 129):
        out[f"hostile-author-{length}-bytes.json"] = canonical(change(author="a" * length))
    for length in (65536, 65537):
        out[f"hostile-value-{length}-bytes.json"] = canonical(change(operations=[set_op("notes", "a" * length)]))

    # MARK: Hostile: sizes
    many = {f"{index:08x}-0000-4000-8000-{index:012x}": 1 for index in range(1, 5001)}
    many[REPLICA] = 1
    out["hostile-5000-dependencies.json"] = canonical(change(counter=2, dependencies=many))
    out["hostile-2001-operations.json"] = canonical(change(operations=[set_op("notes", str(index)) for index in range(2001)]))
    out["hostile-deep-array.json"] = b'{"changeSets":[' + b"[" * 20000 + b"]" * 20000 + b"]}"
    out["hostile-deep-object.json"] = b'{"values":' + b'{"a":' * 20000 + b"1" + b"}" * 20000 + b"}"
    out["hostile-deep-value.json"] = canonical(change()).replace("社長と面談".encode().join([b'"', b'"']), b"[" * 5000 + b"]" * 5000)
    out["hostile-long-string.json"] = canonical(change(operations=[set_op("notes", "あ" * 30000)]))

    # MARK: Hostile: text
    out["hostile-nul-in-text.json"] = canonical(change(author="sa\u0000to", operations=[set_op("notes", "a\u0000b"), set_op("no\u0000tes", "x")]))
    out["hostile-nul-escape.json"] = b'{"author":"sato\\u0000","dependencies":{},"dot":{"counter":1,"replica":"' + REPLICA.encode() + b'"},"operations":[{"field":"notes","id":"' + VISIT.encode() + b'","op":"set","type":"visit","value":"\\u0000\\u001f\\u007f\\ud800\\udc00"}],"timestamp":{"logical":0,"time":1}}'
    out["hostile-combining-marks.json"] = canonical(change(author="e" + "\u0301" * 200, operations=[set_op("notes", "e" + "\u0301" * 20000), set_op("e\u0301", "x")]))
    out["hostile-combining-author-129.json"] = canonical(change(author="é" * 64 + "e\u0301" * 64 + "x"))
    out["hostile-values-equivalent-keys.json"] = '{"\u00e9":1,"e\u0301":2}'.encode()
    out["hostile-values-kinds.json"] = canonical({"a": None, "b": True, "c": -9223372036854775808, "d": "x", "e": 9223372036854775807})
    out["hostile-invalid-utf8.json"] = canonical(change()).replace("社長".encode(), b"\xff\xfe\xc0\xaf\xed\xa0\x80")
    out["hostile-lone-surrogates.json"] = canonical(change()).replace("社長".encode(), b"\\ud800\\udfff\\udc00\\ud800x")
    out["hostile-truncated-utf8.json"] = canonical(change()).replace("社長と面談".encode(), "社長と面談".encode()[:-1])
    out["hostile-replica-upper.json"] = canonical(change(replica=REPLICA.upper(), dependencies={}))
    out["hostile-replica-escaped.json"] = canonical(change()).replace(REPLICA.encode(), b"\\u0030" + REPLICA[1:].encode(), 1)

    # MARK: Hostile: numbers
    base = canonical(change()).decode()
    for label, number in [("1e999", "1e999"), ("minus-zero", "-0"), ("leading-zero", "00"), ("fraction", "1.0"), ("exponent", "1e0"),
                          ("negative", "-1"), ("below-int64", "-9223372036854775809"), ("huge", "1" * 400), ("minus", "-"), ("plus", "+1")]:
        out[f"hostile-number-counter-{label}.json"] = base.replace('"counter":1', f'"counter":{number}').encode()
        out[f"hostile-number-time-{label}.json"] = base.replace('"time":1700000000000', f'"time":{number}').encode()
        out[f"hostile-number-values-{label}.json"] = ('{"count":' + number + "}").encode()
        out[f"hostile-number-cursor-{label}.json"] = ('{"changeSets":[],"cursor":' + number + ',"more":false}').encode()

    # MARK: Hostile: duplicate keys and shapes
    out["hostile-duplicate-dot.json"] = base.replace('"dot":', '"dot":{"counter":9,"replica":"' + OTHER + '"},"dot":', 1).encode()
    out["hostile-duplicate-dependency.json"] = base.replace('"dependencies":{}', '"dependencies":{"' + OTHER + '":1,"' + OTHER + '":2}').encode()
    out["hostile-duplicate-values.json"] = b'{"notes":"a","notes":"b"}'
    out["hostile-duplicate-changesets.json"] = b'{"changeSets":[],"changeSets":[' + canonical(change()) + b']}'
    out["hostile-duplicate-cursor.json"] = b'{"changeSets":[],"cursor":1,"cursor":true,"more":false}'
    out["hostile-push-extra-member.json"] = b'{"changeSets":[],"more":true}'
    out["hostile-bom.json"] = b"\xef\xbb\xbf" + canonical(change())
    out["hostile-trailing.json"] = canonical(change()) + b" \x00"
    out["hostile-empty.json"] = b""
    return out


def main():
    CORPUS.mkdir(parents=True, exist_ok=True)
    for old in CORPUS.glob("seed-*"):
        old.unlink()
    made = seeds()
    for name, data in made.items():
        (CORPUS / f"seed-{name}").write_bytes(data)
    print(f"{len(made)} seeds in {CORPUS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
