/// `uri-template`: the RFC 6570 section 2 syntax, up to level 4 (prefix and explode modifiers).
///
/// ```
/// URI-Template  = *( literals / expression )
/// literals      = %x21 / %x23-24 / %x26-3B / %x3D / %x3F-5B / %x5D / %x5F / %x61-7A / %x7E
///               / ucschar / iprivate / pct-encoded
/// expression    = "{" [ operator ] variable-list "}"
/// operator      = "+" / "#" / "." / "/" / ";" / "?" / "&" / "=" / "," / "!" / "@" / "|"
/// variable-list = varspec *( "," varspec )
/// varspec       = varname [ ":" max-length / "*" ]
/// varname       = varchar *( ["."] varchar )
/// varchar       = ALPHA / DIGIT / "_" / pct-encoded
/// max-length    = %x31-39 0*3DIGIT
/// ```
/// The literal ranges include the apostrophe (`%x26-3B` rather than the published `%x26 /
/// %x28-3B`), as the verified erratum 6937 corrects them and the RFC's own `'{var}'` example
/// needs. The operators `=`, `,`, `!`, `@` and `|`, which the RFC reserves for future
/// extensions, are part of its `operator` rule and so accepted.
enum URITemplateFormat {
  static func isURITemplate(_ s: UTF8Bytes) -> Bool {
    let end = s.count
    var i = 0
    while i < end {
      let byte = s[i]
      if byte == UInt8(ascii: "{") {
        i += 1
        guard isExpressionBody(s, &i) else { return false }
      } else if byte == UInt8(ascii: "%") {
        guard URIFormats.isPercentEncoded(s, &i) else { return false }
      } else if byte >= 0x80 {
        guard IRICharacters.consume(s, &i, allowsPrivateUse: true) else { return false }
      } else {
        guard isLiteral(byte) else { return false }
        i += 1
      }
    }
    return true
  }

  /// Consumes `[ operator ] variable-list "}"`, the part of an expression after its `{`.
  private static func isExpressionBody(_ s: UTF8Bytes, _ i: inout Int) -> Bool {
    guard i < s.count else { return false }
    if isOperator(s[i]) { i += 1 }
    while true {
      guard isVarname(s, &i), i < s.count else { return false }
      // modifier-level4 = prefix / explode
      if s[i] == UInt8(ascii: ":") {
        i += 1
        guard i < s.count, s[i] != UInt8(ascii: "0"), s[i].isASCIIDigit else { return false }
        let digitsStart = i
        while i < s.count, s[i].isASCIIDigit { i += 1 }
        guard i - digitsStart <= 4, i < s.count else { return false }
      } else if s[i] == UInt8(ascii: "*") {
        i += 1
        guard i < s.count else { return false }
      }
      switch s[i] {
      case UInt8(ascii: "}"):
        i += 1
        return true
      case UInt8(ascii: ","):
        i += 1
      default:
        return false
      }
    }
  }

  /// Consumes `varname = varchar *( ["."] varchar )`.
  private static func isVarname(_ s: UTF8Bytes, _ i: inout Int) -> Bool {
    guard i < s.count, isVarchar(s, &i) else { return false }
    while i < s.count {
      if s[i] == UInt8(ascii: ".") {
        i += 1
        guard i < s.count, isVarchar(s, &i) else { return false }
      } else if !isVarchar(s, &i) {
        break
      }
    }
    return true
  }

  /// Consumes one `varchar = ALPHA / DIGIT / "_" / pct-encoded`; leaves `i` unchanged and returns
  /// false otherwise.
  @inline(__always)
  private static func isVarchar(_ s: UTF8Bytes, _ i: inout Int) -> Bool {
    let byte = s[i]
    if byte.isASCIILetter || byte.isASCIIDigit || byte == UInt8(ascii: "_") {
      i += 1
      return true
    }
    return URIFormats.isPercentEncoded(s, &i)
  }

  /// `op-level2 / op-level3 / op-reserve`.
  @inline(__always)
  private static func isOperator(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "+"), UInt8(ascii: "#"), UInt8(ascii: "."), UInt8(ascii: "/"),
      UInt8(ascii: ";"), UInt8(ascii: "?"), UInt8(ascii: "&"), UInt8(ascii: "="), UInt8(ascii: ","),
      UInt8(ascii: "!"), UInt8(ascii: "@"), UInt8(ascii: "|"):
      return true
    default:
      return false
    }
  }

  /// The ASCII `literals`: any printable character except `"`, `%`, `<`, `>`, `\`, `^`, `` ` ``,
  /// `{`, `|` and `}` (`%` only begins a `pct-encoded`).
  @inline(__always)
  private static func isLiteral(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x21, 0x23...0x24, 0x26...0x3B, 0x3D, 0x3F...0x5B, 0x5D, 0x5F, 0x61...0x7A, 0x7E:
      return true
    default:
      return false
    }
  }
}
