import OncallCore

/// Decides what an inbound mail means for oncalld: nothing, a new incident, or a reply to one.
///
/// Pure functions of the parsed mail and the rules: no I/O and no clock, so the caller can
/// repeat a decision for a redelivered message and get the same answer. Threading by Message-ID
/// and deduplication need the store and are the caller's; `decide` hands over what they need.
public enum MailIntake {
    /// The decision for one mail.
    ///
    /// In order: auto-replies, bounces, bulk mail and our own mail are ignored; a mail whose
    /// subject names an incident (`[INC-000123]`) or that has In-Reply-To/References is a reply;
    /// anything else is a new report. `envelopeTo` is where the mail was delivered (the SMTP
    /// RCPT TO, or the provider's recipient field); pass `[]` when unknown.
    ///
    /// A mail that names no incident and goes to a request address or carries a request tag
    /// (`[REQ:bug_report]`) is a service request, unless it is a reply (`In-Reply-To`, or a
    /// `Re:`/`回复：` subject): a request moves by its steps, not by mail. Such a reply is ignored
    /// (`requestReplyReason`); one with threading headers is handed over as a reply first, so a
    /// reply to an incident's mail that also copies a request address still becomes a note, and
    /// the caller ignores it when the thread is not an incident's.
    public static func decide(_ mail: ParsedMail, envelopeTo: [String], rules: IntakeRules) -> IntakeDecision {
        if let reason = autoReplyReason(mail, rules: rules) { return .ignore(reason: reason) }
        let number = mail.subject.flatMap(SubjectLine.incidentNumber(in:))
        let referenced = referencedIDs(mail)
        if number == nil, let form = request(mail, envelopeTo: envelopeTo, rules: rules) {
            let subject = mail.subject ?? ""
            let isReply = !mail.inReplyTo.isEmpty || SubjectLine.withoutReplyPrefixes(subject) != SubjectLine.flattened(subject)
            if !isReply { return .request(form) }
            if referenced.isEmpty { return .ignore(reason: requestReplyReason) }
        }
        guard number != nil || !referenced.isEmpty else {
            return .report(report(mail, envelopeTo: envelopeTo, rules: rules))
        }
        let stripped = strippedReply(String((mail.textBody ?? "").prefix(ReportFormBuilder.maxBodyCharacters)))
        let note = stripped.isEmpty ? emptyReplyNote : stripped.intakeLimited(ReportFormBuilder.Limit.text)
        let by = mail.from.first.flatMap { rules.responder($0.address) }
        let command = by == nil ? nil : ReplyCommandParser.command(in: stripped)
        return .reply(number, referencedIDs: referenced, note: note, command: command, by: by)
    }

    /// The note for a reply that has no text of its own (only quoted history, or nothing).
    public static let emptyReplyNote = "(empty reply)"

    /// The report form for `mail` as a new incident.
    ///
    /// `decide` uses this for mail that is not a reply. Call it yourself when `decide` said
    /// `.reply(nil, …)` but none of the referenced ids is one of ours: the mail then answers
    /// some other conversation and is a new report after all.
    public static func report(_ mail: ParsedMail, envelopeTo: [String], rules: IntakeRules) -> ReportForm {
        ReportFormBuilder.build(mail, envelopeTo: envelopeTo, rules: rules)
    }

    /// Why a reply to a service-request mail creates nothing.
    public static let requestReplyReason = "a reply to a service request mail; record the request's steps with oncallctl request step"

    /// The service-request form for `mail` when it asks for one: its subject's request tag (when
    /// `subject_tags` is on) names the kind, else the first request address among its recipients.
    /// Nil for mail that is not a request, including a tag naming an unknown kind (see `requestTagProblem`).
    public static func request(_ mail: ParsedMail, envelopeTo: [String], rules: IntakeRules) -> ServiceRequest.Form? {
        if rules.requestMail.subjectTags, let subject = mail.subject, case let .kind(kind, untagged)? = RequestSubjectTag.read(subject) {
            return RequestFormBuilder.build(mail, kind: kind, subject: untagged, rules: rules)
        }
        guard let kind = rules.requestMail.kind(envelopeTo: envelopeTo, mail: mail) else { return nil }
        return RequestFormBuilder.build(mail, kind: kind, subject: nil, rules: rules)
    }

    /// Why a request tag in the subject was not taken (an unknown kind, or a release), or nil.
    /// Such a mail is handled as a fault report, with the tag left in its subject for the on-call to see.
    public static func requestTagProblem(_ mail: ParsedMail, rules: IntakeRules) -> String? {
        guard rules.requestMail.subjectTags, let subject = mail.subject, case let .unknown(tag)? = RequestSubjectTag.read(subject) else {
            return nil
        }
        return "the request tag \(tag) names no kind a mail may ask for (\(RequestKind.mailKinds.map(\.rawValue).joined(separator: ", "))); handled as a fault report"
    }

    /// Why `mail` must not become an incident or a note, or nil when it may.
    ///
    /// Checked: our own Message-ID domain or From address (and `X-Loop`); bounces (a
    /// MAILER-DAEMON or postmaster sender, the empty return path `<>`, `multipart/report`
    /// delivery-status or read receipts, `X-Failed-Recipients`); then, except for
    /// `IntakeRules.trustedAutomatedSenders`: `Auto-Submitted` other than `no`, `X-Autoreply`
    /// and its relatives, `Precedence: bulk|junk|list|auto_reply`, `List-Id` or
    /// `List-Unsubscribe`, and an auto-reply subject ("Automatic reply:", "自动回复：").
    public static func autoReplyReason(_ mail: ParsedMail, rules: IntakeRules) -> String? {
        AutoReplyGuard.reason(mail, rules: rules)
    }

    /// `text` without quoted history and signature: the new text of a reply, trimmed.
    /// See `ReplyStripper` for the styles recognised (Outlook in Chinese and English, Gmail,
    /// Apple Mail, QQ Mail, Foxmail, Thunderbird).
    public static func strippedReply(_ text: String) -> String {
        ReplyStripper.strip(text)
    }

    /// The labelled lines of a report form in `text`, keyed by `IntakeFormField` raw values
    /// (`subject`, `organisation`, `reporter`, `reporter_contact`, `situation`, `description`,
    /// `required_by`, `other`, `scope`, `service`, `site`, `outage_started`, `outage_ended`).
    /// Values are as written (trimmed); `report` interprets scope and times.
    public static func formFields(_ text: String) -> [String: String] {
        Dictionary(uniqueKeysWithValues: FormParser.parse(text).fields.map { ($0.key.rawValue, $0.value) })
    }

    /// The command the first line of a (stripped) reply asks for, whoever sent it; `decide`
    /// applies it only for known responders.
    public static func replyCommand(_ text: String) -> IncidentCommand? {
        ReplyCommandParser.command(in: text)
    }

    /// In-Reply-To, then References newest first (the nearest ancestor is the likeliest to be
    /// ours), without duplicates or the mail's own id.
    static func referencedIDs(_ mail: ParsedMail) -> [String] {
        var seen: Set<String> = mail.messageID.map { [$0] } ?? []
        var ids: [String] = []
        for id in mail.inReplyTo + mail.references.reversed() where !id.isEmpty && seen.insert(id).inserted {
            ids.append(id)
        }
        return ids
    }
}
