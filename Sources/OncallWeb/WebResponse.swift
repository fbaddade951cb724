import Hummingbird

/// Responses of the web view, all with the same protective headers.
enum WebResponse {
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'"

    static func html(_ html: String, status: HTTPResponse.Status = .ok, cookies: [String] = []) -> Response {
        var headers = headers(cookies: cookies)
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A 303, so the browser follows a POST with a GET.
    static func redirect(to location: String, cookies: [String] = []) -> Response {
        var headers = headers(cookies: cookies)
        headers[.location] = location
        return Response(status: .seeOther, headers: headers)
    }

    private static func headers(cookies: [String]) -> HTTPFields {
        var headers: HTTPFields = [
            .contentSecurityPolicy: contentSecurityPolicy,
            .xContentTypeOptions: "nosniff",
            .referrerPolicy: "same-origin",
            .cacheControl: "no-store",
        ]
        headers[values: .setCookie] = cookies
        return headers
    }
}

/// `HTTPField` itself is not re-exported by Hummingbird; its name type is reached through `HTTPFields`.
extension HTTPFields.Element.Name {
    static let referrerPolicy = Self("Referrer-Policy")!
    static let xForwardedProto = Self("X-Forwarded-Proto")!
}
