import Foundation
import OncallCurl

/// A Slack incoming webhook (`https://hooks.slack.com/services/…`).
public enum SlackWebhook {
    private struct Payload: Encodable { var text: String }

    /// `{"text":…}` with `&`, `<` and `>` escaped (Slack's mrkdwn control characters).
    public static func request(
        webhookURL: String, text: String, idempotencyKey: String? = nil, timeout: Duration = .seconds(15)
    ) -> CurlRequest {
        JSONPost.request(
            url: webhookURL, body: JSONPost.body(Payload(text: TextEscaping.slack(text))), idempotencyKey: idempotencyKey,
            timeout: timeout)
    }
}
