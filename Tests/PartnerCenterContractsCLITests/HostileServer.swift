import ContractTestSupport
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A loopback server that misbehaves on purpose: it records each request and lets the
/// scenario write whatever bytes it likes back (endless bodies, lies in `Content-Length`,
/// redirects elsewhere). One thread per connection; every loop is bounded.
final class HostileServer: Sendable {
  /// A request as the server saw it.
  struct Request: Sendable {
    var method: String
    var target: String
    var headers: [(name: String, value: String)]

    func header(_ name: String) -> String? {
      headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
  }

  /// One accepted connection.
  final class Connection: Sendable {
    let descriptor: Int32
    init(_ descriptor: Int32) { self.descriptor = descriptor }

    /// Writes `bytes`; false once the peer has gone.
    @discardableResult func write(_ bytes: [UInt8]) -> Bool {
      var offset = 0
      while offset < bytes.count {
        let written = bytes[offset...].withUnsafeBytes {
          send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
        }
        if written <= 0 { return false }
        offset += written
      }
      return true
    }

    @discardableResult func write(_ text: String) -> Bool { write(Array(text.utf8)) }
  }

  private final class RequestLog: Sendable {
    let requests = Mutex<[Request]>([])
  }

  let port: Int
  private let listener: Int32
  private let seen = RequestLog()

  /// Starts listening on 127.0.0.1 at a free port; `respond` answers each request.
  init(respond: @escaping @Sendable (Request, Connection) -> Void) throws {
    let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    self.listener = listener
    var yes: Int32 = 1
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(listener, $0, length) == 0 && listen(listener, 64) == 0
          && getsockname(listener, $0, &length) == 0
      }
    }
    guard bound else {
      close(listener)
      throw POSIXError(.EADDRINUSE)
    }
    port = Int(UInt16(bigEndian: address.sin_port))
    let seen = seen
    Thread.detachNewThread {
      while true {
        let client = accept(listener, nil, nil)
        guard client >= 0 else { return }
        Thread.detachNewThread {
          defer { close(client) }
          var timeout = timeval(tv_sec: 10, tv_usec: 0)
          setsockopt(
            client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
          guard let request = Self.readRequest(client) else { return }
          seen.requests.withLock { $0.append(request) }
          respond(request, Connection(client))
        }
      }
    }
  }

  /// Every request so far.
  var requests: [Request] { seen.requests.withLock { $0 } }

  /// Stops accepting; connections in progress end with their scenario.
  func stop() {
    shutdown(listener, Int32(SHUT_RDWR))
    close(listener)
  }

  private static func readRequest(_ descriptor: Int32) -> Request? {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while bytes.count < 65536 {
      let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
      guard count > 0 else { return nil }
      bytes += chunk[0..<count]
      if let end = bytes.firstRange(of: [13, 10, 13, 10]) {
        let lines = String(decoding: bytes[..<end.lowerBound], as: UTF8.self)
          .components(separatedBy: "\r\n")
        let parts = lines[0].split(separator: " ")
        guard parts.count >= 2 else { return nil }
        let headers = lines.dropFirst().compactMap { line -> (String, String)? in
          guard let colon = line.firstIndex(of: ":") else { return nil }
          return (
            String(line[..<colon]),
            line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
          )
        }
        return Request(method: String(parts[0]), target: String(parts[1]), headers: headers)
      }
    }
    return nil
  }
}

/// A run of the built `pc-contract` under an address-space limit, with its peak memory.
struct LimitedRun {
  var code: Int32
  var stdout: String
  var stderr: String
  /// The most resident memory the process used, in bytes; nil where GNU time is missing.
  var peakMemory: Int?
  /// The seconds it took.
  var seconds: Double

  /// Runs the built tool with `arguments` in `directory`, its address space limited to
  /// `addressSpace` bytes (`ulimit -v`, so that a regression ends the process instead of the
  /// machine), with `environment` only (plus PATH).
  static func run(
    _ arguments: [String], directory: String, environment: [String: String],
    addressSpace: Int = 3 << 30
  ) throws -> LimitedRun {
    let output = directory + "/.run-\(UUID().uuidString)"
    // The peak is measured by GNU time around the tool: a process started from this one
    // inherits its high-water mark across exec, which would hide the tool's own.
    let time = "/usr/bin/time"
    let measures = FileManager.default.isExecutableFile(atPath: time)
    let script =
      "cd \"\(directory)\" || exit 97; ulimit -v \(addressSpace / 1024) || exit 98; "
      + "exec \(measures ? "\(time) -q -f %M -o \"\(output).mem\" " : "")\"$0\" \"$@\" "
      + ">\"\(output).out\" 2>\"\(output).err\" </dev/null"
    let argv = ["/bin/sh", "-c", script, builtToolURL().path] + arguments
    var env = environment
    env["PATH"] = "/usr/bin:/bin"
    let envp = env.map { "\($0.key)=\($0.value)" }
    var pid: pid_t = 0
    let started = Date()
    let spawned = withCStrings(argv) { argvPointers in
      withCStrings(envp) { envPointers in
        posix_spawn(&pid, "/bin/sh", nil, nil, argvPointers, envPointers)
      }
    }
    guard spawned == 0 else { throw POSIXError(.ECHILD) }
    // A run that hangs is killed after two minutes (and fails its test by its exit code).
    let watchdog = DispatchWorkItem { [pid] in kill(pid, SIGKILL) }
    DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: watchdog)
    defer { watchdog.cancel() }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let read = { (suffix: String) in
      (try? String(contentsOfFile: output + suffix, encoding: .utf8)) ?? ""
    }
    defer {
      for suffix in [".out", ".err", ".mem"] {
        try? FileManager.default.removeItem(atPath: output + suffix)
      }
    }
    let kilobytes = read(".mem").split(separator: "\n").last.flatMap { Int($0) }
    let exited = (status & 0x7f) == 0
    return LimitedRun(
      code: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), stdout: read(".out"),
      stderr: read(".err"), peakMemory: kilobytes.map { $0 * 1024 },
      seconds: Date().timeIntervalSince(started))
  }

  private static func withCStrings<R>(
    _ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R
  ) -> R {
    let pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) } + [nil]
    defer {
      for pointer in pointers { free(pointer) }
    }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
  }
}
