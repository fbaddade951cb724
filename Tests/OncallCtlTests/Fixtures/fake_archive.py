#!/usr/bin/env python3
"""A fake oncalld for the fault-report, archive, statistics and documents commands of OncallCtlTests.

Usage: fake_archive.py --unix PATH
Prints "LISTENING unix" once it accepts connections and exits when its standard input closes.
Keeps fault reports in memory: incident 7 starts with an empty Chinese draft, incident 8 with an empty
English one; any other incident has no report. Sections are read back from edited Markdown the way
oncalld reads them (the four `## ` headings in either language; HTML comments dropped).
"""
import hashlib
import json
import os
import re
import socketserver
import sys
import threading
from http.server import BaseHTTPRequestHandler

SECTIONS = ["cause", "fix", "process", "prevention"]
HEADINGS = {
    "zh": {"cause": "原因", "fix": "解决方法", "process": "解决经过", "prevention": "预防措施"},
    "en": {"cause": "Cause", "fix": "Fix", "process": "How the fix went", "prevention": "Prevention"},
}
BILINGUAL = {s: "%s (%s)" % (HEADINGS["zh"][s], HEADINGS["en"][s].lower()) for s in SECTIONS}
lock = threading.Lock()
reports = {}
requests = []


def new_report(number, language):
    return {"incident": "INC-%06d" % number, "state": "draft", "owner": "zhang.san", "language": language,
            "sections": {s: "" for s in SECTIONS}, "created_at": "2026-11-25T02:00:00Z",
            "updated_at": "2026-11-25T02:00:00Z", "submitted_at": None, "reviews": [], "reminders_sent": 0,
            "approved_by": None, "approved_at": None, "sha256": None}


reports[7] = new_report(7, "zh")
reports[8] = new_report(8, "en")


def markdown(report):
    lines = ["# 故障报告 %s" % report["incident"], "", "| 字段 | 内容 |", "| --- | --- |", "| 问题主题 | 数据库宕机 |", ""]
    for section in SECTIONS:
        lines.append("## " + HEADINGS[report["language"]][section])
        lines.append("")
        text = report["sections"][section]
        lines.append(text if text else "<!-- write it here -->")
        lines.append("")
    return "\n".join(lines)


def read_sections(text):
    bodies = {}
    current = None
    for line in text.replace("\r\n", "\n").split("\n"):
        match = re.match(r"^ {0,3}(#{1,2})[ \t]+(.*?)\s*$", line)
        if match:
            current = None
            if len(match.group(1)) == 2:
                for section in SECTIONS:
                    if match.group(2).lower() in (HEADINGS["zh"][section].lower(), HEADINGS["en"][section].lower()):
                        current = section
                if current in bodies:
                    raise ValueError("repeated heading '## %s'" % HEADINGS["zh"][current])
                if current:
                    bodies[current] = []
            continue
        if current:
            bodies[current].append(line)
    result = {}
    for section in SECTIONS:
        if section not in bodies:
            raise ValueError("missing heading '## %s' (%s)" % (HEADINGS["zh"][section], HEADINGS["en"][section].lower()))
        body = re.sub(r"<!--.*?-->", "", "\n".join(bodies[section]), flags=re.S)
        result[section] = body.strip("\n").strip()
    return result


def public(report):
    return {k: v for k, v in report.items() if v is not None}


def incident(number, subject, organisation="财务处", level=2):
    return {"id": "INC-%06d" % number, "number": number, "level": level, "state": "closed", "subject": subject,
            "organisation": organisation, "reporter": "张三", "reported_at": "2026-11-25T00:05:00Z",
            "reported_by": "oncallctl"}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def address_string(self):
        return "test"

    def send(self, status, value=None, raw=None, content_type="application/json"):
        data = raw if raw is not None else json.dumps(value, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def fail(self, status, code, message):
        self.send(status, {"error": {"code": code, "message": message}})

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path, _, query = self.path.partition("?")
        parts = [p for p in path.split("/") if p]
        with lock:
            requests.append({"method": self.command, "path": self.path, "body": body.decode("utf-8", "replace"),
                             "accept": self.headers.get("Accept", "")})
            self.route(parts, query, body)

    def route(self, parts, query, body):
        if parts == ["requests"]:  # what the tests' commands sent, for the tests to check
            self.send(200, requests[:-1])
        elif len(parts) >= 4 and parts[:2] == ["v1", "incidents"] and parts[3] == "postmortem":
            number = int(parts[2].upper().replace("INC-", ""))
            report = reports.get(number)
            if report is None:
                self.fail(404, "not_found", "incident INC-%06d has no fault report: one is drafted when it is resolved" % number)
                return
            action = parts[4] if len(parts) > 4 else None
            if action is None and self.command == "GET":
                if query == "format=markdown":
                    self.send(200, raw=markdown(report).encode(), content_type="text/markdown; charset=utf-8")
                else:
                    self.send(200, dict(public(report), markdown=markdown(report)))
            elif action is None and self.command == "PUT":
                if report["state"] != "draft":
                    self.fail(409, "conflict", "the report of %s is %s: only a draft can be edited" % (report["incident"], report["state"]))
                    return
                try:
                    report["sections"] = read_sections(json.loads(body)["markdown"])
                except ValueError as error:
                    self.fail(422, "invalid_report", "the edited report cannot be read: %s" % error)
                    return
                report["updated_at"] = "2026-11-25T03:00:00Z"
                self.send(200, public(report))
            elif action == "submit" and self.command == "POST":
                if body != b"{}":
                    self.fail(400, "invalid_json", "expected {}")
                    return
                missing = [BILINGUAL[s] for s in SECTIONS if not report["sections"][s]]
                if missing:
                    self.fail(422, "invalid_report", "the report is not complete: write " + ", ".join(missing))
                    return
                report["state"] = "submitted"
                report["submitted_at"] = "2026-11-25T04:00:00Z"
                self.send(200, public(report))
            elif action == "review" and self.command == "POST":
                review = json.loads(body)
                if report["state"] != "submitted":
                    self.fail(409, "conflict", "the report of %s is %s: only a submitted report can be reviewed" % (report["incident"], report["state"]))
                    return
                approve = review.get("approve")
                comment = review.get("comment") or ""
                if not approve and not comment.strip():
                    self.fail(422, "invalid_field", "a rejection needs a comment")
                    return
                report["reviews"].append({"reviewer": "li.si", "at": "2026-11-25T05:00:00Z", "approved": approve, "comment": comment})
                if approve:
                    report["state"] = "approved"
                    report["approved_by"] = "li.si"
                    report["approved_at"] = "2026-11-25T05:00:00Z"
                    report["sha256"] = hashlib.sha256(markdown(report).encode()).hexdigest()
                else:
                    report["state"] = "draft"
                self.send(200, public(report))
            else:
                self.fail(404, "not_found", "no route")
        elif parts == ["v1", "postmortems"]:
            wanted = dict(p.split("=", 1) for p in query.split("&") if p)
            rows = [public(r) for _, r in sorted(reports.items())
                    if r["state"] == wanted.get("state", r["state"]) and r["owner"] == wanted.get("owner", r["owner"])]
            self.send(200, {"postmortems": rows})
        elif parts == ["v1", "archive"]:
            self.send(200, {"hits": [
                {"incident": incident(12, "query=" + query), "report": "approved",
                 "snippet": "…磁盘[写满]导致数据库停止…"},
                {"incident": incident(3, "数据库连接超时，全部用户无法登录系统", "Finance 财务处", 1), "snippet": ""},
            ]})
        elif parts == ["v1", "statistics"]:
            months = dict(p.split("=", 1) for p in query.split("&") if p)
            self.send(200, {
                "from": months.get("from", "2026-11"), "until": months.get("until", "2026-11"),
                "levels": [
                    {"month": "2026-11", "level": 1, "count": 4, "escalated": 1, "escalation_rate": 0.25,
                     "mean_to_acknowledge_s": 270, "p90_to_acknowledge_s": 3900.4,
                     "mean_to_resolve_s": 7260, "p90_to_resolve_s": 93600},
                    {"month": "2026-11", "level": 3, "count": 1, "escalated": 0, "escalation_rate": 0},
                ],
                "branches": [
                    {"month": "2026-11", "branch": "上海分公司", "visits": 3, "met": 2, "missed": 1, "pending": 1,
                     "compliance": 0.6666666},
                    {"month": "2026-11", "branch": "bj", "visits": 0, "met": 0, "missed": 0, "pending": 0},
                ],
            })
        elif parts == ["v1", "documents"]:
            documents = [
                {"kind": "weekly", "period": "2026-W47", "from": "2026-11-16T00:00:00Z", "until": "2026-11-23T00:00:00Z",
                 "generated_at": "2026-11-23T01:00:00Z"},
                {"kind": "monthly", "period": "2026-10", "from": "2026-10-01T00:00:00Z", "until": "2026-11-01T00:00:00Z",
                 "generated_at": "2026-11-01T01:00:00Z"},
            ]
            kind = query.partition("kind=")[2]
            self.send(200, {"documents": [d for d in documents if not kind or d["kind"] == kind]})
        elif len(parts) == 4 and parts[:2] == ["v1", "documents"]:
            if parts[2:] != ["weekly", "2026-W47"]:
                self.fail(404, "not_found", "no %s document for %s" % (parts[2], parts[3]))
                return
            self.send(200, {"kind": "weekly", "period": "2026-W47", "from": "2026-11-16T00:00:00Z",
                            "until": "2026-11-23T00:00:00Z", "generated_at": "2026-11-23T01:00:00Z",
                            "markdown": "# 周报 2026-W47\n\n本周故障 4 起。\n"})
        else:
            self.fail(404, "not_found", "no route /" + "/".join(parts))

    do_GET = do_POST = do_PUT = handle_any


class UnixServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


def main():
    path = sys.argv[sys.argv.index("--unix") + 1]
    if os.path.exists(path):
        os.unlink(path)
    server = UnixServer(path, Handler)
    print("LISTENING unix", flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()
    if os.path.exists(path):
        os.unlink(path)
    os._exit(0)


if __name__ == "__main__":
    main()
