import Foundation

/// Reads and writes recording files in a recordings folder.
///
/// Writing is atomic: the file is written to a temporary name in the same folder and renamed,
/// so an interrupted run leaves either the old file or the new one, never half of one.
public struct RecordingStore: Sendable {
  /// The recordings folder.
  public var directory: String

  /// A store rooted at `directory`.
  public init(directory: String) { self.directory = directory }

  /// A recording file found in the folder.
  public struct Entry: Sendable {
    /// The path relative to the folder, with `/` separators.
    public var relativePath: String
    /// The file's contents, for locating findings by line and column.
    public var bytes: [UInt8]
    /// The recording, or why it could not be read.
    public var recording: Result<Recording, RecordingError>
  }

  /// `transform` of every recording file below the folder (``FileNames/recordingExtensions``;
  /// hidden and temporary files skipped) with its relative path (`/` separators) and
  /// contents, run on every core while the folder is walked; in path order.
  ///
  /// With `removingStaleTemporaryFiles`, the same walk removes the temporary files a killed
  /// run left (see ``removeStaleTemporaryFiles()``): one walk instead of two for a command that
  /// only reads the folder. The first file (in order) that cannot be read is the error.
  public func mapRecordings<T: Sendable>(
    removingStaleTemporaryFiles removing: Bool = false,
    _ transform: @Sendable (_ relativePath: String, _ bytes: [UInt8]) -> T
  ) throws(RecordingStoreError) -> [T] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
      isDirectory.boolValue
    else { throw .notADirectory(directory) }
    let visited: [(found: FolderWalk.Found, value: Result<T, RecordingStoreError>?)]
    do throws(FileReadError) {
      let include: @Sendable (String) -> Bool = { name in
        (removing && FileNames.isTemporary(name))
          || (!name.hasPrefix(".")
            && FileNames.hasExtension(name, in: FileNames.recordingExtensions))
      }
      visited = try FolderWalk.map([.folder(directory)], hidden: removing, where: include) {
        found -> Result<T, RecordingStoreError>? in
        if removing && FileNames.isTemporary(found.name) {
          unlink(found.path)
          return nil
        }
        do throws(FileReadError) {
          return .success(transform(found.relativePath, try FileContents.bytes(atPath: found.path)))
        } catch {
          return .failure(.unreadable(found.path, reason: error.reason))
        }
      }
    } catch {
      throw .unreadable(error.path, reason: error.reason)
    }
    var values: [T] = []
    values.reserveCapacity(visited.count)
    for (_, value) in visited {
      switch value {
      case .success(let value): values.append(value)
      case .failure(let error): throw error
      case nil: continue
      }
    }
    return values
  }

  /// Every recording file (as ``mapRecordings(removingStaleTemporaryFiles:_:)`` finds them),
  /// read and decoded, in path order.
  public func load() throws(RecordingStoreError) -> [Entry] {
    try mapRecordings { relativePath, bytes in
      Entry(
        relativePath: relativePath, bytes: bytes,
        recording: Result { () throws(RecordingError) in try RecordingCodec.decode(bytes) })
    }
  }

  /// Whether a readable recording of `endpoint` exists in the folder.
  public func containsRecording(for endpoint: Endpoint) -> Bool {
    let path = URL(fileURLWithPath: directory).appendingPathComponent(
      Recording.relativePath(for: endpoint)
    ).path
    guard let data = FileManager.default.contents(atPath: path) else { return false }
    return (try? RecordingCodec.decode([UInt8](data)))?.endpoint == endpoint
  }

  /// Removes temporary files a killed run left behind (a run stopped by SIGKILL cannot clean
  /// up after itself): only files named as this tool names them (``FileNames/isTemporary(_:)``).
  /// Returns how many were removed.
  @discardableResult
  public func removeStaleTemporaryFiles() -> Int {
    guard
      let temporary = try? FolderWalk.files(
        in: directory, hidden: true, where: FileNames.isTemporary)
    else { return 0 }
    return temporary.count { unlink(folderPrefix + $0) == 0 }
  }

  /// The folder as the start of the paths of its files, with one `/`.
  private var folderPrefix: String { directory.hasSuffix("/") ? directory : directory + "/" }

  /// Writes `recording` at its ``Recording/relativePath`` atomically; returns the path written.
  @discardableResult
  public func write(_ recording: Recording) throws(RecordingStoreError) -> String {
    try write(RecordingCodec.encode(recording), to: recording.relativePath)
  }

  /// Writes `bytes` to `relativePath` below the folder atomically; returns the path written.
  /// Refuses a relative path that would leave the folder.
  @discardableResult
  public func write(_ bytes: [UInt8], to relativePath: String) throws(RecordingStoreError)
    -> String
  {
    let components = relativePath.split(separator: "/", omittingEmptySubsequences: false)
    guard !relativePath.hasPrefix("/"),
      !components.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." })
    else { throw .outsideFolder(relativePath) }
    let destination = URL(fileURLWithPath: directory).appendingPathComponent(relativePath)
    let folder = destination.deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw .unwritable(folder.path, reason: "cannot create the folder")
    }
    do {
      try AtomicFile.write(bytes, toPath: destination.path)
    } catch {
      throw .unwritable(error.path, reason: error.reason)
    }
    return destination.path
  }
}

/// Why a recordings folder could not be read or written.
public enum RecordingStoreError: Error, Sendable, CustomStringConvertible {
  /// The path is not a folder.
  case notADirectory(String)
  /// A file or folder could not be read.
  case unreadable(String, reason: String)
  /// A file or folder could not be written.
  case unwritable(String, reason: String)
  /// A relative path would leave the recordings folder.
  case outsideFolder(String)

  public var description: String {
    switch self {
    case .notADirectory(let path): "\(path): not a folder of recordings"
    case .unreadable(let path, let reason): "\(path): \(reason)"
    case .unwritable(let path, let reason): "\(path): \(reason)"
    case .outsideFolder(let path): "\(path): refusing to write outside the recordings folder"
    }
  }
}
