import Foundation
import OncallAPI
import OncallCurl

// MARK: - Maintenance windows

extension OncallClient {
    /// Plans a maintenance window (`POST /v1/maintenance`).
    public func addMaintenance(_ request: MaintenanceRequestDTO) throws(ClientError) -> MaintenanceWindowDTO {
        try decodeAnswer(MaintenanceWindowDTO.self, from: send(method: "POST", path: "/v1/maintenance", body: encode(request)))
    }

    /// Windows not yet over, or all of them (`GET /v1/maintenance[?all=true]`).
    public func maintenanceWindows(all: Bool) throws(ClientError) -> [MaintenanceWindowDTO] {
        try decodeAnswer(MaintenanceListDTO.self, from: send(method: "GET", path: "/v1/maintenance" + (all ? "?all=true" : ""))).windows
    }

    /// Ends a window now (`POST /v1/maintenance/{id}/end`); `id` is `MW-3` or `3`.
    public func endMaintenance(_ id: String) throws(ClientError) -> MaintenanceWindowDTO {
        try decodeAnswer(
            MaintenanceWindowDTO.self,
            from: send(method: "POST", path: "/v1/maintenance/" + Self.escapeQuery(id) + "/end", body: encode(EmptyRequest())))
    }
}
