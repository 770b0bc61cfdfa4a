/// `ipv4` (RFC 2673 section 3.2 dotted-quad) and `ipv6` (RFC 4291 section 2.2 text forms).
enum IPFormats {
  static func isIPv4(_ s: UTF8Bytes) -> Bool {
    isIPv4(s, from: 0, to: s.count)
  }

  static func isIPv6(_ s: UTF8Bytes) -> Bool {
    isIPv6(s, from: 0, to: s.count)
  }

  /// Whether `s[start..<end]` is four dot-separated decimal octets, 0 to 255.
  ///
  /// - Parameter allowLeadingZeros: whether an octet may have leading zeros, as RFC 5321's
  ///   `Snum` allows in mail address literals; RFC 3986's `dec-octet` does not.
  static func isIPv4(
    _ s: UTF8Bytes, from start: Int, to end: Int, allowLeadingZeros: Bool = false
  ) -> Bool {
    var i = start
    for part in 0..<4 {
      if part > 0 {
        guard i < end, s[i] == UInt8(ascii: ".") else { return false }
        i += 1
      }
      let octetStart = i
      var value = 0
      while i < end, i - octetStart < 3 {
        let digit = s[i].decimalDigitValue
        guard digit < 10 else { break }
        value = value &* 10 &+ Int(digit)
        i += 1
      }
      let length = i - octetStart
      guard length > 0, value <= 255 else { return false }
      if !allowLeadingZeros, length > 1, s[octetStart] == UInt8(ascii: "0") { return false }
    }
    return i == end
  }

  /// Whether `s[start..<end]` is an IPv6 address: eight groups of 1 to 4 hex digits, at most one
  /// `::` standing for elided zero groups, and optionally a dotted-quad IPv4 address in place of
  /// the last two groups. Zone identifiers and prefix lengths are not part of an address.
  ///
  /// - Parameters:
  ///   - minimumElided: the fewest groups `::` may stand for: 1 in RFC 4291 and RFC 3986, 2 in
  ///     RFC 5321's `IPv6-comp`.
  ///   - allowLeadingZerosInIPv4: whether the embedded IPv4 octets may have leading zeros.
  static func isIPv6(
    _ s: UTF8Bytes, from start: Int, to end: Int, minimumElided: Int = 1,
    allowLeadingZerosInIPv4: Bool = false
  ) -> Bool {
    guard end - start >= 2 else { return false }
    var i = start
    var groups = 0
    var elided = false
    if s[i] == UInt8(ascii: ":") {
      guard s[i + 1] == UInt8(ascii: ":") else { return false }
      elided = true
      i += 2
    }
    while i < end {
      let groupStart = i
      while i < end, i - groupStart < 4, s[i].isASCIIHexDigit { i += 1 }
      if i < end, s[i] == UInt8(ascii: ".") {
        // The embedded IPv4 address ends the string and counts as two groups.
        guard
          isIPv4(s, from: groupStart, to: end, allowLeadingZeros: allowLeadingZerosInIPv4)
        else { return false }
        groups += 2
        break
      }
      guard i > groupStart else { return false }
      groups += 1
      if i == end { break }
      guard s[i] == UInt8(ascii: ":"), groups < 8 else { return false }
      i += 1
      if i < end, s[i] == UInt8(ascii: ":") {
        guard !elided else { return false }
        elided = true
        i += 1
      } else if i == end {
        return false
      }
    }
    return elided ? groups + minimumElided <= 8 : groups == 8
  }
}
