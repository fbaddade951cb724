import Hummingbird
import OncallSupport

/// Admits TCP callers that present a configured API token (`Authorization: Bearer …`) and names
/// them `token:<name>`. Every TCP endpoint goes through it.
public struct BearerTokenMiddleware: RouterMiddleware {
    public typealias Context = OncallRequestContext
    /// The configured tokens as (name, secret); read per request so a reload applies at once.
    let tokens: @Sendable () -> [(name: String, secret: String)]

    public init(tokens: @escaping @Sendable () -> [(name: String, secret: String)]) {
        self.tokens = tokens
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let header = request.headers[.authorization] ?? ""
        let prefix = "bearer "
        guard header.count > prefix.count, header.lowercased().hasPrefix(prefix) else {
            throw APIFailure(status: .unauthorized, code: "unauthorized", message: "an API token is required (Authorization: Bearer …)")
        }
        let presented = Array(header.utf8.dropFirst(prefix.count))
        // Compare against every token without stopping early, so timing reveals nothing about which matched.
        var match: String?
        for token in tokens() where ConstantTime.equals(presented, Array(token.secret.utf8)) {
            match = match ?? token.name
        }
        guard let match else {
            throw APIFailure(status: .unauthorized, code: "unauthorized", message: "the API token is not valid")
        }
        var context = context
        context.caller = "token:" + match
        return try await next(request, context)
    }
}
