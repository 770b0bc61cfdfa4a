import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The scheme, host and port a URL addresses: where a token may go.
struct Origin: Sendable, Equatable, CustomStringConvertible {
  var scheme: String
  var host: String
  var port: Int

  /// The origin of `url`, for `http` and `https` only.
  init?(_ url: URL) {
    guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
      let host = url.host?.lowercased(), !host.isEmpty
    else { return nil }
    self.scheme = scheme
    self.host = host
    port = url.port ?? (scheme == "https" ? 443 : 80)
  }

  var description: String { "\(scheme)://\(host):\(port)" }

  /// `url` as a message may show it: scheme, host, port and path, without user information,
  /// query or fragment, which may hold credentials.
  static func shown(_ url: URL?) -> String {
    guard let url, let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
    else { return "an unreadable URL" }
    var shown = URLComponents()
    shown.scheme = components.scheme
    shown.host = components.host
    shown.port = components.port
    shown.percentEncodedPath = components.percentEncodedPath
    return shown.string ?? "an unreadable URL"
  }
}

/// The calls in flight on one `URLSession`, as its delegate: each call's body is collected up
/// to its limit and no further, and a redirect is followed only within the call's origin.
///
/// Not URLSession's async `data(for:)`: on Linux it can deadlock when its task is cancelled
/// while the response is being handled (the cancellation holds the task's status lock and
/// waits for URLSession's queue, which waits for the status lock to resume the task;
/// swift-corelibs-foundation#5412). Here the cancellation is forwarded from another queue,
/// so neither waits for the other.
final class TransportCalls: NSObject, URLSessionDataDelegate, @unchecked Sendable {
  private struct Call {
    var origin: Origin
    var limit: Int
    var data = Data()
    var redirects = 0
    var finish: @Sendable (Result<(Data, URLResponse), any Error>) -> Void
  }

  private let lock = NSLock()
  private var calls: [Int: Call] = [:]

  /// The body and response of `request`, or the reason there is none. Cancelling the calling
  /// task ends the call at once, whatever URLSession still has queued for it.
  func data(from session: URLSession, for request: URLRequest, origin: Origin, limit: Int)
    async throws -> (Data, URLResponse)
  {
    let handle = DataTaskHandle()
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        let task = session.dataTask(with: request)
        lock.withLock {
          calls[task.taskIdentifier] = Call(
            origin: origin, limit: limit, finish: { continuation.resume(with: $0) })
        }
        handle.start(task)
      }
    } onCancel: {
      DispatchQueue.global().async { [self] in
        guard let task = handle.cancel() else { return }
        end(task, .failure(CancellationError()))
      }
    }
  }

  /// Ends the call of `task` with `result`, once: whatever URLSession delivers for it later
  /// finds no call and is dropped.
  private func end(_ task: URLSessionTask, _ result: Result<(Data, URLResponse), any Error>) {
    let call = lock.withLock { calls.removeValue(forKey: task.taskIdentifier) }
    call?.finish(result)
  }

  /// Ends the call of `task` with `failure` and stops the task. The stop is sent from another
  /// queue: delegate calls run on URLSession's own queue (``InlineDelegateQueue``), which
  /// `cancel()` waits for.
  private func fail(_ task: URLSessionTask, _ failure: TransportError) {
    end(task, .failure(failure))
    DispatchQueue.global().async { task.cancel() }
  }

  func urlSession(
    _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
  ) {
    let limit = lock.withLock { calls[dataTask.taskIdentifier]?.limit } ?? Int.max
    if response.expectedContentLength > Int64(limit) {
      completionHandler(.cancel)
      fail(dataTask, .bodyTooLarge(limit: limit))
      return
    }
    completionHandler(.allow)
  }

  func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
    // In place: a copy of the call would copy its body on every chunk.
    let over: Int? = lock.withLock {
      guard let received = calls[dataTask.taskIdentifier]?.data.count,
        let limit = calls[dataTask.taskIdentifier]?.limit
      else { return nil }
      guard received + data.count <= limit else { return limit }
      calls[dataTask.taskIdentifier]?.data.append(data)
      return nil
    }
    if let over { fail(dataTask, .bodyTooLarge(limit: over)) }
  }

  func urlSession(
    _ session: URLSession, task: URLSessionTask,
    willPerformHTTPRedirection response: HTTPURLResponse, newRequest request: URLRequest,
    completionHandler: @escaping (URLRequest?) -> Void
  ) {
    let refusal: TransportError? = lock.withLock {
      guard let origin = calls[task.taskIdentifier]?.origin else {
        return .redirectRefused(to: "?")
      }
      guard let target = request.url, Origin(target) == origin else {
        return .redirectRefused(to: Origin.shown(request.url))
      }
      calls[task.taskIdentifier]?.redirects += 1
      return (calls[task.taskIdentifier]?.redirects ?? 0) > URLSessionTransport.maximumRedirects
        ? .tooManyRedirects(URLSessionTransport.maximumRedirects) : nil
    }
    if let refusal {
      completionHandler(nil)
      fail(task, refusal)
    } else {
      completionHandler(request)
    }
  }

  func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
    guard let call = lock.withLock({ calls.removeValue(forKey: task.taskIdentifier) }) else {
      return
    }
    if let error {
      call.finish(.failure(error))
    } else if let response = task.response {
      call.finish(.success((call.data, response)))
    } else {
      call.finish(.failure(URLError(.badServerResponse)))
    }
  }
}

/// URLSession's delegate queue that runs each delegate call at once, on the thread that
/// URLSession calls from.
///
/// On Linux, URLSession hands every chunk libcurl reads (and decodes) to its delegate queue
/// without waiting for it: behind an ordinary queue, a server that floods loopback, or a
/// gzip bomb, piles up most of a gigabyte before the delegate has counted the chunk that
/// passes the limit. Run inline, each chunk is counted, and dropped past the limit, before
/// libcurl reads the next one, so a call holds at most its limit.
final class InlineDelegateQueue: OperationQueue, @unchecked Sendable {
  override func addOperation(_ block: @escaping @Sendable () -> Void) { block() }
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

  /// Cancels the task (now, or when it starts); returns it if it has started.
  @discardableResult func cancel() -> URLSessionDataTask? {
    let task = lock.withLock {
      isCancelled = true
      return self.task
    }
    task?.cancel()
    return task
  }
}
