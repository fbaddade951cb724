import Foundation

/// The SLA deadlines of a visit (SPEC.md "Support service levels") and whether each was met.
///
/// Deadlines are data: the caller schedules a durable timer per deadline and, when one fires,
/// asks `status` (or `breach`) with the visit as it then stands. A timer whose purpose was
/// met, or whose visit was declined or cancelled in time, changes nothing — like the incident
/// timers, they are not cancelled one by one as steps happen.
public enum DispatchDeadlines {
    /// Every deadline `visit` is held to:
    /// - `accept`: `acceptBy` (dispatch + accept time);
    /// - `arrival`: `arriveBy` (request + 1 h covered / 48 h uncovered, wall-clock);
    /// - `callback` (in-warranty sites only): `requestedAt` plus the policy's call-back time in
    ///   the calendar's working time, so a request on Friday afternoon is due on Monday and one
    ///   before a public holiday after it;
    /// - `repair` (chargeable visits, once the customer confirmed): due at the end of the
    ///   `repairMaxDays`-th working day after the confirmation, not before the end of the
    ///   `repairMinDays`-th.
    ///
    /// The same visit always gives the same deadlines, so the caller may recompute after every
    /// step and (re)schedule idempotently; `repair` appears once `confirmRepair` is applied.
    public static func compute(for visit: Visit, policy: DispatchPolicy, calendar: WorkingCalendar) -> [DispatchDeadline] {
        var deadlines = [
            DispatchDeadline(kind: .accept, dueAt: visit.acceptBy),
            DispatchDeadline(kind: .arrival, dueAt: visit.arriveBy),
        ]
        if visit.warranty.isInWarranty {
            deadlines.append(DispatchDeadline(
                kind: .callback, dueAt: calendar.addingWorkingTime(policy.callbackWithin, to: visit.requestedAt)))
        }
        if visit.chargeable, let confirmed = visit.customerConfirmedAt {
            deadlines.append(DispatchDeadline(
                kind: .repair, dueAt: calendar.addingWorkingDays(policy.repairMaxDays, to: confirmed),
                notBefore: calendar.addingWorkingDays(policy.repairMinDays, to: confirmed)))
        }
        return deadlines
    }

    /// Where `visit` stands against `deadline` at `now`.
    ///
    /// Met by: `accept` — accepting; `arrival` — reporting on site; `callback` — the call-back,
    /// or the engineer on site (the customer has then certainly heard from us); `repair` —
    /// completing. Meeting it exactly at `dueAt` counts as met.
    public static func status(of deadline: DispatchDeadline, visit: Visit, now: Date) -> DeadlineStatus {
        let metAt: Date? = switch deadline.kind {
        case .accept: visit.acceptedAt
        case .arrival: visit.arrivedAt
        case .callback: [visit.calledBackAt, visit.arrivedAt].compactMap { $0 }.min()
        case .repair: visit.completedAt
        }
        if let metAt, metAt <= deadline.dueAt { return .met(at: metAt) }
        // Declined or cancelled before it came due: the promise moved on with a re-dispatch.
        if visit.state == .declined || visit.state == .cancelled, let ended = visit.endedAt, ended < deadline.dueAt {
            return .void
        }
        if now < deadline.dueAt { return .pending }
        return .breached(metLateAt: metAt)
    }

    /// Whether `deadline` is breached at `now` (late or still outstanding), given the visit's state.
    public static func breach(_ deadline: DispatchDeadline, visit: Visit, now: Date) -> Bool {
        status(of: deadline, visit: visit, now: now).isBreached
    }

    /// The deadline of `kind` for `visit`, if it is held to one (e.g. to rebuild a fired timer's deadline).
    public static func deadline(
        _ kind: DispatchDeadlineKind, for visit: Visit, policy: DispatchPolicy, calendar: WorkingCalendar
    ) -> DispatchDeadline? {
        compute(for: visit, policy: policy, calendar: calendar).first { $0.kind == kind }
    }
}
