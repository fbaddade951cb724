import Foundation

/// Reads an API token's secret from its `token_file`.
///
/// Messages name the file, never its contents: a config error may be logged or shown to anyone.
enum TokenFileReader {
    /// The trimmed single-word secret in the file at `path`; `what` names the file and `item` its content in messages.
    static func read(path: String, what: String = "token file", item: String = "token") throws(ValueProblem) -> String {
        let shown = what + " " + (path.hasPrefix("/") ? "'\(path)'" : "'\(path)' (\(TextFileReader.absolute(path)))")
        let text: String
        do {
            text = try TextFileReader.read(path: path)
        } catch {
            switch error {
            case .notFound: throw ValueProblem("\(shown) does not exist")
            case .isDirectory: throw ValueProblem("\(shown) is a directory")
            case .notReadable: throw ValueProblem("\(shown) is not readable by this user")
            case .invalidUTF8: throw ValueProblem("\(shown) is not UTF-8 text")
            }
        }
        let secret = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !secret.isEmpty else { throw ValueProblem("\(shown) is empty") }
        // A bearer token is one word; a second one means the wrong file or a pasted note.
        guard !secret.contains(where: \.isWhitespace) else {
            throw ValueProblem("\(shown) must hold exactly one \(item), without spaces or line breaks")
        }
        return secret
    }
}
