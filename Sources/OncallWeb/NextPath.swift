/// Where to go after signing in: only a path of this web view, so that a crafted link cannot
/// send someone who just signed in to another site.
enum NextPath {
    static let home = "/web"

    static func validated(_ candidate: String?) -> String? {
        guard let path = candidate, path == home || path.hasPrefix(home + "/") || path.hasPrefix(home + "?"),
              !path.hasPrefix("/web/login"),
              !path.contains("\\"),
              path.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F })
        else { return nil }
        return path
    }
}
