import Foundation

/// Reads an API token's secret from its `token_file`.
///
/// Messages name the file, never its contents: a config error may be logged or shown to anyone.
enum TokenFileReader {
    /// The trimmed single-word secret in the file at `path`.
    static func read(path: String) throws(ValueProblem) -> String {
        let shown = path.hasPrefix("/") ? "'\(path)'" : "'\(path)' (\(TextFileReader.absolute(path)))"
        let text: String
        do {
            text = try TextFileReader.read(path: path)
        } catch {
            switch error {
            case .notFound: throw ValueProblem("token file \(shown) does not exist")
            case .isDirectory: throw ValueProblem("token file \(shown) is a directory")
            case .notReadable: throw ValueProblem("token file \(shown) is not readable by this user")
            case .invalidUTF8: throw ValueProblem("token file \(shown) is not UTF-8 text")
            }
        }
        let secret = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !secret.isEmpty else { throw ValueProblem("token file \(shown) is empty") }
        // A bearer token is one word; a second one means the wrong file or a pasted note.
        guard !secret.contains(where: \.isWhitespace) else {
            throw ValueProblem("token file \(shown) must hold exactly one token, without spaces or line breaks")
        }
        return secret
    }
}
