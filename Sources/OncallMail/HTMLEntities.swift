/// HTML character references: named (the common set mail uses), decimal and hex.
enum HTMLEntities {
    /// Named references without the `&` and `;`. Mail HTML uses a small set; an unknown name is
    /// left as written rather than guessed.
    static let named: [String: String] = [
        "amp": "\u{26}", "lt": "\u{3C}", "gt": "\u{3E}", "quot": "\u{22}", "apos": "\u{27}", "nbsp": "\u{A0}",
        "copy": "\u{A9}", "reg": "\u{AE}", "trade": "\u{2122}", "hellip": "\u{2026}", "mdash": "\u{2014}",
        "ndash": "\u{2013}", "lsquo": "\u{2018}", "rsquo": "\u{2019}", "sbquo": "\u{201A}", "ldquo": "\u{201C}",
        "rdquo": "\u{201D}", "bdquo": "\u{201E}", "bull": "\u{2022}", "middot": "\u{B7}", "euro": "\u{20AC}",
        "pound": "\u{A3}", "yen": "\u{A5}", "cent": "\u{A2}", "curren": "\u{A4}", "sect": "\u{A7}", "deg": "\u{B0}",
        "plusmn": "\u{B1}", "times": "\u{D7}", "divide": "\u{F7}", "laquo": "\u{AB}", "raquo": "\u{BB}",
        "lsaquo": "\u{2039}", "rsaquo": "\u{203A}", "iexcl": "\u{A1}", "iquest": "\u{BF}", "para": "\u{B6}",
        "shy": "\u{AD}", "ensp": "\u{2002}", "emsp": "\u{2003}", "thinsp": "\u{2009}", "zwj": "\u{200D}",
        "zwnj": "\u{200C}", "lrm": "\u{200E}", "rlm": "\u{200F}", "larr": "\u{2190}", "rarr": "\u{2192}",
        "uarr": "\u{2191}", "darr": "\u{2193}", "harr": "\u{2194}", "lArr": "\u{21D0}", "rArr": "\u{21D2}",
        "hArr": "\u{21D4}", "dagger": "\u{2020}", "Dagger": "\u{2021}", "permil": "\u{2030}", "prime": "\u{2032}",
        "Prime": "\u{2033}", "oline": "\u{203E}", "frasl": "\u{2044}", "micro": "\u{B5}", "ordf": "\u{AA}",
        "ordm": "\u{BA}", "sup1": "\u{B9}", "sup2": "\u{B2}", "sup3": "\u{B3}", "frac14": "\u{BC}",
        "frac12": "\u{BD}", "frac34": "\u{BE}", "not": "\u{AC}", "macr": "\u{AF}", "acute": "\u{B4}",
        "cedil": "\u{B8}", "uml": "\u{A8}", "brvbar": "\u{A6}", "Agrave": "\u{C0}", "Aacute": "\u{C1}",
        "Acirc": "\u{C2}", "Atilde": "\u{C3}", "Auml": "\u{C4}", "Aring": "\u{C5}", "AElig": "\u{C6}",
        "Ccedil": "\u{C7}", "Egrave": "\u{C8}", "Eacute": "\u{C9}", "Ecirc": "\u{CA}", "Euml": "\u{CB}",
        "Igrave": "\u{CC}", "Iacute": "\u{CD}", "Icirc": "\u{CE}", "Iuml": "\u{CF}", "ETH": "\u{D0}",
        "Ntilde": "\u{D1}", "Ograve": "\u{D2}", "Oacute": "\u{D3}", "Ocirc": "\u{D4}", "Otilde": "\u{D5}",
        "Ouml": "\u{D6}", "Oslash": "\u{D8}", "Ugrave": "\u{D9}", "Uacute": "\u{DA}", "Ucirc": "\u{DB}",
        "Uuml": "\u{DC}", "Yacute": "\u{DD}", "THORN": "\u{DE}", "szlig": "\u{DF}", "agrave": "\u{E0}",
        "aacute": "\u{E1}", "acirc": "\u{E2}", "atilde": "\u{E3}", "auml": "\u{E4}", "aring": "\u{E5}",
        "aelig": "\u{E6}", "ccedil": "\u{E7}", "egrave": "\u{E8}", "eacute": "\u{E9}", "ecirc": "\u{EA}",
        "euml": "\u{EB}", "igrave": "\u{EC}", "iacute": "\u{ED}", "icirc": "\u{EE}", "iuml": "\u{EF}",
        "eth": "\u{F0}", "ntilde": "\u{F1}", "ograve": "\u{F2}", "oacute": "\u{F3}", "ocirc": "\u{F4}",
        "otilde": "\u{F5}", "ouml": "\u{F6}", "oslash": "\u{F8}", "ugrave": "\u{F9}", "uacute": "\u{FA}",
        "ucirc": "\u{FB}", "uuml": "\u{FC}", "yacute": "\u{FD}", "thorn": "\u{FE}", "yuml": "\u{FF}",
        "OElig": "\u{152}", "oelig": "\u{153}", "Scaron": "\u{160}", "scaron": "\u{161}", "Yuml": "\u{178}",
        "fnof": "\u{192}", "circ": "\u{2C6}", "tilde": "\u{2DC}", "Alpha": "\u{391}", "Beta": "\u{392}",
        "Gamma": "\u{393}", "Delta": "\u{394}", "Epsilon": "\u{395}", "Zeta": "\u{396}", "Eta": "\u{397}",
        "Theta": "\u{398}", "Iota": "\u{399}", "Kappa": "\u{39A}", "Lambda": "\u{39B}", "Mu": "\u{39C}",
        "Nu": "\u{39D}", "Xi": "\u{39E}", "Omicron": "\u{39F}", "Pi": "\u{3A0}", "Rho": "\u{3A1}",
        "Sigma": "\u{3A3}", "Tau": "\u{3A4}", "Upsilon": "\u{3A5}", "Phi": "\u{3A6}", "Chi": "\u{3A7}",
        "Psi": "\u{3A8}", "Omega": "\u{3A9}", "alpha": "\u{3B1}", "beta": "\u{3B2}", "gamma": "\u{3B3}",
        "delta": "\u{3B4}", "epsilon": "\u{3B5}", "zeta": "\u{3B6}", "eta": "\u{3B7}", "theta": "\u{3B8}",
        "iota": "\u{3B9}", "kappa": "\u{3BA}", "lambda": "\u{3BB}", "mu": "\u{3BC}", "nu": "\u{3BD}",
        "xi": "\u{3BE}", "omicron": "\u{3BF}", "pi": "\u{3C0}", "rho": "\u{3C1}", "sigmaf": "\u{3C2}",
        "sigma": "\u{3C3}", "tau": "\u{3C4}", "upsilon": "\u{3C5}", "phi": "\u{3C6}", "chi": "\u{3C7}",
        "psi": "\u{3C8}", "omega": "\u{3C9}", "forall": "\u{2200}", "part": "\u{2202}", "exist": "\u{2203}",
        "empty": "\u{2205}", "nabla": "\u{2207}", "isin": "\u{2208}", "notin": "\u{2209}", "ni": "\u{220B}",
        "prod": "\u{220F}", "sum": "\u{2211}", "minus": "\u{2212}", "lowast": "\u{2217}", "radic": "\u{221A}",
        "prop": "\u{221D}", "infin": "\u{221E}", "ang": "\u{2220}", "and": "\u{2227}", "or": "\u{2228}",
        "cap": "\u{2229}", "cup": "\u{222A}", "int": "\u{222B}", "there4": "\u{2234}", "sim": "\u{223C}",
        "cong": "\u{2245}", "asymp": "\u{2248}", "ne": "\u{2260}", "equiv": "\u{2261}", "le": "\u{2264}",
        "ge": "\u{2265}", "sub": "\u{2282}", "sup": "\u{2283}", "nsub": "\u{2284}", "sube": "\u{2286}",
        "supe": "\u{2287}", "oplus": "\u{2295}", "otimes": "\u{2297}", "perp": "\u{22A5}", "sdot": "\u{22C5}",
        "lceil": "\u{2308}", "rceil": "\u{2309}", "lfloor": "\u{230A}", "rfloor": "\u{230B}", "lang": "\u{27E8}",
        "rang": "\u{27E9}", "loz": "\u{25CA}", "spades": "\u{2660}", "clubs": "\u{2663}", "hearts": "\u{2665}",
        "diams": "\u{2666}", "check": "\u{2713}", "cross": "\u{2717}", "star": "\u{2606}", "starf": "\u{2605}",
    ]

    /// Names browsers accept without the closing `;` (legacy HTML); others need it.
    static let legacyNames: Set<String> = ["amp", "lt", "gt", "quot", "nbsp", "copy", "reg"]

    /// Windows-1252 meanings of numeric references 128–159, as HTML5 specifies (`&#150;` is "–").
    static let windows1252: [UInt32: UInt32] = [
        0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
        0x88: 0x02C6, 0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152, 0x8E: 0x017D, 0x91: 0x2018,
        0x92: 0x2019, 0x93: 0x201C, 0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02DC,
        0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A, 0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178,
    ]

    /// Decodes the reference starting at `start` (an `&`), passing each scalar to `emit`, and
    /// returns the index after it. Anything that is not a reference emits the `&` alone, so the
    /// caller always advances.
    static func decode(_ input: [UInt8], at start: Int, emit: (Unicode.Scalar) -> Void) -> Int {
        var cursor = start + 1
        if cursor < input.count, input[cursor] == UInt8(ascii: "#") {
            cursor += 1
            var isHex = false
            if cursor < input.count, input[cursor] | 0x20 == UInt8(ascii: "x") {
                isHex = true
                cursor += 1
            }
            let digitsStart = cursor
            var value: UInt32 = 0
            // Eight digits at most: enough for U+10FFFF in either base, and no overflow.
            while cursor < input.count, cursor - digitsStart < 8 {
                let byte = input[cursor]
                let digit: UInt32
                if isHex, let hex = TransferDecoding.hexValue(byte) {
                    digit = UInt32(hex)
                } else if !isHex, (0x30...0x39).contains(byte) {
                    digit = UInt32(byte - 0x30)
                } else {
                    break
                }
                value = value * (isHex ? 16 : 10) + digit
                cursor += 1
            }
            guard cursor > digitsStart else {
                emit("&")
                return start + 1
            }
            if cursor < input.count, input[cursor] == UInt8(ascii: ";") { cursor += 1 }
            if let mapped = windows1252[value] { value = mapped }
            // NUL, surrogates and values past U+10FFFF become U+FFFD, as browsers do.
            emit(value == 0 ? "\u{FFFD}" : Unicode.Scalar(value) ?? "\u{FFFD}")
            return cursor
        }
        let nameStart = cursor
        while cursor < input.count, cursor - nameStart < 10, input[cursor].isASCIIAlphanumeric { cursor += 1 }
        let name = String(decoding: input[nameStart..<cursor], as: UTF8.self)
        let hasSemicolon = cursor < input.count && input[cursor] == UInt8(ascii: ";")
        if let text = named[name], hasSemicolon || legacyNames.contains(name) {
            for scalar in text.unicodeScalars { emit(scalar) }
            return hasSemicolon ? cursor + 1 : cursor
        }
        emit("&")
        return start + 1
    }
}
