import Foundation
import Testing

@testable import OncallCore

// 2026: 09-25 Fri, 09-26 Sat, 09-27 Sun (make-up day), 09-30 Wed, 10-01…10-07 National Day,
// 10-08 Thu, 10-09 Fri, 10-10 Sat (make-up day), 10-11 Sun, 10-12 Mon.
private func instant(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }
private func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

private let nationalDay: WorkingCalendar = try! WorkingCalendar(
    timeZone: WorkingCalendar.standard.timeZone, workingHours: WorkingCalendar.standard.workingHours,
    restDays: [.saturday, .sunday], holidays: Set((0..<7).map { day("2026-10-01").adding(days: $0) }),
    makeupDays: [day("2026-09-27"), day("2026-10-10")])

private let policy = RequestPolicy(calendar: nationalDay, warnBefore: .seconds(4 * 3600), escalateTo: ["pm.li"], defaultOwner: "wang.fang")

private func form(_ kind: RequestKind, promised: LocalDate? = nil) -> ServiceRequest.Form {
    ServiceRequest.Form(kind: kind, subject: "WMS 3.2", organisation: "仓储中心", requester: "李雷", promisedDate: promised)
}

private func submitted(_ kind: RequestKind, at now: Date, promised: LocalDate? = nil) throws -> RequestChange {
    try RequestLifecycle.submit(form(kind, promised: promised), number: RequestNumber(42), actor: "unix:helpdesk", policy: policy, now: now)
}

@Suite("Service requests: working-day promises")
struct RequestLifecycleTests {
    @Test("deadlines count working days across a weekend, a make-up day, a holiday; 遇节假日顺延", arguments: [
        // Friday: Sat off, Sun 09-27 make-up (1), Mon–Wed (2–4), National Day skipped, Thu 10-08 (5).
        (RequestKind.softwareUpgrade, "2026-09-25T10:00:00+08:00", "2026-10-08T18:00:00+08:00"),
        // Friday 10-09: Sat 10-10 make-up (1), Sun off, Mon 10-12 (2).
        (.bugReport, "2026-10-09T15:00:00+08:00", "2026-10-12T18:00:00+08:00"),
        // Wednesday before the holiday: Thu 10-08 (1), Fri 10-09 (2).
        (.bugReport, "2026-09-30T17:30:00+08:00", "2026-10-09T18:00:00+08:00"),
        // A decision asked for on a holiday is due the next working day ("遇节假日顺延").
        (.newRequirement, "2026-10-03T11:00:00+08:00", "2026-10-08T18:00:00+08:00"),
        // Inspected the day it arrives.
        (.outOfWarrantyRepair, "2026-09-30T09:30:00+08:00", "2026-09-30T18:00:00+08:00"),
        // 10 working days from Fri 09-25: 09-27, 28, 29, 30, 10-08, 09, 10, 12, 13, 14.
        (.repairReturn, "2026-09-25T16:00:00+08:00", "2026-10-14T18:00:00+08:00"),
    ])
    func firstDeadline(kind: RequestKind, submittedAt: String, due: String) throws {
        let change = try submitted(kind, at: instant(submittedAt))
        let deadline = try #require(change.request.deadlines.first)
        #expect(deadline.dueAt == instant(due))
        #expect(change.timers.contains(.schedule(deadline.name, .missed, dueAt: instant(due))))
        #expect(change.request.steps == [.received])
        #expect(change.request.owner == "wang.fang")
    }

    @Test("the owner is warned the configured lead before a promise falls due")
    func warningTimer() throws {
        let change = try submitted(.bugReport, at: instant("2026-10-09T15:00:00+08:00"))
        #expect(change.timers == [
            .schedule(.decision, .missed, dueAt: instant("2026-10-12T18:00:00+08:00")),
            .schedule(.decision, .warn, dueAt: instant("2026-10-12T14:00:00+08:00")),
        ])
        let warned = RequestLifecycle.fire(
            RequestTimer(request: RequestNumber(42), deadline: .decision, action: .warn, dueAt: instant("2026-10-12T14:00:00+08:00")),
            on: change.request, policy: policy, now: instant("2026-10-12T14:00:00+08:00"))
        #expect(warned.notices == [RequestNotice(action: .warn, name: .decision, dueAt: instant("2026-10-12T18:00:00+08:00"), recipients: ["wang.fang"])])
    }

    @Test("a missed decision escalates to the project manager once")
    func missedOnce() throws {
        let request = try submitted(.bugReport, at: instant("2026-10-09T15:00:00+08:00")).request
        let timer = RequestTimer(request: request.number, deadline: .decision, action: .missed, dueAt: instant("2026-10-12T18:00:00+08:00"))
        let first = RequestLifecycle.fire(timer, on: request, policy: policy, now: instant("2026-10-12T18:00:01+08:00"))
        #expect(first.notices.map(\.recipients) == [["pm.li", "wang.fang"]])
        #expect(first.request.timeline.last?.what == .missed(.decision))
        let again = RequestLifecycle.fire(timer, on: first.request, policy: policy, now: instant("2026-10-12T18:05:00+08:00"))
        #expect(again.notices.isEmpty)
        #expect(again.request == first.request)
    }

    @Test("a promise kept in time cancels its timers, and a late timer then changes nothing")
    func keptInTime() throws {
        let request = try submitted(.bugReport, at: instant("2026-10-09T15:00:00+08:00")).request
        let decided = try RequestLifecycle.record(.decided, on: request, actor: "unix:wang", note: "fix in 3.2.1", policy: policy,
                                                  now: instant("2026-10-10T10:00:00+08:00"))
        #expect(decided.timers == [.cancel(.decision)])
        #expect(decided.request.deadlines[0].kept)
        let late = RequestLifecycle.fire(
            RequestTimer(request: request.number, deadline: .decision, action: .missed, dueAt: instant("2026-10-12T18:00:00+08:00")),
            on: decided.request, policy: policy, now: instant("2026-10-12T18:00:00+08:00"))
        #expect(late.notices.isEmpty)
    }

    @Test("feedback on a fix starts a 2-working-day check; the repair clock starts at the customer's confirmation")
    func laterClocks() throws {
        var bug = try submitted(.bugReport, at: instant("2026-09-25T10:00:00+08:00")).request
        for (step, at) in [(RequestStep.decided, "2026-09-25T11:00:00+08:00"), (.fixDelivered, "2026-09-28T11:00:00+08:00"),
                           (.feedback, "2026-09-30T10:00:00+08:00")] {
            bug = try RequestLifecycle.record(step, on: bug, actor: "unix:wang", policy: policy, now: instant(at)).request
        }
        #expect(bug.deadlines.last?.name == .feedbackCheck)
        #expect(bug.deadlines.last?.dueAt == instant("2026-10-09T18:00:00+08:00"))

        var repair = try submitted(.outOfWarrantyRepair, at: instant("2026-09-25T10:00:00+08:00")).request
        repair = try RequestLifecycle.record(.inspected, on: repair, actor: "unix:wang", policy: policy, now: instant("2026-09-25T15:00:00+08:00")).request
        repair = try RequestLifecycle.record(.confirmed, on: repair, actor: "unix:wang", policy: policy, now: instant("2026-09-29T10:00:00+08:00")).request
        // 7 working days after Tue 09-29: 09-30, 10-08, 09, 10, 12, 13, 14.
        #expect(repair.deadlines.map(\.name) == [.inspection, .repair])
        #expect(repair.deadlines[0].kept)
        #expect(repair.deadlines[1].dueAt == instant("2026-10-14T18:00:00+08:00"))
    }

    @Test("a new requirement's customer is told one working day before the promised date (a make-up Saturday counts)")
    func delayNotice() throws {
        let request = try submitted(.newRequirement, at: instant("2026-10-08T10:00:00+08:00"))
        let decided = try RequestLifecycle.record(.decided, on: request.request, actor: "unix:pm", promisedDate: day("2026-10-12"),
                                                  policy: policy, now: instant("2026-10-08T16:00:00+08:00"))
        #expect(decided.request.deadlines.map(\.name) == [.approval, .delayNotice])
        #expect(decided.request.deadlines[1].dueAt == instant("2026-10-10T18:00:00+08:00"))
    }

    @Test("steps outside the flow, before their prerequisite, twice, or after closing are refused")
    func refusedSteps() throws {
        let request = try submitted(.outOfWarrantyRepair, at: instant("2026-09-25T10:00:00+08:00")).request
        let now = instant("2026-09-25T11:00:00+08:00")
        #expect(throws: RequestError.stepNotAllowed(request.number, .decided,
                                                    reason: "a out_of_warranty_repair request has the steps inspected, confirmed, done, cancelled")) {
            try RequestLifecycle.record(.decided, on: request, actor: "a", policy: policy, now: now)
        }
        #expect(throws: RequestError.stepNotAllowed(request.number, .done, reason: "confirmed must be recorded first")) {
            try RequestLifecycle.record(.done, on: request, actor: "a", policy: policy, now: now)
        }
        let inspected = try RequestLifecycle.record(.inspected, on: request, actor: "a", policy: policy, now: now).request
        #expect(throws: RequestError.stepNotAllowed(request.number, .inspected, reason: "already recorded")) {
            try RequestLifecycle.record(.inspected, on: inspected, actor: "a", policy: policy, now: now)
        }
        let cancelled = try RequestLifecycle.record(.cancelled, on: inspected, actor: "a", policy: policy, now: now)
        #expect(cancelled.request.closedAt == now)
        #expect(throws: RequestError.stepNotAllowed(request.number, .confirmed, reason: "the request is closed")) {
            try RequestLifecycle.record(.confirmed, on: cancelled.request, actor: "a", policy: policy, now: now)
        }
    }

    @Test("bad forms are refused with the field named", arguments: [
        (ServiceRequest.Form(kind: .bugReport, subject: "  ", organisation: "o", requester: "r"), "subject"),
        (ServiceRequest.Form(kind: .bugReport, subject: "s", organisation: "o", requester: "r", promisedDate: LocalDate(iso: "2026-10-12")), "promised_date"),
        (ServiceRequest.Form(kind: .release, subject: "s", organisation: "o", requester: "r", reason: "hotfix"), "fixed_issues"),
        (ServiceRequest.Form(kind: .release, subject: "s", organisation: "o", requester: "r", reason: "x", fixedIssues: ["BUG-1"],
                             releaseDay: LocalDate(iso: "2026-10-13")), "release_day"),
    ])
    func badForms(form: ServiceRequest.Form, field: String) {
        do {
            _ = try RequestLifecycle.submit(form, number: RequestNumber(1), actor: "a", policy: policy, now: instant("2026-10-09T10:00:00+08:00"))
            Issue.record("accepted a bad form")
        } catch {
            guard case let .invalidField(name, _) = error else { Issue.record("\(error)"); return }
            #expect(name == field)
        }
    }

    @Test("promises kept per kind and month")
    func statistics() throws {
        let kept = try RequestLifecycle.record(.decided, on: submitted(.bugReport, at: instant("2026-10-09T15:00:00+08:00")).request,
                                               actor: "a", policy: policy, now: instant("2026-10-10T10:00:00+08:00")).request
        let missed = try RequestLifecycle.record(.decided, on: submitted(.bugReport, at: instant("2026-10-09T15:00:00+08:00")).request,
                                                 actor: "a", policy: policy, now: instant("2026-10-13T10:00:00+08:00")).request
        let open = try submitted(.softwareUpgrade, at: instant("2026-10-09T15:00:00+08:00")).request
        let statistics = RequestStatistics.compute([kept, missed, open], timeZone: nationalDay.timeZone, now: instant("2026-10-13T12:00:00+08:00"))
        #expect(statistics.rows == [
            .init(kind: .softwareUpgrade, month: "2026-10", kept: 0, missed: 0, open: 1),
            .init(kind: .bugReport, month: "2026-10", kept: 1, missed: 1, open: 0),
        ])
        #expect(statistics.rows[1].keptShare == 0.5)
    }
}

@Suite("Release calendar")
struct ReleaseScheduleTests {
    @Test("a release on a holiday Thursday moves to Friday")
    func holidayThursday() throws {
        let calendar = try WorkingCalendar(
            timeZone: WorkingCalendar.standard.timeZone, workingHours: WorkingCalendar.standard.workingHours,
            restDays: [.saturday, .sunday], holidays: [day("2026-12-03")])
        let windows = ReleaseSchedule.standard.windows(after: instant("2026-11-30T08:00:00+08:00"), weeks: 2, calendar: calendar)
        #expect(windows.map(\.day) == [day("2026-11-30"), day("2026-12-04"), day("2026-12-07"), day("2026-12-10")])
        #expect(windows[1].movedFrom == day("2026-12-03"))
        #expect(windows[1].start == instant("2026-12-04T19:00:00+08:00"))
        #expect(windows[1].end == instant("2026-12-04T22:00:00+08:00"))
    }

    @Test("a week of holidays folds both release days onto the next working day, once")
    func holidayWeek() {
        let windows = ReleaseSchedule.standard.windows(after: instant("2026-09-29T08:00:00+08:00"), weeks: 2, calendar: nationalDay)
        #expect(windows.map(\.day) == [day("2026-10-08"), day("2026-10-12")])
    }

    @Test("a release request's promises are its window: ready by the opening, released by the close")
    func releaseRequest() throws {
        let form = ServiceRequest.Form(kind: .release, subject: "WMS 3.2.1", organisation: "仓储中心", requester: "李雷",
                                       reason: "login timeouts", fixedIssues: ["REQ-000041"])
        let change = try RequestLifecycle.submit(form, number: RequestNumber(7), actor: "a", policy: policy, now: instant("2026-10-09T10:00:00+08:00"))
        #expect(change.request.window?.day == day("2026-10-12"))
        #expect(change.request.steps == [.applied])
        #expect(change.request.deadlines.map(\.dueAt) == [instant("2026-10-12T19:00:00+08:00"), instant("2026-10-12T22:00:00+08:00")])
    }
}
