import Foundation
import JSONSchemaValidation

/// RFC 3339 date-times to and from seconds since 1970, for the date rules.
enum RFC3339 {
  /// The seconds since 1970 of `text` (`2017-03-10T00:00:00+00:00`, `...Z`, with fractional
  /// seconds), or nil when it is not an RFC 3339 date-time; validity of the day is the schema's
  /// `format` check, so only the shape is checked here.
  static func secondsSince1970(_ text: String) -> Double? {
    var text = text
    return text.withUTF8 { secondsSince1970(utf8: $0) }
  }

  private static func secondsSince1970(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    guard bytes.count >= 20 else { return nil }
    func number(_ start: Int, _ length: Int) -> Int? {
      var value = 0
      for offset in 0..<length {
        let byte = bytes[start + offset]
        guard byte >= 0x30, byte <= 0x39 else { return nil }
        value = value * 10 + Int(byte - 0x30)
      }
      return value
    }
    guard let year = number(0, 4), bytes[4] == 0x2D, let month = number(5, 2), bytes[7] == 0x2D,
      let day = number(8, 2), bytes[10] | 0x20 == 0x74, let hour = number(11, 2),
      bytes[13] == 0x3A, let minute = number(14, 2), bytes[16] == 0x3A,
      let second = number(17, 2)
    else { return nil }
    var position = 19
    var fraction = 0.0
    if bytes[position] == 0x2E {
      position += 1
      var scale = 0.1
      while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
        fraction += Double(bytes[position] - 0x30) * scale
        scale /= 10
        position += 1
      }
    }
    guard position < bytes.count else { return nil }
    var offsetSeconds = 0
    if bytes[position] | 0x20 == 0x7A {
      guard position + 1 == bytes.count else { return nil }
    } else {
      guard position + 6 == bytes.count, bytes[position] == 0x2B || bytes[position] == 0x2D,
        let offsetHours = number(position + 1, 2), bytes[position + 3] == 0x3A,
        let offsetMinutes = number(position + 4, 2)
      else { return nil }
      offsetSeconds = (offsetHours * 60 + offsetMinutes) * 60
      if bytes[position] == 0x2D { offsetSeconds = -offsetSeconds }
    }
    let days = daysSince1970(year: year, month: month, day: day)
    let local = Double(((days * 24 + hour) * 60 + minute) * 60 + second) + fraction
    return local - Double(offsetSeconds)
  }

  /// The UTC day (`YYYY-MM-DD`) of a leap second `text` names (`23:59:60`), when that day had
  /// none; `seconds` is `text` since 1970.
  static func leapSecondDayWithoutOne(_ text: String, seconds: Double) -> String? {
    // Read in place: this runs for every item, and copying the bytes would allocate.
    var text = text
    let secondIsSixty = text.withUTF8 { bytes in
      bytes.count >= 19 && bytes[17] == UInt8(ascii: "6") && bytes[18] == UInt8(ascii: "0")
    }
    guard secondIsSixty else { return nil }
    // 23:59:60 counts as the next day's 00:00:00; the second before it is on the leap day.
    let day = UTCDate(Date(timeIntervalSince1970: seconds - 1)).day
    let parts = day.split(separator: "-").compactMap { Int($0) }
    guard parts.count == 3,
      !RFC3339Explanation.hadLeapSecond(year: parts[0], month: parts[1], day: parts[2])
    else { return nil }
    return day
  }

  /// `seconds` as `2017-03-10T00:00:00Z` (whole seconds).
  static func format(_ seconds: Double) -> String {
    UTCDate(Date(timeIntervalSince1970: seconds)).timestamp
  }

  // Howard Hinnant's days-from-civil, for the proleptic Gregorian calendar.
  private static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
    let shiftedYear = month <= 2 ? year - 1 : year
    let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
    let yearOfEra = shiftedYear - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

}
