import Hummingbird
import NIOCore

/// Turns every thrown error into a JSON error answer; unexpected ones are logged and answered 500
/// without internal detail.
public struct ErrorMiddleware: RouterMiddleware {
    public typealias Context = OncallRequestContext
    let maxBodyBytes: @Sendable () -> Int

    public init(maxBodyBytes: @escaping @Sendable () -> Int) {
        self.maxBodyBytes = maxBodyBytes
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            if let failure = APIFailure.from(error) { return failure.response }
            if error is NIOTooManyBytesError || (error as? HTTPError)?.status == .contentTooLarge {
                return APIFailure(status: .contentTooLarge, code: "body_too_large",
                                  message: request.uri.path.hasPrefix("/v1/inbound/") || request.uri.path == "/v1/mail"
                                      ? "the message is larger than the 26 MiB mail limit"
                                      : "the body is larger than \(maxBodyBytes()) bytes (http.max_body)").response
            }
            // A calendar feed's path is its secret: the log names the route only.
            let path = request.uri.path.hasPrefix(CalendarRoutes.prefix) ? CalendarRoutes.prefix + "{token}.ics" : request.uri.path
            context.logger.error("request failed", metadata: ["error": "\(error)", "http.path": "\(path)"])
            return APIFailure(status: .internalServerError, code: "internal", message: "internal error; see the daemon's log").response
        }
    }
}
