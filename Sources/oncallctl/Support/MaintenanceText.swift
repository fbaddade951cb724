import Foundation
import OncallAPI

/// How maintenance windows look on a terminal. Pure: the time zone is a parameter.
enum MaintenanceText {
    /// ID, STATUS, STARTS, ENDS (local), COVERS, REASON.
    static func table(_ windows: [MaintenanceWindowDTO], timeZone: TimeZone) -> [String] {
        guard !windows.isEmpty else { return ["No maintenance windows."] }
        let time = IncidentText.formatter("yyyy-MM-dd HH:mm", timeZone)
        let rows = windows.map { window in
            let end = min(window.endsAt, window.endedAt ?? window.endsAt)
            let covers = window.services + window.matchers.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            return [window.id, window.status, time.string(from: window.startsAt), time.string(from: end), covers.joined(separator: ","), window.reason]
        }
        return Table(headers: ["ID", "STATUS", "STARTS", "ENDS", "COVERS", "REASON"], rows: rows, maxWidths: [nil, nil, nil, nil, 30, 40]).render()
    }
}
