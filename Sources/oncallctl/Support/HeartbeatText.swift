import Foundation
import OncallAPI

/// How heartbeats look on a terminal. Pure: the time zone is a parameter.
enum HeartbeatText {
    /// NAME, EVERY, LAST BEAT, DUE, STATUS, INCIDENT.
    static func table(_ heartbeats: [HeartbeatDTO], timeZone: TimeZone) -> [String] {
        guard !heartbeats.isEmpty else { return ["No heartbeats are configured."] }
        let time = IncidentText.formatter("yyyy-MM-dd HH:mm:ss", timeZone)
        let rows = heartbeats.map { heartbeat in
            [heartbeat.name, every(heartbeat), heartbeat.lastBeatAt.map(time.string(from:)) ?? "never", time.string(from: heartbeat.dueAt),
             heartbeat.status, heartbeat.incident ?? "-"]
        }
        return Table(headers: ["NAME", "EVERY", "LAST BEAT", "DUE", "STATUS", "INCIDENT"], rows: rows).render()
    }

    /// `nightly-backup up; next due 2026-12-05 03:00:00` and, when it ended an outage, `resolved INC-000042`.
    static func beat(_ beat: HeartbeatBeatDTO, timeZone: TimeZone) -> [String] {
        let time = IncidentText.formatter("yyyy-MM-dd HH:mm:ss", timeZone)
        return ["\(beat.heartbeat.name) \(beat.heartbeat.status); next due \(time.string(from: beat.heartbeat.dueAt))"]
            + (beat.resolved.map { ["resolved \($0)"] } ?? [])
    }

    /// `24h`, or `5m + 1m grace`.
    static func every(_ heartbeat: HeartbeatDTO) -> String {
        span(heartbeat.intervalSeconds) + (heartbeat.graceSeconds > 0 ? " + \(span(heartbeat.graceSeconds)) grace" : "")
    }

    static func span(_ seconds: Int64) -> String {
        var (rest, text) = (seconds, "")
        for (unit, size) in [("h", Int64(3600)), ("m", 60), ("s", 1)] where rest >= size {
            text += "\(rest / size)\(unit)"
            rest %= size
        }
        return text.isEmpty ? "0s" : text
    }
}
