#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Thin wrappers over the POSIX socket calls the HTTP server needs, so the server itself reads
/// as HTTP and not as C.
enum Socket {
  /// A listening TCP socket bound to `host:port`, or why not.
  static func listen(host: String, port: Int, backlog: Int32) throws(HTTPServerError) -> Int32 {
    var hints = addrinfo()
    hints.ai_family = AF_UNSPEC
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
    #if canImport(Glibc)
      hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    #else
      hints.ai_socktype = SOCK_STREAM
    #endif
    var list: UnsafeMutablePointer<addrinfo>?
    let status = getaddrinfo(host, String(port), &hints, &list)
    guard status == 0, let first = list else {
      throw .cannotBind(host: host, port: port, reason: String(cString: gai_strerror(status)))
    }
    defer { freeaddrinfo(list) }
    var lastError = EADDRNOTAVAIL
    var candidate: UnsafeMutablePointer<addrinfo>? = first
    while let info = candidate {
      candidate = info.pointee.ai_next
      let descriptor = socket(info.pointee.ai_family, info.pointee.ai_socktype, 0)
      guard descriptor >= 0 else {
        lastError = errno
        continue
      }
      var one: Int32 = 1
      setsockopt(
        descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
      if bind(descriptor, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0,
        Glibc.listen(descriptor, backlog) == 0
      {
        return descriptor
      }
      lastError = errno
      close(descriptor)
    }
    throw .cannotBind(host: host, port: port, reason: String(cString: strerror(lastError)))
  }

  /// The local port a socket is bound to.
  static func localPort(_ descriptor: Int32) -> Int {
    var storage = sockaddr_storage()
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
    let result = withUnsafeMutablePointer(to: &storage) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        getsockname(descriptor, $0, &length)
      }
    }
    guard result == 0 else { return 0 }
    let family = Int32(storage.ss_family)
    return withUnsafePointer(to: &storage) { pointer -> Int in
      if family == AF_INET6 {
        return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
          Int(UInt16(bigEndian: $0.pointee.sin6_port))
        }
      }
      return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
        Int(UInt16(bigEndian: $0.pointee.sin_port))
      }
    }
  }

  /// Turns off Nagle's algorithm (small keep-alive responses must not wait for an ACK) and
  /// bounds how long a send may block on a client that stops reading.
  static func configureConnection(_ descriptor: Int32, sendTimeoutMilliseconds: Int) {
    var one: Int32 = 1
    setsockopt(
      descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    var timeout = timeval(
      tv_sec: sendTimeoutMilliseconds / 1000,
      tv_usec: .init((sendTimeoutMilliseconds % 1000) * 1000))
    setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
  }

  /// What waiting for a descriptor ended with.
  enum WaitResult {
    /// The descriptor is readable (or has hung up; a read says which).
    case ready
    /// The time ran out.
    case timedOut
    /// The server is stopping.
    case stopping
  }

  /// Waits until `descriptor` is readable, `milliseconds` pass, or `wake` becomes readable.
  /// A negative `descriptor` just sleeps (interruptibly).
  static func wait(for descriptor: Int32, wake: Int32, milliseconds: Int) -> WaitResult {
    var deadline = monotonicMilliseconds() + max(0, milliseconds)
    while true {
      var fds = [
        pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
        pollfd(fd: wake, events: Int16(POLLIN), revents: 0),
      ]
      let remaining = deadline - monotonicMilliseconds()
      if remaining <= 0 { return .timedOut }
      let result = poll(&fds, 2, Int32(min(remaining, Int(Int32.max))))
      if result < 0 {
        if errno == EINTR { continue }
        return .stopping
      }
      if fds[1].revents != 0 { return .stopping }
      if descriptor >= 0, fds[0].revents != 0 { return .ready }
      if result == 0 { deadline = min(deadline, monotonicMilliseconds()) }
    }
  }

  /// Sends all of `bytes`; false when the peer is gone or the send timed out.
  static func sendAll(_ descriptor: Int32, _ bytes: ArraySlice<UInt8>) -> Bool {
    bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        guard let base = buffer.baseAddress else { return true }
        let sent = send(descriptor, base + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
        if sent < 0 && errno == EINTR { continue }
        if sent <= 0 { return false }
        offset += sent
      }
      return true
    }
  }

  /// Receives what is available into `buffer` (at most `limit` bytes); 0 at end of stream,
  /// -1 on error.
  static func receive(_ descriptor: Int32, into buffer: inout [UInt8], limit: Int) -> Int {
    let chunk = min(limit, 65536)
    guard chunk > 0 else { return 0 }
    let oldCount = buffer.count
    var received = 0
    buffer.append(contentsOf: repeatElement(0, count: chunk))
    while true {
      received = buffer.withUnsafeMutableBytes { raw in
        recv(descriptor, raw.baseAddress! + oldCount, chunk, 0)
      }
      if received < 0 && errno == EINTR { continue }
      break
    }
    buffer.removeLast(chunk - max(0, received))
    return received
  }

  /// Closes with a TCP reset instead of an orderly FIN (the `reset` fault).
  static func closeWithReset(_ descriptor: Int32) {
    var option = linger(l_onoff: 1, l_linger: 0)
    setsockopt(descriptor, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
    close(descriptor)
  }

  /// Milliseconds on a monotonic clock.
  static func monotonicMilliseconds() -> Int {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return time.tv_sec * 1000 + time.tv_nsec / 1_000_000
  }
}
