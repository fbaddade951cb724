import Foundation
import OncallAPI
import OncallCore

/// How field dispatches and visits look on a terminal. Pure: the time zone is a parameter.
enum DispatchText {
    // MARK: - Names

    /// `赵磊 (zhao.lei)`, or the id alone when the daemon knows no name.
    static func person(_ id: String, _ name: String?) -> String {
        guard let name, !name.isEmpty, name != id else { return id }
        return "\(name) (\(id))"
    }

    /// `上海分公司 (sh)`, or the id alone.
    static func branch(_ id: String, _ name: String?) -> String { person(id, name) }

    /// `1h, covered`: how long the arrival promise is (from the request) and which promise it is.
    static func promise(_ visit: VisitDTO) -> String {
        "\(Duration.interval(visit.arriveBy.timeIntervalSince(visit.requestedAt)).compact), \(visit.sla)"
    }

    // MARK: - Dispatch

    /// `INC-000123 dispatched 赵磊 (zhao.lei) of 上海分公司 (sh); arrive by 2026-11-25 09:05 (1h, covered)`.
    static func dispatched(_ answer: DispatchAnswerDTO, timeZone: TimeZone) -> String {
        let visit = answer.visit
        return "\(visit.incident) dispatched \(person(answer.engineer, answer.engineerName)) of \(branch(answer.branch, answer.branchName)); "
            + "arrive by \(minute(answer.arriveBy, timeZone)) (\(promise(visit)))"
    }

    /// The `--explain` lines: the decision's summary, then one indented line per candidate.
    static func explanation(_ lines: [String]) -> [String] {
        lines.enumerated().map { index, line in index == 0 ? line : "  " + line }
    }

    // MARK: - Visit steps

    /// What a step is called in a confirmation.
    static func done(_ step: String) -> String {
        switch step {
        case "accept": "accepted"
        case "depart": "on the way"
        case "arrive": "on site"
        case "complete": "completed"
        case "decline": "declined"
        case "cancel": "cancelled"
        case "callback": "customer called back"
        case "confirm-repair": "repair confirmed by the customer"
        default: step
        }
    }

    /// E.g. `INC-000001 visit 1: accepted (state: accepted; 赵磊 (zhao.lei) of 上海分公司 (sh); arrive by …)`, and
    /// after a decline that sent someone else,
    /// `INC-000001 visit 1: declined; re-dispatched as visit 2 to 钱伟 (qian.wei) of 上海分公司 (sh); arrive by … (1h, covered)`.
    static func stepConfirmation(_ step: String, _ visit: VisitDTO, timeZone: TimeZone) -> String {
        let who = "\(person(visit.engineer, visit.engineerName)) of \(branch(visit.branch, visit.branchName))"
        let arrive = "arrive by \(minute(visit.arriveBy, timeZone)) (\(promise(visit)))"
        if step == "decline", visit.state == "dispatched", visit.attempt > 1 {
            return "\(visit.incident) visit \(visit.attempt - 1): declined; re-dispatched as visit \(visit.attempt) to \(who); \(arrive)"
        }
        if step == "decline", visit.state == "declined" {
            return "\(visit.incident) visit \(visit.attempt): declined; nobody else is available to send (the breach is on the timeline)"
        }
        var parts = ["state: \(visit.state)", who]
        if visit.open, visit.deadline("arrival")?.status == "pending" { parts.append(arrive) }
        return "\(visit.incident) visit \(visit.attempt): \(done(step)) (\(parts.joined(separator: "; ")))"
    }

    // MARK: - Listing

    /// The `dispatches` table: INCIDENT, ATTEMPT, ENGINEER, BRANCH, STATE, DISPATCHED, ARRIVE BY, SLA
    /// (the promise, then any deadline breached).
    static func table(_ visits: [VisitDTO], timeZone: TimeZone) -> [String] {
        let rows = visits.map { visit in
            [
                visit.incident, String(visit.attempt), person(visit.engineer, visit.engineerName), visit.branch, visit.state,
                minute(visit.dispatchedAt, timeZone), minute(visit.arriveBy, timeZone), slaCell(visit),
            ]
        }
        return Table(
            headers: ["INCIDENT", "ATTEMPT", "ENGINEER", "BRANCH", "STATE", "DISPATCHED", "ARRIVE BY", "SLA"], rows: rows,
            maxWidths: [nil, nil, 28, 16, nil, nil, nil, nil]
        ).render()
    }

    /// `covered`, or `covered; breached: accept, arrival`.
    static func slaCell(_ visit: VisitDTO) -> String {
        let breached = visit.deadlines.filter { $0.status == "breached" }.map(\.kind)
        return breached.isEmpty ? visit.sla : "\(visit.sla); breached: \(breached.joined(separator: ", "))"
    }

    // MARK: - Report

    /// The deadline kinds in report column order.
    static let reportKinds = ["accept", "arrival", "callback", "repair"]

    /// The `dispatches --report` lines: a heading, then per branch VISITS and met/breached per
    /// deadline (`+N pending` when some are not yet due), and a TOTAL row.
    static func report(_ report: DispatchReportDTO, branches: [DispatchReportDTO.Branch]) -> [String] {
        func cell(_ counts: DispatchReportDTO.Counts?) -> String {
            guard let counts else { return "0/0" }
            return "\(counts.met)/\(counts.breached)" + (counts.pending > 0 ? " +\(counts.pending) pending" : "")
        }
        var rows = branches.map { row in
            [branch(row.branch, row.name), String(row.visits)] + reportKinds.map { cell(row.deadlines[$0]) }
        }
        if branches.count > 1 {
            var total = DispatchReportDTO.Branch(branch: "TOTAL", name: nil)
            for row in branches {
                total.visits += row.visits
                for (kind, counts) in row.deadlines {
                    var sum = total.deadlines[kind] ?? .init()
                    sum.met += counts.met
                    sum.breached += counts.breached
                    sum.pending += counts.pending
                    total.deadlines[kind] = sum
                }
            }
            rows.append(["TOTAL", String(total.visits)] + reportKinds.map { cell(total.deadlines[$0]) })
        }
        let heading = "Field visits dispatched in \(report.month) (\(report.timeZone)); deadlines met/breached:"
        let table = Table(
            headers: ["BRANCH", "VISITS", "ACCEPT", "ARRIVAL", "CALLBACK", "REPAIR"], rows: rows
        ).render()
        return [heading] + table
    }

    // MARK: - Times

    /// `2026-11-25 09:05` in `timeZone`.
    static func minute(_ date: Date, _ timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}
