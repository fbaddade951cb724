import Foundation
import Hummingbird
import NIOCore
import OncallAPI
import OncallCore

/// An error answer with a JSON `APIErrorBody`. Every refusal the API makes is one of these.
public struct APIFailure: Error, Sendable {
    public var status: HTTPResponse.Status
    public var body: APIErrorBody

    public init(status: HTTPResponse.Status, code: String, message: String, field: String? = nil, explanation: [String]? = nil) {
        self.status = status
        body = APIErrorBody(code: code, message: message, field: field, explanation: explanation)
    }

    /// The JSON response for this failure.
    public var response: Response {
        JSONResponse.make(status: status, body)
    }

    /// Maps errors from the layers below to the answer a client should see, once, here.
    public static func from(_ error: any Error) -> APIFailure? {
        switch error {
        case let failure as APIFailure:
            return failure
        case let error as APIRequestError:
            return APIFailure(status: .init(code: error.status), code: error.body.error.code,
                              message: error.body.error.message, field: error.body.error.field)
        case let error as LifecycleError:
            switch error {
            case .illegalTransition:
                return APIFailure(status: .conflict, code: "conflict", message: error.description)
            case let .invalidField(field, _):
                return APIFailure(status: .unprocessableContent, code: "invalid_field", message: error.description, field: field)
            }
        case let error as IncidentService.DispatchUnavailable:
            switch error {
            case .notConfigured:
                return APIFailure(status: .conflict, code: "not_configured", message: error.description)
            case let .noEngineer(decision):
                return APIFailure(status: .conflict, code: "no_engineer", message: error.description, explanation: decision.explanation)
            }
        case let error as DispatchError:
            switch error {
            case .illegalStep:
                return APIFailure(status: .conflict, code: "conflict", message: error.description)
            case let .invalidField(field, _):
                return APIFailure(status: .unprocessableContent, code: "invalid_field", message: error.description, field: field)
            case .invalidRegion:
                return APIFailure(status: .unprocessableContent, code: "invalid_field", message: error.description, field: "region")
            case .noEngineerChosen:
                return APIFailure(status: .conflict, code: "no_engineer", message: error.description)
            }
        case let error as RequestError:
            switch error {
            case .notFound: return APIFailure(status: .notFound, code: "not_found", message: error.description)
            case .stepNotAllowed: return APIFailure(status: .conflict, code: "conflict", message: error.description)
            case let .invalidField(field, _):
                return APIFailure(status: .unprocessableContent, code: "invalid_field", message: error.description, field: field)
            }
        case let error as PostmortemError:
            switch error {
            case .noReport: return APIFailure(status: .notFound, code: "not_found", message: error.description)
            case .forbidden: return APIFailure(status: .forbidden, code: "forbidden", message: error.description)
            case .wrongState: return APIFailure(status: .conflict, code: "conflict", message: error.description)
            case .editConflict: return APIFailure(status: .conflict, code: "edit_conflict", message: error.description)
            case .incomplete, .invalidDocument:
                return APIFailure(status: .unprocessableContent, code: "invalid_report", message: error.description)
            }
        case let error as StoreError:
            switch error {
            case .notFound:
                return APIFailure(status: .notFound, code: "not_found", message: error.description)
            case .unreadable:
                // Logged by the error middleware like any 500; counted in /metrics by the store.
                return APIFailure(status: .internalServerError, code: "unreadable_data", message: error.description)
            case .storageFull:
                // 507: the sender should keep the report and send it again (a mailer retries a 5xx).
                return APIFailure(status: .init(code: 507, reasonPhrase: "Insufficient Storage"), code: "storage_full", message: error.description)
            }
        case is NIOTooManyBytesError:
            return nil
        case let error as HTTPError where error.status == .contentTooLarge:
            return nil
        case let error as any HTTPResponseError:
            return APIFailure(status: error.status, code: "http_\(error.status.code)", message: error.status.reasonPhrase)
        default:
            return nil
        }
    }
}

/// JSON response bodies.
public enum JSONResponse {
    public static func make(status: HTTPResponse.Status = .ok, _ value: some Encodable) -> Response {
        let data = (try? APIDates.encoder.encode(value)) ?? Data("{}".utf8)
        var bytes = Data(data)
        bytes.append(0x0A)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }
}
