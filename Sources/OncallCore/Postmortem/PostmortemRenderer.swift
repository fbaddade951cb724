import Foundation
import OncallSupport

/// Writes one fault report; each method is one part of the document.
struct PostmortemRenderer {
    let facts: PostmortemDocument.Facts
    let postmortem: Postmortem
    let time: LocalTimeText

    init(facts: PostmortemDocument.Facts, postmortem: Postmortem) {
        self.facts = facts
        self.postmortem = postmortem
        self.time = LocalTimeText(timeZone: facts.timeZone)
    }

    private var incident: Incident { facts.incident }
    private var form: ReportForm { facts.incident.form }

    /// The Chinese or the English text, by the report's language.
    private func t(_ zh: String, _ en: String) -> String { postmortem.language == .zh ? zh : en }

    func document() -> String {
        var parts = [title(), factsTable(), times(), formText(), timeline(), notifications(), fieldVisits(), editingHint()]
        parts += PostmortemSection.allCases.map(section)
        parts.append(reviews())
        return parts.joined(separator: "\n\n") + "\n"
    }

    // MARK: - Parts

    private func title() -> String {
        let subject = form.subject.split(whereSeparator: \.isNewline).joined(separator: " ")
        return "# " + t("故障报告 #\(incident.id)：\(subject)", "Fault report #\(incident.id): \(subject)")
    }

    private func factsTable() -> String {
        var table = MarkdownTable([t("项目", "Field"), t("内容", "Value")])
        table.add([t("编号", "Number"), incident.id.description])
        table.add([t("问题主题", "Subject"), form.subject])
        table.add([t("提出单位", "Organisation"), form.organisation])
        table.add([t("提出人", "Reporter"), form.reporterContact.map { t("\(form.reporter)（\($0)）", "\(form.reporter) (\($0))") } ?? form.reporter])
        if let scope = form.scope { table.add([t("影响范围", "Scope"), scope.rawValue]) }
        table.add([t("受影响系统", "Service"), form.service ?? "—"])
        table.add([t("客户现场", "Site"), form.site ?? "—"])
        for fact in form.addedFacts { table.add([t(fact.chinese, fact.english), fact.text]) }
        if let requiredBy = form.requiredBy { table.add([t("时间要求", "Required by"), requiredBy]) }
        table.add([t("故障等级", "Level"), levelHistory()])
        table.add([t("故障状态", "Incident state"), incident.state.rawValue])
        table.add([t("报告填写人", "Written by"), name(postmortem.owner)])
        table.add([t("报告状态", "Report state"), reportState()])
        return heading(t("基本信息", "Facts")) + table.text
    }

    /// The current level, then every change with when and why.
    private func levelHistory() -> String {
        let changes = facts.timeline.compactMap { event -> String? in
            guard case let .relevelled(relevelling) = event.facts else { return nil }
            let change = "\(relevelling.from) → \(relevelling.to) \(time.text(event.at))"
            return change + t("（\(relevelling.reason)）", " (\(relevelling.reason))")
        }
        guard !changes.isEmpty else { return incident.level.description }
        return incident.level.description + t("；变更：", "; changes: ") + changes.joined(separator: t("；", "; "))
    }

    private func times() -> String {
        var times = MarkdownTable([t("事项", "Event"), t("时间", "Time")])
        times.add([t("报告", "Reported"), time.text(incident.reportedAt)])
        times.add([t("确认", "Acknowledged"), time.text(incident.acknowledgedAt)])
        times.add([t("升级至应急小组", "Escalated to the emergency group"), time.text(incident.escalatedAt)])
        if let started = form.outageStarted {
            times.add([t("中断开始", "Outage began"), time.text(started)])
            times.add([t("中断结束", "Outage ended"), time.text(form.outageEnded)])
        }
        times.add([t("解决", "Resolved"), time.text(incident.resolvedAt)])
        if let closed = incident.closedAt { times.add([t("关闭", "Closed"), time.text(closed)]) }

        var durations = MarkdownTable([t("时长", "Duration"), t("用时", "Length")])
        durations.add([t("确认用时", "To acknowledge"), elapsed(from: incident.reportedAt, to: incident.acknowledgedAt)])
        durations.add([t("解决用时", "To resolve"), elapsed(from: incident.reportedAt, to: incident.resolvedAt)])
        if let started = form.outageStarted {
            durations.add([t("中断时长", "Outage length"), form.outageEnded.map { elapsed(from: started, to: $0) } ?? t("未结束", "not ended")])
        }
        return heading(t("时间", "Times")) + times.text + "\n\n" + durations.text
    }

    /// The reporter's and the resolver's own words, quoted so no line of theirs can pass for a heading.
    private func formText() -> String {
        let texts: [(String, String?)] = [
            (t("目前情况", "Current situation"), form.situation),
            (t("问题说明", "Description"), form.description),
            (t("其他", "Other"), form.other),
            (t("解决摘要", "Resolution summary"), incident.resolutionSummary),
        ]
        let quoted = texts.compactMap { label, text -> String? in
            guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
            let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            return "### \(label)\n\n" + lines.map { $0.isEmpty ? ">" : "> \($0)" }.joined(separator: "\n")
        }
        return heading(t("申报内容", "Report form")) + (quoted.isEmpty ? t("（无）", "(none)") : quoted.joined(separator: "\n\n"))
    }

    private func timeline() -> String {
        var table = MarkdownTable([t("时间", "Time"), t("事项", "What"), t("操作人", "Who"), t("详情", "Details")])
        for event in facts.timeline {
            let (what, shownKey) = describe(event)
            table.add([time.text(event.at), what, name(event.actor), details(event.details, without: shownKey)])
        }
        return heading(t("处理时间线", "Timeline")) + table.text
    }

    private func notifications() -> String {
        let records = facts.deliveries.sorted { ($0.message.createdAt, $0.message.id) < ($1.message.createdAt, $1.message.id) }
        guard !records.isEmpty else { return heading(t("通知记录", "Notifications")) + t("（无）", "(none)") }
        var table = MarkdownTable([t("时间", "Time"), t("通知对象", "To"), t("渠道", "Channel"), t("目的", "Purpose"), t("结果", "Result")])
        for record in records {
            let message = record.message
            let to = message.recipients.isEmpty ? message.target : message.recipients.map(name).joined(separator: t("、", ", "))
            table.add([time.text(message.createdAt), to, message.channel, message.purpose, outcome(record)])
        }
        return heading(t("通知记录", "Notifications")) + table.text
    }

    private func fieldVisits() -> String {
        guard !facts.visits.isEmpty else { return heading(t("现场服务", "Field visits")) + t("（无）", "(none)") }
        // A visit still open is judged as of the report's latest change, so the document does not depend on when it is read.
        let asOf = ([postmortem.updatedAt, postmortem.archive?.approvedAt] + facts.timeline.map(\.at)).compactMap { $0 }.max() ?? postmortem.updatedAt
        var table = MarkdownTable([
            t("次序", "Attempt"), t("工程师", "Engineer"), t("分公司", "Branch"), "SLA", t("派工时间", "Dispatched"),
            t("应到时间", "Arrive by"), t("到达时间", "Arrived"), t("状态", "State"), t("结果", "Result"),
        ])
        for visit in facts.visits.sorted(by: { $0.attempt < $1.attempt }) {
            table.add([
                String(visit.attempt), name(visit.engineer), facts.branchNames[visit.branch] ?? visit.branch, visit.slaKind.rawValue,
                time.text(visit.dispatchedAt), time.text(visit.arriveBy), visit.arrivedAt.map(time.text) ?? t("未到达", "not arrived"),
                visit.state.rawValue, arrivalText(visit.arrivalOutcome(at: asOf)),
            ])
        }
        return heading(t("现场服务", "Field visits")) + table.text
    }

    private func editingHint() -> String {
        t("<!-- 请只填写下面四节：原因、解决方法、解决经过、预防措施。其余内容根据系统记录生成，修改不会保存。 -->",
          "<!-- Write only the four sections below: cause, fix, how the fix went, prevention. Everything else is generated from the records; edits to it are not kept. -->")
    }

    private func section(_ section: PostmortemSection) -> String {
        let text = postmortem.sections[section]
        let body = text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            ? "<!-- \(PostmortemDocument.hint(section, postmortem.language)) -->"
            : text
        return heading(section.heading(postmortem.language)) + body
    }

    private func reviews() -> String {
        var lines = postmortem.reviews.map { review in
            let verdict = review.approved ? t("通过", "approved") : t("退回", "sent back")
            // Continuation lines indented four spaces, so a comment line such as "## 原因" is never read as a heading.
            let comment = review.comment.trimmingCharacters(in: .whitespacesAndNewlines)
                .split(whereSeparator: \.isNewline).joined(separator: "\n    ")
            let line = "- \(time.text(review.at)) \(name(review.reviewer)) \(verdict)"
            return comment.isEmpty ? line : line + t("：", ": ") + comment
        }
        if lines.isEmpty { lines.append(t("（尚无审核）", "(no reviews yet)")) }
        if let archive = postmortem.archive {
            lines.append("")
            lines.append(t("已归档：\(name(archive.approvedBy)) 于 \(time.text(archive.approvedAt)) 审核通过。",
                           "Archived: approved by \(name(archive.approvedBy)) at \(time.text(archive.approvedAt))."))
        }
        return heading(t("审核记录", "Review")) + lines.joined(separator: "\n")
    }

    // MARK: - Wording

    private func heading(_ text: String) -> String { "## \(text)\n\n" }

    private func reportState() -> String {
        switch postmortem.state {
        case .draft: t("草稿", "draft")
        case .submitted: t("已提交，待审核", "submitted for review")
        case .approved: t("已审核归档", "approved and archived")
        }
    }

    private func arrivalText(_ outcome: ArrivalOutcome) -> String {
        switch outcome {
        case .met: t("按时（met）", "met")
        case .missed: t("超时（missed）", "missed")
        case .pending: t("未定（pending）", "pending")
        }
    }

    /// What the event was, and the detail key that wording already shows.
    private func describe(_ event: TimelineEvent) -> (String, String?) {
        switch event.facts {
        case .reported: (t("报告", "Reported"), nil)
        case .acknowledged: (t("确认", "Acknowledged"), nil)
        case .escalated: (t("升级至应急小组", "Escalated to the emergency group"), nil)
        case .relevelled: (t("等级变更", "Level changed"), nil)
        case .note: (t("备注", "Note"), nil)
        case .resolved: (t("解决", "Resolved"), nil)
        case .closed: (t("关闭", "Closed"), nil)
        case let .dispatch(visit): (t("现场服务：", "Field visit: ") + visit.step.rawValue, "step")
        case let .slaBreach(breach): (t("现场服务超时：", "Visit deadline missed: ") + breach.deadlines.map(\.rawValue).joined(separator: ","), "deadline")
        case let .postmortem(report): (t("故障报告：", "Fault report: ") + report.step.rawValue, "step")
        case let .maintenanceHeld(held): (t("维护窗口内，暂不通知：", "Held by maintenance window ") + held.window, "window")
        case let .maintenanceReleased(released): (t("维护窗口结束，开始通知：", "Maintenance window over, paged: ") + released.window, "window")
        }
    }

    /// `key: value` pairs in key order; times in local time and person ids as names.
    private func details(_ details: [String: String], without shownKey: String?) -> String {
        return details.filter { $0.key != shownKey }.sorted { $0.key < $1.key }.map { key, value in
            var shown = value
            if key.hasSuffix("_at") || key.hasSuffix("_by"), let instant = RFC3339.parse(value) {
                shown = time.text(instant)
            } else if ["engineer", "reviewer", "owner"].contains(key) {
                shown = name(value)
            } else if key == "branch" {
                shown = facts.branchNames[value] ?? value
            }
            return "\(key): \(shown)"
        }.joined(separator: "; ")
    }

    private func outcome(_ record: DeliveryRecord) -> String {
        let attempts = record.attempts.sorted { $0.number < $1.number }
        switch record.status {
        case .delivered:
            let delivered = attempts.last { $0.result == .delivered } ?? attempts.last
            guard let delivered else { return t("已送达", "delivered") }
            let attempt = delivered.number > 1 ? t("（第 \(delivered.number) 次尝试）", " (attempt \(delivered.number))") : ""
            return t("已送达 \(time.text(delivered.at))\(attempt)", "delivered \(time.text(delivered.at))\(attempt)")
        case .dead:
            let why = attempts.last.map { t("：\($0.detail)", ": \($0.detail)") } ?? ""
            return t("未送达", "not delivered") + why
        case .pending:
            guard let last = attempts.last else { return t("待发送", "waiting to be sent") }
            return t("重试中（已尝试 \(attempts.count) 次：\(last.detail)）", "retrying (\(attempts.count) attempts: \(last.detail))")
        }
    }

    private func elapsed(from start: Date, to end: Date?) -> String {
        end.map { Duration.interval($0.timeIntervalSince(start)).compact } ?? "—"
    }

    /// A display name for a person id or an actor (`unix:alice`: the part after the scheme may be a person id).
    private func name(_ id: String) -> String {
        if let name = facts.names[id] { return name }
        if let colon = id.firstIndex(of: ":"), let name = facts.names[String(id[id.index(after: colon)...])] { return name }
        return id
    }
}
