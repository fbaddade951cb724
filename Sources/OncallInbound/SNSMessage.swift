import Foundation

/// An Amazon SNS HTTP/S delivery: the JSON envelope around a notification or a subscription
/// confirmation.
struct SNSMessage: Sendable, Equatable {
    /// `Notification`, `SubscriptionConfirmation` or `UnsubscribeConfirmation`.
    var type: String
    var messageID: String
    var topicARN: String
    var message: String
    var timestamp: String
    var signatureVersion: String
    var signature: String
    var signingCertURL: String?
    /// Notifications only, and only when the publisher gave one.
    var subject: String?
    /// Subscription and unsubscribe confirmations only.
    var subscribeURL: String?
    /// Subscription and unsubscribe confirmations only.
    var token: String?

    /// The envelope from the request body; 400 when it is not one.
    static func parse(_ body: Data) throws(InboundError) -> SNSMessage {
        let object = try JSONBody.object(body, what: "SNS")
        func required(_ key: String) throws(InboundError) -> String { try JSONBody.string(object, key, path: "") }
        func optional(_ key: String) throws(InboundError) -> String? { try JSONBody.optionalString(object, key, path: "") }
        var message = SNSMessage(
            type: try required("Type"), messageID: try required("MessageId"), topicARN: try required("TopicArn"),
            message: try required("Message"), timestamp: try required("Timestamp"),
            signatureVersion: try required("SignatureVersion"), signature: try required("Signature"),
            signingCertURL: try optional("SigningCertURL"), subject: try optional("Subject"),
            subscribeURL: try optional("SubscribeURL"), token: try optional("Token"))
        if message.isConfirmation {
            guard message.subscribeURL != nil, message.token != nil else {
                throw .malformed("an SNS \(message.type) needs SubscribeURL and Token")
            }
        } else {
            // Subscription fields are not signed on notifications; drop them so nothing trusts them.
            message.subscribeURL = nil
            message.token = nil
        }
        return message
    }

    /// True for `SubscriptionConfirmation` and `UnsubscribeConfirmation`.
    var isConfirmation: Bool { type == "SubscriptionConfirmation" || type == "UnsubscribeConfirmation" }

    /// The string SNS signed, built exactly as AWS documents it: for a notification `Message`,
    /// `MessageId`, `Subject` (only if present), `Timestamp`, `TopicArn`, `Type`; for a
    /// confirmation `Message`, `MessageId`, `SubscribeURL`, `Timestamp`, `Token`, `TopicArn`,
    /// `Type`; each as its name, a newline, its value, a newline. Nil for an unknown type,
    /// which therefore never verifies.
    var stringToSign: String? {
        var pairs: [(String, String)]
        switch type {
        case "Notification":
            pairs = [("Message", message), ("MessageId", messageID)]
            if let subject { pairs.append(("Subject", subject)) }
            pairs += [("Timestamp", timestamp), ("TopicArn", topicARN), ("Type", type)]
        case "SubscriptionConfirmation", "UnsubscribeConfirmation":
            guard let subscribeURL, let token else { return nil }
            pairs = [
                ("Message", message), ("MessageId", messageID), ("SubscribeURL", subscribeURL),
                ("Timestamp", timestamp), ("Token", token), ("TopicArn", topicARN), ("Type", type),
            ]
        default:
            return nil
        }
        return pairs.map { "\($0.0)\n\($0.1)\n" }.joined()
    }
}
