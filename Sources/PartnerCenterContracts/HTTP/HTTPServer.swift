import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A small HTTP/1.1 server on POSIX sockets: keep-alive, `Content-Length` bodies, one thread
/// per connection up to a limit, strict bounded parsing, and a stop that returns only when
/// every connection thread has finished.
///
/// A thread per connection keeps the code a straight read-parse-answer loop; an API mock
/// serves tens of clients, not thousands, and blocking calls on loopback are fast.
package final class HTTPServer: Sendable {
  /// Where and how the server listens.
  package struct Configuration: Sendable {
    /// The address to bind, `127.0.0.1` by default.
    package var host: String
    /// The port; 0 picks a free one (read it from ``HTTPServer/port`` after starting).
    package var port: Int
    /// The request limits.
    package var limits: HTTPLimits
    /// The most connections served at once; more are answered 503 and closed.
    package var maximumConnections: Int

    /// Creates a configuration.
    package init(
      host: String = "127.0.0.1", port: Int = 0, limits: HTTPLimits = HTTPLimits(),
      maximumConnections: Int = 256
    ) {
      self.host = host
      self.port = port
      self.limits = limits
      self.maximumConnections = maximumConnections
    }
  }

  /// Answers a parsed request. Called on connection threads, concurrently.
  package typealias Responder = @Sendable (HTTPServerRequest) -> HTTPReply
  /// Answers bytes that are not an acceptable request (the connection is closed after).
  package typealias Rejecter = @Sendable (HTTPRequestError) -> HTTPResponse

  private struct State {
    var listener: Int32 = -1
    var wakeRead: Int32 = -1
    var wakeWrite: Int32 = -1
    var port = 0
    var started = false
    var stopping = false
    var connections: Set<Int32> = []
  }

  /// The configuration.
  package let configuration: Configuration
  private let respond: Responder
  private let reject: Rejecter
  private let state = Mutex(State())
  private let threads = DispatchGroup()

  /// A server answering with `respond`, and rejecting malformed requests with `reject` (by
  /// default a plain-text response with the error's status).
  package init(
    configuration: Configuration = Configuration(),
    reject: @escaping Rejecter = HTTPServer.plainRejection, respond: @escaping Responder
  ) {
    self.configuration = configuration
    self.respond = respond
    self.reject = reject
  }

  deinit { stop() }

  /// The default answer to a malformed request: its status and one line of text.
  package static func plainRejection(_ error: HTTPRequestError) -> HTTPResponse {
    HTTPResponse(
      status: error.status, headers: ["Content-Type": "text/plain; charset=utf-8"],
      body: Array("\(error)\n".utf8))
  }

  /// The port the server listens on (0 before ``start()``).
  package var port: Int { state.withLock { $0.port } }

  /// Binds, listens and starts accepting connections on a background thread.
  package func start() throws(HTTPServerError) {
    let alreadyStarted = state.withLock { state -> Bool in
      defer { state.started = true }
      return state.started
    }
    guard !alreadyStarted else { throw .alreadyStarted }
    let listener = try Socket.listen(
      host: configuration.host, port: configuration.port, backlog: 512)
    var pipeEnds: [Int32] = [-1, -1]
    guard pipe(&pipeEnds) == 0 else {
      close(listener)
      throw .cannotBind(
        host: configuration.host, port: configuration.port, reason: "cannot create a pipe")
    }
    let port = Socket.localPort(listener)
    let wakeRead = pipeEnds[0]
    state.withLock {
      $0.listener = listener
      $0.wakeRead = wakeRead
      $0.wakeWrite = pipeEnds[1]
      $0.port = port
    }
    threads.enter()
    Thread.detachNewThread { [self] in
      acceptLoop(listener: listener, wake: wakeRead)
      threads.leave()
    }
  }

  /// Stops accepting, ends every connection (a response being written is cut off), and returns
  /// when all connection threads have finished. Safe to call more than once.
  package func stop() {
    let wakeWrite = state.withLock { state -> Int32? in
      guard state.started, !state.stopping else { return nil }
      state.stopping = true
      for connection in state.connections { shutdown(connection, Int32(SHUT_RDWR)) }
      return state.wakeWrite
    }
    guard let wakeWrite else { return }
    var byte: UInt8 = 1
    _ = write(wakeWrite, &byte, 1)
    _ = threads.wait(timeout: .now() + 30)
    state.withLock {
      if $0.listener >= 0 { close($0.listener) }
      close($0.wakeRead)
      close($0.wakeWrite)
      $0.listener = -1
    }
  }

  private func acceptLoop(listener: Int32, wake: Int32) {
    while true {
      guard case .ready = Socket.wait(for: listener, wake: wake, milliseconds: 3_600_000) else {
        if state.withLock({ $0.stopping }) { return }
        continue
      }
      let connection = accept(listener, nil, nil)
      guard connection >= 0 else { continue }
      let admitted = state.withLock { state -> Bool? in
        guard !state.stopping else { return nil }
        guard state.connections.count < configuration.maximumConnections else { return false }
        state.connections.insert(connection)
        return true
      }
      guard let admitted else {
        close(connection)
        return
      }
      guard admitted else {
        let busy = HTTPResponse(status: 503, headers: ["Retry-After": "1"])
        _ = Socket.sendAll(connection, busy.serialized(keepAlive: false)[...])
        close(connection)
        continue
      }
      Socket.configureConnection(
        connection, sendTimeoutMilliseconds: configuration.limits.requestTimeoutMilliseconds)
      threads.enter()
      Thread.detachNewThread { [self] in
        serve(connection, wake: wake)
        threads.leave()
      }
    }
  }

  private func serve(_ connection: Int32, wake: Int32) {
    var reset = false
    defer {
      state.withLock {
        $0.connections.remove(connection)
        if !reset { close(connection) }
      }
    }
    let limits = configuration.limits
    let parser = HTTPRequestParser(limits: limits)
    let bufferLimit = limits.maximumHeaderBytes + limits.maximumBodyBytes + 4
    var buffer: [UInt8] = []
    var requestStarted: Int?
    while true {
      if !buffer.isEmpty {
        switch parser.parse(buffer[...]) {
        case .request(let request, let consumed):
          buffer.removeFirst(consumed)
          requestStarted = buffer.isEmpty ? nil : Socket.monotonicMilliseconds()
          let reply = respond(request)
          let keepAlive = request.keepsAlive && !reply.closesConnection
          switch deliver(reply, on: connection, keepAlive: keepAlive, wake: wake) {
          case .keepOpen where keepAlive: continue
          case .reset:
            reset = true
            return
          default: return
          }
        case .invalid(let error):
          _ = Socket.sendAll(connection, reject(error).serialized(keepAlive: false)[...])
          return
        case .incomplete:
          break
        }
      }
      let now = Socket.monotonicMilliseconds()
      let timeout =
        requestStarted.map { $0 + limits.requestTimeoutMilliseconds - now }
        ?? limits.idleTimeoutMilliseconds
      switch Socket.wait(for: connection, wake: wake, milliseconds: timeout) {
      case .stopping: return
      case .timedOut:
        if requestStarted != nil {
          _ = Socket.sendAll(connection, reject(.timedOut).serialized(keepAlive: false)[...])
        }
        return
      case .ready:
        let received = Socket.receive(
          connection, into: &buffer, limit: bufferLimit - buffer.count)
        if received <= 0 { return }
        if requestStarted == nil { requestStarted = Socket.monotonicMilliseconds() }
      }
    }
  }

  private enum DeliveryOutcome {
    case keepOpen
    case closed
    case reset
  }

  private func deliver(_ reply: HTTPReply, on connection: Int32, keepAlive: Bool, wake: Int32)
    -> DeliveryOutcome
  {
    if reply.delayMilliseconds > 0,
      case .stopping = Socket.wait(for: -1, wake: wake, milliseconds: reply.delayMilliseconds)
    {
      return .closed
    }
    let response = reply.response
    let head = response.head(keepAlive: keepAlive)
    switch reply.delivery {
    case .complete:
      return Socket.sendAll(connection, (head + response.body)[...]) ? .keepOpen : .closed
    case .truncate:
      _ = Socket.sendAll(connection, (head + response.body.prefix(response.body.count / 2))[...])
      return .closed
    case .reset:
      _ = Socket.sendAll(connection, (head + response.body.prefix(response.body.count / 2))[...])
      state.withLock {
        $0.connections.remove(connection)
        Socket.closeWithReset(connection)
      }
      return .reset
    case .trickle(let chunks, let interval):
      guard Socket.sendAll(connection, head[...]) else { return .closed }
      let size = max(1, (response.body.count + max(1, chunks) - 1) / max(1, chunks))
      var offset = 0
      while offset < response.body.count {
        if offset > 0,
          case .stopping = Socket.wait(for: -1, wake: wake, milliseconds: interval)
        {
          return .closed
        }
        let end = min(response.body.count, offset + size)
        guard Socket.sendAll(connection, response.body[offset..<end]) else { return .closed }
        offset = end
      }
      return .keepOpen
    }
  }
}

/// Why the server could not start.
public enum HTTPServerError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The address could not be resolved or bound (in use, not local, not permitted).
  case cannotBind(host: String, port: Int, reason: String)
  /// ``HTTPServer/start()`` was called twice.
  case alreadyStarted

  public var description: String {
    switch self {
    case .cannotBind(let host, let port, let reason): "cannot listen on \(host):\(port): \(reason)"
    case .alreadyStarted: "the server is already started"
    }
  }
}
