import Foundation
import OncallCore

/// Builds the report form for a mail that opens a new incident.
///
/// Precedence, field by field: what the reporter labelled in the body, then what the envelope
/// and headers say (sender, domain, plus-address tag), then the keyword rules, then the defaults.
enum ReportFormBuilder {
    /// Field limits. Subject, organisation and reporter match what the lifecycle accepts;
    /// the free-text fields match its limit for notes.
    enum Limit {
        static let subject = 500
        static let organisation = 200
        static let reporter = 200
        static let short = 200
        static let requiredBy = 500
        static let situation = 5_000
        static let text = 20_000
    }

    /// Most text read from one body; a 25 MiB body would only be cut to 20 000 characters anyway,
    /// and this bounds the work done on it.
    static let maxBodyCharacters = 200_000
    /// How far past the mail's Date a reported outage start may lie (the lifecycle allows 5 minutes
    /// of skew against its own clock, which is later than the Date).
    static let allowedSkew: TimeInterval = 300
    /// The subject of a mail that has none, before the first line of its body.
    static let noSubject = "(无主题)"

    static func build(_ mail: ParsedMail, envelopeTo: [String], rules: IntakeRules) -> ReportForm {
        let sender = mail.from.first ?? mail.sender ?? mail.replyTo.first
            ?? mail.returnPath.flatMap { $0.isEmpty ? nil : MailAddress(address: $0) }
        let rawSubject = mail.subject ?? ""
        let body = String((mail.textBody ?? "").prefix(maxBodyCharacters))

        // A forward is a report because of what it forwards, so its "history" is the content.
        var text = SubjectLine.isForward(rawSubject) ? String.intakeJoined(body.intakeLines) : ReplyStripper.strip(body)
        if text.isEmpty { text = String.intakeJoined(body.intakeLines) }
        let form = FormParser.parse(text)
        var notes: [String] = []
        func keep(_ field: IntakeFormField) {
            guard let value = form.fields[field] else { return }
            notes.append("\(form.labels[field] ?? field.rawValue)：\(value)")
        }

        // Unlabelled text is the description unless the form has one; then it is "other".
        var unlabelled = [form.remainder]
        unlabelled += forwardedTexts(mail, body: body)
        let remainder = unlabelled.filter { !$0.isEmpty }.joined(separator: "\n\n")
        let description = form.fields[.description] ?? remainder

        var subject = SubjectLine.withoutPrefixes(form.fields[.subject] ?? rawSubject)
        if subject.isEmpty {
            let firstLine = (description.isEmpty ? text : description).intakeLines.first { !$0.intakeIsBlank } ?? ""
            subject = (noSubject + " " + SubjectLine.flattened(String(firstLine))).intakeTrimmed
        }

        let organisation = form.fields[.organisation]?.intakeField(Limit.organisation)
            ?? sender?.domain.flatMap(rules.organisation(forDomain:))?.intakeField(Limit.organisation)
            ?? rules.defaultOrganisation.intakeField(Limit.organisation)
            ?? sender?.domain
            ?? "unknown"
        let reporter = form.fields[.reporter]?.intakeField(Limit.reporter)
            ?? sender.map { SubjectLine.flattened($0.description) }?.intakeField(Limit.reporter)
            ?? "unknown"

        let classifiedText = subject + "\n" + text + "\n" + remainder
        var scope: Scope?
        if let written = form.fields[.scope] {
            if let (found, isExact) = ScopeWords.scope(in: written) {
                scope = found
                if !isExact { keep(.scope) }
            } else {
                keep(.scope)
            }
        }
        scope = scope
            ?? rules.keywordRules.first { $0.scope != nil && $0.matches(classifiedText) }?.scope
            ?? rules.defaultScope

        let service = form.fields[.service]
            ?? PlusAddress.service(envelopeTo: envelopeTo, mail: mail, rules: rules)
            ?? rules.keywordRules.first { $0.service != nil && $0.matches(classifiedText) }?.service

        let (started, ended) = outage(form, mail: mail, rules: rules, keep: keep)

        let other = ([form.fields[.other]] + [form.fields[.description] == nil ? nil : remainder] + notes)
            .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "\n\n")

        return ReportForm(
            subject: SubjectLine.flattened(subject).intakeLimited(Limit.subject),
            organisation: organisation,
            reporter: reporter,
            reporterContact: form.fields[.reporterContact]?.intakeField(Limit.short),
            situation: form.fields[.situation]?.intakeField(Limit.situation),
            description: description.intakeField(Limit.text),
            requiredBy: form.fields[.requiredBy]?.intakeField(Limit.requiredBy),
            other: other.intakeField(Limit.text),
            scope: scope,
            service: service?.intakeField(Limit.short),
            site: form.fields[.site]?.intakeField(Limit.short),
            outageStarted: started,
            outageEnded: ended
        )
    }

    /// The outage times the form gives, when they make sense; a time that cannot be read, lies
    /// in the future of the mail, or ends before it starts is kept as text instead (through
    /// `keep`), because the lifecycle would refuse the whole report over it.
    static func outage(
        _ form: ParsedForm, mail: ParsedMail, rules: IntakeRules, keep: (IntakeFormField) -> Void
    ) -> (Date?, Date?) {
        func read(_ field: IntakeFormField) -> Date? {
            guard let text = form.fields[field] else { return nil }
            guard let date = FormDate.parse(text, timeZone: rules.timeZone),
                  mail.date.map({ date.timeIntervalSince($0) <= allowedSkew }) ?? true
            else {
                keep(field)
                return nil
            }
            return date
        }
        let started = read(.outageStarted)
        var ended = read(.outageEnded)
        if let end = ended, started.map({ end < $0 }) ?? true {
            keep(.outageEnded)
            ended = nil
        }
        return (started, ended)
    }

    /// The text of messages forwarded as attachments, each under a line naming it, unless the
    /// body already is that text (a forward with no words of its own).
    static func forwardedTexts(_ mail: ParsedMail, body: String) -> [String] {
        mail.forwardedMessages.prefix(5).compactMap { forwarded in
            guard let text = forwarded.textBody.map({ String($0.prefix(maxBodyCharacters)) }),
                  !text.intakeIsBlank, text.intakeTrimmed != body.intakeTrimmed
            else { return nil }
            var heading = "---------- 转发的邮件 / Forwarded message ----------"
            if let from = forwarded.from.first { heading += "\n发件人 From: \(from)" }
            if let subject = forwarded.subject { heading += "\n主题 Subject: \(SubjectLine.flattened(subject))" }
            return heading + "\n\n" + String.intakeJoined(text.intakeLines)
        }
    }
}
