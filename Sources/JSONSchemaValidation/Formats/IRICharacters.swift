/// The non-ASCII character classes of RFC 3987 section 2.2, which the IRI grammar
/// (`URIFormats` with `.iri`) and RFC 6570 URI Template literals (`URITemplateFormat`) admit.
///
/// ```
/// ucschar  = %xA0-D7FF / %xF900-FDCF / %xFDF0-FFEF
///          / %x10000-1FFFD / %x20000-2FFFD / ... / %xD0000-DFFFD
///          / %xE1000-EFFFD
/// iprivate = %xE000-F8FF / %xF0000-FFFFD / %x100000-10FFFD
/// ```
enum IRICharacters {
  /// Whether `value` is a `ucschar`.
  static func isUCSChar(_ value: UInt32) -> Bool {
    switch value {
    case 0xA0...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFEF: return true
    case 0x10000...0xDFFFF: return value & 0xFFFF <= 0xFFFD
    case 0xE1000...0xEFFFD: return true
    default: return false
    }
  }

  /// Whether `value` is an `iprivate`.
  static func isPrivateUse(_ value: UInt32) -> Bool {
    switch value {
    case 0xE000...0xF8FF, 0xF0000...0xFFFFD, 0x100000...0x10FFFD: return true
    default: return false
    }
  }

  /// Consumes the non-ASCII scalar whose UTF-8 encoding starts at `s[i]` when it is a `ucschar`,
  /// or with `allowsPrivateUse` an `iprivate`; leaves `i` unchanged and returns false otherwise.
  static func consume(_ s: UTF8Bytes, _ i: inout Int, allowsPrivateUse: Bool) -> Bool {
    guard let (value, length) = decodeScalar(s, at: i) else { return false }
    guard isUCSChar(value) || (allowsPrivateUse && isPrivateUse(value)) else { return false }
    i += length
    return true
  }

  /// The scalar whose UTF-8 encoding starts at `s[i]` and the encoding's length, or nil when
  /// `s[i]` does not begin a complete encoding. (A Swift string's UTF-8 is always well formed,
  /// so only the lead byte and the bounds are checked.)
  static func decodeScalar(_ s: UTF8Bytes, at i: Int) -> (value: UInt32, length: Int)? {
    let lead = s[i]
    let length: Int
    var value: UInt32
    switch lead {
    case 0..<0x80: return (UInt32(lead), 1)
    case 0xC2..<0xE0:
      length = 2
      value = UInt32(lead & 0x1F)
    case 0xE0..<0xF0:
      length = 3
      value = UInt32(lead & 0x0F)
    case 0xF0..<0xF5:
      length = 4
      value = UInt32(lead & 0x07)
    default: return nil
    }
    guard i + length <= s.count else { return nil }
    for continuation in s[(i + 1)..<(i + length)] {
      guard continuation & 0xC0 == 0x80 else { return nil }
      value = value << 6 | UInt32(continuation & 0x3F)
    }
    return (value, length)
  }
}
