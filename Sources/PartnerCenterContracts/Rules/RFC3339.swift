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
    let day = String(format(seconds - 1).prefix(10))
    let parts = day.split(separator: "-").compactMap { Int($0) }
    guard parts.count == 3,
      !RFC3339Explanation.hadLeapSecond(year: parts[0], month: parts[1], day: parts[2])
    else { return nil }
    return day
  }

  /// `seconds` as `2017-03-10T00:00:00Z` (whole seconds).
  static func format(_ seconds: Double) -> String {
    let whole = Int(seconds.rounded(.down))
    var days = whole / 86_400
    var rest = whole % 86_400
    if rest < 0 {
      rest += 86_400
      days -= 1
    }
    let (year, month, day) = civil(fromDays: days)
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
    return
      "\(year)-\(two(month))-\(two(day))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
  }

  // Howard Hinnant's days-from-civil and its inverse, for the proleptic Gregorian calendar.
  private static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
    let shiftedYear = month <= 2 ? year - 1 : year
    let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
    let yearOfEra = shiftedYear - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  private static func civil(fromDays days: Int) -> (Int, Int, Int) {
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }
}
