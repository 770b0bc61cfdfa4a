import Foundation

/// How a capture talks to the API.
public struct CaptureOptions: Sendable {
  /// The API's base URL, without `/v1` (the global cloud by default; tests use a replay
  /// server on loopback).
  public var baseURL: String
  /// The `X-Locale` sent.
  public var locale: String
  /// The `MS-PartnerCenter-Application` sent, if any.
  public var application: String?
  /// The most requests in flight at once.
  public var concurrency: Int
  /// Retries and back-off.
  public var retryPolicy: RetryPolicy
  /// The most seconds one attempt may take, connect to last byte.
  public var requestTimeout: Double
  /// The page size asked of the customer list.
  public var customerPageSize: Int
  /// The most pages of the customer list followed (`--max-pages`): a server that pages forever
  /// ends the run with a clear error.
  public var maximumPages: Int = 10_000
  /// The most customers the list may name (`--max-customers`).
  public var maximumCustomers: Int = 1_000_000
  /// The most bytes of one response body, once decoded (`--max-body-size`).
  public var maximumBodySize: Int = URLSessionTransport.defaultMaximumBodySize
  /// The clock, for `capturedAt`.
  public var now: @Sendable () -> Date

  /// The global cloud's base URL.
  public static let globalBaseURL = "https://api.partnercenter.microsoft.com"
  /// 21Vianet's (China) base URL.
  public static let chinaBaseURL = "https://partner.partnercenterapi.microsoftonline.cn"

  /// Options; the defaults suit the live API.
  public init(
    baseURL: String = CaptureOptions.globalBaseURL, locale: String = "en-US",
    application: String? = nil, concurrency: Int = 8, retryPolicy: RetryPolicy = RetryPolicy(),
    requestTimeout: Double = 60, customerPageSize: Int = 100,
    now: @escaping @Sendable () -> Date = { Date() }
  ) {
    self.baseURL = Self.normalizedBaseURL(baseURL)
    self.locale = locale
    self.application = application
    self.concurrency = max(1, concurrency)
    self.retryPolicy = retryPolicy
    self.requestTimeout = requestTimeout
    self.customerPageSize = max(1, customerPageSize)
    self.now = now
  }

  /// `url` without trailing slashes, so paths starting with `/v1/` can be appended.
  public static func normalizedBaseURL(_ url: String) -> String {
    var base = url
    while base.hasSuffix("/") { base.removeLast() }
    return base
  }

  /// The URL of `endpoint`.
  public func url(for endpoint: Endpoint) -> String {
    switch endpoint {
    case .customerList: baseURL + endpoint.path + "?size=\(customerPageSize)"
    default: baseURL + endpoint.path
    }
  }
}

/// What to capture.
public enum CaptureTarget: Sendable, Hashable {
  /// The partner-level endpoint.
  case partner
  /// One customer's usage.
  case customer(String)
  /// Every customer the customer list names.
  case allCustomers
}

/// Why a capture stopped before it was done. Everything it had written is complete.
public enum CaptureError: Error, Sendable, CustomStringConvertible {
  /// No usable credentials.
  case credentials(CredentialError)
  /// The customer list could not be read.
  case customerList(String)
  /// A recording could not be written.
  case write(RecordingStoreError)
  /// The capture was interrupted.
  case cancelled

  public var description: String {
    switch self {
    case .credentials(let error): error.description
    case .customerList(let reason): "cannot list the customers: \(reason)"
    case .write(let error): "cannot write a recording: \(error)"
    case .cancelled: "interrupted"
    }
  }
}

/// What a capture did.
public struct CaptureSummary: Sendable {
  /// Calls planned.
  public var planned = 0
  /// Recordings written (or printed).
  public var captured = 0
  /// Of those, recordings with no error findings.
  public var valid = 0
  /// Of those, successful responses with error findings.
  public var invalid = 0
  /// Of those, documented error answers (404 for an unknown customer, 403), recorded as they are.
  public var errorResponses = 0
  /// Calls that ended without a recording: after their retries, a 5xx, 408, 429 or a
  /// transport failure (an outage is no answer to record).
  public var failed = 0
  /// Calls skipped by `--resume`.
  public var skipped = 0
  /// Every finding of the recorded responses, and one per failed call.
  public var findings: [Finding] = []
  /// What was captured, for reports.
  public var subjects: [Report.Subject] = []
}
