/// RFC 9562 section 4 `UUID` string representation: 32 hexadecimal digits of either case in
/// groups of 8-4-4-4-12 separated by hyphens.
///
/// Any version and variant nibble is accepted: the RFC grammar does not restrict them, and the
/// JSON Schema test suite expects versions and variants the RFC does not define to pass.
enum UUIDFormat {
  static func isUUID(_ s: UTF8Bytes) -> Bool {
    guard s.count == 36, s[8] == UInt8(ascii: "-"), s[13] == UInt8(ascii: "-"),
      s[18] == UInt8(ascii: "-"), s[23] == UInt8(ascii: "-")
    else { return false }
    // Branch-free over the digits: whether a random hex digit is a letter or a decimal digit is
    // unpredictable, so testing that with branches costs more than the rest of the check.
    var allHex: UInt64 = 1
    for i in 0..<8 { allHex &= hexDigitBit(s[i]) }
    for i in 9..<13 { allHex &= hexDigitBit(s[i]) }
    for i in 14..<18 { allHex &= hexDigitBit(s[i]) }
    for i in 19..<23 { allHex &= hexDigitBit(s[i]) }
    for i in 24..<36 { allHex &= hexDigitBit(s[i]) }
    return allHex == 1
  }

  /// 1 when `byte` is an ASCII hexadecimal digit, 0 otherwise, computed without branches.
  @inline(__always)
  private static func hexDigitBit(_ byte: UInt8) -> UInt64 {
    // Bits 48-57 ("0"-"9") of the low word; bits 1-6 ("A"-"F") and 33-38 ("a"-"f") of the high.
    let low: UInt64 = 0x03FF_0000_0000_0000
    let high: UInt64 = 0x0000_007E_0000_007E
    let word = byte < 64 ? low : high
    let isASCII = UInt64(1 &- (byte >> 7))
    return (word >> UInt64(byte & 63)) & isASCII
  }
}
