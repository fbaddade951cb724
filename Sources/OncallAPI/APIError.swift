/// The JSON body of every error answer: `{"error": {"code": …, "message": …, "field": …}}`.
public struct APIErrorBody: Codable, Sendable, Equatable {
    public struct Detail: Codable, Sendable, Equatable {
        /// Machine-readable: `invalid_json`, `invalid_utf8`, `unknown_field`, `missing_field`, `invalid_field`,
        /// `body_too_large`, `not_found`, `conflict`, `no_engineer`, `not_configured`, `unauthorized`, `forbidden`, `internal`.
        public var code: String
        public var message: String
        /// The JSON path of the offending field, when there is one.
        public var field: String?
        /// For a refused dispatch (`no_engineer`): the decision's summary, then one line per candidate
        /// engineer saying why they could not be sent. Absent on other errors.
        public var explanation: [String]?

        public init(code: String, message: String, field: String? = nil, explanation: [String]? = nil) {
            self.code = code
            self.message = message
            self.field = field
            self.explanation = explanation
        }
    }

    public var error: Detail

    public init(code: String, message: String, field: String? = nil, explanation: [String]? = nil) {
        error = Detail(code: code, message: message, field: field, explanation: explanation)
    }
}

/// A request body the server refuses, with the HTTP status to answer.
public struct APIRequestError: Error, Sendable, Equatable, CustomStringConvertible {
    public var status: Int
    public var body: APIErrorBody

    public init(status: Int, code: String, message: String, field: String? = nil) {
        self.status = status
        body = APIErrorBody(code: code, message: message, field: field)
    }

    public var description: String { body.error.message }
}
