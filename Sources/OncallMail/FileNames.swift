/// Makes attachment file names safe to show and store.
enum FileNames {
    /// The last path component of `name`, without control characters or surrounding spaces,
    /// at most 255 characters; nil when nothing is left. Senders put full Windows paths and
    /// `../` in names; a name is for display and is never used as a path.
    static func sanitize(_ name: String?) -> String? {
        guard let name else { return nil }
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let visible = String(String.UnicodeScalarView(last.unicodeScalars.filter { scalar in
            !(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value))
        }))
        var cleaned = visible.trimmedWhitespace
        if cleaned == "." || cleaned == ".." { cleaned = "" }
        if cleaned.count > 255 { cleaned = String(cleaned.prefix(255)) }
        return cleaned.isEmpty ? nil : cleaned
    }
}
