/// `http.listen`: `HOST:PORT`, or `[IPv6]:PORT` with the address in brackets.
struct ListenAddress: Equatable {
    /// The host to bind, brackets removed (`127.0.0.1`, `::1`, `localhost`).
    var host: String
    /// The TCP port, 1...65535.
    var port: Int

    /// Parses and validates `text`; IPv6 must be bracketed because its colons hide the port.
    static func parse(_ text: String) throws(ValueProblem) -> ListenAddress {
        let example = "expected HOST:PORT such as 127.0.0.1:8080 or [::1]:8080"
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                throw ValueProblem("'\(text)' has no closing ']'; \(example)")
            }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { throw ValueProblem("'\(text)' has no port; \(example)") }
            portText = rest.dropFirst()
            guard isIPv6(host) else { throw ValueProblem("'\(host)' is not an IPv6 address; \(example)") }
        } else {
            guard let colon = text.lastIndex(of: ":") else {
                throw ValueProblem("'\(text)' has no port; \(example)")
            }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
            guard !host.contains(":") else {
                throw ValueProblem("IPv6 addresses need brackets, e.g. [::1]:8080; got '\(text)'")
            }
            guard isHostName(host) else { throw ValueProblem("'\(host)' is not a valid host; \(example)") }
        }
        guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy({ ("0"..."9").contains($0) }),
              let port = Int(portText)
        else { throw ValueProblem("'\(portText)' is not a port number; \(example)") }
        guard (1...65535).contains(port) else { throw ValueProblem("port \(port) is out of range 1-65535") }
        return ListenAddress(host: String(host), port: port)
    }

    /// Hex digits and colons with at least two colons, optionally a dotted IPv4 tail and a `%zone`.
    private static func isIPv6(_ text: Substring) -> Bool {
        let address = text.split(separator: "%", maxSplits: 1, omittingEmptySubsequences: false)[0]
        guard address.filter({ $0 == ":" }).count >= 2 else { return false }
        return address.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
    }

    /// A dotted IPv4 address with octets 0-255, or a DNS name of letters, digits, '-' and '.'.
    private static func isHostName(_ text: Substring) -> Bool {
        guard !text.isEmpty, text.count <= 253 else { return false }
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        if text.allSatisfy({ ("0"..."9").contains($0) || $0 == "." }) {
            return labels.count == 4 && labels.allSatisfy { !$0.isEmpty && $0.count <= 3 && Int($0)! <= 255 }
        }
        return labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }
        }
    }
}
