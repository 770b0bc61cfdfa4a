#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The process's standard streams: file descriptors 0, 1 and 2, unbuffered.
public struct StandardIO: CommandIO {
  /// Creates the standard streams.
  public init() {}

  public func out(_ text: String) { writeAll(text, to: 1) }
  public func err(_ text: String) { writeAll(text, to: 2) }
  public var isOutputTerminal: Bool { isatty(1) == 1 }
  public var isErrorTerminal: Bool { isatty(2) == 1 }
  public var isInputTerminal: Bool { isatty(0) == 1 }

  public func readStandardInput(limit: Int) throws -> [UInt8]? {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw StandardInputError(code: errno)
      }
      if count == 0 { return bytes }
      if bytes.count + count > limit { return nil }
      bytes += chunk[0..<count]
    }
  }

  private func writeAll(_ text: String, to descriptor: Int32) {
    let bytes = Array(text.utf8)
    bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 && errno == EINTR { continue }
        if written <= 0 { return }
        offset += written
      }
    }
  }
}

/// Standard input could not be read.
public struct StandardInputError: Error, CustomStringConvertible {
  /// The `errno` of the failed read.
  public var code: Int32
  public var description: String {
    "cannot read standard input: \(String(cString: strerror(code)))"
  }
}
