#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a file whole, straight into one array: sized from `fstat` and filled in place, then
/// read on in chunks should the file have grown (or report no size, as `/proc` files do).
package enum FileContents {
  /// The bytes of the file at `path`.
  package static func bytes(atPath path: String) throws(FileReadError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw FileReadError(path: path, code: errno) }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw FileReadError(path: path, code: errno) }
    let expected = max(Int(status.st_size), 0)
    var failure: Int32 = 0
    var bytes = [UInt8](unsafeUninitializedCapacity: expected) { buffer, count in
      count = 0
      while count < expected {
        guard let base = buffer.baseAddress else { return }
        let got = read(descriptor, base + count, expected - count)
        if got < 0 && errno == EINTR { continue }
        if got < 0 { failure = errno }
        if got <= 0 { return }
        count += got
      }
    }
    guard failure == 0 else { throw FileReadError(path: path, code: failure) }
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let got = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if got < 0 {
        if errno == EINTR { continue }
        throw FileReadError(path: path, code: errno)
      }
      if got == 0 { return bytes }
      bytes.append(contentsOf: chunk[0..<got])
    }
  }
}

/// A file that could not be opened or read.
package struct FileReadError: Error, Sendable, CustomStringConvertible {
  /// The path as given.
  package var path: String
  /// What the system said, in lower case: `no such file or directory`.
  package var reason: String

  init(path: String, code: Int32) {
    self.path = path
    self.reason = String(cString: strerror(code)).lowercased()
  }

  package var description: String { "cannot read '\(path)': \(reason)" }
}
