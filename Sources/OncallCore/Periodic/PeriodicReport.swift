import Foundation

/// The regular documents as bilingual Markdown (Chinese, then English): the weekly report to the
/// customer (周报) and the monthly list of incidents (月度故障清单).
public enum PeriodicReport {
    /// The document of `kind` for the period `[from, until)`.
    ///
    /// `incidents` are those reported in the period plus, for the weekly report, those reported
    /// earlier and still open; `visits` those dispatched in the period. The weekly report totals
    /// the week itself (a week across two months is one row), so `statistics` (per month) is shown
    /// in the monthly list only, as is `requests` (the month's service-request promises; nil leaves
    /// the section out, for a daemon without a request store).
    public static func render(
        kind: PeriodicKind, period: String, from: Date, until: Date, incidents: [Incident], visits: [Visit],
        postmortems: [IncidentNumber: Postmortem.State], statistics: IncidentStatistics, names: [String: String],
        timeZone: TimeZone, generatedAt: Date, requests: RequestMonthReport? = nil
    ) -> String {
        let writer = PeriodicReportWriter(
            period: period, from: from, until: until, incidents: incidents.sorted { $0.id < $1.id },
            visits: visits.sorted { ($0.dispatchedAt, $0.incident, $0.attempt) < ($1.dispatchedAt, $1.incident, $1.attempt) },
            postmortems: postmortems, names: names, time: LocalTimeText(timeZone: timeZone), generatedAt: generatedAt)
        let parts = switch kind {
        case .weekly: writer.weekly()
        case .monthly: writer.monthly(statistics: statistics) + (requests.map { [writer.serviceRequests($0)] } ?? [])
        }
        return parts.joined(separator: "\n\n") + "\n"
    }
}

/// Writes one periodic document; each method is one part of it.
struct PeriodicReportWriter {
    let period: String
    let from: Date
    let until: Date
    let incidents: [Incident]
    let visits: [Visit]
    let postmortems: [IncidentNumber: Postmortem.State]
    let names: [String: String]
    let time: LocalTimeText
    let generatedAt: Date

    /// Reported within the period.
    private var reported: [Incident] { incidents.filter { $0.reportedAt >= from && $0.reportedAt < until } }

    func weekly() -> [String] {
        [
            "# 周报 Weekly report \(period)", coverage(), totals(), escalations(), weekIncidents(), stillOpen(),
            fieldVisits(), branchCompliance(),
        ]
    }

    func monthly(statistics: IncidentStatistics) -> [String] {
        ["# 月度故障清单 Monthly incident list \(period)", coverage(), monthIncidents(), levelStatistics(statistics), branchStatistics(statistics)]
    }

    // MARK: - Parts

    private func coverage() -> String {
        "统计区间 Period: \(time.text(from)) — \(time.text(until))  \n生成时间 Generated: \(time.text(generatedAt))"
    }

    private func totals() -> String {
        var table = MarkdownTable([
            "等级 Level", "故障数 Incidents", "升级 Escalated", "平均确认用时 Mean to acknowledge", "平均解决用时 Mean to resolve",
            "P90 解决用时 P90 to resolve",
        ])
        for level in Level.allCases {
            let figures = LevelFigures(summarising: reported.filter { $0.level == level }, month: period, level: level)
            table.add([level.description] + totalCells(figures))
        }
        // The total row shows no level; LevelFigures just needs one.
        let all = LevelFigures(summarising: reported, month: period, level: .level3)
        table.add(["合计 Total"] + totalCells(all))
        return "## 概况 Summary\n\n" + table.text
    }

    private func totalCells(_ figures: LevelFigures) -> [String] {
        [String(figures.count), String(figures.escalated), compact(figures.meanToAcknowledge), compact(figures.meanToResolve), compact(figures.p90ToResolve)]
    }

    private func escalations() -> String {
        let escalated = reported.filter { $0.escalatedAt != nil }
        guard !escalated.isEmpty else { return "## 升级 Escalations\n\n本周无升级。 None this week." }
        let lines = escalated.map { incident in
            "- \(incident.id) \(incident.level) \(time.text(incident.escalatedAt)) — \(oneLine(incident.form.subject))（\(oneLine(incident.form.organisation))）"
        }
        return "## 升级 Escalations\n\n" + lines.joined(separator: "\n")
    }

    private func weekIncidents() -> String {
        guard !reported.isEmpty else { return "## 本周故障 Incidents this week\n\n本周无故障。 None this week." }
        var table = MarkdownTable([
            "编号 No.", "报告时间 Reported", "等级 Level", "提出单位 Organisation", "问题主题 Subject", "状态 State",
            "解决用时 Time to resolve", "故障报告 Report",
        ])
        for incident in reported {
            table.add([
                incident.id.description, time.text(incident.reportedAt), incident.level.description, incident.form.organisation,
                incident.form.subject, incident.state.rawValue, compact(incident.resolvedAt.map { Duration.interval($0.timeIntervalSince(incident.reportedAt)) }),
                reportState(incident.id),
            ])
        }
        return "## 本周故障 Incidents this week\n\n" + table.text
    }

    /// Reported before the week ended and not resolved by then (the state shown is today's).
    private func stillOpen() -> String {
        let open = incidents.filter { $0.reportedAt < until && ($0.resolvedAt.map { $0 >= until } ?? true) }
        guard !open.isEmpty else { return "## 未解决故障 Still open at the end of the week\n\n无。 None." }
        var table = MarkdownTable([
            "编号 No.", "报告时间 Reported", "等级 Level", "提出单位 Organisation", "问题主题 Subject", "状态 State", "已持续 Open for",
        ])
        for incident in open {
            table.add([
                incident.id.description, time.text(incident.reportedAt), incident.level.description, incident.form.organisation,
                incident.form.subject, incident.state.rawValue, compact(.interval(until.timeIntervalSince(incident.reportedAt))),
            ])
        }
        return "## 未解决故障 Still open at the end of the week\n\n" + table.text
    }

    private func fieldVisits() -> String {
        guard !visits.isEmpty else { return "## 现场服务 Field visits\n\n本周无现场服务。 None this week." }
        var table = MarkdownTable([
            "编号 No.", "次序 Attempt", "工程师 Engineer", "分公司 Branch", "SLA", "派工时间 Dispatched", "应到时间 Arrive by",
            "到达时间 Arrived", "结果 Outcome",
        ])
        for visit in visits {
            table.add([
                visit.incident.description, String(visit.attempt), name(visit.engineer), name(visit.branch), visit.slaKind.rawValue,
                time.text(visit.dispatchedAt), time.text(visit.arriveBy), time.text(visit.arrivedAt), outcome(visit.arrivalOutcome(at: generatedAt)),
            ])
        }
        return "## 现场服务 Field visits\n\n" + table.text
    }

    private func branchCompliance() -> String {
        let byBranch = Dictionary(grouping: visits, by: \.branch)
        let rows = byBranch.keys.sorted().map { branch in
            BranchCompliance(summarising: byBranch[branch] ?? [], month: period, branch: branch, now: generatedAt)
        }
        return "## 分公司 SLA 达标 SLA compliance by branch\n\n" + complianceTable(rows, withMonth: false)
    }

    private func monthIncidents() -> String {
        guard !reported.isEmpty else { return "## 故障清单 Incidents\n\n本月无故障。 None this month." }
        var table = MarkdownTable([
            "编号 No.", "报告时间 Reported", "等级 Level", "提出单位 Organisation", "问题主题 Subject", "状态 State",
            "解决时间 Resolved", "解决摘要 Resolution", "故障报告 Report",
        ])
        for incident in reported {
            table.add([
                incident.id.description, time.text(incident.reportedAt), incident.level.description, incident.form.organisation,
                incident.form.subject, incident.state.rawValue, time.text(incident.resolvedAt), incident.resolutionSummary ?? "—",
                reportState(incident.id),
            ])
        }
        return "## 故障清单 Incidents\n\n" + table.text
    }

    private func levelStatistics(_ statistics: IncidentStatistics) -> String {
        var table = MarkdownTable([
            "月份 Month", "等级 Level", "故障数 Incidents", "升级 Escalated", "升级率 Escalation rate", "平均确认用时 Mean to acknowledge",
            "P90 确认用时 P90 to acknowledge", "平均解决用时 Mean to resolve", "P90 解决用时 P90 to resolve",
        ])
        for figures in statistics.levels {
            table.add([
                figures.month, figures.level.description, String(figures.count), String(figures.escalated), percent(figures.escalationRate),
                compact(figures.meanToAcknowledge), compact(figures.p90ToAcknowledge), compact(figures.meanToResolve), compact(figures.p90ToResolve),
            ])
        }
        return "## 统计 Statistics\n\n### 按等级 By level\n\n" + table.text
    }

    private func branchStatistics(_ statistics: IncidentStatistics) -> String {
        "### 分公司 SLA 达标 SLA compliance by branch\n\n" + complianceTable(statistics.branches, withMonth: true)
    }

    private func complianceTable(_ rows: [BranchCompliance], withMonth: Bool) -> String {
        guard !rows.isEmpty else { return "无现场服务。 No field visits." }
        var table = MarkdownTable(
            (withMonth ? ["月份 Month"] : []) + ["分公司 Branch", "派工 Visits", "按时 Met", "超时 Missed", "未定 Pending", "达标率 Compliance"])
        for row in rows {
            table.add(
                (withMonth ? [row.month] : [])
                    + [name(row.branch), String(row.visits), String(row.met), String(row.missed), String(row.pending), row.compliance.map(percent) ?? "—"])
        }
        return table.text
    }

    // MARK: - Service requests

    /// The month's promises: the share kept per kind, then each one missed.
    func serviceRequests(_ report: RequestMonthReport) -> String {
        var parts = ["## 服务请求 Service requests"]
        if report.rows.isEmpty {
            parts.append("本月无到期承诺。 No promise fell due this month.")
        } else {
            var table = MarkdownTable(["类别 Kind", "按时 Kept", "未按时 Missed", "未到期 Open", "兑现率 Kept share"])
            for row in report.rows {
                table.add([row.kind.rawValue, String(row.kept), String(row.missed), String(row.open), row.keptShare.map(percent) ?? "—"])
            }
            parts.append("### 承诺兑现率 Promises kept by kind\n\n" + table.text)
        }
        if report.missed.isEmpty {
            parts.append("### 未兑现的承诺 Promises missed\n\n本月无。 None this month.")
        } else {
            var table = MarkdownTable(["编号 No.", "类别 Kind", "承诺 Promise", "到期 Due", "完成 Met"])
            for missed in report.missed {
                table.add([missed.request.description, missed.kind.rawValue, missed.promise.rawValue, time.text(missed.dueAt), time.text(missed.metAt)])
            }
            parts.append("### 未兑现的承诺 Promises missed\n\n" + table.text)
        }
        return parts.joined(separator: "\n\n")
    }

    // MARK: - Wording

    private func reportState(_ id: IncidentNumber) -> String {
        switch postmortems[id] {
        case .draft: "草稿 draft"
        case .submitted: "待审核 submitted"
        case .approved: "已归档 approved"
        case nil: "—"
        }
    }

    private func outcome(_ outcome: ArrivalOutcome) -> String {
        switch outcome {
        case .met: "按时 met"
        case .missed: "超时 missed"
        case .pending: "未定 pending"
        }
    }

    private func compact(_ duration: Duration?) -> String { duration?.compact ?? "—" }

    /// Whole percent, `75%`.
    private func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    private func oneLine(_ text: String) -> String { text.split(whereSeparator: \.isNewline).joined(separator: " ") }

    private func name(_ id: String) -> String { names[id] ?? id }
}
