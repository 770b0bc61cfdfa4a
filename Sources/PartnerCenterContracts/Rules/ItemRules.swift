import Foundation
import JSONCore
import JSONSchemaValidation

// The rules about each item's values: license counts, the percentage, the processing date.
extension RuleContext {
  func checkItems(into findings: inout [Finding]) {
    let now = rules.now.timeIntervalSince1970
    var counts = CountBreaches(
      aboveQualified: itemFindings(.activeWithinQualified),
      percent: itemFindings(.usagePercentAgrees))
    var future = itemFindings(.processedNotInFuture)
    var leapSecond = itemFindings(.leapSecondDay)
    for (index, item) in items.enumerated() {
      guard case .object(let object) = item else { continue }
      if let active = object[.licensesActive]?.numberValue,
        let qualified = object[.licensesQualified]?.numberValue
      {
        checkCounts(index, active: active, qualified: qualified, object, into: &counts)
      }
      if let text = object[.processedDateTime]?.stringValue,
        let seconds = RFC3339.secondsSince1970(text)
      {
        if seconds > now + rules.futureGrace {
          future.add(
            pointer: "/items/\(index)/processedDateTime",
            "item \(index) was processed at \(text), after now (\(RFC3339.format(now)))")
        }
        if let day = RFC3339.leapSecondDayWithoutOne(text, seconds: seconds) {
          leapSecond.add(
            pointer: "/items/\(index)/processedDateTime",
            "item \(index) was processed at \(text), a leap second on \(day), a day that had none (the IERS list of leap seconds ends 2016-12-31)"
          )
        }
      }
    }
    counts.aboveQualified.finish(into: &findings)
    counts.percent.finish(into: &findings)
    future.finish(into: &findings)
    leapSecond.finish(into: &findings)
  }

  private struct CountBreaches {
    var aboveQualified: ItemFindings
    var percent: ItemFindings
  }

  private func checkCounts(
    _ index: Int, active: JSONNumber, qualified: JSONNumber, _ item: JSONObject,
    into breaches: inout CountBreaches
  ) {
    if active > qualified {
      breaches.aboveQualified.add(
        pointer: "/items/\(index)/licensesActive",
        "item \(index) has licensesActive \(active) above licensesQualified \(qualified)")
    }
    // With nothing qualified there is no ratio to agree with; counts past Int64 are no
    // licence counts, and the schema says so.
    guard let active = active.int64Value, let qualified = qualified.int64Value, qualified > 0,
      let percent = item[.usagePercent]?.numberValue
    else { return }
    let expected = Double(active) / Double(qualified) * 100
    if !(abs(percent.doubleValue - expected) <= rules.usagePercentTolerance) {
      breaches.percent.add(
        pointer: "/items/\(index)/usagePercent",
        "item \(index) has usagePercent \(percent) but licensesActive \(active) of licensesQualified \(qualified) is \(Self.percentage(active, of: qualified))% (tolerance \(JSONNumber(rules.usagePercentTolerance)) points)"
      )
    }
  }

  /// `part / whole * 100` rounded half away from zero to two decimals, computed exactly in
  /// 128-bit integers (any `Int64` counts fit), as `-300.00` or `33.33`.
  static func percentage(_ part: Int64, of whole: Int64) -> String {
    let numerator = Int128(part) * 10_000
    let denominator = Int128(whole)
    var hundredths = numerator / denominator
    let remainder = numerator % denominator
    if (remainder.magnitude * 2) >= denominator.magnitude {
      hundredths += (numerator < 0) != (denominator < 0) ? -1 : 1
    }
    let sign = hundredths < 0 ? "-" : ""
    let magnitude = hundredths.magnitude
    let fraction = magnitude % 100
    return "\(sign)\(magnitude / 100)." + (fraction < 10 ? "0" : "") + String(fraction)
  }
}

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
    let bytes = Array(text.utf8)
    guard bytes.count >= 19, bytes[17] == UInt8(ascii: "6"), bytes[18] == UInt8(ascii: "0") else {
      return nil
    }
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
