import Foundation
import OncallCurl

/// Sends one webhook, chat or SMS request and classifies the answer.
public enum WebhookSender {
    /// Performs `request` on a thread of its own, or through `multi` when given; see
    /// `DeliveryClassifier.classify(status:body:channel:)` and `DeliveryClassifier.classify(httpError:)`
    /// for what counts as retryable.
    public static func send(_ request: CurlRequest, channel: ChannelKind, multi: CurlMulti? = nil) async -> DeliveryOutcome {
        do {
            let response = try await CurlTransport.perform(request, multi: multi)
            return DeliveryClassifier.classify(status: response.status, body: response.body, channel: channel)
        } catch {
            return DeliveryClassifier.classify(httpError: error)
        }
    }
}
