import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Writes a file whole or not at all: the bytes go to a hidden temporary file beside the
/// destination (`.<name>.<uuid>.tmp`), which is then renamed into place. Recordings and report
/// files are written this way, so an interrupted run never leaves half a file.
public enum AtomicFile {
  /// Writes `bytes` to `path`, replacing what is there; the folder must exist.
  public static func write(_ bytes: [UInt8], toPath path: String) throws(AtomicFileError) {
    let destination = URL(fileURLWithPath: path)
    let temporary = destination.deletingLastPathComponent().appendingPathComponent(
      ".\(destination.lastPathComponent).\(UUID().uuidString).tmp"
    ).path
    // Plain POSIX calls: Foundation's createFile writes through a temporary file of its own,
    // which a killed process would leave behind under a name nothing cleans up.
    guard writeNewFile(atPath: temporary, bytes) else {
      unlink(temporary)
      throw .cannotWrite(temporary)
    }
    guard rename(temporary, path) == 0 else {
      unlink(temporary)
      throw .cannotRename(path)
    }
  }

  /// Creates the file at `path` (which must not exist) and writes `bytes`; false on any failure.
  private static func writeNewFile(atPath path: String, _ bytes: [UInt8]) -> Bool {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    return bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 && errno == EINTR { continue }
        guard written > 0 else { return false }
        offset += written
      }
      return true
    }
  }
}

/// Why a file could not be written.
public enum AtomicFileError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The temporary file could not be created or written (a missing folder, no permission,
  /// a full disk).
  case cannotWrite(String)
  /// The temporary file could not be renamed over the destination.
  case cannotRename(String)

  /// The path the error is about.
  public var path: String {
    switch self {
    case .cannotWrite(let path), .cannotRename(let path): path
    }
  }

  /// What went wrong, without the path.
  public var reason: String {
    switch self {
    case .cannotWrite: "cannot write the file"
    case .cannotRename: "cannot rename the temporary file into place"
    }
  }

  public var description: String { "\(path): \(reason)" }
}
