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

# One Subject folded over 3,000 continuation lines (about 60 KB; once truncated by a 16 KiB
# field limit, read whole since header sizes default to the message limit).
inputs["05-huge-folded-header.eml"] = lines(
    "From: a@example.com",
    "Subject: start",
    *[" fold %04d xxxxxxxx" % i for i in range(3000)],
    "Content-Type: text/plain",
    "",
    "body")

# A header block past the old 64 KiB maxHeaderBytes: once refused as headerTooLong, parsed
# since header sizes default to the message limit.
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

# Issue 11 §3, the hostile shapes of the fixtures 28-32 and the 210 KB Subject, pushed further.

# Continuation lines before the first field: blank-looking and not, in the message, in a part,
# in a forwarded message and in a digest entry.
inputs["16-continuation-before-first-field.eml"] = lines(
    " ", "\t", "  stray continuation", "\t\t",
    *head('multipart/mixed; boundary="c"'), "",
    "--c", " ", "\t ", "Content-Type: text/plain", "", "part after blank-looking lines",
    "--c", " not a field", "", "part body",
    "--c", "Content-Type: message/rfc822", "", " ", "\tcut", "From: b@example.com", "", "inner",
    "--c", "Content-Type: multipart/digest; boundary=d", "", "--d", " ", "", " ", "--d--",
    "--c--")

# Base64 bodies after other libraries' test cases: a misplaced '=' inside a quantum, a control
# byte, a lone trailing character, an odd length, and a text part with nothing decodable.
inputs["17-base64-damaged-tails.eml"] = lines(
    *head('multipart/mixed; boundary="t"'), "",
    "--t", "Content-Type: audio/x-midi", "Content-Transfer-Encoding: base64", "", "AwDp0P7//y6LwKEAcPa/6Q=9",
    "--t", "Content-Type: text/plain", "Content-Transfer-Encoding: base64", "", b"dm\x01k===",
    "--t", "Content-Type: text/plain", "Content-Transfer-Encoding: base64", "", "dmk",
    "--t", "Content-Type: text/plain", "Content-Transfer-Encoding: base64", "", "abcde",
    "--t", "Content-Type: text/plain", "Content-Transfer-Encoding: base64", "", "!!! ??? !!!", "=",
    "--t", "Content-Type: text/html", "Content-Transfer-Encoding: x-base64", "", "=" * 300 + "*" * 300,
    "--t--")

# Unknown charset labels on every kind of text: Latin-1, ASCII, UTF-8, GBK, a long label, a
# label with a NUL and a slash, in bodies, encoded words and RFC 2231 parameters.
inputs["18-unknown-charset-labels.eml"] = lines(
    "From: =?x-unknown-foo?Q?J=FCrgen?= <j@example.com>",
    "Subject: =?x-unknown-foo?B?R3L832U=?= =?" + "x" * 64 + "?Q?a?= =?utf-8//x?Q?b?=",
    'Content-Type: multipart/mixed; boundary="u"',
    "",
    "--u", 'Content-Type: text/plain; charset="x-unknown-foo"', "", "Grüße aus Köln".encode("latin-1"),
    "--u", "Content-Type: text/plain; charset=x-unknown-foo", "", "plain ascii",
    "--u", "Content-Type: text/plain; charset=x-unknown-foo", "", "三号线 UTF-8".encode(),
    "--u", "Content-Type: text/plain; charset=x-unknown-foo", "", "三号线扫码枪离线".encode("gbk"),
    "--u", "Content-Type: text/plain; charset=" + "y" * 300, "", "long label",
    "--u", b'Content-Type: text/html; charset="utf-8/\x00x"', b"", b"<p>nul label \xe9</p>",
    "--u", "Content-Type: text/plain; name*=x-unknown-foo''f%FCr.txt", "Content-Disposition: attachment", "", "file",
    "--u--")

# message/rfc822 content that is no message: digest entries without a header, a declared
# forward of bare text (inline and as a named attachment), nested inside another forward.
inputs["19-headerless-forwarded-messages.eml"] = lines(
    *head('multipart/mixed; boundary="h"'), "",
    "--h", "Content-Type: multipart/digest; boundary=hd", "",
    "--hd", "", "entry without a header", "--hd", "", "", "--hd", "", "From: a@example.com", "", "real entry",
    "--hd--",
    "--h", "Content-Type: message/rfc822", "Content-Disposition: inline", "", "bare forwarded text",
    "--h", "Content-Type: message/rfc822", 'Content-Disposition: attachment; filename="x.eml"', "", "bare file",
    "--h", "Content-Type: message/rfc822", "", "From: b@example.com", "Content-Type: message/rfc822", "",
    "innermost has no header",
    "--h--")

# A forward whose own alternative shows nothing: an empty plain part and HTML of only &nbsp;,
# comments and hidden elements; the forwarded message has no Content-Type and 8-bit text.
inputs["20-forward-with-empty-outer.eml"] = lines(
    *head('multipart/mixed; boundary="f"'), "",
    "--f", 'Content-Type: multipart/alternative; boundary="fa"', "",
    "--fa", "Content-Type: text/plain", "", "   ", "",
    "--fa", "Content-Type: text/html", "",
    "<html><head><style>p{}</style></head><body><!-- x --><p>&nbsp;</p><script>x()</script></body></html>",
    "--fa--",
    "--f", "Content-Type: message/rfc822", "Content-Disposition: inline", "",
    "From: c@example.com", "Subject: forwarded", "", "the forwarded text, 8-bit: Grüße".encode(),
    "--f--")

# A 210 KB Subject of UTF-8 encoded words, the base64 cut every 57 characters (not on a quantum).
text21 = "".join("第%d台服务器磁盘告警；" % i for i in range(4200)).encode()
b64_21 = base64.b64encode(text21).decode()
words21 = ["=?UTF-8?B?%s?=" % b64_21[i:i + 57] for i in range(0, len(b64_21), 57)]
inputs["21-huge-folded-encoded-subject.eml"] = lines(
    "From: a@example.com", "Subject: " + "\r\n ".join(words21), "Content-Type: text/plain", "", "body")

# A megabyte of encoded-word fragments: openings without an end, words whose text holds spaces,
# alternating charsets, and base64 words that one odd character keeps from ever aligning.
inputs["22-encoded-word-fragments.eml"] = lines(
    "From: a@example.com",
    "Subject: " + "=?a?B?" * 40000 + " =?x?Q?a b" * 20000 + "=?utf-8?Q?x?==?gbk?Q?y?=" * 10000,
    "X-Unaligned: =?utf-8?B?Q?=" + " =?utf-8?B?QUJD?=" * 40000,
    "",
    "body")

# An address list of many words, one angle address, then a run of colons: each colon used to
# rescan the words before it.
inputs["23-address-list-colon-flood.eml"] = lines(
    "From: a@example.com",
    "To: " + "word " * 60000 + "<b@example.com> " + ": " * 60000,
    "Subject: colons",
    "",
    "body")

os.makedirs(OUT, exist_ok=True)
for name, data in inputs.items():
    with open(os.path.join(OUT, name), "wb") as handle:
        handle.write(data)
print("wrote %d files to %s" % (len(inputs), OUT))
