import Foundation
import OncallAPI
import OncallConfig

/// Who is on call at an instant, from the configuration in force.
enum OnCallView {
    static func snapshot(_ config: DaemonConfig, at: Date) -> OnCallDTO {
        OnCallDTO(
            at: at, engineers: config.oncallEngineers, projectManagers: config.projectManagers,
            emergencyGroup: config.emergencyGroup, schedules: [], handoffs: [],
            names: Dictionary(config.people.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first }))
    }
}
