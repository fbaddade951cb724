#!/usr/bin/env python3
"""Writes the hostile inputs in fuzz-regressions/ as exact bytes.

Each one stresses a corner of the MIME parser where a crash, a hang or unbounded memory would
hide: unterminated and look-alike boundaries, nesting far past MIMELimits.maxDepth, header
blocks that are not header blocks, bare CR, broken transfer encodings, NUL bytes and a message
that contains a truncated copy of itself. MalformedInputTests.fuzzRegressions parses every file
in that folder (the fuzzer's own findings are copied there too, under any name), so a file here
is a regression test by being here. The files are committed; this script only documents how they
were made:

    cd Tests/OncallMailTests/Fixtures && python3 generate_fuzz_regressions.py
"""

import base64
import os

CRLF = b"\r\n"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fuzz-regressions")


def lines(*parts, sep=CRLF):
    return sep.join(p if isinstance(p, bytes) else p.encode("utf-8") for p in parts)


def head(content_type, *extra):
    return [
        "From: Fuzz <fuzz@example.com>",
        "To: helpdesk@example.com",
        "Subject: fuzz regression",
        "Message-ID: <fuzz@example.com>",
        "MIME-Version: 1.0",
        "Content-Type: " + content_type,
        *extra,
    ]


inputs = {}

# A multipart whose closing delimiter never comes; the last part is cut inside its header block.
inputs["01-unterminated-multipart-boundary.eml"] = lines(
    *head('multipart/mixed; boundary="b1"'), "",
    "--b1", "Content-Type: text/plain; charset=utf-8", "", "first part",
    "--b1", "Content-Type: text/plain; charset=utf-8", "", "second part, no close",
    "--b1", "Content-Type: text/pla")

# Sixty multiparts inside one another, each with its own boundary, a text leaf at the bottom.
deep = head('multipart/mixed; boundary="L0"') + [""]
for level in range(1, 60):
    deep += ["--L%d" % (level - 1), 'Content-Type: multipart/mixed; boundary="L%d"' % level, ""]
deep += ["--L59", "Content-Type: text/plain", "", "the bottom"]
for level in reversed(range(60)):
    deep.append("--L%d--" % level)
inputs["02-nested-multipart-60-levels.eml"] = lines(*deep)

# Sixty levels that all reuse one boundary: every delimiter is ambiguous.
same = head('multipart/mixed; boundary="same"') + [""]
for _ in range(59):
    same += ["--same", 'Content-Type: multipart/mixed; boundary="same"', ""]
same += ["--same", "Content-Type: text/plain", "", "bottom"] + ["--same--"] * 60
inputs["03-nested-same-boundary.eml"] = lines(*same)

# Header lines with no colon, a colon-only line and a name with spaces, before and after real fields.
inputs["04-header-without-colon.eml"] = lines(
    "this line has no colon at all",
    "From: a@example.com",
    ":",
    "Bad Name With Spaces: value",
    "Subject",
    "Content-Type text/plain",
    "Subject: after the junk",
    "",
    "body")

# One Subject folded over 3,000 continuation lines (about 60 KB: under maxHeaderBytes, far over
# maxHeaderFieldBytes, so it is truncated with a warning).
inputs["05-huge-folded-header.eml"] = lines(
    "From: a@example.com",
    "Subject: start",
    *[" fold %04d xxxxxxxx" % i for i in range(3000)],
    "Content-Type: text/plain",
    "",
    "body")

# A header block past maxHeaderBytes (64 KiB): refused as headerTooLong.
inputs["06-header-block-over-limit.eml"] = lines(
    "From: a@example.com",
    *["X-Filler-%04d: %s" % (i, "y" * 200) for i in range(340)],
    "",
    "body")

# A multipart with bare CR line endings only.
inputs["07-bare-cr-line-endings.eml"] = lines(
    *head('multipart/alternative; boundary="cr"'), "",
    "--cr", "Content-Type: text/plain", "", "plain\r\rmore",
    "--cr", "Content-Type: text/html", "", "<p>html</p>",
    "--cr--", "", sep=b"\r")

# Base64 bodies with characters outside the alphabet, padding in the middle, a lone trailing
# sextet and a line of nothing but '='.
inputs["08-base64-garbage.eml"] = lines(
    *head('multipart/mixed; boundary="b64"'), "",
    "--b64", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64", "",
    "5L2g5aW9!!!@@@###", "5L2g==5aW9", "A", "====", "%%%%%%%%",
    "--b64", "Content-Type: application/octet-stream; name=x.bin", "Content-Transfer-Encoding: base64", "",
    base64.b64encode(b"\x00\xff" * 50).decode()[:-3] + "*",
    "--b64", "Content-Type: message/rfc822", "Content-Transfer-Encoding: base64", "",
    "!!not base64 at all!!",
    "--b64--")

# Encoded words: an unknown charset, an RFC 2231 language, a bad encoding letter, an unterminated
# word, a word with invalid base64, and Q with a dangling '='.
inputs["09-encoded-word-unknown-charset.eml"] = lines(
    "From: =?x-klingon-9999?B?5L2g5aW9?= <a@example.com>",
    "Subject: =?x-unknown?Q?caf=E9?= =?utf-8*zh-CN?B?5L2g5aW9?= =?utf-8?X?abc?= =?utf-8?B?@@@@?= =?utf-8?Q?end=",
    "To: =?utf-8?B?5L2g5aW9",
    "Content-Type: text/plain; charset=x-unknown-charset",
    "",
    "body in an unknown charset \xe9".encode("latin-1"))

# Parts with a Content-Type and no body at all: one with no blank line before the next delimiter,
# one whose header block runs into the close, and an empty top-level HTML body after them.
inputs["10-content-type-empty-body.eml"] = lines(
    *head('multipart/mixed; boundary="e"'), "",
    "--e", "Content-Type: text/html; charset=utf-8",
    "--e", "Content-Type: text/plain; charset=utf-8", "",
    "--e", "Content-Type: image/png; name=empty.png", "Content-Transfer-Encoding: base64", "", "",
    "--e", "Content-Type: message/rfc822",
    "--e--")

# NUL bytes in a header name, a header value, the boundary parameter and the body.
inputs["11-nul-bytes.eml"] = lines(
    b"From: a\x00b@example.com",
    b"Sub\x00ject: nul\x00in subject",
    b'Content-Type: multipart/mixed; boundary="n\x00n"',
    b"",
    b"--n\x00n",
    b"Content-Type: text/plain",
    b"",
    b"\x00\x00body\x00",
    b"--n\x00n--",
    b"\x00")

# Quoted-printable that ends in a soft line break, then '=' plus one hex digit, at end of input.
inputs["12-qp-soft-break-at-eof.eml"] = lines(
    *head("text/plain; charset=utf-8"), "Content-Transfer-Encoding: quoted-printable", "",
    "caf=C3=A9 =E4=BD=A0=", "=E5=A5=", "=E") + b"="

# An outer boundary that is a prefix of the inner one and an inner one that is a prefix of the
# outer: "--ab" must not end a part at "--abc".
inputs["13-boundary-prefix-of-another.eml"] = lines(
    *head('multipart/mixed; boundary="ab"'), "",
    "--ab", 'Content-Type: multipart/alternative; boundary="abc"', "",
    "--abc", "Content-Type: text/plain", "", "inner plain",
    "--abcd", "Content-Type: text/plain", "", "not a delimiter of abc",
    "--abc", 'Content-Type: multipart/related; boundary="a"', "",
    "--a", "Content-Type: text/html", "", "<p>deepest</p>",
    "--a--",
    "--abc--",
    "--ab", "Content-Type: text/plain", "", "outer second",
    "--ab--")

# A message/rfc822 part that contains the message itself, truncated, four times over.
seed = head('multipart/mixed; boundary="self"') + [""]
seed += ["--self", "Content-Type: text/plain", "", "outer text", "--self", "Content-Type: message/rfc822", "", ""]
body = lines(*seed)
message = body
for _ in range(4):
    message = body + message[: len(message) * 3 // 4]
inputs["14-rfc822-containing-itself-truncated.eml"] = message

# More parts than maxParts (200): refused as tooManyParts.
many = head('multipart/mixed; boundary="m"') + [""]
for index in range(300):
    many += ["--m", "Content-Type: text/plain", "", "part %d" % index]
many.append("--m--")
inputs["15-too-many-parts.eml"] = lines(*many)

os.makedirs(OUT, exist_ok=True)
for name, data in inputs.items():
    with open(os.path.join(OUT, name), "wb") as handle:
        handle.write(data)
print("wrote %d files to %s" % (len(inputs), OUT))
