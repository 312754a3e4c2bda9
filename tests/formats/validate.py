"""Reads the app's export files with independent libraries and prints what they hold as JSON.

    validate.py fhir FILE...   each file parsed as a FHIR R4 Bundle by fhir.resources 6.x (pydantic 1 models,
                               R4 by default), and every reference checked to name an entry's fullUrl
    validate.py ics FILE       parsed by the icalendar library: each VEVENT's summary, start, end and location
    validate.py csv FILE       read by Python's csv module (UTF-8 with its byte-order mark): the rows

Exits non-zero, saying why, when a file does not parse or validate.
"""
import csv
import json
import sys


def references(value, found):
    if isinstance(value, dict):
        ref = value.get("reference")
        if isinstance(ref, str):
            found.append(ref)
        for v in value.values():
            references(v, found)
    elif isinstance(value, list):
        for v in value:
            references(v, found)


# Required bindings fhir.resources does not check (it checks shapes, types and cardinality): the status codes
# this app writes, each from its FHIR R4 value set (hl7.org/fhir/R4/valueset-*.html).
REQUIRED_CODES = {
    ("Patient", "gender"): {"male", "female", "other", "unknown"},
    ("EpisodeOfCare", "status"): {"planned", "waitlist", "active", "onhold", "finished", "cancelled", "entered-in-error"},
    ("CareTeam", "status"): {"proposed", "active", "suspended", "inactive", "entered-in-error"},
    ("CarePlan", "status"): {"draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown"},
    ("CarePlan", "intent"): {"proposal", "plan", "order", "option"},
    ("Goal", "lifecycleStatus"): {"proposed", "planned", "accepted", "active", "on-hold", "completed", "cancelled",
                                  "entered-in-error", "rejected"},
    ("ServiceRequest", "status"): {"draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown"},
    ("ServiceRequest", "intent"): {"proposal", "plan", "directive", "order", "original-order", "reflex-order",
                                   "filler-order", "instance-order", "option"},
    ("Task", "status"): {"draft", "requested", "received", "accepted", "rejected", "ready", "cancelled",
                         "in-progress", "on-hold", "failed", "completed", "entered-in-error"},
    ("Task", "intent"): {"unknown", "proposal", "plan", "order", "original-order", "reflex-order", "filler-order",
                         "instance-order", "option"},
    ("Task", "priority"): {"routine", "urgent", "asap", "stat"},
    ("Appointment", "status"): {"proposed", "pending", "booked", "arrived", "fulfilled", "cancelled", "noshow",
                                "entered-in-error", "checked-in", "waitlist"},
    ("Encounter", "status"): {"planned", "arrived", "triaged", "in-progress", "onleave", "finished", "cancelled",
                              "entered-in-error", "unknown"},
    ("QuestionnaireResponse", "status"): {"in-progress", "completed", "amended", "entered-in-error", "stopped"},
    ("Observation", "status"): {"registered", "preliminary", "final", "amended", "corrected", "cancelled",
                                "entered-in-error", "unknown"},
}
ACTIVITY_STATUS = {"not-started", "scheduled", "in-progress", "on-hold", "completed", "cancelled", "stopped",
                   "unknown", "entered-in-error"}


def required_codes(path, data):
    for n, entry in enumerate(data.get("entry", [])):
        r = entry["resource"]
        for (kind, field), allowed in REQUIRED_CODES.items():
            if r["resourceType"] == kind and field in r and r[field] not in allowed:
                sys.exit(f"{path}: entry {n} {kind}.{field} = {r[field]!r}, not in its value set")
        # Invariants fhir.resources does not evaluate, for what this app writes: app-2 (an Appointment's start and
        # end go together), con-5 (no clinicalStatus on a Condition entered in error).
        if r["resourceType"] == "Appointment" and ("start" in r) != ("end" in r):
            sys.exit(f"{path}: entry {n} Appointment has start or end without the other (app-2)")
        if r["resourceType"] == "Condition" and "clinicalStatus" in r and any(
            c.get("code") == "entered-in-error" for c in r.get("verificationStatus", {}).get("coding", [])
        ):
            sys.exit(f"{path}: entry {n} Condition entered in error with a clinicalStatus (con-5)")
        for a in r.get("activity", []) if r["resourceType"] == "CarePlan" else []:
            status = a.get("detail", {}).get("status")
            if status is not None and status not in ACTIVITY_STATUS:
                sys.exit(f"{path}: entry {n} CarePlan.activity.detail.status = {status!r}, not in its value set")


def fhir(paths):
    from fhir.resources.bundle import Bundle

    out = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        bundle = Bundle.parse_obj(data)  # raises pydantic.ValidationError, naming each field, when invalid
        required_codes(path, data)
        urls = {e.fullUrl for e in bundle.entry or []}
        if len(urls) != len(bundle.entry or []):
            sys.exit(f"{path}: two entries share a fullUrl")
        refs = []
        references(data, refs)
        missing = sorted({r for r in refs if r not in urls})
        if missing:
            sys.exit(f"{path}: references that resolve to no entry: {missing}")
        types = {}
        for e in bundle.entry:
            types[e.resource.resource_type] = types.get(e.resource.resource_type, 0) + 1
        codes = sorted({
            (c.system, c.code)
            for e in bundle.entry
            if e.resource.resource_type == "Observation"
            for c in e.resource.code.coding or []
        })
        out.append({"path": path, "types": types, "references": len(refs), "codes": codes, "language": bundle.language})
    print(json.dumps(out, ensure_ascii=False))


def ics(path):
    import icalendar

    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    events = []
    for e in cal.walk("VEVENT"):
        events.append({
            "uid": str(e.get("UID")),
            "summary": str(e.get("SUMMARY")),
            "start": e.decoded("DTSTART").isoformat(),
            "end": e.decoded("DTEND").isoformat(),
            "location": str(e.get("LOCATION")) if e.get("LOCATION") is not None else None,
        })
    print(json.dumps({"version": str(cal.get("VERSION")), "events": events}, ensure_ascii=False))


def table(path):
    with open(path, "rb") as f:
        raw = f.read()
    if not raw.startswith(b"\xef\xbb\xbf"):
        sys.exit(f"{path}: no UTF-8 byte-order mark")
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, strict=True))
    widths = {len(r) for r in rows}
    if len(widths) != 1:
        sys.exit(f"{path}: rows of different widths {sorted(widths)}")
    print(json.dumps({"rows": rows}, ensure_ascii=False))


if __name__ == "__main__":
    kind, paths = sys.argv[1], sys.argv[2:]
    if kind == "fhir":
        fhir(paths)
    elif kind == "ics":
        ics(paths[0])
    elif kind == "csv":
        table(paths[0])
    else:
        sys.exit(f"unknown kind {kind}")
