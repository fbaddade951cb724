import Foundation
import OncallAPI
import Testing

/// Issue 5: field dispatch end to end with the real daemon and oncallctl — choosing by branch
/// coverage, the 1-hour/48-hour promise (here 6 s and 48 h), the visit's steps on the timeline,
/// a decline re-dispatched, deadlines breached and escalated live, the listing and the report.
/// `DispatchWorld` describes the configuration; every wait has a deadline.
extension EndToEnd {
@Suite("Field dispatch end to end (accept_within 4s, arrival_with_coverage 6s, emergency_after_breach 1s)")
struct DispatchEndToEndTests {
    /// A daemon on the dispatch configuration, with `count` incidents reported.
    func world(incidents count: Int, secondShanghaiEngineer: Bool = true) async throws -> (Sandbox, [IncidentDTO]) {
        let sandbox = try Sandbox()
        do {
            try sandbox.writeConfig(sandbox.dispatchConfig(secondShanghaiEngineer: secondShanghaiEngineer))
            _ = try await sandbox.startDaemon()
            var incidents: [IncidentDTO] = []
            for number in 1...count {
                incidents.append(try await sandbox.report(sampleReport("仓库扫描枪无法联网 #\(number)")))
            }
            return (sandbox, incidents)
        } catch {
            sandbox.cleanup()
            throw error
        }
    }

    /// The incident's `dispatch` timeline entries as (step, engineer, attempt).
    func dispatchSteps(_ incident: IncidentDTO) -> [[String?]] {
        (incident.timeline ?? []).filter { $0.kind == "dispatch" }.map { [$0.details["step"], $0.details["engineer"], $0.details["attempt"]] }
    }

    /// `oncallctl show ID --json`, decoded.
    func shown(_ sandbox: Sandbox, _ id: String) async throws -> IncidentDTO {
        let result = try await sandbox.ctl("show", [id, "--json"])
        try #require(result.status == 0, "\(result)")
        return try APIDates.decoder.decode(IncidentDTO.self, from: Data(result.stdout.utf8))
    }

    @Test("--site sends a Shanghai engineer with the covered promise; --region 65 sends headquarters under 48 h; the visit's steps are on the timeline")
    func dispatchAndSteps() async throws {
        let (sandbox, incidents) = try await world(incidents: 3)
        defer { sandbox.cleanup() }
        let (first, second, third) = (incidents[0].id, incidents[1].id, incidents[2].id)
        #expect(first == "INC-000001")

        // By site: Shanghai covers 310115, both sh engineers are free, zhao.lei's id sorts first.
        let before = Date()
        let bySite = try await sandbox.ctl("dispatch", [first, "--site", DispatchWorld.shanghaiSite, "--json"])
        let after = Date()
        try #require(bySite.status == 0, "\(bySite)\n\(sandbox.logs)")
        let answer = try APIDates.decoder.decode(DispatchAnswerDTO.self, from: Data(bySite.stdout.utf8))
        #expect(answer.engineer == "zhao.lei" && answer.branch == "sh" && answer.sla == "covered", "\(bySite.stdout)")
        #expect(answer.engineerName == "赵磊")
        #expect(answer.arriveBy >= before.addingTimeInterval(5.9) && answer.arriveBy <= after.addingTimeInterval(6.1),
                "arrive_by \(answer.arriveBy) should be about 6 s after the dispatch (\(before)…\(after))")
        #expect(answer.visit.incident == first && answer.visit.attempt == 1 && answer.visit.site == DispatchWorld.shanghaiSite)
        #expect(answer.visit.region == "310115" && answer.visit.warranty.hasPrefix("in warranty") && !answer.visit.chargeable)
        #expect(answer.fallback == nil)
        #expect(answer.explanation.first?.contains("branch sh covers 31") == true, "\(answer.explanation)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(bySite.stdout.utf8)) as? [String: Any])
        #expect(json["engineer"] as? String == "zhao.lei" && json["branch"] as? String == "sh" && json["arrive_by"] is String, "\(json)")

        // By region: nobody covers Xinjiang, so headquarters goes, under the 48-hour promise.
        let byRegion = try await sandbox.ctl("dispatch", [second, "--region", "65", "--explain"])
        try #require(byRegion.status == 0, "\(byRegion)")
        let lines = byRegion.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("\(second) dispatched 周强 (zhou.qiang) of ") == true, "\(byRegion.stdout)")
        #expect(lines.first?.contains("bj-hq") == true && lines.first?.hasSuffix("(48h, uncovered)") == true, "\(byRegion.stdout)")
        #expect(lines.dropFirst().contains { $0.contains("no branch covers 65") }, "--explain should say no branch covers 65:\n\(byRegion.stdout)")
        for engineer in ["zhou.qiang", "zhao.lei", "zhu.min", "sun.li"] {
            #expect(lines.dropFirst().contains { $0.contains(engineer) }, "--explain should account for \(engineer):\n\(byRegion.stdout)")
        }
        let hqVisit = try #require(try await sandbox.call { try $0.visits(second) }.visits.first)
        #expect(hqVisit.engineer == "zhou.qiang" && hqVisit.branch == "bj-hq" && hqVisit.sla == "uncovered")
        let promise = hqVisit.arriveBy.timeIntervalSince(hqVisit.requestedAt)
        #expect(abs(promise - 48 * 3600) < 1, "uncovered promise is \(promise) s")

        // A skill nobody has: refused (exit 1), and --explain says why for each engineer.
        let refused = try await sandbox.ctl("dispatch", [third, "--region", "上海", "--skill", "welding", "--explain"])
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stderr.contains("oncallctl: nobody can be sent"), "\(refused.stderr)")
        #expect(refused.stderr.contains("zhu.min (sh): unavailable") && refused.stderr.contains("lacks skill 'welding'"), "\(refused.stderr)")
        #expect(refused.stdout.isEmpty, "\(refused)")
        let api = try await sandbox.request("POST", "/v1/incidents/\(third)/dispatch", body: Data(#"{"region":"31","skill":"welding"}"#.utf8))
        #expect(api.status == 409 && api.apiError?.code == "no_engineer", "\(api.text)")
        #expect((api.apiError?.explanation?.count ?? 0) == 5, "summary and four engineers: \(api.text)")

        // Illegal: completing before accepting is refused with the daemon's message, and changes nothing.
        let early = try await sandbox.ctl("visit", [first, "complete"])
        #expect(early.status == 1, "\(early)")
        #expect(early.stderr.contains("\(first) visit 1 is dispatched and cannot be completed"), "\(early.stderr)")

        // accept → depart → arrive → complete, each from oncallctl.
        for (step, extra, state) in [
            ("accept", [String](), "accepted"), ("depart", [], "en_route"), ("arrive", [], "on_site"),
            ("complete", ["--summary", "更换了交换机端口"], "completed"),
        ] {
            let result = try await sandbox.ctl("visit", [first, step, "--json"] + extra)
            try #require(result.status == 0, "\(step): \(result)")
            let visit = try APIDates.decoder.decode(VisitDTO.self, from: Data(result.stdout.utf8))
            #expect(visit.state == state && visit.attempt == 1, "\(step): \(result.stdout)")
        }
        let again = try await sandbox.ctl("visit", [first, "accept"])
        #expect(again.status == 1 && again.stderr.contains("cannot be accepted"), "\(again)")

        let incident = try await shown(sandbox, first)
        #expect(dispatchSteps(incident) == [
            ["dispatched", "zhao.lei", "1"], ["accepted", "zhao.lei", "1"], ["en_route", "zhao.lei", "1"],
            ["on_site", "zhao.lei", "1"], ["completed", "zhao.lei", "1"],
        ], "timeline: \(incident.timeline ?? [])")
        let completed = try #require(incident.timeline?.last { $0.details["step"] == "completed" })
        #expect(completed.details["summary"] == "更换了交换机端口" && completed.actor.hasPrefix("unix:"), "\(completed)")

        // Only the headquarters visit is still open.
        let open = try await sandbox.ctl("dispatches", ["--open", "--json"])
        try #require(open.status == 0, "\(open)")
        let openVisits = try APIDates.decoder.decode(VisitListDTO.self, from: Data(open.stdout.utf8)).visits
        #expect(openVisits.map(\.incident) == [second], "\(open.stdout)")

        // The API refuses unknown query parameters and bad values like the other listings.
        for path in ["/v1/dispatches?bogus=1", "/v1/dispatches?open=maybe", "/v1/dispatches/report?month=2026-13",
                     "/v1/dispatches/report?week=1", "/v1/incidents/\(first)/visits?x=1"] {
            let response = try await sandbox.request("GET", path)
            #expect(response.status == 400 && response.apiError?.code == "invalid_field", "\(path): \(response.status) \(response.text)")
        }
        let unknownStep = try await sandbox.request("POST", "/v1/incidents/\(first)/visit/teleport")
        #expect(unknownStep.status == 404, "\(unknownStep.text)")
        let both = try await sandbox.request("POST", "/v1/incidents/\(third)/dispatch", body: Data(#"{"site":"SH-WH-01","region":"31"}"#.utf8))
        #expect(both.status == 422 && both.apiError?.field == "region", "\(both.text)")
        let noSite = try await sandbox.request("POST", "/v1/incidents/\(third)/dispatch", body: Data(#"{"site":"NOWHERE"}"#.utf8))
        #expect(noSite.status == 422 && noSite.apiError?.field == "site", "\(noSite.text)")
    }

    @Test("a decline re-dispatches to the other Shanghai engineer (on the timeline); a second decline falls back to headquarters")
    func declineRedispatches() async throws {
        let (sandbox, incidents) = try await world(incidents: 1)
        defer { sandbox.cleanup() }
        let id = incidents[0].id

        let dispatched = try await sandbox.ctl("dispatch", [id, "--site", DispatchWorld.shanghaiSite])
        try #require(dispatched.status == 0, "\(dispatched)")
        #expect(dispatched.stdout.hasPrefix("\(id) dispatched 赵磊 (zhao.lei) of "), "\(dispatched.stdout)")
        #expect(dispatched.stdout.contains("(6s, covered)"), "\(dispatched.stdout)")

        let declined = try await sandbox.ctl("visit", [id, "decline", "--reason", "在另一个现场"])
        try #require(declined.status == 0, "\(declined)")
        #expect(declined.stdout.contains("\(id) visit 1: declined; re-dispatched as visit 2 to 朱敏 (zhu.min)"), "\(declined.stdout)")

        let visits = try await sandbox.call { try $0.visits(id) }.visits
        #expect(visits.map(\.engineer) == ["zhao.lei", "zhu.min"] && visits.map(\.state) == ["declined", "dispatched"], "\(visits)")
        // The promise carries over: the re-dispatch does not buy a fresh 6 s.
        #expect(visits.count == 2 && visits[1].arriveBy == visits[0].arriveBy && visits[1].sla == "covered", "\(visits)")
        #expect(visits.first?.deadline("accept")?.status == "void", "the declined visit no longer answers for its deadlines: \(visits)")

        let incident = try await shown(sandbox, id)
        #expect(dispatchSteps(incident) == [["dispatched", "zhao.lei", "1"], ["declined", "zhao.lei", "1"], ["dispatched", "zhu.min", "2"]],
                "timeline: \(incident.timeline ?? [])")
        let decline = try #require(incident.timeline?.first { $0.details["step"] == "declined" })
        #expect(decline.details["reason"] == "在另一个现场")

        // Both Shanghai engineers declined: headquarters goes, under the 48-hour promise.
        let again = try await sandbox.ctl("visit", [id, "decline", "--json"])
        try #require(again.status == 0, "\(again)")
        let third = try APIDates.decoder.decode(VisitDTO.self, from: Data(again.stdout.utf8))
        #expect(third.attempt == 3 && third.engineer == "zhou.qiang" && third.branch == "bj-hq" && third.sla == "uncovered", "\(again.stdout)")
    }

    @Test("not accepting within accept_within is an sla_breach on the timeline, then escalated to the emergency group; listed open and in the report")
    func acceptBreach() async throws {
        let (sandbox, incidents) = try await world(incidents: 1)
        defer { sandbox.cleanup() }
        let id = incidents[0].id

        let dispatched = try await sandbox.ctl("dispatch", [id, "--site", DispatchWorld.shanghaiSite, "--json"])
        try #require(dispatched.status == 0, "\(dispatched)")
        let answer = try APIDates.decoder.decode(DispatchAnswerDTO.self, from: Data(dispatched.stdout.utf8))
        let dispatchedAt = answer.visit.dispatchedAt

        // Open and not yet due: listed, nothing breached.
        let listed = try await sandbox.ctl("dispatches", ["--open"])
        try #require(listed.status == 0, "\(listed)")
        let rows = listed.stdout.split(separator: "\n").map(String.init)
        for column in ["INCIDENT", "ATTEMPT", "ENGINEER", "BRANCH", "STATE", "DISPATCHED", "ARRIVE BY", "SLA"] {
            #expect(rows.first?.contains(column) == true, "header: \(rows.first ?? "")")
        }
        #expect(rows.count == 2 && rows[1].contains(id) && rows[1].contains("赵磊 (zhao.lei)") && rows[1].contains("dispatched"), "\(listed.stdout)")

        let breach = try await eventually("an accept sla_breach on \(id)'s timeline", timeout: .seconds(10)) { () async throws -> TimelineEntryDTO? in
            try await sandbox.show(id).timeline?.first { $0.kind == "sla_breach" && $0.details["deadline"] == "accept" }
        }
        let late = breach.at.timeIntervalSince(dispatchedAt)
        #expect(late >= 3.95 && late < 7, "the accept breach came \(late) s after the dispatch (accept_within: 4s)")
        #expect(breach.actor == "oncalld" && breach.details["engineer"] == "zhao.lei" && breach.details["attempt"] == "1", "\(breach)")

        let escalation = try await eventually("an sla_breach escalated to the emergency group", timeout: .seconds(10)) { () async throws -> TimelineEntryDTO? in
            try await sandbox.show(id).timeline?.first { $0.kind == "sla_breach" && $0.details["escalation"] == "emergency_group" }
        }
        let after = escalation.at.timeIntervalSince(breach.at)
        #expect(after >= 0.95 && after < 4, "escalated \(after) s after the breach (emergency_after_breach: 1s)")
        #expect(escalation.details["deadline"]?.split(separator: ",").contains("accept") == true, "\(escalation)")

        // Still open, now shown as breached; the report counts the breach for sh.
        let open = try await sandbox.ctl("dispatches", ["--open", "--branch", "sh"])
        try #require(open.status == 0, "\(open)")
        #expect(open.stdout.contains(id) && open.stdout.contains("breached: accept"), "\(open.stdout)")
        let elsewhere = try await sandbox.ctl("dispatches", ["--open", "--branch", "gz", "--json"])
        try #require(elsewhere.status == 0, "\(elsewhere)")
        let gzVisits = try APIDates.decoder.decode(VisitListDTO.self, from: Data(elsewhere.stdout.utf8)).visits
        #expect(gzVisits.isEmpty, "\(elsewhere.stdout)")

        let reportJSON = try await sandbox.ctl("dispatches", ["--report", "--json"])
        try #require(reportJSON.status == 0, "\(reportJSON)")
        let report = try APIDates.decoder.decode(DispatchReportDTO.self, from: Data(reportJSON.stdout.utf8))
        let sh = try #require(report.branches.first { $0.branch == "sh" }, "\(reportJSON.stdout)")
        #expect(sh.visits == 1 && sh.deadlines["accept"] == .init(met: 0, breached: 1, pending: 0), "\(reportJSON.stdout)")
        #expect(report.branches.filter { $0.branch != "sh" }.allSatisfy { $0.visits == 0 }, "\(reportJSON.stdout)")
        #expect(report.month == DispatchReportDTO.month(of: Date(), timeZone: TimeZone(identifier: report.timeZone)!))

        // /metrics carries the same month's counts.
        let metrics = try await sandbox.request("GET", "/metrics")
        #expect(metrics.text.contains("oncalld_dispatch_deadlines{branch=\"sh\",deadline=\"accept\",outcome=\"breached\",month=\"\(report.month)\"} 1"),
                "\(metrics.text)")

        let reportText = try await sandbox.ctl("dispatches", ["--report"])
        try #require(reportText.status == 0, "\(reportText)")
        let lines = reportText.stdout.split(separator: "\n").map(String.init)
        let header = try #require(lines.first { $0.hasPrefix("BRANCH") }, "\(reportText.stdout)")
        for column in ["VISITS", "ACCEPT", "ARRIVAL", "CALLBACK", "REPAIR"] { #expect(header.contains(column), "\(header)") }
        let row = try #require(lines.first { $0.contains("(sh)") || $0.hasPrefix("sh ") }, "\(reportText.stdout)")
        let cells = row.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        #expect(cells.contains("0/1"), "the accept column of sh should read 0/1 (met/breached): \(row)")

        // Last month's report has no visits; a bad month is a usage error.
        let lastMonth = try await sandbox.ctl("dispatches", ["--report", "--month", "2020-01", "--json"])
        #expect(lastMonth.status == 0, "\(lastMonth)")
        let empty = try APIDates.decoder.decode(DispatchReportDTO.self, from: Data(lastMonth.stdout.utf8))
        #expect(empty.month == "2020-01" && empty.branches.allSatisfy { $0.visits == 0 }, "\(lastMonth.stdout)")
        let bad = try await sandbox.ctl("dispatches", ["--report", "--month", "2026-1"])
        #expect(bad.status == 64, "\(bad)")

        // Accepting late is still a breach in the report, and the breach is not recorded again.
        let accepted = try await sandbox.ctl("visit", [id, "accept", "--json"])
        try #require(accepted.status == 0, "\(accepted)")
        let visit = try APIDates.decoder.decode(VisitDTO.self, from: Data(accepted.stdout.utf8))
        #expect(visit.deadline("accept")?.status == "breached" && visit.deadline("accept")?.metAt != nil, "\(accepted.stdout)")
        // A wrong repeat would come from a timer already due (or due emergency_after_breach after it). A marker
        // visit dispatched now breaches its own accept deadline 4 s later, from the same timer engine, which
        // fires in due order: once that breach is on the marker's timeline, a repeat would be on this one's.
        let marker = try await sandbox.report(sampleReport("标记：重复违约检查"))
        let markerDispatch = try await sandbox.ctl("dispatch", [marker.id, "--site", DispatchWorld.shanghaiSite])
        try #require(markerDispatch.status == 0, "\(markerDispatch)")
        _ = try await eventually("the marker \(marker.id)'s accept sla_breach", timeout: .seconds(10)) { () async throws -> Bool? in
            let markerTimeline = try await sandbox.show(marker.id).timeline ?? []
            return markerTimeline.contains { $0.kind == "sla_breach" && $0.details["deadline"] == "accept" } ? true : nil
        }
        let repeatMetrics = try await sandbox.request("GET", "/metrics")
        #expect(repeatMetrics.text.contains("oncalld_timers_fired_total{kind=\"dispatch_accept\"} 2"),
                "one accept timer per visit, each fired once:\n\(repeatMetrics.text)")
        // One breach for the project manager and one escalation of it, never a repeat.
        let breaches = try await sandbox.show(id).timeline?.filter { $0.kind == "sla_breach" && $0.details["deadline"] == "accept" } ?? []
        #expect(breaches.filter { $0.details["escalation"] == nil }.count == 1, "accept breaches: \(breaches)")
        #expect(breaches.filter { $0.details["escalation"] == "emergency_group" }.count == 1, "accept breaches: \(breaches)")
    }
}
}
