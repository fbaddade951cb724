import Foundation
import OncallCore

/// Builds the service-request form for a mail that asks for one.
///
/// The subject is the mail's without reply/forward prefixes and without the request tag; the
/// requester is the sender as written (`张三 <zhang@example.com>`) and the contact its address;
/// the organisation comes from the intake's domain mapping, then its default, then the sender's
/// domain; the description is the text body, bounded like an incident's.
enum RequestFormBuilder {
    static func build(_ mail: ParsedMail, kind: RequestKind, subject taggedOff: String?, rules: IntakeRules) -> ServiceRequest.Form {
        let sender = mail.from.first ?? mail.sender ?? mail.replyTo.first
            ?? mail.returnPath.flatMap { $0.isEmpty ? nil : MailAddress(address: $0) }
        let body = String((mail.textBody ?? "").prefix(ReportFormBuilder.maxBodyCharacters))
        let description = String.intakeJoined(body.intakeLines).intakeField(ReportFormBuilder.Limit.text)
        var subject = SubjectLine.withoutPrefixes(taggedOff ?? mail.subject ?? "")
        if subject.isEmpty {
            let firstLine = description?.intakeLines.first { !$0.intakeIsBlank } ?? ""
            subject = (ReportFormBuilder.noSubject + " " + SubjectLine.flattened(String(firstLine))).intakeTrimmed
        }
        let organisation = sender?.domain.flatMap(rules.organisation(forDomain:))?.intakeField(ReportFormBuilder.Limit.organisation)
            ?? rules.defaultOrganisation.intakeField(ReportFormBuilder.Limit.organisation)
            ?? sender?.domain
            ?? "unknown"
        let requester = sender.map { SubjectLine.flattened($0.description) }?.intakeField(ReportFormBuilder.Limit.reporter) ?? "unknown"
        return ServiceRequest.Form(
            kind: kind, subject: SubjectLine.flattened(subject).intakeLimited(ReportFormBuilder.Limit.subject),
            organisation: organisation, requester: requester,
            contact: sender?.address.intakeField(ReportFormBuilder.Limit.short), description: description)
    }
}
