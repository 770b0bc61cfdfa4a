import Foundation

/// When and how long to wait before trying a call again.
///
/// Transport failures, 408 and 5xx are retried up to ``maximumRetries`` times after
/// ``baseDelay`` × (2^(n+1) − 1) seconds (0.5, 1.5, 3.5 by default, as the Partner Center SDK
/// does), with ± ``jitter`` spread so clients that failed together do not retry together.
/// A 429 waits what the server says (`Retry-After`, or the seconds in its message), at most
/// ``maximumServerDelay``, and gets its own larger budget, ``maximumThrottledRetries``.
public struct RetryPolicy: Sendable, Hashable {
  /// Retries after transport failures, 408 and 5xx.
  public var maximumRetries: Int
  /// Retries after 429.
  public var maximumThrottledRetries: Int
  /// The first back-off, in seconds.
  public var baseDelay: Double
  /// The longest back-off, in seconds.
  public var maximumDelay: Double
  /// The longest wait a server may ask for, in seconds (a hostile `Retry-After: 86400` must
  /// not stall a CI job for a day).
  public var maximumServerDelay: Double
  /// The relative spread of each delay, 0 to 1.
  public var jitter: Double
  /// The most seconds a whole run waits for throttling, all calls together; past it a
  /// throttled call fails as an outage instead of waiting.
  public var throttleBudget: Double = 300

  /// A policy; the defaults follow the reference's guidance.
  public init(
    maximumRetries: Int = 3, maximumThrottledRetries: Int = 8, baseDelay: Double = 0.5,
    maximumDelay: Double = 30, maximumServerDelay: Double = 120, jitter: Double = 0.2
  ) {
    self.maximumRetries = maximumRetries
    self.maximumThrottledRetries = maximumThrottledRetries
    self.baseDelay = baseDelay
    self.maximumDelay = maximumDelay
    self.maximumServerDelay = maximumServerDelay
    self.jitter = jitter
  }

  /// Whether a response with `status` is worth retrying (after the wait ``delay``).
  public static func isRetryable(status: Int) -> Bool {
    status == 408 || status == 429 || status == 500 || status == 502 || status == 503
      || status == 504
  }

  /// Whether a response with `status`, once retries are spent, is an outage: a failed call
  /// whose answer must not be recorded (5xx, 408, 429).
  public static func isOutage(status: Int) -> Bool {
    status >= 500 || status == 408 || status == 429
  }

  /// Seconds to wait before retry number `retry` (0 for the first), honouring
  /// `serverDelay` when the server named one; `unit` is a random number in 0..<1.
  public func delay(retry: Int, serverDelay: Double?, unit: Double) -> Double {
    let spread = 1 + jitter * (2 * unit - 1)
    if let serverDelay {
      // The server's wait first; past the first throttled retry, back off on top of it.
      let backOff = retry == 0 ? 0 : backOffDelay(retry - 1)
      return min(max(0, serverDelay), maximumServerDelay) + backOff * spread
    }
    return backOffDelay(retry) * spread
  }

  private func backOffDelay(_ retry: Int) -> Double {
    let factor = Double((1 << min(retry + 1, 30)) - 1)
    return min(maximumDelay, baseDelay * factor)
  }

  /// The wait a throttled response asks for: `Retry-After` as delay-seconds (digits only) or
  /// as an HTTP-date (RFC 9110 10.2.3, counted from `now`), else the seconds in a message like
  /// "Rate limit is exceeded. Try again in 57 seconds.", else nil. A value that is neither (a
  /// sign, a fraction, hex, `NaN`, empty) or a wait longer than `maximum` seconds is nil too:
  /// the documented back-off applies instead.
  public static func serverDelay(
    headers: HTTPHeaders, body: [UInt8], now: Date = Date(), maximum: Double = 120
  ) -> Double? {
    if let value = headers["Retry-After"]?.trimmingWhitespace(), !value.isEmpty {
      if value.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
        guard value.utf8.count <= 9, let seconds = Double(value), seconds <= maximum else {
          return nil
        }
        return seconds
      }
      if let date = HTTPDate.parse(value) {
        let seconds = max(0, date.timeIntervalSince(now).rounded(.up))
        return seconds <= maximum ? seconds : nil
      }
      return nil
    }
    let text = String(decoding: body.prefix(4096), as: UTF8.self)
    if let match = text.firstMatch(of: /(?i)try again in (\d{1,6}) second/),
      let seconds = Double(match.output.1), seconds <= maximum
    {
      return seconds
    }
    return nil
  }
}

/// HTTP-dates (RFC 9110 5.6.7): the preferred IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`,
/// and the two obsolete forms a recipient must also accept.
enum HTTPDate {
  /// The date `text` names, or nil.
  static func parse(_ text: String) -> Date? {
    for format in [
      "EEE, dd MMM yyyy HH:mm:ss 'GMT'", "EEEE, dd-MMM-yy HH:mm:ss 'GMT'",
      "EEE MMM d HH:mm:ss yyyy",
    ] {
      let formatter = DateFormatter()
      formatter.locale = Locale(identifier: "en_US_POSIX")
      formatter.timeZone = TimeZone(identifier: "GMT")
      formatter.dateFormat = format
      if let date = formatter.date(from: text) { return date }
    }
    return nil
  }
}
