import Foundation
import Hummingbird
import OncallCore

/// The pages about what holds or raises pages, which only read: maintenance windows and heartbeats.
extension WebRoutes {
    func maintenance(_ viewer: WebViewer) async throws -> Response {
        let page = MaintenancePage(windows: try await dependencies.maintenanceWindows(), now: dependencies.now(), format: format)
        return html(MaintenancePage.title, page.render(), viewer: viewer, current: "/web/maintenance")
    }

    func heartbeats(_ viewer: WebViewer) async throws -> Response {
        let page = HeartbeatsPage(readings: try await dependencies.heartbeats(), format: format)
        return html(HeartbeatsPage.title, page.render(), viewer: viewer, current: "/web/heartbeats")
    }
}
