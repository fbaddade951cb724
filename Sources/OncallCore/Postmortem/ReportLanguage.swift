/// The language a fault report is written in: Chinese when the report form is, English otherwise.
public enum ReportLanguage: String, Sendable, Codable, CaseIterable {
    case zh, en

    /// Chinese when the text has any CJK ideograph (a Chinese subject or description), else English.
    public static func detect(_ texts: String?...) -> ReportLanguage {
        for text in texts.compactMap({ $0 }) where text.unicodeScalars.contains(where: Self.isIdeograph) {
            return .zh
        }
        return .en
    }

    static func isIdeograph(_ scalar: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(scalar.value) || (0x3400...0x4DBF).contains(scalar.value)
    }
}
