#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a file whole, straight into one array: sized from `fstat` and filled in place (a
/// large file in parts, one per core), then read on in chunks should the file have grown (or
/// report no size, as `/proc` files do).
package enum FileContents {
  /// From this size a file is read in parts on every core: filling a fresh buffer costs a page
  /// fault per 4 KiB besides the copy, and the cores can share that (88 MB: about 57 ms on
  /// one core, 39 ms on two).
  static let partedReadSize = 16 << 20

  /// The bytes of the file at `path`.
  package static func bytes(atPath path: String) throws(FileReadError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw FileReadError(path: path, code: errno) }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw FileReadError(path: path, code: errno) }
    let expected = max(Int(status.st_size), 0)
    let parts = expected >= partedReadSize ? ParallelMap.cores : 1
    var failure: Int32 = 0
    var bytes = [UInt8](unsafeUninitializedCapacity: expected) { buffer, count in
      count = 0
      guard let base = buffer.baseAddress else { return }
      if parts > 1 {
        (count, failure) = readParts(descriptor, into: base, count: expected, parts: parts)
        return
      }
      while count < expected {
        let got = read(descriptor, base + count, expected - count)
        if got < 0 && errno == EINTR { continue }
        if got < 0 { failure = errno }
        if got <= 0 { return }
        count += got
      }
    }
    guard failure == 0 else { throw FileReadError(path: path, code: failure) }
    // Parts are read at their offsets, which leaves the file's own offset at 0: reading on
    // continues after what was read.
    if parts > 1 && lseek(descriptor, off_t(bytes.count), SEEK_SET) < 0 {
      throw FileReadError(path: path, code: errno)
    }
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

/// Fills `count` bytes at `base` from the start of the file, in `parts` parts read at once;
/// returns how many bytes from the start were read (less when the file shrank) and the first
/// error, if any.
private func readParts(
  _ descriptor: Int32, into base: UnsafeMutablePointer<UInt8>, count: Int, parts: Int
) -> (count: Int, failure: Int32) {
  let size = (count + parts - 1) / parts
  // Each part writes only its own range of the buffer.
  nonisolated(unsafe) let base = base
  let results = ParallelMap.map(parts) { part -> (got: Int, failure: Int32) in
    let start = part * size
    let end = min(start + size, count)
    var offset = start
    while offset < end {
      let got = pread(descriptor, base + offset, end - offset, off_t(offset))
      if got < 0 && errno == EINTR { continue }
      if got < 0 { return (offset - start, errno) }
      if got == 0 { break }
      offset += got
    }
    return (offset - start, 0)
  }
  var filled = 0
  for (part, result) in results.enumerated() {
    filled += result.got
    if result.failure != 0 { return (filled, result.failure) }
    if result.got < min(size, count - part * size) { break }
  }
  return (filled, 0)
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
