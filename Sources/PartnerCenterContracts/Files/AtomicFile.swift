import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Writes a file whole or not at all: the bytes go to a hidden temporary file beside the
/// destination (`.<name>.<uuid>.pc-contract-tmp`, see ``FileNames/isTemporary(_:)``), which
/// is then renamed into place. Recordings and report
/// files are written this way, so an interrupted run never leaves half a file.
package enum AtomicFile {
  /// Writes `bytes` to `path`, replacing what is there; the folder must exist.
  package static func write(_ bytes: [UInt8], toPath path: String) throws(AtomicFileError) {
    let destination = URL(fileURLWithPath: path)
    let temporary = destination.deletingLastPathComponent().appendingPathComponent(
      ".\(destination.lastPathComponent).\(UUID().uuidString)\(FileNames.temporarySuffix)"
    ).path
    // Plain POSIX calls: Foundation's createFile writes through a temporary file of its own,
    // which a killed process would leave behind under a name nothing cleans up.
    let failure = writeNewFile(atPath: temporary, bytes)
    guard failure == 0 else {
      unlink(temporary)
      throw .cannotWrite(path, code: failure)
    }
    guard rename(temporary, path) == 0 else {
      let code = errno
      unlink(temporary)
      throw .cannotRename(path, code: code)
    }
  }

  /// Writes `text` to `path` whole, creating its folder first (`--output reports/drift.sarif`
  /// in a fresh checkout).
  package static func write(_ text: String, creatingFolderOf path: String)
    throws(AtomicFileError)
  {
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try write(Array(text.utf8), toPath: path)
  }

  /// Creates the file at `path` (which must not exist), writes `bytes` and closes it; the
  /// `errno` of the first failure (a full disk shows only here or at `close`), or 0.
  private static func writeNewFile(atPath path: String, _ bytes: [UInt8]) -> Int32 {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { return errno }
    let failure: Int32 = bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 && errno == EINTR { continue }
        guard written > 0 else { return written < 0 ? errno : ENOSPC }
        offset += written
      }
      return 0
    }
    let closed = close(descriptor) == 0 ? 0 : errno
    return failure != 0 ? failure : closed
  }
}

/// Why a file could not be written.
package enum AtomicFileError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file could not be written (a missing folder, no permission, a full disk); `code` is
  /// the system's `errno`.
  case cannotWrite(String, code: Int32)
  /// The temporary file could not be renamed over the destination.
  case cannotRename(String, code: Int32)

  /// The path the error is about.
  package var path: String {
    switch self {
    case .cannotWrite(let path, _), .cannotRename(let path, _): path
    }
  }

  /// What went wrong, without the path: the system's reason (`No space left on device`).
  package var reason: String {
    switch self {
    case .cannotWrite(_, let code): "cannot write the file: \(Self.text(of: code))"
    case .cannotRename(_, let code):
      "cannot rename the temporary file into place: \(Self.text(of: code))"
    }
  }

  private static func text(of code: Int32) -> String {
    String(cString: strerror(code))
  }

  package var description: String { "\(path): \(reason)" }
}
