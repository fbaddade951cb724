import OncallCore

/// The signed-in user of a request, and what they may see and do.
struct WebViewer: Sendable {
    let user: WebUser
    let session: WebSession
    /// Their person is in the emergency group (应急小组).
    let isReviewer: Bool

    /// Managers and reviewers read the archive, every report and the statistics.
    var readsEverything: Bool { user.role == .manager || isReviewer }

    func mayRead(_ report: Postmortem) -> Bool { readsEverything || owns(report) }

    /// Only engineers write, and only the reports they own while they are drafts.
    func mayEdit(_ report: Postmortem) -> Bool { user.role == .engineer && owns(report) && report.state == .draft }

    func mayReview(_ report: Postmortem) -> Bool { isReviewer && report.state == .submitted }

    func owns(_ report: Postmortem) -> Bool { user.person.map { $0 == report.owner } ?? false }

    /// How report actions are recorded on the timeline.
    var actor: PostmortemActor { PostmortemActor(actor: "web:" + user.login, person: user.person) }
}
