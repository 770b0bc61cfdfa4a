import Foundation
import PartnerCenterContracts

/// How `capture` and `check` reach the API: where, with which credentials
/// (``CredentialOptions``), how politely and within which limits. One declaration and one
/// reading for both.
struct ConnectionOptions: Sendable {
  static let baseURL: ArgumentSpec.Option = .value(
    "--base-url", valueName: "URL", help: "The API's base URL (default: the global cloud).")
  static let cloud: ArgumentSpec.Option = .value(
    "--cloud", valueName: "CLOUD", allowed: ["global", "china"],
    help: "Shorthand for the base URL of a cloud.")
  static let locale: ArgumentSpec.Option = .value(
    "--locale", valueName: "LOCALE", help: "The X-Locale to send (default: en-US).")
  static let application: ArgumentSpec.Option = .value(
    "--application", valueName: "NAME", help: "The MS-PartnerCenter-Application to send.")
  static let concurrency: ArgumentSpec.Option = .value(
    "--concurrency", valueName: "N", help: "Requests in flight at most (default: 8).")
  static let retries: ArgumentSpec.Option = .value(
    "--retries", valueName: "N",
    help: "Retries after 5xx, timeouts and dropped connections (default: 3).")
  static let timeout: ArgumentSpec.Option = .value(
    "--timeout", valueName: "SECONDS",
    help: "Time allowed for one attempt, connect to last byte (default: 60).")
  static let connectTimeout: ArgumentSpec.Option = .value(
    "--connect-timeout", valueName: "SECONDS",
    help: "Time allowed to connect, and for any silence while receiving (default: 30).")
  static let pageSize: ArgumentSpec.Option = .value(
    "--page-size", valueName: "N", help: "Customers per page of the customer list (default: 100).")
  static let maxPages: ArgumentSpec.Option = .value(
    "--max-pages", valueName: "N",
    help: "Pages of the customer list followed at most (default: 10000).")
  static let maxCustomers: ArgumentSpec.Option = .value(
    "--max-customers", valueName: "N",
    help: "Customers the list may name at most (default: 1000000).")
  static let maxBodySize: ArgumentSpec.Option = .value(
    "--max-body-size", valueName: "SIZE",
    help: "Bytes of one response body at most, once decoded: N, NK, NM or NG (default: 256M).")
  static let deadline: ArgumentSpec.Option = .value(
    "--deadline", valueName: "SECONDS",
    help: "Time allowed for the whole run; past it, the run stops and exits 3.")

  /// The options, in the order help lists them: where, who, then how.
  static let declarations: [ArgumentSpec.Option] =
    [baseURL, cloud, locale, application] + CredentialOptions.declarations + [
      concurrency, retries, timeout, connectTimeout, pageSize, maxPages, maxCustomers,
      maxBodySize, deadline,
    ]

  /// Where and how to capture.
  var capture: CaptureOptions
  /// Whether `--base-url` was given (a configured one applies only without it).
  var hasBaseURL: Bool
  /// Seconds allowed to connect, and for any silence while receiving.
  var connectTimeout: Int
  /// Seconds allowed for the whole run, if limited.
  var deadline: Int?

  /// Reads the options; a value out of range, or a base URL that cannot be used, is a usage
  /// error.
  init(_ arguments: ParsedArguments) throws(UsageError) {
    var base = CaptureOptions.globalBaseURL
    if arguments.value(Self.cloud) == "china" { base = CaptureOptions.chinaBaseURL }
    hasBaseURL = arguments.value(Self.baseURL) != nil
    if let url = arguments.value(Self.baseURL) {
      base = try Self.checkedBaseURL(url, from: "option '--base-url'")
    }
    var retryPolicy = RetryPolicy()
    retryPolicy.maximumRetries = try arguments.wholeNumber(Self.retries, in: 0...20) ?? 3
    // No retries means none at all, throttled calls included.
    if retryPolicy.maximumRetries == 0 { retryPolicy.maximumThrottledRetries = 0 }
    capture = CaptureOptions(
      baseURL: base, locale: arguments.value(Self.locale) ?? "en-US",
      application: arguments.value(Self.application),
      concurrency: try arguments.wholeNumber(Self.concurrency, in: 1...256) ?? 8,
      retryPolicy: retryPolicy,
      requestTimeout: Double(try arguments.wholeNumber(Self.timeout, in: 1...3600) ?? 60),
      customerPageSize: try arguments.wholeNumber(Self.pageSize, in: 1...1000) ?? 100)
    capture.maximumPages = try arguments.wholeNumber(Self.maxPages, in: 1...1_000_000) ?? 10_000
    capture.maximumCustomers =
      try arguments.wholeNumber(Self.maxCustomers, in: 1...100_000_000) ?? 1_000_000
    if let text = arguments.value(Self.maxBodySize) {
      guard let size = Self.byteSize(text), (1024...(16 << 30)).contains(size) else {
        throw .invalid(
          "option '--max-body-size' needs a size from 1K to 16G (N bytes, or NK, NM, NG), not '\(text)'"
        )
      }
      capture.maximumBodySize = size
    }
    connectTimeout = try arguments.wholeNumber(Self.connectTimeout, in: 1...3600) ?? 30
    deadline = try arguments.wholeNumber(Self.deadline, in: 1...86_400)
  }

  /// The transport these options ask for.
  func transport() -> URLSessionTransport {
    URLSessionTransport(
      maximumConnections: capture.concurrency, idleTimeout: Double(connectTimeout),
      maximumBodySize: capture.maximumBodySize)
  }

  /// A base URL that can be used and written: http or https, and without user information,
  /// which would otherwise travel into recordings and messages. The refusal does not repeat
  /// the URL, which holds the credentials.
  static func checkedBaseURL(_ url: String, from source: String) throws(UsageError) -> String {
    guard url.hasPrefix("https://") || url.hasPrefix("http://") else {
      throw .invalid("\(source) needs an http or https URL")
    }
    let authority = url.drop { $0 != "/" }.dropFirst(2).prefix { $0 != "/" && $0 != "?" }
    guard !authority.contains("@") else {
      throw .invalid(
        "\(source) holds user information (credentials before '@'), which would be written into recordings and reports: give the URL without it, and the token in PARTNER_CENTER_TOKEN"
      )
    }
    return url
  }

  /// `N`, `NK`, `NM` or `NG` (binary multiples) as a number of bytes.
  private static func byteSize(_ text: String) -> Int? {
    let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
    let upper = text.uppercased()
    if let unit = upper.last.flatMap({ units[$0] }) {
      return Int(upper.dropLast()).flatMap {
        $0.multipliedReportingOverflow(by: unit).overflow ? nil : $0 * unit
      }
    }
    return Int(upper)
  }
}
