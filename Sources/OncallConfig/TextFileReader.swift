import Foundation

/// Reads a whole UTF-8 text file, naming why it cannot (for the config file and token files).
enum TextFileReader {
    /// Why a file could not be read as text.
    enum Problem: Error, Equatable {
        case notFound
        case isDirectory
        case notReadable
        /// Bytes that are not UTF-8, first found on this 1-based line.
        case invalidUTF8(line: Int)
    }

    /// The file's text; `path` is relative to the current working directory unless absolute.
    static func read(path: String) throws(Problem) -> String {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        guard files.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .notFound }
        guard !isDirectory.boolValue else { throw .isDirectory }
        guard files.isReadableFile(atPath: path), let data = files.contents(atPath: path) else {
            throw .notReadable
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .invalidUTF8(line: firstInvalidLine(in: data))
        }
        return text
    }

    /// The first line whose bytes do not decode; lines are split at LF, which UTF-8 never uses inside a character.
    private static func firstInvalidLine(in data: Data) -> Int {
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() where String(data: Data(line), encoding: .utf8) == nil {
            return index + 1
        }
        return 1
    }

    /// `path` as an absolute path, for messages about relative paths (systemd starts services in `/`).
    static func absolute(_ path: String) -> String {
        guard !path.hasPrefix("/") else { return path }
        return URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
