import Crypto
import Foundation
import X509
import _CryptoExtras

/// Verifies SNS message signatures against operator-configured certificates.
///
/// AWS's recipe fetches `SigningCertURL` on every message; oncalld deliberately does not
/// (no network from the decoder, and no trust in a URL the sender chose). An operator puts the
/// SNS signing certificates in the config instead, and a message verifies if one of them, valid
/// at `now`, verifies its signature. `SignatureVersion` 1 is RSA PKCS#1 v1.5 over SHA-1, 2 over
/// SHA-256; any other version is refused.
enum SNSSignatureVerifier {
    /// Checks `message`'s signature; 401 when no trusted certificate verifies it.
    static func verify(_ message: SNSMessage, trustedPEM: [String], now: Date) throws(InboundError) {
        guard let stringToSign = message.stringToSign else {
            throw .unauthorized("unknown SNS message type '\(message.type)'")
        }
        guard let signatureBytes = Data(base64Encoded: message.signature.filter { !$0.isWhitespace }), !signatureBytes.isEmpty else {
            throw .unauthorized("the SNS signature is not base64")
        }
        let signature = _RSA.Signing.RSASignature(rawRepresentation: signatureBytes)
        let signed = Data(stringToSign.utf8)
        let verifies: (_RSA.Signing.PublicKey) -> Bool
        switch message.signatureVersion {
        case "1":
            let digest = Insecure.SHA1.hash(data: signed)
            verifies = { $0.isValidSignature(signature, for: digest, padding: .insecurePKCS1v1_5) }
        case "2":
            let digest = SHA256.hash(data: signed)
            verifies = { $0.isValidSignature(signature, for: digest, padding: .insecurePKCS1v1_5) }
        default:
            throw .unauthorized("unsupported SNS SignatureVersion '\(message.signatureVersion)'")
        }
        let certificates = certificates(fromPEM: trustedPEM).usable
        guard !certificates.isEmpty else { throw .unauthorized("no trusted SNS signing certificate is configured") }
        var expiredMatch = false
        for certificate in certificates {
            guard let key = _RSA.Signing.PublicKey(certificate.publicKey), verifies(key) else { continue }
            if certificate.notValidBefore <= now && now <= certificate.notValidAfter { return }
            expiredMatch = true
        }
        throw .unauthorized(expiredMatch
            ? "the SNS message was signed by a trusted certificate that is not valid now"
            : "the SNS signature does not verify with any trusted certificate")
    }

    /// The certificates in the PEM strings (each may hold several), with a sentence for every
    /// block that is not a parseable certificate with an RSA key.
    static func certificates(fromPEM pems: [String]) -> (usable: [Certificate], problems: [String]) {
        var usable: [Certificate] = []
        var problems: [String] = []
        for (index, pem) in pems.enumerated() {
            let blocks = pemBlocks(pem)
            if blocks.isEmpty { problems.append("trusted certificate \(index + 1) contains no PEM CERTIFICATE block") }
            for block in blocks {
                do {
                    let certificate = try Certificate(pemEncoded: block)
                    if _RSA.Signing.PublicKey(certificate.publicKey) == nil {
                        problems.append("trusted certificate \(index + 1) does not hold an RSA key (SNS signs with RSA)")
                    } else {
                        usable.append(certificate)
                    }
                } catch {
                    problems.append("trusted certificate \(index + 1) is not a valid certificate: \(error)")
                }
            }
        }
        return (usable, problems)
    }

    /// Each `-----BEGIN CERTIFICATE-----` … `-----END CERTIFICATE-----` block of a PEM string.
    static func pemBlocks(_ pem: String) -> [String] {
        let begin = "-----BEGIN CERTIFICATE-----"
        let end = "-----END CERTIFICATE-----"
        var blocks: [String] = []
        var rest = pem[...]
        while let start = rest.range(of: begin), let stop = rest[start.upperBound...].range(of: end) {
            blocks.append(String(rest[start.lowerBound..<stop.upperBound]))
            rest = rest[stop.upperBound...]
        }
        return blocks
    }
}
