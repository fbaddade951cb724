/// Someone oncalld can reach: an engineer, a project manager, a member of the emergency group.
public struct Person: Sendable, Equatable, Identifiable {
    /// Stable id used in groups and schedules (e.g. `zhang.wei`).
    public var id: String
    /// Display name (e.g. `张伟`).
    public var name: String
    public var email: String?
    public var phone: String?
    /// Chat ids by network (`wecom`, `dingtalk`, `feishu`, `slack`).
    public var chat: [String: String]
    /// The Unix login that identifies this person on the local socket.
    public var unixUser: String?

    public init(
        id: String, name: String, email: String? = nil, phone: String? = nil,
        chat: [String: String] = [:], unixUser: String? = nil
    ) {
        self.id = id
        self.name = name
        self.email = email
        self.phone = phone
        self.chat = chat
        self.unixUser = unixUser
    }
}
