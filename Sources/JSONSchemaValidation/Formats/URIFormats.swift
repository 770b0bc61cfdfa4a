/// `uri` (RFC 3986 section 3 `URI`, which requires a scheme) and `uri-reference` (section 4.1
/// `URI-reference`, a URI or a relative reference), following the RFC 3986 ABNF exactly: only
/// ASCII, percent-encodings are `%` and two hex digits, and IP literals hold an IPv6 address or
/// an `IPvFuture`.
///
/// The same parser reads `iri` and `iri-reference` (RFC 3987 section 2.2), whose grammar is the
/// URI grammar with `ucschar` added to `unreserved` (so to user information, host names, path,
/// query and fragment) and `iprivate` added to the query; schemes, percent-encodings, ports and
/// IP literals stay ASCII.
enum URIFormats {
  /// The two grammars the parser reads.
  enum Grammar {
    /// RFC 3986: ASCII only.
    case uri
    /// RFC 3987: `ucschar` wherever `unreserved` may appear, and `iprivate` in the query.
    case iri
  }

  static func isURI(_ s: UTF8Bytes) -> Bool {
    isAbsolute(s, .uri)
  }

  static func isURIReference(_ s: UTF8Bytes) -> Bool {
    isReference(s, .uri)
  }

  static func isIRI(_ s: UTF8Bytes) -> Bool {
    isAbsolute(s, .iri)
  }

  static func isIRIReference(_ s: UTF8Bytes) -> Bool {
    isReference(s, .iri)
  }

  /// `URI` / `IRI`: a scheme, then the rest.
  private static func isAbsolute(_ s: UTF8Bytes, _ grammar: Grammar) -> Bool {
    guard let afterScheme = schemeEnd(s) else { return false }
    return isRest(s, from: afterScheme + 1, isRelative: false, grammar)
  }

  /// `URI-reference` / `IRI-reference`: an absolute form or a relative reference.
  private static func isReference(_ s: UTF8Bytes, _ grammar: Grammar) -> Bool {
    if let afterScheme = schemeEnd(s) {
      return isRest(s, from: afterScheme + 1, isRelative: false, grammar)
    }
    return isRest(s, from: 0, isRelative: true, grammar)
  }

  /// The index of the `:` ending a valid leading `scheme`, or nil when the string has none.
  private static func schemeEnd(_ s: UTF8Bytes) -> Int? {
    // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
    guard !s.isEmpty, s[0].isASCIILetter else { return nil }
    var i = 1
    while i < s.count {
      let byte = s[i]
      if byte == UInt8(ascii: ":") { return i }
      guard
        byte.isASCIILetter || byte.isASCIIDigit || byte == UInt8(ascii: "+")
          || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
      else { return nil }
      i += 1
    }
    return nil
  }

  /// Whether `s[start...]` is `hier-part [ "?" query ] [ "#" fragment ]` (or, for a relative
  /// reference, `relative-part` in place of `hier-part`).
  private static func isRest(
    _ s: UTF8Bytes, from start: Int, isRelative: Bool, _ grammar: Grammar
  ) -> Bool {
    let end = s.count
    var i = start
    if end - i >= 2, s[i] == UInt8(ascii: "/"), s[i + 1] == UInt8(ascii: "/") {
      // "//" authority path-abempty
      i += 2
      let authorityStart = i
      while i < end, s[i] != UInt8(ascii: "/"), s[i] != UInt8(ascii: "?"),
        s[i] != UInt8(ascii: "#")
      {
        i += 1
      }
      guard isAuthority(s, from: authorityStart, to: i, grammar) else { return false }
    } else if isRelative {
      // path-noscheme: the first segment may not contain ":".
      while i < end, s[i] != UInt8(ascii: "/"), s[i] != UInt8(ascii: "?"),
        s[i] != UInt8(ascii: "#")
      {
        guard s[i] != UInt8(ascii: ":") else { return false }
        i += 1
      }
      i = start
    }
    // The rest of the path: pchars and "/" (path-abempty, path-absolute, path-rootless,
    // path-noscheme and path-empty differ only in what was checked above).
    while i < end, s[i] != UInt8(ascii: "?"), s[i] != UInt8(ascii: "#") {
      if s[i] == UInt8(ascii: "/") {
        i += 1
      } else {
        guard isPchar(s, &i, grammar) else { return false }
      }
    }
    if i < end, s[i] == UInt8(ascii: "?") {
      i += 1
      // query = *( pchar / "/" / "?" ); iquery also admits iprivate.
      while i < end, s[i] != UInt8(ascii: "#") {
        guard isQueryOrFragmentByte(s, &i, grammar, allowsPrivateUse: true) else { return false }
      }
    }
    if i < end {
      // s[i] is "#"; fragment = *( pchar / "/" / "?" )
      i += 1
      while i < end {
        guard isQueryOrFragmentByte(s, &i, grammar, allowsPrivateUse: false) else { return false }
      }
    }
    return true
  }

  /// Consumes one `pchar / "/" / "?"`, or for an IRI query with `allowsPrivateUse` also one
  /// `iprivate`.
  @inline(__always)
  private static func isQueryOrFragmentByte(
    _ s: UTF8Bytes, _ i: inout Int, _ grammar: Grammar, allowsPrivateUse: Bool
  ) -> Bool {
    if s[i] == UInt8(ascii: "/") || s[i] == UInt8(ascii: "?") {
      i += 1
      return true
    }
    if s[i] >= 0x80 {
      return grammar == .iri && IRICharacters.consume(s, &i, allowsPrivateUse: allowsPrivateUse)
    }
    return isPchar(s, &i, grammar)
  }

  /// Consumes one `pchar = unreserved / pct-encoded / sub-delims / ":" / "@"` (an IRI's
  /// `ipchar` when `grammar` is `.iri`), advancing `i` past it; leaves `i` unchanged and returns
  /// false otherwise.
  @inline(__always)
  private static func isPchar(_ s: UTF8Bytes, _ i: inout Int, _ grammar: Grammar) -> Bool {
    let byte = s[i]
    if isUnreserved(byte) || isSubDelim(byte) || byte == UInt8(ascii: ":")
      || byte == UInt8(ascii: "@")
    {
      i += 1
      return true
    }
    if byte >= 0x80 {
      return grammar == .iri && IRICharacters.consume(s, &i, allowsPrivateUse: false)
    }
    return isPercentEncoded(s, &i)
  }

  /// Consumes one `pct-encoded = "%" HEXDIG HEXDIG`.
  @inline(__always)
  static func isPercentEncoded(_ s: UTF8Bytes, _ i: inout Int) -> Bool {
    guard s[i] == UInt8(ascii: "%"), i + 2 < s.count, s[i + 1].isASCIIHexDigit,
      s[i + 2].isASCIIHexDigit
    else { return false }
    i += 3
    return true
  }

  /// `unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~"`
  @inline(__always)
  private static func isUnreserved(_ byte: UInt8) -> Bool {
    byte.isASCIILetter || byte.isASCIIDigit || byte == UInt8(ascii: "-")
      || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
  }

  /// `sub-delims = "!" / "$" / "&" / "'" / "(" / ")" / "*" / "+" / "," / ";" / "="`
  @inline(__always)
  private static func isSubDelim(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"),
      UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","),
      UInt8(ascii: ";"), UInt8(ascii: "="):
      return true
    default:
      return false
    }
  }

  /// `authority = [ userinfo "@" ] host [ ":" port ]`; an IRI's `iuserinfo` and `ireg-name`
  /// also admit `ucschar`.
  private static func isAuthority(
    _ s: UTF8Bytes, from start: Int, to end: Int, _ grammar: Grammar
  ) -> Bool {
    var i = start
    // userinfo = *( unreserved / pct-encoded / sub-delims / ":" ), present when an "@" follows.
    var at = start
    while at < end, s[at] != UInt8(ascii: "@") { at += 1 }
    if at < end {
      while i < at {
        let byte = s[i]
        if isUnreserved(byte) || isSubDelim(byte) || byte == UInt8(ascii: ":") {
          i += 1
        } else if byte >= 0x80 {
          guard grammar == .iri, IRICharacters.consume(s, &i, allowsPrivateUse: false) else {
            return false
          }
        } else {
          guard isPercentEncoded(s, &i), i <= at else { return false }
        }
      }
      i = at + 1
    }
    // host = IP-literal / IPv4address / reg-name
    if i < end, s[i] == UInt8(ascii: "[") {
      let literalStart = i + 1
      while i < end, s[i] != UInt8(ascii: "]") { i += 1 }
      guard i < end, isIPLiteralBody(s, from: literalStart, to: i) else { return false }
      i += 1
    } else {
      // reg-name = *( unreserved / pct-encoded / sub-delims ); IPv4address is a subset.
      while i < end, s[i] != UInt8(ascii: ":") {
        if isUnreserved(s[i]) || isSubDelim(s[i]) {
          i += 1
        } else if s[i] >= 0x80 {
          guard grammar == .iri, IRICharacters.consume(s, &i, allowsPrivateUse: false) else {
            return false
          }
        } else {
          guard isPercentEncoded(s, &i), i <= end else { return false }
        }
      }
    }
    guard i < end else { return true }
    // ":" port, port = *DIGIT
    guard s[i] == UInt8(ascii: ":") else { return false }
    i += 1
    while i < end {
      guard s[i].isASCIIDigit else { return false }
      i += 1
    }
    return true
  }

  /// `IPv6address / IPvFuture`, the inside of `IP-literal`.
  private static func isIPLiteralBody(_ s: UTF8Bytes, from start: Int, to end: Int) -> Bool {
    guard start < end else { return false }
    guard s[start] | 0x20 == UInt8(ascii: "v") else {
      return IPFormats.isIPv6(s, from: start, to: end)
    }
    // IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )
    var i = start + 1
    let versionStart = i
    while i < end, s[i].isASCIIHexDigit { i += 1 }
    guard i > versionStart, i < end, s[i] == UInt8(ascii: ".") else { return false }
    i += 1
    guard i < end else { return false }
    while i < end {
      let byte = s[i]
      guard isUnreserved(byte) || isSubDelim(byte) || byte == UInt8(ascii: ":") else {
        return false
      }
      i += 1
    }
    return true
  }
}
