import OncallCore

/// What to do with one inbound mail; `MailIntake.decide` makes it, the caller carries it out.
public enum IntakeDecision: Sendable, Equatable {
    /// Not for an incident: an auto-reply, bulk or list mail, a bounce, or our own mail coming
    /// back. The caller records it with this reason and creates nothing.
    case ignore(reason: String)
    /// A new incident from this form.
    case report(ReportForm)
    /// A new service request from this form: the mail went to a request address or carries a
    /// request tag in its subject (`RequestMailRules`).
    case request(ServiceRequest.Form)
    /// A reply to an incident.
    ///
    /// - `IncidentNumber?`: the incident the subject names (`[INC-000123]`); nil when it names none.
    /// - `referencedIDs`: In-Reply-To, then References newest first, without duplicates, for the
    ///   caller to look up when the number is nil. When none of them is known either, the mail is
    ///   not a reply to us after all: build a report with `MailIntake.report(_:envelopeTo:rules:)`.
    /// - `note`: the reply without its quoted history; never empty (a reply with no new text
    ///   gets a placeholder), at most 20 000 characters.
    /// - `command`: acknowledge, resolve or escalate when the first line asks for it and the
    ///   sender is a known responder; nil otherwise, and then the text is only a note.
    /// - `by`: the person id of the sender when it is a known responder (also without a
    ///   command, so the note can be attributed); nil for anyone else.
    case reply(IncidentNumber?, referencedIDs: [String], note: String, command: IncidentCommand?, by: String?)
}
