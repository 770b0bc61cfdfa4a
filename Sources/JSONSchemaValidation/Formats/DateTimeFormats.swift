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

/// Why a string is not an RFC 3339 date-time or full-date, in words a person can act on
/// (`February has 28 days in 2017`, `hour 24 does not exist`, `the offset needs a colon`), and
/// which days had a leap second. The checks in ``DateTimeFormats`` say yes or no fast; this
/// explains a no, once, for the message.
public enum RFC3339Explanation {
  /// Why `text` is not a `date-time`, or nil when it is one.
  public static func dateTimeProblem(_ text: String) -> String? {
    let bytes = Array(text.utf8)
    guard bytes.count >= 10 else {
      return "expected YYYY-MM-DDThh:mm:ss followed by Z or an offset such as +00:00"
    }
    if let problem = dateProblem(bytes[0..<10]) { return problem }
    guard bytes.count > 10 else { return "it has no time: add Thh:mm:ss and Z or an offset" }
    guard bytes[10] | 0x20 == UInt8(ascii: "t") else {
      return
        "the date and the time must be separated by T, not '\(String(decoding: bytes[10...10], as: UTF8.self))'"
    }
    return timeProblem(bytes[11...])
  }

  /// Why `text` is not a `full-date` (`YYYY-MM-DD`), or nil when it is one.
  public static func dateProblem(_ text: String) -> String? {
    let bytes = Array(text.utf8)
    guard bytes.count == 10 else { return "expected YYYY-MM-DD" }
    return dateProblem(bytes[...])
  }

  /// Why `text`, shaped `YYYY-MM-DD`, names no day of the calendar (`month 13 does not exist`);
  /// nil when it is a day, or not shaped as one at all (the caller says the shape).
  public static func impossibleDay(_ text: String) -> String? {
    let bytes = Array(text.utf8)
    guard bytes.count == 10, let problem = dateProblem(bytes[...]), problem != dateShapeMessage
    else { return nil }
    return problem
  }

  private static let dateShapeMessage = "expected the date as YYYY-MM-DD"

  /// Whether a leap second was inserted at the end of `year-month-day` (UTC), from the IERS
  /// list (Bulletin C; the last one was 2016-12-31).
  public static func hadLeapSecond(year: Int, month: Int, day: Int) -> Bool {
    leapSecondDays.contains(year * 10_000 + month * 100 + day)
  }

  /// The days that ended with a leap second, as YYYYMMDD.
  static let leapSecondDays: Set<Int> = [
    19_720_630, 19_721_231, 19_731_231, 19_741_231, 19_751_231, 19_761_231, 19_771_231, 19_781_231,
    19_791_231,
    19_810_630, 19_820_630, 19_830_630, 19_850_630, 19_871_231, 19_891_231, 19_901_231, 19_920_630,
    19_930_630,
    19_940_630, 19_951_231, 19_970_630, 19_981_231, 20_051_231, 20_081_231, 20_120_630, 20_150_630,
    20_161_231,
  ]

  private static let monthNames = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
  ]

  private static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
    guard !bytes.isEmpty, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
    return bytes.reduce(0) { $0 * 10 + Int($1 - 0x30) }
  }

  /// The days of `month` in `year` of the Gregorian calendar.
  public static func days(inMonth month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  private static func dateProblem(_ bytes: ArraySlice<UInt8>) -> String? {
    let start = bytes.startIndex
    guard bytes.count == 10, bytes[start + 4] == UInt8(ascii: "-"),
      bytes[start + 7] == UInt8(ascii: "-"), let year = number(bytes[start..<start + 4]),
      let month = number(bytes[start + 5..<start + 7]),
      let day = number(bytes[start + 8..<start + 10])
    else { return dateShapeMessage }
    guard (1...12).contains(month) else { return "month \(month) does not exist" }
    let days = days(inMonth: month, year: year)
    guard (1...days).contains(day) else {
      return day == 0
        ? "day 00 does not exist" : "\(monthNames[month - 1]) has \(days) days in \(year)"
    }
    return nil
  }

  private static func timeProblem(_ bytes: ArraySlice<UInt8>) -> String? {
    let start = bytes.startIndex
    guard bytes.count >= 8, bytes[start + 2] == UInt8(ascii: ":"),
      bytes[start + 5] == UInt8(ascii: ":"), let hour = number(bytes[start..<start + 2]),
      let minute = number(bytes[start + 3..<start + 5]),
      let second = number(bytes[start + 6..<start + 8])
    else { return "expected the time as hh:mm:ss" }
    if hour > 23 {
      return hour == 24
        ? "hour 24 does not exist (midnight is 00:00:00 of the next day)"
        : "hour \(hour) does not exist"
    }
    if minute > 59 { return "minute \(minute) does not exist" }
    if second > 60 { return "second \(second) does not exist" }
    var index = start + 8
    if index < bytes.endIndex, bytes[index] == UInt8(ascii: ".") {
      index += 1
      let digits = index
      while index < bytes.endIndex, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
      if index == digits { return "a decimal point needs digits after it" }
    }
    guard index < bytes.endIndex else {
      return "it has no offset: add Z (UTC) or one such as +00:00"
    }
    let offset = bytes[index...]
    var offsetMinutes = 0
    if offset.first.map({ $0 | 0x20 == UInt8(ascii: "z") }) == true {
      guard offset.count == 1 else { return "nothing may follow Z" }
    } else if offset.first == UInt8(ascii: "+") || offset.first == UInt8(ascii: "-") {
      let sign = offset.startIndex
      if offset.count == 5, number(offset[sign + 1..<sign + 5]) != nil {
        return "the offset needs a colon: +hh:mm, not +hhmm"
      }
      guard offset.count == 6, offset[sign + 3] == UInt8(ascii: ":"),
        let offsetHour = number(offset[sign + 1..<sign + 3]),
        let offsetMinute = number(offset[sign + 4..<sign + 6])
      else { return "the offset must be +hh:mm or -hh:mm" }
      guard offsetHour <= 23, offsetMinute <= 59 else { return "the offset is out of range" }
      offsetMinutes =
        (offsetHour * 60 + offsetMinute) * (offset.first == UInt8(ascii: "-") ? -1 : 1)
    } else {
      return "it has no offset: add Z (UTC) or one such as +00:00"
    }
    if second == 60 && (hour * 60 + minute - offsetMinutes + 1440) % 1440 != 23 * 60 + 59 {
      return "a leap second can only be 23:59:60 in UTC"
    }
    return nil
  }
}
