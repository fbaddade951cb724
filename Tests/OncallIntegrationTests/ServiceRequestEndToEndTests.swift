import Foundation
import OncallAPI
import Testing

extension EndToEnd {
/// Issue 13, parts 1 and 2, with the real daemon and `oncallctl`: a request is submitted, stepped
/// and read back; it and its promise timers survive a `kill -9`; bad input changes nothing; the
/// release calendar is listed. (The promises' firing runs with a test clock in the store suite.)
@Suite("Service requests end to end: submit, step, restart, releases")
struct ServiceRequestEndToEndTests {
    func request(_ sandbox: Sandbox, _ arguments: [String]) async throws -> ProcessResult {
        try await oncallctl(["--socket", sandbox.socketPath, "request"] + arguments)
    }

    @Test("a bug report through oncallctl: numbered, its decision promise running; kept by a decision; all of it survives kill -9")
    func bugReportLifecycle() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        try sandbox.writeConfig(sandbox.config())
        let daemon = try await sandbox.startDaemon()

        let submitted = try await request(sandbox, [
            "new", "bug_report", "--subject", "拣货单打印乱码", "--organisation", "仓储中心", "--requester", "李雷", "--contact", "138 0000 0000",
        ])
        #expect(submitted.status == 0, "\(submitted)")
        #expect(submitted.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "REQ-000001")
        let upgrade = try await request(sandbox, ["new", "software_upgrade", "--subject", "WMS 3.2", "--organisation", "仓储中心", "--requester", "韩梅梅"])
        #expect(upgrade.status == 0, "\(upgrade)")

        let bug = try await sandbox.call { try $0.request("REQ-000001") }
        #expect(bug.owner == "zhang.wei", "the first project manager owns a request submitted without an owner")
        #expect(bug.promises.map(\.name) == ["decision"])
        #expect(bug.promises.first?.state == "open")
        #expect(bug.nextSteps == ["decided", "cancelled"])
        #expect(bug.timeline.first?.actor.hasPrefix("unix:") == true)

        try await daemon.kill()
        _ = try await sandbox.startDaemon()
        let afterCrash = try await sandbox.call { try $0.request("1") }
        #expect(afterCrash == bug, "the request is exactly as committed before the kill")

        let stepped = try await request(sandbox, ["step", "REQ-000001", "decided", "--note", "3.2.1 修复"])
        #expect(stepped.status == 0, "\(stepped)")
        #expect(stepped.stdout.contains("next: fix_delivered, done, cancelled"), "\(stepped)")
        let shown = try await request(sandbox, ["show", "REQ-000001"])
        #expect(shown.stdout.contains("decision: due") && shown.stdout.contains("kept"), "\(shown)")
        #expect(shown.stdout.contains("3.2.1 修复"), "\(shown)")

        let listed = try await request(sandbox, ["list", "--open"])
        #expect(listed.stdout.contains("REQ-000002") && listed.stdout.contains("done "), "\(listed)")
        let json = try await request(sandbox, ["list", "--kind", "bug_report", "--json"])
        let decoded = try APIDates.decoder.decode(ServiceRequestListDTO.self, from: Data(json.stdout.utf8))
        #expect(decoded.requests.map(\.id) == ["REQ-000001"])

        // Out of order, twice, unknown: refused with the reason, nothing changed.
        let again = try await request(sandbox, ["step", "REQ-000001", "decided"])
        #expect(again.status == 1 && again.stderr.contains("already recorded"), "\(again)")
        let early = try await request(sandbox, ["step", "REQ-000001", "feedback_checked"])
        #expect(early.status == 1 && early.stderr.contains("feedback must be recorded first"), "\(early)")
        let missing = try await request(sandbox, ["show", "REQ-000099"])
        #expect(missing.status == 1 && missing.stderr.contains("no service request REQ-000099"), "\(missing)")
        let badKind = try await request(sandbox, ["new", "coffee", "--subject", "x", "--organisation", "y", "--requester", "z"])
        #expect(badKind.status == 64, "\(badKind)")
        #expect(try await sandbox.call { try $0.request("REQ-000001") }.timeline.count == 2)
    }

    @Test("the API over TCP: a token is required, unknown fields and bad values are refused with the field named")
    func apiOverTCP() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        try sandbox.writeConfig(sandbox.config())
        _ = try await sandbox.startDaemon()
        let token = try String(contentsOfFile: sandbox.tokenPath, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let body = Data(#"{"kind":"new_requirement","subject":"导出 Excel","organisation":"财务部","requester":"王芳","promised_date":"2027-03-01"}"#.utf8)

        #expect(try await sandbox.tcp("POST", "/v1/requests", token: nil, body: body).status == 401)
        let created = try await sandbox.tcp("POST", "/v1/requests", token: token, body: body)
        #expect(created.status == 201, "\(String(decoding: created.body, as: UTF8.self))")
        let request = try created.decode(ServiceRequestDTO.self)
        #expect(request.promisedDate?.description == "2027-03-01")
        #expect(request.timeline.first?.actor == "token:ci")

        let unknown = try await sandbox.tcp("POST", "/v1/requests", token: token, body: Data(#"{"kind":"bug_report","subject":"a","organisation":"b","requester":"c","priority":1}"#.utf8))
        #expect(unknown.status == 400 && unknown.apiError?.field == "priority", "\(String(decoding: unknown.body, as: UTF8.self))")
        let badKind = try await sandbox.tcp("POST", "/v1/requests", token: token, body: Data(#"{"kind":"coffee","subject":"a","organisation":"b","requester":"c"}"#.utf8))
        #expect(badKind.status == 422 && badKind.apiError?.field == "kind")
        let notRelease = try await sandbox.tcp("POST", "/v1/requests", token: token, body: Data(#"{"kind":"bug_report","subject":"a","organisation":"b","requester":"c","fixed_issues":["INC-1"]}"#.utf8))
        #expect(notRelease.status == 422 && notRelease.apiError?.field == "fixed_issues")
        let badStep = try await sandbox.tcp("POST", "/v1/requests/\(request.id)/steps", token: token, body: Data(#"{"step":"done"}"#.utf8))
        #expect(badStep.status == 409, "done before decided")
        let list = try await sandbox.tcp("GET", "/v1/requests?open=maybe", token: token)
        #expect(list.status == 400 && list.apiError?.field == "open")
        let all = try await sandbox.tcp("GET", "/v1/requests", token: token).decode(ServiceRequestListDTO.self)
        #expect(all.requests.map(\.id) == [request.id], "the refused ones were not stored")
    }

    @Test("oncallctl releases lists Monday and Thursday evenings; a release request gets the next window and holds its services' pages for it")
    func releases() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.cleanup() }
        try sandbox.writeConfig(sandbox.config())
        _ = try await sandbox.startDaemon()
        let listed = try await oncallctl(["--socket", sandbox.socketPath, "releases", "--weeks", "2", "--json"])
        #expect(listed.status == 0, "\(listed)")
        let windows = try APIDates.decoder.decode(ReleaseListDTO.self, from: Data(listed.stdout.utf8)).releases
        #expect((3...5).contains(windows.count), "two weeks hold four release evenings, five when today's is still open")
        let shanghai = TimeZone(identifier: "Asia/Shanghai")!
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = shanghai
        for window in windows {
            #expect(window.movedFrom != nil || [2, 5].contains(calendar.component(.weekday, from: window.startsAt)), "Monday or Thursday")
            #expect(calendar.component(.hour, from: window.startsAt) == 19)
            #expect(window.endsAt.timeIntervalSince(window.startsAt) == 3 * 3600)
        }
        let table = try await oncallctl(["--socket", sandbox.socketPath, "releases"])
        #expect(table.stdout.hasPrefix("DAY"), "\(table)")

        let release = try await oncallctl(["--socket", sandbox.socketPath, "request", "new", "release", "--subject", "WMS 3.2.1",
                                           "--organisation", "仓储中心", "--requester", "张伟", "--reason", "修复打印乱码", "--fixes", "REQ-000001", "--service", "WMS", "--json"])
        #expect(release.status == 0, "\(release)")
        let created = try APIDates.decoder.decode(ServiceRequestDTO.self, from: Data(release.stdout.utf8))
        let next = try #require(windows.first { $0.startsAt > created.submittedAt })
        #expect(created.window == next)
        #expect(created.promises.map(\.name) == ["readiness", "release"])
        #expect(created.promises.map(\.dueAt) == [next.startsAt, next.endsAt])

        // The release window is a maintenance window for WMS; withdrawing the release ends it.
        #expect(created.services == ["WMS"] && created.maintenanceWindow == "MW-1")
        let held = try await sandbox.call { try $0.maintenanceWindows(all: false) }
        #expect(held.map(\.id) == ["MW-1"])
        #expect(held.first.map { ($0.services, $0.startsAt, $0.endsAt, $0.status) } ?? ([], .distantPast, .distantPast, "")
                == (["WMS"], next.startsAt, next.endsAt, "planned"))
        let cancelled = try await oncallctl(["--socket", sandbox.socketPath, "request", "step", created.id, "cancelled", "--note", "测试未通过"])
        #expect(cancelled.status == 0, "\(cancelled)")
        #expect(try await sandbox.call { try $0.maintenanceWindows(all: false) }.isEmpty)
        let notRelease = try await oncallctl(["--socket", sandbox.socketPath, "request", "new", "bug_report", "--subject", "a",
                                              "--organisation", "b", "--requester", "c", "--service", "WMS"])
        #expect(notRelease.status == 1 && notRelease.stderr.contains("services"), "\(notRelease)")
    }
}
}
