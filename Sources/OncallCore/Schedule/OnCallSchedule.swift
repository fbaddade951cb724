import Foundation

/// A named on-call schedule: ordered layers of rotations, and overrides on top.
///
/// At any instant an override that covers it wins (every covering override's person, in list
/// order); otherwise the first layer whose restriction matches and that has someone on call
/// gives the one person on call.
public struct OnCallSchedule: Sendable, Equatable, Identifiable {
    /// Unique among schedules (e.g. `primary`).
    public var id: String
    /// Display name (e.g. `一线值班`).
    public var name: String
    /// Layers in priority order; the first that applies and yields someone wins.
    public var layers: [ScheduleLayer]
    /// People covering time ranges, replacing the layers there.
    public var overrides: [ScheduleOverride]

    /// How far ahead `nextHandoffs` looks by default, in days.
    public static let defaultScanDays = 60

    /// A schedule.
    public init(id: String, name: String, layers: [ScheduleLayer], overrides: [ScheduleOverride] = []) {
        self.id = id
        self.name = name
        self.layers = layers
        self.overrides = overrides
    }

    /// The person ids on call at `instant`: the override people if any override covers it, else
    /// the first applicable layer's person, else nobody.
    public func onCall(at instant: Date, calendar: WorkingCalendar) -> [String] {
        coverage(at: instant, calendar: calendar).people
    }

    /// The next `count` changes of who is on call strictly after `after`, in order, each with
    /// its cause; looks at most `scanDays` days ahead, so it may return fewer.
    ///
    /// Candidate instants are every layer's rotation boundaries and start, the edges of every
    /// working span of every working day, and every override's start and end; a candidate is
    /// kept when the people on call there differ from those just before it.
    public func nextHandoffs(
        after: Date, calendar: WorkingCalendar, count: Int, scanDays: Int = OnCallSchedule.defaultScanDays
    ) -> [Handoff] {
        guard count > 0, scanDays > 0 else { return [] }
        let horizon = after.addingTimeInterval(TimeInterval(scanDays) * 86_400)
        var previous = coverage(at: after, calendar: calendar)
        var handoffs: [Handoff] = []
        for instant in candidates(after: after, through: horizon, calendar: calendar) {
            let current = coverage(at: instant, calendar: calendar)
            if current.people != previous.people {
                handoffs.append(Handoff(
                    at: instant, from: previous.people, to: current.people,
                    reason: reason(from: previous, to: current)))
                if handoffs.count == count { break }
            }
            previous = current
        }
        return handoffs
    }

    // MARK: - Helpers

    /// Who is on call and why: the covering overrides (indices), the layer that applies, and
    /// whether it is working time.
    private func coverage(
        at instant: Date, calendar: WorkingCalendar
    ) -> (people: [String], overrides: [Int], layer: Int?, working: Bool) {
        let working = calendar.isWorkingTime(instant)
        let covering = overrides.indices.filter { overrides[$0].covers(instant) }
        if !covering.isEmpty {
            var people: [String] = []
            for index in covering where !people.contains(overrides[index].person) {
                people.append(overrides[index].person)
            }
            return (people, covering, nil, working)
        }
        for (index, layer) in layers.enumerated() {
            if let person = layer.onCall(at: instant, isWorkingTime: working) {
                return ([person], [], index, working)
            }
        }
        return ([], [], nil, working)
    }

    /// The cause of a change between two coverages.
    private func reason(
        from before: (people: [String], overrides: [Int], layer: Int?, working: Bool),
        to after: (people: [String], overrides: [Int], layer: Int?, working: Bool)
    ) -> HandoffReason {
        if before.overrides != after.overrides {
            return after.overrides.contains(where: { !before.overrides.contains($0) }) ? .overrideStart : .overrideEnd
        }
        // A different layer took over as working time began or ended, and one of the two layers
        // depends on working time (otherwise a rotation started, or one ran out of people).
        let restricted = [before.layer, after.layer].contains { index in
            index.map { layers[$0].restriction != .always } ?? false
        }
        if before.layer != after.layer, before.working != after.working, restricted {
            return after.working ? .workingHoursStart : .workingHoursEnd
        }
        // No override on either side, so the people come from layers and at least one side has one.
        let layer = after.layer ?? before.layer ?? 0
        return .rotation(layers.indices.contains(layer) ? layers[layer].rotation.id : "")
    }

    /// Every instant in `(after, end]` where the people on call could change, sorted, no repeats.
    private func candidates(after: Date, through end: Date, calendar: WorkingCalendar) -> [Date] {
        var instants = Set<Date>()
        func add(_ instant: Date) {
            if instant > after, instant <= end { instants.insert(instant) }
        }
        for layer in layers {
            instants.formUnion(layer.rotation.boundaries(after: after, through: end))
            add(layer.rotation.start)
        }
        for override in overrides where override.start < override.end {
            add(override.start)
            add(override.end)
        }
        if layers.contains(where: { $0.restriction != .always }) {
            let zoned = ZonedCalendar(timeZone: calendar.timeZone)
            var day = zoned.localDate(of: after)
            let lastDay = zoned.localDate(of: end)
            while day <= lastDay {
                if calendar.isWorkingDay(day) {
                    for span in calendar.workingHours {
                        add(zoned.instant(on: day, at: span.start))
                        add(zoned.instant(on: day, at: span.end))
                    }
                }
                day = day.adding(days: 1)
            }
        }
        return instants.sorted()
    }
}
