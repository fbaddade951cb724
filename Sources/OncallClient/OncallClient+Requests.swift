import Foundation
import OncallAPI
import OncallCurl

// MARK: - Service requests and releases

extension OncallClient {
    /// Submits a service request (`POST /v1/requests`).
    public func submitRequest(_ form: ServiceRequestFormDTO) throws(ClientError) -> ServiceRequestDTO {
        try decodeAnswer(ServiceRequestDTO.self, from: send(method: "POST", path: "/v1/requests", body: encode(form)))
    }

    /// Requests, newest first (`GET /v1/requests?open=…&kind=…&owner=…&limit=…`).
    public func requests(open: Bool?, kind: String?, owner: String?, limit: Int) throws(ClientError) -> [ServiceRequestDTO] {
        var query = ["limit=\(limit)"]
        if let open { query.append("open=\(open)") }
        if let kind { query.append("kind=" + Self.escapeQuery(kind)) }
        if let owner { query.append("owner=" + Self.escapeQuery(owner)) }
        return try decodeAnswer(ServiceRequestListDTO.self, from: send(method: "GET", path: "/v1/requests?" + query.joined(separator: "&"))).requests
    }

    /// One request (`GET /v1/requests/{number}`); `number` is `REQ-000042` or `42`.
    public func request(_ number: String) throws(ClientError) -> ServiceRequestDTO {
        try decodeAnswer(ServiceRequestDTO.self, from: send(method: "GET", path: "/v1/requests/" + Self.escapeQuery(number)))
    }

    /// Records a step (`POST /v1/requests/{number}/steps`).
    public func recordRequestStep(_ number: String, _ step: RequestStepDTO) throws(ClientError) -> ServiceRequestDTO {
        try decodeAnswer(
            ServiceRequestDTO.self, from: send(method: "POST", path: "/v1/requests/" + Self.escapeQuery(number) + "/steps", body: encode(step)))
    }

    /// The share of promises kept per kind and month (`GET /v1/requests/statistics`).
    public func requestStatistics() throws(ClientError) -> RequestStatisticsDTO {
        try decodeAnswer(RequestStatisticsDTO.self, from: send(method: "GET", path: "/v1/requests/statistics"))
    }

    /// The coming release windows (`GET /v1/releases?weeks=N`).
    public func releases(weeks: Int) throws(ClientError) -> [ServiceRequestDTO.Window] {
        try decodeAnswer(ReleaseListDTO.self, from: send(method: "GET", path: "/v1/releases?weeks=\(weeks)")).releases
    }
}
