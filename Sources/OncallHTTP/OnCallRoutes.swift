import Foundation
import Hummingbird
import OncallAPI
import OncallCore

/// `GET /v1/oncall` and `GET /v1/incidents/{id}/deliveries`: who is on call, and who was contacted.
struct OnCallRoutes {
    let dependencies: APIDependencies

    func register(on router: some RouterMethods<OncallRequestContext>) {
        router.get("/v1/oncall") { request, _ in
            var at = dependencies.clock.now
            for (key, value) in request.uri.queryParameters {
                guard key == "at" else {
                    throw APIFailure(status: .badRequest, code: "invalid_field", message: "\(key): unknown query parameter; allowed: at", field: String(key))
                }
                guard let date = APIDates.parse(String(value)) else {
                    throw APIFailure(status: .badRequest, code: "invalid_field", message: "at: must be an RFC 3339 time", field: "at")
                }
                at = date
            }
            return JSONResponse.make(dependencies.settings.api.onCall(at))
        }
        router.get("/v1/incidents/:id/deliveries") { _, context in
            let text = context.parameters.get("id") ?? ""
            guard let id = IncidentNumber(text), try await dependencies.service.incident(id) != nil else {
                throw APIFailure(status: .notFound, code: "not_found", message: "no incident \(text)")
            }
            let records = try await dependencies.store.deliveries.deliveries(of: id)
            return JSONResponse.make(DeliveryListDTO(incident: id.description, deliveries: records.map(DeliveryDTO.init)))
        }
    }
}
