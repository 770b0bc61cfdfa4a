#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The process's standard output and standard error, written unbuffered to file descriptors
/// 1 and 2.
public struct StandardIO: CommandIO {
  /// Creates the standard streams.
  public init() {}

  public func out(_ text: String) { writeAll(text, to: 1) }
  public func err(_ text: String) { writeAll(text, to: 2) }

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
