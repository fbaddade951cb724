import Foundation
import OncallCore

/// `POST /v1/incidents`: the problem report form itself, as JSON with its wire names.
public typealias ReportRequest = ReportForm

extension ReportForm: StrictDecodable {
    public static var allowedKeys: Set<String> { fieldNames }
}
