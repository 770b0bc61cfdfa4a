import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A request the capture client sends.
public struct HTTPRequest: Sendable {
  /// `GET` or `POST`.
  public var method: String
  /// The absolute URL.
  public var url: String
  /// The header fields.
  public var headers: HTTPHeaders
  /// The body (the token request's form).
  public var body: [UInt8]

  /// Creates a request.
  public init(method: String = "GET", url: String, headers: HTTPHeaders = [:], body: [UInt8] = []) {
    self.method = method
    self.url = url
    self.headers = headers
    self.body = body
  }
}

/// A response as received, body complete.
public struct HTTPResponse: Sendable {
  /// The status code.
  public var status: Int
  /// The header fields.
  public var headers: HTTPHeaders
  /// The body bytes.
  public var body: [UInt8]

  /// Creates a response.
  public init(status: Int, headers: HTTPHeaders = [:], body: [UInt8] = []) {
    self.status = status
    self.headers = headers
    self.body = body
  }
}

/// Why a request got no complete response. Retryable unless it is ``invalidURL`` or
/// ``cancelled``.
public enum TransportError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The URL cannot be requested.
  case invalidURL(String)
  /// No answer within the time allowed.
  case timedOut(seconds: Double)
  /// The server could not be reached.
  case cannotConnect(String)
  /// The connection broke before the response was complete.
  case connectionLost(String)
  /// The body is shorter than its `Content-Length`.
  case truncatedBody(expected: Int, received: Int)
  /// The body is (or announces itself as) larger than the limit, in bytes once decoded.
  case bodyTooLarge(limit: Int)
  /// The server redirected to another origin (or scheme); the redirect was not followed, so
  /// the request's credentials stayed with their origin.
  case redirectRefused(to: String)
  /// More redirects within the origin than are followed.
  case tooManyRedirects(Int)
  /// The run is being stopped.
  case cancelled

  /// Whether trying again may help.
  public var isRetryable: Bool {
    switch self {
    case .invalidURL, .cancelled, .bodyTooLarge, .redirectRefused, .tooManyRedirects: false
    default: true
    }
  }

  public var description: String {
    switch self {
    case .invalidURL(let url): "invalid URL '\(url)'"
    case .timedOut(let seconds): "no complete response within \(Self.seconds(seconds))"
    case .cannotConnect(let reason): "cannot connect: \(reason)"
    case .connectionLost(let reason): "connection lost: \(reason)"
    case .truncatedBody(let expected, let received):
      "truncated body: \(received) of \(expected) bytes announced by Content-Length"
    case .bodyTooLarge(let limit):
      "the body exceeds \(Self.size(limit)) (--max-body-size); it was not read further"
    case .redirectRefused(let target):
      "redirected to \(target), another origin: not followed, so the token stays with its origin"
    case .tooManyRedirects(let count):
      "more than \(Plural.counted(count, "redirect")) within the origin: not followed further"
    case .cancelled: "cancelled"
    }
  }

  private static func seconds(_ value: Double) -> String {
    value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
  }

  private static func size(_ bytes: Int) -> String {
    bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
  }
}

/// Sends one HTTP request and returns the complete response.
public protocol HTTPTransport: Sendable {
  /// Sends `request`; fails with ``TransportError`` when no complete response arrives within
  /// `timeout` seconds.
  func send(_ request: HTTPRequest, timeout: Double) async throws(TransportError) -> HTTPResponse
}

/// ``HTTPTransport`` over `URLSession`: HTTPS for the live API, HTTP for a local replay server.
///
/// No caches, no cookies. A connection that stays silent for `idleTimeout` seconds (which is
/// also how long connecting may take) fails; the whole request is bounded by the `timeout`
/// of each call. A body is read up to ``maximumBodySize`` bytes (decoded), no further. A
/// redirect is followed only within the request's origin (scheme, host and port), at most
/// ``maximumRedirects`` times: a token never travels to another origin.
public final class URLSessionTransport: HTTPTransport {
  /// The most bytes of one body, once decoded: the default of `--max-body-size`.
  public static let defaultMaximumBodySize = 256 << 20
  /// The most redirects followed within one origin.
  public static let maximumRedirects = 5

  /// The most bytes of one body, once decoded.
  public let maximumBodySize: Int
  private let session: URLSession
  private let calls: TransportCalls

  /// A transport with up to `maximumConnections` connections per host.
  public init(
    maximumConnections: Int = 8, idleTimeout: Double = 30,
    maximumBodySize: Int = URLSessionTransport.defaultMaximumBodySize
  ) {
    let configuration = URLSessionConfiguration.ephemeral
    configuration.httpMaximumConnectionsPerHost = maximumConnections
    configuration.timeoutIntervalForRequest = idleTimeout
    configuration.timeoutIntervalForResource = 24 * 3600
    configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
    configuration.urlCache = nil
    configuration.httpCookieStorage = nil
    configuration.httpShouldSetCookies = false
    self.maximumBodySize = maximumBodySize
    calls = TransportCalls()
    session = URLSession(
      configuration: configuration, delegate: calls, delegateQueue: InlineDelegateQueue())
  }

  deinit { session.invalidateAndCancel() }

  public func send(_ request: HTTPRequest, timeout: Double) async throws(TransportError)
    -> HTTPResponse
  {
    guard let url = URL(string: request.url), let origin = Origin(url) else {
      throw .invalidURL(request.url)
    }
    var urlRequest = URLRequest(url: url)
    urlRequest.httpMethod = request.method
    urlRequest.timeoutInterval = timeout
    for field in request.headers {
      urlRequest.addValue(field.value, forHTTPHeaderField: field.name)
    }
    if !request.body.isEmpty { urlRequest.httpBody = Data(request.body) }
    let data: Data
    let response: URLResponse
    do {
      (data, response) = try await withDeadline(seconds: timeout) {
        [session, calls, urlRequest, maximumBodySize] in
        try await calls.data(
          from: session, for: urlRequest, origin: origin, limit: maximumBodySize)
      }
    } catch let error as TransportError {
      throw error
    } catch let error as URLError {
      throw Self.transportError(error, timeout: timeout)
    } catch is CancellationError {
      throw .cancelled
    } catch {
      throw .connectionLost(String(describing: error))
    }
    guard let http = response as? HTTPURLResponse else {
      throw .connectionLost("not an HTTP response")
    }
    var headers = HTTPHeaders()
    for (name, value) in http.allHeaderFields {
      headers.append(name: String(describing: name), value: String(describing: value))
    }
    // Content-Length counts the bytes on the wire; a coded body arrives decoded, so its
    // length says nothing about them (libcurl checks the coded stream itself).
    let coding = headers["Content-Encoding"].map {
      Substring($0).trimmingHTTPWhitespace.lowercased()
    }
    if coding == nil || coding == "identity",
      let announced = headers["Content-Length"].flatMap({ Int($0) }), announced > data.count
    {
      throw .truncatedBody(expected: announced, received: data.count)
    }
    return HTTPResponse(status: http.statusCode, headers: headers, body: [UInt8](data))
  }

  private static func transportError(_ error: URLError, timeout: Double) -> TransportError {
    switch error.code {
    case .timedOut: .timedOut(seconds: timeout)
    case .cancelled: .cancelled
    case .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet:
      .cannotConnect(error.localizedDescription)
    // The URL was checked before it was sent: here the server's answer is what failed (an
    // HTTP/0.9 answer, a redirect to a scheme URLSession cannot follow).
    case .unsupportedURL, .badURL:
      .connectionLost("the answer is not an HTTP/1.x response (\(error.localizedDescription))")
    default: .connectionLost(error.localizedDescription)
    }
  }
}

/// Runs `operation`, failing with ``TransportError/timedOut(seconds:)`` when it takes longer
/// than `seconds`; the operation is cancelled then.
func withDeadline<T: Sendable>(
  seconds: Double, _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
  try await withThrowingTaskGroup(of: T.self) { group in
    group.addTask { try await operation() }
    group.addTask {
      try await Task.sleep(for: .seconds(seconds))
      throw TransportError.timedOut(seconds: seconds)
    }
    defer { group.cancelAll() }
    guard let first = try await group.next() else { throw TransportError.cancelled }
    return first
  }
}
