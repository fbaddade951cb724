import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A fresh directory under /tmp (short, so socket paths stay far below sun_path's 108 bytes).
struct TemporaryDirectory: Sendable {
    let path: String

    init(prefix: String = "oncall-it") throws {
        var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in mkdtemp(buffer.baseAddress!) }
        guard made != nil else { throw HarnessError("mkdtemp failed: \(String(cString: strerror(errno)))") }
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
