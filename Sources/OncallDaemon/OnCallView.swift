import Foundation
import OncallAPI
import OncallConfig
import OncallCore

/// Who is on call at an instant, from the configuration in force.
enum OnCallView {
    static func snapshot(_ config: DaemonConfig, at: Date) -> OnCallDTO {
        let roster = OnCallRoster(schedules: config.schedules)
        let schedules = config.schedules.map { schedule in
            OnCallDTO.Schedule(id: schedule.id, name: schedule.name, onCall: schedule.onCall(at: at, calendar: config.calendar))
        }
        let handoffs = config.schedules.flatMap { schedule in
            schedule.nextHandoffs(after: at, calendar: config.calendar, count: 3).map { handoff in
                OnCallDTO.Handoff(schedule: schedule.id, at: handoff.at, from: handoff.from, to: handoff.to, reason: handoff.reason.description)
            }
        }.sorted { $0.at < $1.at }
        return OnCallDTO(
            at: at, engineers: roster.engineersOnCall(at: at, calendar: config.calendar, fallback: config.oncallEngineers),
            projectManagers: config.projectManagers, emergencyGroup: config.emergencyGroup, schedules: schedules,
            handoffs: Array(handoffs.prefix(10)),
            names: Dictionary(config.people.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first }))
    }
}
