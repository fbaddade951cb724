import Foundation

/// The service-request state machine: pure, `now` in, the request and its timer changes out.
/// Which steps follow which, and which promises they start and keep, come from `RequestKind.flow`.
public enum RequestLifecycle {
    /// The daemon's own timeline entries.
    public static let daemonActor = "oncalld"

    // MARK: - Submission

    /// A new request numbered `number`: its first step, and the promises that step starts.
    public static func submit(
        _ form: ServiceRequest.Form, number: RequestNumber, actor: String, policy: RequestPolicy, now: Date
    ) throws(RequestError) -> RequestChange {
        let form = try validated(form, policy: policy, now: now)
        var window: ReleaseWindow?
        if form.kind == .release {
            window = if let day = form.releaseDay {
                policy.releases.window(planned: day, calendar: policy.calendar)
            } else {
                policy.releases.nextWindow(after: now, calendar: policy.calendar)
            }
            guard let window, window.end > now else {
                throw .invalidField("release_day", "no release window left for \(form.releaseDay.map(String.init(describing:)) ?? "the next weeks")")
            }
        }
        let request = ServiceRequest(
            number: number, form: form, submittedAt: now, submittedBy: actor, owner: form.owner ?? policy.defaultOwner,
            window: window, promisedDate: form.promisedDate)
        var change = RequestChange(request: request)
        apply(form.kind.flow.first, at: form.receivedAt ?? now, actor: actor, note: nil, to: &change, policy: policy, now: now)
        return change
    }

    static func validated(_ form: ServiceRequest.Form, policy: RequestPolicy, now: Date) throws(RequestError) -> ServiceRequest.Form {
        var form = form
        func required(_ value: String, _ field: String) throws(RequestError) -> String {
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { throw .invalidField(field, "must not be empty") }
            guard trimmed.count <= 2_000 else { throw .invalidField(field, "longer than 2000 characters") }
            return trimmed
        }
        form.subject = try required(form.subject, "subject")
        form.organisation = try required(form.organisation, "organisation")
        form.requester = try required(form.requester, "requester")
        if let owner = form.owner, !policy.people.isEmpty, !policy.people.contains(owner) {
            throw .invalidField("owner", "'\(owner)' is not a person under people")
        }
        if let received = form.receivedAt, received > now { throw .invalidField("received_at", "must not be in the future") }
        if form.promisedDate != nil, form.kind != .newRequirement {
            throw .invalidField("promised_date", "only a new_requirement has a promised date")
        }
        if form.kind == .release {
            form.reason = try required(form.reason ?? "", "reason")
            guard !form.fixedIssues.isEmpty else { throw .invalidField("fixed_issues", "a release names the issues it fixes") }
            let services = (form.services ?? []).map { $0.trimmingCharacters(in: .whitespaces) }
            if services.contains(where: \.isEmpty) { throw .invalidField("services", "must not contain an empty name") }
            form.services = services.isEmpty ? nil : services
            if let day = form.releaseDay, !policy.releases.weekdays.contains(day.weekday) {
                throw .invalidField("release_day", "\(day) is not a release day (\(policy.releases.weekdays.map(\.englishName).sorted().joined(separator: ", ")))")
            }
        } else if form.reason != nil || !form.fixedIssues.isEmpty || form.releaseDay != nil || form.services != nil {
            let field = form.releaseDay != nil ? "release_day" : form.reason != nil ? "reason" : form.services != nil ? "services" : "fixed_issues"
            throw .invalidField(field, "only a release request has it")
        }
        return form
    }

    // MARK: - Steps

    /// Records `step` by `actor`: the promises it keeps end, the ones it starts get their timers.
    /// `promisedDate` goes with a new requirement's decision (or a later one replacing it).
    public static func record(
        _ step: RequestStep, on request: ServiceRequest, actor: String, note: String? = nil, promisedDate: LocalDate? = nil,
        policy: RequestPolicy, now: Date
    ) throws(RequestError) -> RequestChange {
        let number = request.number
        guard request.isOpen else { throw .stepNotAllowed(number, step, reason: "the request is closed") }
        var change = RequestChange(request: request)
        if let promisedDate {
            guard request.kind == .newRequirement, step == .decided || step == .delayNotified else {
                throw .invalidField("promised_date", "only a new requirement's decided or delay_notified step sets a promised date")
            }
            change.request.promisedDate = promisedDate
        }
        if step == .cancelled {
            change.request.timeline.append(.init(at: now, actor: actor, what: .step(.cancelled), note: note))
            close(&change, now: now)
            return change
        }
        let flow = request.kind.flow
        guard let rule = flow.steps.first(where: { $0.step == step }) else {
            let names = flow.stepNames.map(\.rawValue).joined(separator: ", ")
            throw .stepNotAllowed(number, step, reason: "a \(request.kind.rawValue) request has the steps \(names)")
        }
        let recorded = request.steps
        if !rule.repeatable, recorded.contains(step) { throw .stepNotAllowed(number, step, reason: "already recorded") }
        guard recorded.contains(rule.after) else {
            throw .stepNotAllowed(number, step, reason: "\(rule.after.rawValue) must be recorded first")
        }
        apply(step, at: now, actor: actor, note: note, to: &change, policy: policy, now: now)
        // A new promised date moves the running notice promise.
        if promisedDate != nil, step == .delayNotified {
            restart(.delayNotice, from: now, in: &change, policy: policy, now: now)
        }
        if step == flow.closingStep { close(&change, now: now) }
        return change
    }

    /// Appends the step, keeps the open promises it meets and starts the ones it begins.
    static func apply(_ step: RequestStep, at: Date, actor: String, note: String?, to change: inout RequestChange, policy: RequestPolicy, now: Date) {
        change.request.timeline.append(.init(at: at, actor: actor, what: .step(step), note: note))
        let flow = change.request.kind.flow
        for promise in flow.promises where promise.metBy.contains(step) {
            for index in change.request.deadlines.indices where change.request.deadlines[index].name == promise.name && change.request.deadlines[index].isOpen {
                change.request.deadlines[index].metAt = at
                change.timers.append(.cancel(promise.name))
            }
        }
        for promise in flow.promises where promise.startsAt == step {
            // A promise still running (feedback again before the last was checked) keeps its earlier due time.
            guard !change.request.deadlines.contains(where: { $0.name == promise.name && $0.isOpen }) else { continue }
            start(promise, from: at, in: &change, policy: policy, now: now)
        }
    }

    static func restart(_ name: RequestDeadlineName, from start: Date, in change: inout RequestChange, policy: RequestPolicy, now: Date) {
        guard let promise = change.request.kind.flow.promises.first(where: { $0.name == name }) else { return }
        for index in change.request.deadlines.indices where change.request.deadlines[index].name == name && change.request.deadlines[index].isOpen {
            change.request.deadlines[index].cancelledAt = now
        }
        change.timers.append(.cancel(name))
        self.start(promise, from: start, in: &change, policy: policy, now: now)
    }

    static func start(_ promise: RequestFlow.Promise, from start: Date, in change: inout RequestChange, policy: RequestPolicy, now: Date) {
        guard let due = dueAt(promise, from: start, request: change.request, policy: policy) else { return }
        let warnAt = due.adding(.zero - policy.warnBefore)
        let warns = warnAt > now && warnAt > start
        change.request.deadlines.append(.init(name: promise.name, startedAt: start, dueAt: due, warnAt: warns ? warnAt : nil))
        change.timers.append(.schedule(promise.name, .missed, dueAt: due))
        if warns { change.timers.append(.schedule(promise.name, .warn, dueAt: warnAt)) }
    }

    /// When a promise started at `start` falls due; nil when it cannot run (no promised date yet).
    public static func dueAt(_ promise: RequestFlow.Promise, from start: Date, request: ServiceRequest, policy: RequestPolicy) -> Date? {
        let calendar = policy.calendar
        switch promise.due {
        case .workingDays:
            return calendar.addingWorkingDays(policy.workingDays(request.kind, promise) ?? 0, to: start)
        case .workingDaysBeforePromisedDate:
            guard let promised = request.promisedDate else { return nil }
            let day = calendar.workingDay(policy.workingDays(request.kind, promise) ?? 0, before: promised)
            return calendar.addingWorkingDays(0, to: day.start(in: calendar.timeZone))
        case .releaseWindowStart:
            return request.window?.start
        case .releaseWindowEnd:
            return request.window?.end
        }
    }

    /// Closes the request; promises still open end unkept and their timers go.
    static func close(_ change: inout RequestChange, now: Date) {
        change.request.closedAt = now
        for index in change.request.deadlines.indices where change.request.deadlines[index].isOpen {
            change.request.deadlines[index].cancelledAt = now
            change.timers.append(.cancel(change.request.deadlines[index].name))
        }
    }

    // MARK: - Timers

    /// A request timer came due: warn the owner, or record the miss and tell the project managers.
    /// A promise already kept (or cancelled) changes nothing.
    public static func fire(_ timer: RequestTimer, on request: ServiceRequest, policy: RequestPolicy, now: Date) -> RequestChange {
        var change = RequestChange(request: request)
        guard let index = request.deadlines.lastIndex(where: { $0.name == timer.deadline && $0.isOpen }) else { return change }
        let deadline = request.deadlines[index]
        let owner = request.owner.map { [$0] } ?? []
        switch timer.action {
        case .warn:
            guard deadline.warnedAt == nil, deadline.missedAt == nil else { return change }
            change.request.deadlines[index].warnedAt = now
            change.request.timeline.append(.init(at: now, actor: daemonActor, what: .warned(deadline.name)))
            change.notices.append(.init(action: .warn, name: deadline.name, dueAt: deadline.dueAt, recipients: owner.isEmpty ? policy.escalateTo : owner))
        case .missed:
            guard deadline.missedAt == nil else { return change }
            change.request.deadlines[index].missedAt = now
            change.request.timeline.append(.init(at: now, actor: daemonActor, what: .missed(deadline.name)))
            var recipients = policy.escalateTo
            for person in owner where !recipients.contains(person) { recipients.append(person) }
            change.notices.append(.init(action: .missed, name: deadline.name, dueAt: deadline.dueAt, recipients: recipients))
        }
        return change
    }
}
