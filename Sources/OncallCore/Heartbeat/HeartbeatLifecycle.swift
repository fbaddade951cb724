import Foundation
import OncallSupport

/// Pure decisions about heartbeats: arming one, recording a beat, noticing a miss and the report
/// it files. Every function takes `now`; the loop and the store act on what they return.
public enum HeartbeatLifecycle {
    /// The actor a missed heartbeat's incident is reported by.
    public static func actor(_ name: String) -> String { "heartbeat:" + name }

    /// The state of a heartbeat seen for the first time: its first beat is due an interval and a grace from now.
    public static func arm(_ heartbeat: Heartbeat, now: Date) -> HeartbeatState {
        HeartbeatState(name: heartbeat.name, armedAt: now, dueAt: due(heartbeat, after: now))
    }

    /// When a heartbeat whose last beat (or arming) was at `instant` is missed.
    public static func due(_ heartbeat: Heartbeat, after instant: Date) -> Date {
        instant.adding(heartbeat.interval).adding(heartbeat.grace)
    }

    /// A beat at `now`: the next is due an interval and a grace later, and any outage is over (the
    /// caller resolves `state.incident`, the one the beat ends).
    public static func beat(_ state: HeartbeatState, of heartbeat: Heartbeat, by actor: String, now: Date) -> HeartbeatState {
        var next = state
        next.lastBeatAt = now
        next.lastBeatBy = actor
        next.dueAt = due(heartbeat, after: now)
        next.incident = nil
        next.beats += 1
        return next
    }

    /// Whether the heartbeat is missed at `now` and has no incident yet: the loop opens one.
    public static func needsIncident(_ state: HeartbeatState, now: Date) -> Bool {
        state.incident == nil && state.dueAt <= now
    }

    /// The state with its due time recomputed after the interval or grace changed (a reload), or
    /// nil when nothing changes. An outage keeps its due time: it is when the heartbeat was missed.
    public static func rescheduled(_ state: HeartbeatState, for heartbeat: Heartbeat) -> HeartbeatState? {
        guard state.incident == nil else { return nil }
        let wanted = due(heartbeat, after: state.lastBeatAt ?? state.armedAt)
        guard !sameInstant(wanted, state.dueAt) else { return nil }
        var next = state
        next.dueAt = wanted
        return next
    }

    /// The report a missed heartbeat files. It carries no outage start: a silent job says nothing
    /// of how long users have been affected, so the level stays the configured one.
    public static func report(_ heartbeat: Heartbeat, state: HeartbeatState) -> ReportForm {
        let expected = state.dueAt.adding(.zero - heartbeat.grace)
        let last = state.lastBeatAt.map { "last beat \(RFC3339.format($0)) by \(state.lastBeatBy ?? "unknown")" }
            ?? "no beat since it was armed \(RFC3339.format(state.armedAt))"
        return ReportForm(
            subject: heartbeat.title, organisation: heartbeat.organisation, reporter: actor(heartbeat.name),
            situation: "heartbeat \(heartbeat.name) missed: \(last); expected every \(heartbeat.interval.compact)"
                + (heartbeat.grace > .zero ? " with \(heartbeat.grace.compact) grace" : ""),
            description: "A beat was expected by \(RFC3339.format(expected)) and none came by \(RFC3339.format(state.dueAt)). "
                + "The next beat resolves this incident.",
            other: "heartbeat: \(heartbeat.name)", scope: heartbeat.scope, service: heartbeat.service)
    }

    /// The idempotency key of the report for the miss at `dueAt`: a restart that repeats the report
    /// finds the incident it opened before instead of opening a second one.
    public static func reportKey(_ name: String, dueAt: Date) -> String {
        "heartbeat:\(name):\(Int64((dueAt.timeIntervalSince1970 * 1000).rounded()))"
    }

    /// The resolution summary written on the incident a beat ends.
    public static func resolutionSummary(_ name: String, by actor: String) -> String {
        "heartbeat \(name) beat again (\(actor))"
    }

    /// Where the heartbeat stands at `now`.
    public static func status(_ state: HeartbeatState, of heartbeat: Heartbeat, now: Date) -> HeartbeatStatus {
        if state.incident != nil || state.dueAt <= now { return .missed }
        guard let last = state.lastBeatAt else { return .waiting }
        return now < last.adding(heartbeat.interval) ? .up : .late
    }

    /// Instants read back from a store may differ in the last bit after the trip through `Date`.
    public static func sameInstant(_ a: Date, _ b: Date) -> Bool {
        abs(a.timeIntervalSince1970 - b.timeIntervalSince1970) < 0.001
    }
}
