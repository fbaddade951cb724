import Foundation
import OncallCore

/// `/web/reports/{id}`: the fault report rendered from its Markdown, where it stands, its reviews,
/// and the form the viewer may use: the owner's editor while it is a draft, the emergency group's
/// review while it is submitted.
struct ReportPage {
    struct Review {
        let reviewer: String
        let at: String
        let verdict: String
        let comment: String?
    }

    struct SectionField {
        let name: String
        let label: String
        let text: String
        /// The stored text the form was opened on, sent back so a save over someone else's is refused.
        let base: String
    }

    let incidentHref: String
    let number: String
    let subject: String
    let state: String
    let owner: String
    let updatedAt: String
    let submittedAt: String?
    let approvedBy: String?
    let approvedAt: String?
    let sha256: String?
    /// HTML from `MarkdownRenderer`, which escapes everything people wrote.
    let document: String
    let reviews: [Review]
    let hasReviews: Bool
    let error: String?
    let csrf: String
    let editable: Bool
    let sections: [SectionField]
    let reviewable: Bool
    /// Not `comment`: Mustache would find it from a review row whose own comment is nil.
    let typedComment: String
    let editAction: String
    let submitAction: String
    let reviewAction: String

    static func title(_ id: IncidentNumber) -> String { "故障报告 Fault report · \(id)" }

    /// `draft` and `comment` carry what the viewer typed when it was refused, so they need not type it again.
    init(
        incident: Incident?, postmortem: Postmortem, markdown: String, viewer: WebViewer, format: DisplayFormat,
        error: String? = nil, draft: PostmortemSections? = nil, comment: String = ""
    ) {
        let id = postmortem.incident
        incidentHref = "/web/incidents/\(id)"
        number = id.description
        subject = incident?.form.subject ?? ""
        state = Labels.reportState(postmortem.state)
        owner = postmortem.owner
        updatedAt = format.dateTime(postmortem.updatedAt)
        submittedAt = format.dateTime(postmortem.submittedAt)
        approvedBy = postmortem.archive?.approvedBy
        approvedAt = format.dateTime(postmortem.archive?.approvedAt)
        sha256 = postmortem.state == .approved ? postmortem.archive?.sha256 : nil
        document = MarkdownRenderer.html(markdown)
        reviews = postmortem.reviews.map { review in
            Review(
                reviewer: review.reviewer, at: format.dateTime(review.at), verdict: review.approved ? "批准 approved" : "退回 sent back",
                comment: review.comment.isEmpty ? nil : review.comment)
        }
        hasReviews = !reviews.isEmpty
        self.error = error
        csrf = viewer.session.csrfToken
        editable = viewer.mayEdit(postmortem)
        let written = draft ?? postmortem.sections
        sections = PostmortemSection.allCases.map { section in
            SectionField(name: section.rawValue, label: section.bilingualName, text: written[section], base: postmortem.sections[section])
        }
        reviewable = viewer.mayReview(postmortem)
        typedComment = comment
        editAction = "/web/reports/\(id)/edit"
        submitAction = "/web/reports/\(id)/submit"
        reviewAction = "/web/reports/\(id)/review"
    }

    func render() -> String { Self.template.render(self) }

    static let template = WebTemplate("""
        <p><a href="{{incidentHref}}">{{number}}</a> {{subject}}</p>
        {{#error}}<p class="notice" role="alert">{{error}}</p>{{/error}}
        <dl class="fields">
        <dt>状态 State</dt><dd>{{state}}</dd>
        <dt>负责人 Owner</dt><dd>{{owner}}</dd>
        <dt>更新 Updated</dt><dd>{{updatedAt}}</dd>
        {{#submittedAt}}<dt>提交 Submitted</dt><dd>{{submittedAt}}</dd>{{/submittedAt}}
        {{#approvedBy}}<dt>批准 Approved by</dt><dd>{{approvedBy}} · {{approvedAt}}</dd>{{/approvedBy}}
        {{#sha256}}<dt>SHA-256</dt><dd class="hash">{{sha256}}</dd>{{/sha256}}
        </dl>
        {{#reviewable}}
        <h2>审核 Review</h2>
        <form method="post" action="{{reviewAction}}">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label>意见 Comment (退回时必填 required to send back)<textarea name="comment" rows="4">{{typedComment}}</textarea></label></p>
        <p><button type="submit" name="decision" value="approve">批准归档 Approve</button>
        <button type="submit" name="decision" value="reject" class="secondary">退回修改 Send back</button></p>
        </form>
        {{/reviewable}}
        <h2>报告 Report</h2>
        <article class="report">
        {{{document}}}
        </article>
        {{#hasReviews}}
        <h2>审核记录 Reviews</h2>
        <div class="scroll"><table>
        <thead><tr><th>时间 When</th><th>审核人 Reviewer</th><th>结论 Verdict</th><th>意见 Comment</th></tr></thead>
        <tbody>
        {{#reviews}}<tr><td class="num">{{at}}</td><td>{{reviewer}}</td><td>{{verdict}}</td><td>{{comment}}</td></tr>
        {{/reviews}}
        </tbody></table></div>
        {{/hasReviews}}
        {{#editable}}
        <h2>编写 Write</h2>
        <form method="post" action="{{editAction}}">
        <input type="hidden" name="csrf" value="{{csrf}}">
        {{#sections}}<p><label>{{label}}<textarea name="{{name}}" rows="6">{{text}}</textarea></label></p>
        <input type="hidden" name="base_{{name}}" value="{{base}}">
        {{/sections}}
        <p><button type="submit">保存 Save</button></p>
        </form>
        <form method="post" action="{{submitAction}}">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><button type="submit" class="secondary">提交审核 Submit for review</button></p>
        </form>
        {{/editable}}
        """)
}
