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
  /// The run is being stopped.
  case cancelled

  /// Whether trying again may help.
  public var isRetryable: Bool {
    switch self {
    case .invalidURL, .cancelled: false
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
    case .cancelled: "cancelled"
    }
  }

  private static func seconds(_ value: Double) -> String {
    value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
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
/// of each call.
public final class URLSessionTransport: HTTPTransport {
  private let session: URLSession

  /// A transport with up to `maximumConnections` connections per host.
  public init(maximumConnections: Int = 8, idleTimeout: Double = 30) {
    let configuration = URLSessionConfiguration.ephemeral
    configuration.httpMaximumConnectionsPerHost = maximumConnections
    configuration.timeoutIntervalForRequest = idleTimeout
    configuration.timeoutIntervalForResource = 24 * 3600
    configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
    configuration.urlCache = nil
    configuration.httpCookieStorage = nil
    configuration.httpShouldSetCookies = false
    session = URLSession(configuration: configuration)
  }

  deinit { session.invalidateAndCancel() }

  public func send(_ request: HTTPRequest, timeout: Double) async throws(TransportError)
    -> HTTPResponse
  {
    guard let url = URL(string: request.url), let scheme = url.scheme?.lowercased(),
      scheme == "https" || scheme == "http"
    else { throw .invalidURL(request.url) }
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
      (data, response) = try await withDeadline(seconds: timeout) { [session, urlRequest] in
        try await Self.data(from: session, for: urlRequest)
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
    if let announced = headers["Content-Length"].flatMap({ Int($0) }), announced > data.count {
      throw .truncatedBody(expected: announced, received: data.count)
    }
    return HTTPResponse(status: http.statusCode, headers: headers, body: [UInt8](data))
  }

  /// The response to `request`. Not URLSession's async `data(for:)`: on Linux it can deadlock
  /// when its task is cancelled while the response is being handled (the cancellation holds
  /// the task's status lock and waits for URLSession's queue, which waits for the status lock
  /// to resume the task; swift-corelibs-foundation#5412). Here the cancellation is forwarded
  /// from another queue, so neither waits for the other.
  private static func data(from session: URLSession, for request: URLRequest) async throws
    -> (Data, URLResponse)
  {
    let handle = DataTaskHandle()
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        let task = session.dataTask(with: request) { data, response, error in
          if let error {
            continuation.resume(throwing: error)
          } else if let response {
            continuation.resume(returning: (data ?? Data(), response))
          } else {
            continuation.resume(throwing: URLError(.badServerResponse))
          }
        }
        handle.start(task)
      }
    } onCancel: {
      DispatchQueue.global().async { handle.cancel() }
    }
  }

  private static func transportError(_ error: URLError, timeout: Double) -> TransportError {
    switch error.code {
    case .timedOut: .timedOut(seconds: timeout)
    case .cancelled: .cancelled
    case .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet:
      .cannotConnect(error.localizedDescription)
    case .unsupportedURL, .badURL: .invalidURL(error.failingURL?.absoluteString ?? "")
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

/// A data task that may be cancelled before it has started: the cancellation is kept and
/// applied when it starts.
private final class DataTaskHandle: @unchecked Sendable {
  private let lock = NSLock()
  private var task: URLSessionDataTask?
  private var isCancelled = false

  func start(_ task: URLSessionDataTask) {
    let cancelled = lock.withLock {
      self.task = task
      return isCancelled
    }
    task.resume()
    if cancelled { task.cancel() }
  }

  func cancel() {
    let task = lock.withLock {
      isCancelled = true
      return self.task
    }
    task?.cancel()
  }
}
