import Foundation
import Hummingbird
import OncallAPI
import OncallCore

/// `/v1/maintenance`: plan a maintenance window, list them, end one early.
struct MaintenanceRoutes {
    let dependencies: APIDependencies

    func register(on router: some RouterMethods<OncallRequestContext>) {
        guard let maintenance = dependencies.maintenance else { return }
        let clock = dependencies.clock
        router.post("/v1/maintenance") { request, context in
            let body = try await RouteHelpers.decode(
                MaintenanceRequestDTO.self, request, maxBodyBytes: dependencies.settings.api.maxBodyBytes)
            let window = try await maintenance.add(try body.request(), actor: RouteHelpers.caller(context))
            context.logger.notice("maintenance window planned", metadata: [
                "maintenance.id": "\(window.label)", "caller": "\(RouteHelpers.caller(context))",
            ])
            return JSONResponse.make(status: .created, MaintenanceWindowDTO(window, now: clock.now))
        }
        router.get("/v1/maintenance") { request, _ in
            var all = false
            for (key, value) in request.uri.queryParameters {
                guard key == "all" else { throw RouteHelpers.invalidQuery(String(key), "unknown query parameter; allowed: all") }
                guard let flag = Bool(String(value)) else { throw RouteHelpers.invalidQuery("all", "must be true or false") }
                all = flag
            }
            let windows = try await maintenance.windows(includingPast: all)
            let now = clock.now
            return JSONResponse.make(MaintenanceListDTO(windows: windows.map { MaintenanceWindowDTO($0, now: now) }))
        }
        router.post("/v1/maintenance/:id/end") { request, context in
            _ = try await RouteHelpers.decode(EmptyRequest.self, request, maxBodyBytes: dependencies.settings.api.maxBodyBytes)
            let text = context.parameters.get("id") ?? ""
            guard let id = Self.windowNumber(text), let window = try await maintenance.end(id, actor: RouteHelpers.caller(context)) else {
                throw APIFailure(status: .notFound, code: "not_found", message: "no maintenance window \(text)")
            }
            context.logger.notice("maintenance window ended", metadata: [
                "maintenance.id": "\(window.label)", "caller": "\(RouteHelpers.caller(context))",
            ])
            return JSONResponse.make(MaintenanceWindowDTO(window, now: clock.now))
        }
    }

    /// `MW-12`, `mw-12` or `12`.
    static func windowNumber(_ text: String) -> Int64? {
        let digits = text.uppercased().hasPrefix("MW-") ? String(text.dropFirst(3)) : text
        guard let number = Int64(digits), number > 0 else { return nil }
        return number
    }
}
