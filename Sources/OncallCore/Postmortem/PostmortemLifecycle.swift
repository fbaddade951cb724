import Foundation

/// The fault-report workflow as pure decisions: draft at resolution, edit and submit by the owner,
/// review by the emergency group, reminders while a draft waits. Each returns an `IncidentChange`
/// carrying the new report, its timeline entries and timer changes; the planner adds the messages.
public enum PostmortemLifecycle {
    /// The draft a resolution starts, owned by the resolver (or the fallback owner), with its reminder.
    public static func draft(resolving change: inout IncidentChange, resolver: String, policy: PostmortemPolicy, now: Date) {
        let incident = change.incident
        let owner = policy.person(for: resolver) ?? policy.fallbackOwner ?? resolver
        let language = ReportLanguage.detect(incident.form.subject, incident.form.description, incident.form.situation)
        change.postmortem = Postmortem(incident: incident.id, owner: owner, language: language, createdAt: now)
        change.events.append(TimelineEvent(.postmortem(.init(step: .drafted, owner: owner)), at: now, actor: IncidentLifecycle.daemonActor))
        if policy.reminderLimit > 0 {
            change.timers.append(.schedule(.postmortemReminder, dueAt: reminderDue(after: now, policy: policy)))
        }
    }

    /// Replaces the four written sections of a draft. With `base` (the sections the editor started
    /// from), an edit made over someone else's later save is refused instead of overwriting it.
    public static func edit(
        _ postmortem: Postmortem?, of incident: Incident, sections: PostmortemSections, base: PostmortemSections? = nil,
        by who: PostmortemActor, policy: PostmortemPolicy, now: Date
    ) throws(PostmortemError) -> IncidentChange {
        var report = try writable(postmortem, of: incident, by: who, policy: policy, verb: "edit")
        if let base, base != report.sections, sections != report.sections { throw .editConflict(incident.id) }
        guard report.sections != sections else { return IncidentChange(incident: incident) }
        report.sections = sections
        report.updatedAt = now
        var change = IncidentChange(incident: incident, events: [event(.init(step: .edited, owner: report.owner), who, now)])
        change.postmortem = report
        return change
    }

    /// Hands a complete draft to the emergency group for review.
    public static func submit(
        _ postmortem: Postmortem?, of incident: Incident, by who: PostmortemActor, policy: PostmortemPolicy, now: Date
    ) throws(PostmortemError) -> IncidentChange {
        var report = try writable(postmortem, of: incident, by: who, policy: policy, verb: "submit")
        let missing = report.sections.missing
        guard missing.isEmpty else { throw .incomplete(missing) }
        report.state = .submitted
        report.submittedAt = now
        report.updatedAt = now
        var change = IncidentChange(incident: incident, events: [event(.init(step: .submitted, owner: report.owner), who, now)], timers: [.cancel(.postmortemReminder)])
        change.postmortem = report
        return change
    }

    /// Approves (archiving `archive`, the frozen document) or sends back a submitted report.
    /// `archive` is called only for an approval, with the report as it will be archived.
    public static func review(
        _ postmortem: Postmortem?, of incident: Incident, approve: Bool, comment: String, by who: PostmortemActor,
        policy: PostmortemPolicy, now: Date, archive: (Postmortem) -> (markdown: String, sha256: String)
    ) throws(PostmortemError) -> IncidentChange {
        guard var report = postmortem else { throw .noReport(incident.id) }
        guard let reviewer = who.person, policy.reviewers.contains(reviewer) else {
            throw .forbidden("only members of the emergency group (应急小组) may review fault reports; \(who.actor) is not one")
        }
        guard report.state == .submitted else {
            throw .wrongState(incident.id, report.state, report.state == .approved ? "it is archived already" : "it has not been submitted")
        }
        // Four eyes: an owner in the emergency group does not review their own report, unless nobody else could.
        guard reviewer != report.owner || policy.reviewers.count < 2 else {
            throw .forbidden("another member of the emergency group must review a report you wrote (\(report.owner))")
        }
        let comment = comment.trimmingCharacters(in: .whitespacesAndNewlines)
        guard approve || !comment.isEmpty else { throw .invalidDocument("sending a report back needs a comment saying what to change") }
        guard comment.count <= 20_000 else { throw .invalidDocument("the comment is longer than 20000 characters") }
        report.reviews.append(PostmortemReview(reviewer: reviewer, at: now, approved: approve, comment: comment))
        report.updatedAt = now
        var change = IncidentChange(incident: incident)
        if approve {
            report.state = .approved
            // Rendered with the approval in place, so the archived file says who approved it and when.
            report.archive = ArchivedReport(markdown: "", sha256: "", approvedBy: reviewer, approvedAt: now)
            let frozen = archive(report)
            report.archive = ArchivedReport(markdown: frozen.markdown, sha256: frozen.sha256, approvedBy: reviewer, approvedAt: now)
            change.events.append(event(.init(step: .approved, owner: report.owner, comment: comment, sha256: frozen.sha256), who, now))
        } else {
            report.state = .draft
            report.submittedAt = nil
            change.events.append(event(.init(step: .rejected, owner: report.owner, comment: comment), who, now))
            if policy.reminderLimit > 0 {
                change.timers.append(.schedule(.postmortemReminder, dueAt: reminderDue(after: now, policy: policy)))
            }
        }
        change.postmortem = report
        return change
    }

    /// A reminder timer came due: remind the owner of a draft, and schedule the next within the limit.
    public static func remind(_ postmortem: Postmortem?, of incident: Incident, policy: PostmortemPolicy, now: Date) -> IncidentChange {
        var change = IncidentChange(incident: incident)
        guard var report = postmortem, report.state == .draft, report.remindersSent < policy.reminderLimit else { return change }
        report.remindersSent += 1
        change.events.append(TimelineEvent(.postmortem(.init(
            step: .reminded, owner: report.owner, reminder: "\(report.remindersSent)/\(policy.reminderLimit)")),
            at: now, actor: IncidentLifecycle.daemonActor))
        if report.remindersSent < policy.reminderLimit {
            change.timers.append(.schedule(.postmortemReminder, dueAt: reminderDue(after: now, policy: policy)))
        }
        change.postmortem = report
        return change
    }

    /// Whether this actor may edit and submit the report: its owner or a member of the emergency group.
    public static func mayWrite(_ report: Postmortem, by who: PostmortemActor, policy: PostmortemPolicy) -> Bool {
        guard let person = who.person else { return report.owner == who.actor }
        return person == report.owner || policy.reviewers.contains(person)
    }

    static func writable(
        _ postmortem: Postmortem?, of incident: Incident, by who: PostmortemActor, policy: PostmortemPolicy, verb: String
    ) throws(PostmortemError) -> Postmortem {
        guard let report = postmortem else { throw .noReport(incident.id) }
        guard mayWrite(report, by: who, policy: policy) else {
            throw .forbidden("only the report's owner (\(report.owner)) or the emergency group may \(verb) it; \(who.actor) is neither")
        }
        switch report.state {
        case .draft: return report
        case .submitted: throw .wrongState(incident.id, .submitted, "it waits for review; a reviewer can send it back for changes")
        case .approved: throw .wrongState(incident.id, .approved, "it is archived and can no longer change")
        }
    }

    static func event(_ step: TimelineFacts.PostmortemStep, _ who: PostmortemActor, _ now: Date) -> TimelineEvent {
        TimelineEvent(.postmortem(step), at: now, actor: who.actor)
    }

    static func reminderDue(after now: Date, policy: PostmortemPolicy) -> Date {
        policy.calendar.addingWorkingDays(policy.remindAfterWorkingDays, to: now)
    }
}
