/// A mailbox from an address header: `"Zhang San" <zhangsan@example.com>`.
public struct MailAddress: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The display name, RFC 2047-decoded; nil when the header gave none.
    public var name: String?
    /// The address as written (`local@domain`), without angle brackets or route; its case is kept.
    public var address: String

    /// An address from its parts.
    public init(name: String? = nil, address: String) {
        self.name = name
        self.address = address
    }

    /// The domain after the last `@`, lowercased; nil for an address without one.
    public var domain: String? {
        guard let at = address.lastIndex(of: "@") else { return nil }
        let domain = address[address.index(after: at)...]
        return domain.isEmpty ? nil : domain.lowercased()
    }

    /// `Name <address>` or the bare address.
    public var description: String {
        guard let name, !name.isEmpty else { return address }
        return "\(name) <\(address)>"
    }

    /// The mailboxes of an address-list header value (`From`, `To`, `Cc`, `Reply-To`, or a
    /// provider's `from` field): groups are flattened, encoded-word display names decoded,
    /// entries without an address skipped. Never fails; garbage gives fewer addresses.
    public static func parseList(_ value: String) -> [MailAddress] {
        AddressListParser.parse(value)
    }
}
