/// `email`: the RFC 5321 section 4.1.2 `Mailbox`.
///
/// ```
/// Mailbox    = Local-part "@" ( Domain / address-literal )
/// Local-part = Dot-string / Quoted-string
/// ```
/// The domain is checked as a `hostname`. Address literals are `[IPv4]` or `[IPv6:...]` (the tag
/// case-insensitive); RFC 5321 `Snum` octets may have leading zeros, and `::` stands for at least
/// two groups. General address literals are rejected because no other tag is registered.
///
/// `idn-email` is the RFC 6531 section 3.3 extension of the same grammar: `atext` and
/// `qtextSMTP` also admit `UTF8-non-ascii` (any non-ASCII character, unnormalized, controls and
/// noncharacters included), and the domain is checked as an `idn-hostname`.
enum EmailFormat {
  static func isEmail(_ s: UTF8Bytes) -> Bool {
    isMailbox(s, internationalized: false)
  }

  static func isIDNEmail(_ s: UTF8Bytes) -> Bool {
    isMailbox(s, internationalized: true)
  }

  /// An RFC 5321 `Mailbox`, or with `internationalized` an RFC 6531 one.
  @inline(__always)
  private static func isMailbox(_ s: UTF8Bytes, internationalized: Bool) -> Bool {
    let end = s.count
    guard end > 0 else { return false }
    var i = 0
    if s[0] == UInt8(ascii: "\"") {
      // Quoted-string = DQUOTE *(qtextSMTP / quoted-pairSMTP) DQUOTE
      i = 1
      while true {
        guard i < end else { return false }
        let byte = s[i]
        if byte == UInt8(ascii: "\"") { break }
        if byte == UInt8(ascii: "\\") {
          // quoted-pairSMTP = %d92 %d32-126
          guard i + 1 < end, s[i + 1] >= 32, s[i + 1] <= 126 else { return false }
          i += 2
        } else {
          // qtextSMTP = %d32-33 / %d35-91 / %d93-126 (RFC 6531: / UTF8-non-ascii)
          guard (byte >= 32 && byte <= 126) || (internationalized && byte >= 0x80) else {
            return false
          }
          i += 1
        }
      }
      i += 1
    } else {
      // Dot-string = Atom *("." Atom)
      while true {
        let atomStart = i
        // RFC 6531: atext =/ UTF8-non-ascii. A Swift string's UTF-8 is well formed, so taking
        // every byte above 0x7F takes whole non-ASCII characters.
        while i < end, isAtext(s[i]) || (internationalized && s[i] >= 0x80) { i += 1 }
        guard i > atomStart else { return false }
        guard i < end, s[i] == UInt8(ascii: ".") else { break }
        i += 1
      }
    }
    guard i < end, s[i] == UInt8(ascii: "@") else { return false }
    i += 1
    guard i < end else { return false }
    guard s[i] == UInt8(ascii: "[") else {
      return internationalized
        ? IDNHostnameFormat.isIDNHostname(s, from: i, to: end)
        : HostnameFormat.isHostname(s, from: i, to: end)
    }
    let literalEnd = end - 1
    guard s[literalEnd] == UInt8(ascii: "]") else { return false }
    let literalStart = i + 1
    if literalEnd - literalStart > 5, isIPv6Tag(s, at: literalStart) {
      return IPFormats.isIPv6(
        s, from: literalStart + 5, to: literalEnd, minimumElided: 2, allowLeadingZerosInIPv4: true)
    }
    return IPFormats.isIPv4(s, from: literalStart, to: literalEnd, allowLeadingZeros: true)
  }

  /// `atext` from RFC 5322 section 3.2.3.
  @inline(__always)
  private static func isAtext(_ byte: UInt8) -> Bool {
    if byte.isASCIILetter || byte.isASCIIDigit { return true }
    switch byte {
    case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"),
      UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"),
      UInt8(ascii: "/"), UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "^"), UInt8(ascii: "_"),
      UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"), UInt8(ascii: "~"):
      return true
    default:
      return false
    }
  }

  /// Whether `s[i..<i+5]` is `IPv6:` in any case (ABNF literal strings are case-insensitive).
  private static func isIPv6Tag(_ s: UTF8Bytes, at i: Int) -> Bool {
    s[i] | 0x20 == UInt8(ascii: "i") && s[i + 1] | 0x20 == UInt8(ascii: "p")
      && s[i + 2] | 0x20 == UInt8(ascii: "v") && s[i + 3] == UInt8(ascii: "6")
      && s[i + 4] == UInt8(ascii: ":")
  }
}
