/// RFC 3339 section 5.6 `date-time`, `full-date` (`date`) and `full-time` (`time`).
enum DateTimeFormats {
  /// `full-date "T" full-time`; `T` and `Z` may be lower case.
  static func isDateTime(_ s: UTF8Bytes) -> Bool {
    // The shortest date-time is "YYYY-MM-DDThh:mm:ssZ" (20 bytes).
    guard s.count >= 20, isFullDate(s), s[10] | 0x20 == UInt8(ascii: "t") else { return false }
    return isFullTime(s, from: 11)
  }

  /// `full-date`: `YYYY-MM-DD` with a day that exists in that month of the Gregorian calendar.
  static func isDate(_ s: UTF8Bytes) -> Bool {
    s.count == 10 && isFullDate(s)
  }

  /// `full-time`: `partial-time time-offset`.
  static func isTime(_ s: UTF8Bytes) -> Bool {
    isFullTime(s, from: 0)
  }

  /// The two-digit number at `i`, or -1 when either byte is not an ASCII digit.
  @inline(__always)
  private static func twoDigits(_ s: UTF8Bytes, _ i: Int) -> Int {
    let high = s[i].decimalDigitValue
    let low = s[i + 1].decimalDigitValue
    guard high < 10, low < 10 else { return -1 }
    return Int(high) &* 10 &+ Int(low)
  }

  /// Whether `s[0..<10]` is a `full-date`; the caller guarantees at least 10 bytes.
  @inline(__always)
  private static func isFullDate(_ s: UTF8Bytes) -> Bool {
    let century = twoDigits(s, 0)
    let yearOfCentury = twoDigits(s, 2)
    let month = twoDigits(s, 5)
    let day = twoDigits(s, 8)
    guard century >= 0, yearOfCentury >= 0, s[4] == UInt8(ascii: "-"), s[7] == UInt8(ascii: "-"),
      month >= 1, month <= 12, day >= 1
    else { return false }
    if day <= 28 { return true }
    switch month {
    case 2:
      guard day == 29 else { return false }
      // Divisible by 4, and a century year only when divisible by 400.
      return yearOfCentury == 0 ? century % 4 == 0 : yearOfCentury % 4 == 0
    case 4, 6, 9, 11: return day <= 30
    default: return day <= 31
    }
  }

  /// Whether `s[start...]` is exactly a `full-time`.
  ///
  /// A leap second (`:60`) is accepted only when the time is 23:59 in UTC once the offset is
  /// applied.
  @inline(__always)
  private static func isFullTime(_ s: UTF8Bytes, from start: Int) -> Bool {
    let end = s.count
    // "hh:mm:ssZ" is the shortest full-time.
    guard end - start >= 9 else { return false }
    let hour = twoDigits(s, start)
    let minute = twoDigits(s, start + 3)
    let second = twoDigits(s, start + 6)
    guard hour >= 0, hour <= 23, minute >= 0, minute <= 59, second >= 0, second <= 60,
      s[start + 2] == UInt8(ascii: ":"), s[start + 5] == UInt8(ascii: ":")
    else { return false }
    var i = start + 8
    if s[i] == UInt8(ascii: ".") {
      i += 1
      let fractionStart = i
      while i < end, s[i].isASCIIDigit { i += 1 }
      guard i > fractionStart, i < end else { return false }
    }
    // Minutes to subtract from local time to get UTC.
    var offsetMinutes = 0
    let designator = s[i]
    if designator | 0x20 == UInt8(ascii: "z") {
      guard i + 1 == end else { return false }
    } else if designator == UInt8(ascii: "+") || designator == UInt8(ascii: "-") {
      guard i + 6 == end else { return false }
      let offsetHour = twoDigits(s, i + 1)
      let offsetMinute = twoDigits(s, i + 4)
      guard offsetHour >= 0, offsetHour <= 23, offsetMinute >= 0, offsetMinute <= 59,
        s[i + 3] == UInt8(ascii: ":")
      else { return false }
      offsetMinutes = offsetHour &* 60 &+ offsetMinute
      if designator == UInt8(ascii: "-") { offsetMinutes = -offsetMinutes }
    } else {
      return false
    }
    if second == 60 {
      let minuteOfDayUTC = (hour &* 60 &+ minute &- offsetMinutes &+ 1440) % 1440
      return minuteOfDayUTC == 23 * 60 + 59
    }
    return true
  }
}
