/// ISO 8601 durations as given by the ABNF in RFC 3339 appendix A.
///
/// ```
/// duration = "P" (dur-date / dur-time / dur-week)
/// dur-date = (dur-day / dur-month / dur-year) [dur-time]
/// dur-time = "T" (dur-hour / dur-minute / dur-second)
/// ```
/// Date units run in the order Y, M, D and time units in the order H, M, S without gaps (`P1Y2D`
/// and `PT1H2S` do not match); weeks stand alone; every number is `1*DIGIT`.
enum DurationFormat {
  static func isDuration(_ s: UTF8Bytes) -> Bool {
    let end = s.count
    guard end >= 3, s[0] == UInt8(ascii: "P") else { return false }
    var i = 1
    // Index into "YMD" of the last date unit seen, -1 before the first.
    var lastDateUnit = -1
    while i < end, s[i] != UInt8(ascii: "T") {
      guard let unit = component(s, &i) else { return false }
      if unit == UInt8(ascii: "W") {
        return lastDateUnit == -1 && i == end
      }
      let index: Int
      switch unit {
      case UInt8(ascii: "Y"): index = 0
      case UInt8(ascii: "M"): index = 1
      case UInt8(ascii: "D"): index = 2
      default: return false
      }
      guard lastDateUnit == -1 || index == lastDateUnit + 1 else { return false }
      lastDateUnit = index
    }
    if i == end { return lastDateUnit != -1 }
    // s[i] is "T".
    i += 1
    var lastTimeUnit = -1
    while i < end {
      guard let unit = component(s, &i) else { return false }
      let index: Int
      switch unit {
      case UInt8(ascii: "H"): index = 0
      case UInt8(ascii: "M"): index = 1
      case UInt8(ascii: "S"): index = 2
      default: return false
      }
      guard lastTimeUnit == -1 || index == lastTimeUnit + 1 else { return false }
      lastTimeUnit = index
    }
    return lastTimeUnit != -1
  }

  /// Reads `1*DIGIT` and the unit byte after it, returning the unit.
  @inline(__always)
  private static func component(_ s: UTF8Bytes, _ i: inout Int) -> UInt8? {
    let start = i
    while i < s.count, s[i].isASCIIDigit { i += 1 }
    guard i > start, i < s.count else { return nil }
    defer { i += 1 }
    return s[i]
  }
}
