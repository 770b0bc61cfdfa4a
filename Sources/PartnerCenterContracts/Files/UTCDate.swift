import Foundation
import JSONSchemaValidation

/// A moment in UTC as the toolkit writes it: `capturedAt` in recordings, `today` for
/// accepted-drift expiry. `gmtime_r`, not a date formatter: exact, and cheap per call.
package struct UTCDate: Sendable {
  /// `YYYY-MM-DD`.
  package let day: String
  /// RFC 3339 in UTC, whole seconds: `YYYY-MM-DDTHH:MM:SSZ`.
  package let timestamp: String

  /// `date` in UTC (whole seconds).
  package init(_ date: Date) {
    var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
    var parts = tm()
    gmtime_r(&seconds, &parts)
    func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
    day = "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))"
    timestamp = "\(day)T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
  }
}

extension UTCDate {
  /// Today's date in UTC, `YYYY-MM-DD`.
  package static var today: String { UTCDate(Date()).day }

  /// Why `text` is not a day `YYYY-MM-DD` (`February has 28 days in 2027`, or `not a date`),
  /// or nil when it is one.
  package static func dayProblem(_ text: String) -> String? {
    guard RFC3339Explanation.dateProblem(text) != nil else { return nil }
    return RFC3339Explanation.impossibleDay(text) ?? "not a date"
  }
}
