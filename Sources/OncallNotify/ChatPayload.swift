/// A chat robot's extras (WeCom, DingTalk, Feishu, Slack): `{"mentions":[…],"mobiles":[…],"names":[…]}`.
/// A list left out of the stored JSON reads as empty: nobody to mention that way.
public struct ChatPayload: ChannelPayload {
    /// The people to mention, by their id on the robot's chat network (`people[].chat`).
    public var mentions: [String]
    /// Their display names, in the same order as `mentions` (Feishu shows them in its `<at>` tags).
    public var names: [String]
    /// Phone numbers to mention (WeCom, DingTalk).
    public var mobiles: [String]

    public init(mentions: [String] = [], names: [String] = [], mobiles: [String] = []) {
        self.mentions = mentions
        self.names = names
        self.mobiles = mobiles
    }

    private enum CodingKeys: String, CodingKey {
        case mentions, names, mobiles
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        mentions = try container.decodeIfPresent([String].self, forKey: .mentions) ?? []
        names = try container.decodeIfPresent([String].self, forKey: .names) ?? []
        mobiles = try container.decodeIfPresent([String].self, forKey: .mobiles) ?? []
    }

    /// (id, name) pairs for the mentions; a mention without a name is shown by its id.
    var namedMentions: [(id: String, name: String)] {
        mentions.enumerated().map { index, id in (id: id, name: index < names.count ? names[index] : id) }
    }
}
