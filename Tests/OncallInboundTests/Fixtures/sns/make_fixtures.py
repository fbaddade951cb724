#!/usr/bin/env python3
"""Writes the SNS/SES fixtures for OncallInboundTests: certificates and signed SNS deliveries.

Run from this directory with Python's `cryptography` package (tested with 48):

    python3 make_fixtures.py

Keys are generated afresh on each run and only the certificates and signed JSON are kept, so
rerunning changes every file; the tests only rely on the structure described below. The string
to sign is built here independently of the Swift code, from the AWS documentation:
Notification: Message, MessageId, Subject (if present), Timestamp, TopicArn, Type;
SubscriptionConfirmation / UnsubscribeConfirmation: Message, MessageId, SubscribeURL,
Timestamp, Token, TopicArn, Type; each "Name\\nValue\\n". SignatureVersion 1 signs with
SHA1withRSA, 2 with SHA256withRSA (PKCS#1 v1.5), and the signature is base64.
"""
import base64
import datetime
import json

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID

TOPIC = "arn:aws:sns:us-east-1:123456789012:oncalld-inbound"


def make_cert(common_name, not_before, not_after):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .sign(key, hashes.SHA256())
    )
    return key, cert.public_bytes(serialization.Encoding.PEM).decode()


def string_to_sign(message):
    if message["Type"] == "Notification":
        keys = ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"]
    else:
        keys = ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"]
    return "".join(f"{k}\n{message[k]}\n" for k in keys if k in message)


def sign(message, key, version):
    algorithm = hashes.SHA1() if version == "1" else hashes.SHA256()
    message["SignatureVersion"] = version
    signature = key.sign(string_to_sign(message).encode("utf-8"), padding.PKCS1v15(), algorithm)
    message["Signature"] = base64.b64encode(signature).decode()
    message["SigningCertURL"] = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem"
    return message


def write(name, value):
    with open(name, "w", encoding="utf-8") as f:
        if isinstance(value, str):
            f.write(value)
        else:
            json.dump(value, f, ensure_ascii=False, indent=2)
            f.write("\n")


def ses_notification(content, encoding, message_id, recipients):
    ses = {
        "notificationType": "Received",
        "receipt": {
            "timestamp": "2023-11-14T22:13:10.123Z",
            "processingTimeMillis": 412,
            "recipients": recipients,
            "spamVerdict": {"status": "PASS"},
            "virusVerdict": {"status": "PASS"},
            "spfVerdict": {"status": "PASS"},
            "dkimVerdict": {"status": "PASS"},
            "dmarcVerdict": {"status": "PASS"},
            "action": {"type": "SNS", "topicArn": TOPIC, "encoding": encoding},
        },
        "mail": {
            "timestamp": "2023-11-14T22:13:09.700Z",
            "source": "helpdesk@customer.example.cn",
            "messageId": message_id,
            "destination": recipients,
            "headersTruncated": False,
            "headers": [{"name": "Subject", "value": "see content"}],
            "commonHeaders": {"from": ["helpdesk@customer.example.cn"], "to": recipients, "subject": "see content"},
        },
        "content": content,
    }
    return json.dumps(ses, ensure_ascii=False)


def notification(message, message_id, subject="Amazon SES Email Receipt Notification", topic=TOPIC):
    envelope = {
        "Type": "Notification",
        "MessageId": message_id,
        "TopicArn": topic,
        "Message": message,
        "Timestamp": "2023-11-14T22:13:10.456Z",
        "UnsubscribeURL": "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=" + TOPIC + ":1",
    }
    if subject is not None:
        envelope["Subject"] = subject
    return envelope


valid_from = datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)
valid_to = datetime.datetime(2040, 1, 1, tzinfo=datetime.timezone.utc)
sns_key, sns_pem = make_cert("sns.us-east-1.amazonaws.com", valid_from, valid_to)
other_key, other_pem = make_cert("not-sns.example.net", valid_from, valid_to)
old_key, old_pem = make_cert("sns-expired.example.net", datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc),
                             datetime.datetime(2010, 1, 1, tzinfo=datetime.timezone.utc))
write("signing-cert.pem", sns_pem)
write("untrusted-cert.pem", other_pem)
write("expired-cert.pem", old_pem)

# A UTF-8 message (SNS action encoding UTF-8), signed with version 1 (SHA1withRSA).
utf8_mime = (
    "Return-Path: <helpdesk@customer.example.cn>\r\n"
    "From: =?UTF-8?B?5LuT5YKo5Lit5b+D5YC854+t5ZGY?= <helpdesk@customer.example.cn>\r\n"
    "To: faults+wms@example.com\r\n"
    "Subject: =?UTF-8?B?6K6i5Y2V57O757uf5peg5rOV55m75b2V?=\r\n"
    "Date: Tue, 14 Nov 2023 22:13:05 +0000\r\n"
    "Message-ID: <ses-utf8-1@customer.example.cn>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: text/plain; charset=UTF-8\r\n"
    "Content-Transfer-Encoding: 8bit\r\n"
    "\r\n"
    "问题主题：订单系统无法登录\r\n"
    "所有用户登录超时。\r\n"
)
raw_note = notification(ses_notification(utf8_mime, "UTF8", "o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1", ["faults+wms@example.com"]),
                        "3a8b6c2e-57e3-5f0e-9f3c-2f3e3a1d0a01")
write("notification-utf8-v1.json", sign(raw_note, sns_key, "1"))

# An 8-bit GB2312 message, which only survives as base64 (SNS action encoding BASE64), version 2.
gb_mime = (
    b"Return-Path: <ops@branch.example.cn>\r\n"
    b"From: ops@branch.example.cn\r\n"
    b"To: faults@example.com\r\n"
    b"Subject: =?gb2312?B?" + base64.b64encode("仓库扫码枪全部离线".encode("gb2312")) + b"?=\r\n"
    b"Date: Tue, 14 Nov 2023 22:12:00 +0800\r\n"
    b"Message-ID: <ses-gb-2@branch.example.cn>\r\n"
    b"MIME-Version: 1.0\r\n"
    b"Content-Type: text/plain; charset=gb2312\r\n"
    b"Content-Transfer-Encoding: 8bit\r\n"
    b"\r\n" + "扫码枪从八点起无法连接。\r\n".encode("gb2312")
)
b64_note = notification(ses_notification(base64.b64encode(gb_mime).decode(), "BASE64", "b64messageid0001", ["faults@example.com"]),
                        "9b1c7d3e-1111-5f0e-9f3c-2f3e3a1d0a02")
write("notification-base64-v2.json", sign(b64_note, sns_key, "2"))

# A notification without Subject (the string to sign then leaves it out), version 2.
no_subject = notification(ses_notification(utf8_mime, "UTF8", "nosubject0001", ["faults@example.com"]),
                          "9b1c7d3e-2222-5f0e-9f3c-2f3e3a1d0a03", subject=None)
write("notification-nosubject-v2.json", sign(no_subject, sns_key, "2"))

# Signed by a certificate the integration does not trust.
write("notification-untrusted-v2.json", sign(notification(ses_notification(utf8_mime, "UTF8", "untrusted1", ["faults@example.com"]),
                                                          "9b1c7d3e-3333-5f0e-9f3c-2f3e3a1d0a04"), other_key, "2"))

# Signed by a trusted but expired certificate.
write("notification-expired-cert-v2.json", sign(notification(ses_notification(utf8_mime, "UTF8", "expired1", ["faults@example.com"]),
                                                             "9b1c7d3e-4444-5f0e-9f3c-2f3e3a1d0a05"), old_key, "2"))

# Properly signed, but for another topic.
write("notification-other-topic-v2.json", sign(notification(ses_notification(utf8_mime, "UTF8", "othertopic1", ["faults@example.com"]),
                                                            "9b1c7d3e-5555-5f0e-9f3c-2f3e3a1d0a06",
                                                            topic="arn:aws:sns:us-east-1:210987654321:someone-else"), sns_key, "2"))

# A bounce notification for outbound mail, sent to the inbound topic by mistake.
bounce = json.dumps({"notificationType": "Bounce", "bounce": {"bounceType": "Permanent"}, "mail": {"messageId": "x"}})
write("notification-bounce-v2.json", sign(notification(bounce, "9b1c7d3e-6666-5f0e-9f3c-2f3e3a1d0a07"), sns_key, "2"))

for version in ("1", "2"):
    confirmation = {
        "Type": "SubscriptionConfirmation",
        "MessageId": "165545c9-2a5c-472c-8df2-7ff2be2b3b1" + version,
        "Token": "2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a747ba6f3beb71854e285d6ad02428b09ceece29417f1f02d609c582afbacc99c583a916b9981dd2728f4ae6fdb82efd087cc3b7849e05798d2d2785c03b0879594eeac82c01f235d0e717736",
        "TopicArn": TOPIC,
        "Message": "You have chosen to subscribe to the topic " + TOPIC + ".\nTo confirm the subscription, visit the SubscribeURL included in this message.",
        "SubscribeURL": "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=" + TOPIC + "&Token=2336412f37",
        "Timestamp": "2023-11-14T22:00:00.000Z",
    }
    write(f"subscription-confirmation-v{version}.json", sign(confirmation, sns_key, version))

unsubscribe = {
    "Type": "UnsubscribeConfirmation",
    "MessageId": "47138184-6831-46b8-8f7c-afc488602d7d",
    "Token": "2336412f37fb687f5d51e6e241d09c805a5a57b30d712f7948a98bac386edfe3e10314e873973b3e0a3c09119b722dedf2b5e31c59b13edbb26417c19f109351e6f2169efa9085ffe97e10535f4179ac1a03590b0f541f209c190f9ae23219ed6c470453e06c19b5ba9fcbb27daeb7c7",
    "TopicArn": TOPIC,
    "Message": "You have chosen to deactivate subscription.\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in this message.",
    "SubscribeURL": "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=" + TOPIC + "&Token=2336412f37",
    "Timestamp": "2023-11-14T23:00:00.000Z",
}
write("unsubscribe-confirmation-v2.json", sign(unsubscribe, sns_key, "2"))
