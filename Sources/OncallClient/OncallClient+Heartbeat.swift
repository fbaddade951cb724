import Foundation
import OncallAPI
import OncallCurl

// MARK: - Heartbeats

extension OncallClient {
    /// Beats a heartbeat (`POST /v1/heartbeats/{name}`).
    public func beatHeartbeat(_ name: String) throws(ClientError) -> HeartbeatBeatDTO {
        try decodeAnswer(
            HeartbeatBeatDTO.self, from: send(method: "POST", path: "/v1/heartbeats/" + Self.escapeQuery(name), body: encode(EmptyRequest())))
    }

    /// Every configured heartbeat and where it stands (`GET /v1/heartbeats`).
    public func heartbeats() throws(ClientError) -> [HeartbeatDTO] {
        try decodeAnswer(HeartbeatListDTO.self, from: send(method: "GET", path: "/v1/heartbeats")).heartbeats
    }
}
