#!/usr/bin/env python3
"""Fetches a calendar feed over HTTP and prints what Python's `icalendar` parses of it, as JSON.

Usage: ical_feed.py URL
Prints {"status": 200, "content_type": ..., "calendar": {...}, "events": [...]} for a feed, or
{"status": N, "body": ...} for any other answer. Event times are Unix seconds (timed events) or
YYYY-MM-DD (all-day events). A feed icalendar cannot parse raises, so the script exits non-zero.
"""
import datetime
import json
import re
import sys
import urllib.error
import urllib.request

import icalendar


def moment(value):
    """Unix seconds for a UTC date-time, YYYY-MM-DD for a date; a floating or zoned time is refused."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None or value.utcoffset() != datetime.timedelta(0):
            raise ValueError(f"expected a UTC time, got {value!r}")
        return int(value.timestamp())
    return value.isoformat()


def unescape_text(value):
    """An RFC 5545 TEXT value unescaped (backslash, semicolon, comma, newline)."""
    return re.sub(r"\\([\\;,nN])", lambda match: "\n" if match.group(1) in "nN" else match.group(1), value)


def main():
    url = sys.argv[1]
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            status, content_type, body = response.status, response.headers.get("Content-Type"), response.read()
    except urllib.error.HTTPError as error:
        print(json.dumps({"status": error.code, "body": error.read().decode("utf-8", "replace")}))
        return
    calendar = icalendar.Calendar.from_ical(body)
    events = []
    for event in calendar.walk("VEVENT"):
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        events.append({
            "uid": str(event["UID"]),
            "start": moment(start),
            "end": moment(end),
            "all_day": not isinstance(start, datetime.datetime),
            "summary": str(event["SUMMARY"]),
            "description": str(event.get("DESCRIPTION", "")),
            "dtstamp": moment(event.decoded("DTSTAMP")),
        })
    print(json.dumps({
        "status": status,
        "content_type": content_type,
        "crlf": b"\r\n" in body and b"\n" not in body.replace(b"\r\n", b""),
        "longest_line": max(len(line) for line in body.split(b"\r\n")),
        # icalendar leaves X- properties as written; RFC 5545 makes their default type TEXT, so unescape it.
        "calendar": {key: unescape_text(str(calendar.get(key, ""))) for key in ["VERSION", "PRODID", "CALSCALE", "X-WR-CALNAME"]},
        "events": events,
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
