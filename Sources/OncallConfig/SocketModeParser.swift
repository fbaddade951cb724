/// Parses `socket.mode`: three or four octal digits as chmod takes them ("0660", "660").
enum SocketModeParser {
    /// The permission bits, at most 0o777 (set-id and sticky bits mean nothing on a socket).
    static func parse(_ text: String) throws(ValueProblem) -> Int {
        guard (3...4).contains(text.count), text.allSatisfy({ ("0"..."7").contains($0) }),
              let mode = Int(text, radix: 8)
        else { throw ValueProblem("'\(text)' is not a file mode; write 3 or 4 octal digits such as \"0660\"") }
        guard mode <= 0o777 else {
            throw ValueProblem("'\(text)' sets special bits; a socket mode is at most 0777")
        }
        return mode
    }
}
