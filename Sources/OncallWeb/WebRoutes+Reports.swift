import Foundation
import Hummingbird
import Logging
import OncallCore

/// Fault reports: the lists, reading one, and the owner's and the emergency group's changes to it.
extension WebRoutes {
    /// Engineers see their own reports; the emergency group first sees what waits for review, then
    /// their own, then all; managers see all. `?state=` narrows the list that may be narrowed.
    func reportList(_ query: FormFields, _ viewer: WebViewer) async throws -> Response {
        var state: Postmortem.State?
        if let text = query.trimmed("state") {
            guard let chosen = Postmortem.State(rawValue: text) else {
                return message("无效的报告状态 Not a valid report state: \(text)", status: .badRequest, viewer: viewer,
                               link: "/web/reports", linkLabel: "全部报告 All reports")
            }
            state = chosen
        }
        let filter = ReportListPage.filter(state)
        let empty = state == nil ? "没有报告。No reports." : "没有这个状态的报告。No reports in this state."
        var tables: [ReportListPage.Table] = []
        if viewer.isReviewer {
            tables.append(ReportListPage.Table(
                heading: "待审核 Waiting for review", filter: nil, reports: try await dependencies.reports(.submitted, nil),
                empty: "没有待审核的报告。Nothing waits for review.", format: format))
            tables.append(ReportListPage.Table(
                heading: "我的报告 My reports", filter: nil, reports: ReportListPage.draftsFirst(try await ownReports(nil, viewer)),
                empty: "你没有报告。You own no reports.", format: format))
            tables.append(ReportListPage.Table(
                heading: "全部报告 All reports", filter: filter, reports: try await dependencies.reports(state, nil), empty: empty, format: format))
        } else if viewer.user.role == .manager {
            tables.append(ReportListPage.Table(
                heading: "全部报告 All reports", filter: filter, reports: try await dependencies.reports(state, nil), empty: empty, format: format))
        } else {
            tables.append(ReportListPage.Table(
                heading: "我的报告 My reports", filter: filter, reports: ReportListPage.draftsFirst(try await ownReports(state, viewer)),
                empty: empty, format: format))
        }
        return html(ReportListPage.title, ReportListPage(tables: tables).render(), viewer: viewer, current: "/web/reports")
    }

    /// The viewer's own reports; none for an account without a person (never everyone's).
    func ownReports(_ state: Postmortem.State?, _ viewer: WebViewer) async throws -> [(postmortem: Postmortem, incident: Incident)] {
        guard let person = viewer.user.person else { return [] }
        return try await dependencies.reports(state, person).filter { $0.postmortem.owner == person }
    }

    func report(_ idText: String?, _ viewer: WebViewer) async throws -> Response {
        guard let id = incidentNumber(idText), let (postmortem, markdown) = try await dependencies.report(id) else {
            return notFound("这个事件没有故障报告。There is no fault report for \(idText ?? "").", viewer)
        }
        guard viewer.mayRead(postmortem) else { return forbidden(viewer) }
        return try await reportPage(postmortem, markdown, viewer)
    }

    func edit(_ idText: String?, _ form: FormFields, _ viewer: WebViewer, _ logger: Logger) async throws -> Response {
        try await change(idText, viewer, allowed: { viewer.owns($0) && viewer.user.role == .engineer }) { id in
            var sections = PostmortemSections()
            var base: PostmortemSections? = PostmortemSections()
            for section in PostmortemSection.allCases {
                sections[section] = (form[section.rawValue] ?? "").replacingOccurrences(of: "\r\n", with: "\n")
                if let text = form["base_" + section.rawValue] {
                    base?[section] = text.replacingOccurrences(of: "\r\n", with: "\n")
                } else {
                    base = nil
                }
            }
            do {
                try await dependencies.saveSections(id, sections, base, viewer.actor)
            } catch let error as PostmortemError {
                return .refused(error, draft: sections)
            }
            logger.notice("fault report edited on the web", metadata: ["incident.id": "\(id)", "web.login": "\(viewer.user.login)"])
            return .done
        }
    }

    func submit(_ idText: String?, _ viewer: WebViewer, _ logger: Logger) async throws -> Response {
        try await change(idText, viewer, allowed: { viewer.owns($0) && viewer.user.role == .engineer }) { id in
            do {
                try await dependencies.submit(id, viewer.actor)
            } catch let error as PostmortemError {
                return .refused(error)
            }
            logger.notice("fault report submitted on the web", metadata: ["incident.id": "\(id)", "web.login": "\(viewer.user.login)"])
            return .done
        }
    }

    func review(_ idText: String?, _ form: FormFields, _ viewer: WebViewer, _ logger: Logger) async throws -> Response {
        try await change(idText, viewer, allowed: { _ in viewer.isReviewer }) { id in
            let comment = (form["comment"] ?? "").replacingOccurrences(of: "\r\n", with: "\n")
            let approve: Bool
            switch form["decision"] {
            case "approve": approve = true
            case "reject": approve = false
            default: return .refused(.invalidDocument("choose approve or send back"), comment: comment)
            }
            guard approve || !comment.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                return .refused(.invalidDocument("退回时请写明需要修改什么。Sending a report back needs a comment saying what to change."), comment: comment)
            }
            do {
                _ = try await dependencies.review(id, approve, comment, viewer.actor)
            } catch let error as PostmortemError {
                return .refused(error, comment: comment)
            }
            logger.notice("fault report \(approve ? "approved" : "sent back") on the web", metadata: ["incident.id": "\(id)", "web.login": "\(viewer.user.login)"])
            return .done
        }
    }

    // MARK: -

    enum ChangeOutcome {
        case done
        /// Shown on the report page with what the viewer typed, so it is not lost.
        case refused(PostmortemError, draft: PostmortemSections? = nil, comment: String = "")
    }

    /// Checks the report exists and the viewer may try this, does it, and goes back to the report:
    /// a 303 when it worked, the page with the reason and the matching status when it was refused.
    private func change(
        _ idText: String?, _ viewer: WebViewer, allowed: (Postmortem) -> Bool, _ perform: (IncidentNumber) async throws -> ChangeOutcome
    ) async throws -> Response {
        guard let id = incidentNumber(idText), let (postmortem, _) = try await dependencies.report(id) else {
            return notFound("这个事件没有故障报告。There is no fault report for \(idText ?? "").", viewer)
        }
        guard allowed(postmortem) else { return forbidden(viewer) }
        switch try await perform(id) {
        case .done:
            return WebResponse.redirect(to: "/web/reports/\(id)")
        case let .refused(error, draft, comment):
            guard let (current, markdown) = try await dependencies.report(id) else {
                return notFound("这个事件没有故障报告。There is no fault report for \(id).", viewer)
            }
            return try await reportPage(current, markdown, viewer, error: error, draft: draft, comment: comment)
        }
    }

    private func reportPage(
        _ postmortem: Postmortem, _ markdown: String, _ viewer: WebViewer,
        error: PostmortemError? = nil, draft: PostmortemSections? = nil, comment: String = ""
    ) async throws -> Response {
        let incident = try await dependencies.incident(postmortem.incident)?.incident
        let page = ReportPage(
            incident: incident, postmortem: postmortem, markdown: markdown, viewer: viewer, format: format,
            error: error?.description, draft: draft, comment: comment)
        return html(ReportPage.title(postmortem.incident), page.render(), viewer: viewer, status: error.map(Self.status) ?? .ok)
    }

    static func status(of error: PostmortemError) -> HTTPResponse.Status {
        switch error {
        case .forbidden: .forbidden
        case .wrongState, .editConflict: .conflict
        case .incomplete, .invalidDocument: .unprocessableContent
        case .noReport: .notFound
        }
    }
}
