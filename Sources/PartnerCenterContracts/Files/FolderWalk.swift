import Dispatch
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The files below folders, read with `opendir`/`readdir` (one directory read per folder and no
/// per-file system call where the file system reports the entry's type; Foundation's
/// enumerator with resource keys makes about 26 per file) and handed to a transform on every
/// core while the walk goes on, so that reading folders overlaps the work on their files.
///
/// Hidden entries (a name starting with `.`) are skipped unless asked for; a symbolic link
/// counts when it leads to a regular file, and is not followed into a folder. Results come in
/// a fixed order whatever the threads did: roots in their order, a folder's files sorted by
/// relative path.
package enum FolderWalk {
  /// Where a walk starts.
  package enum Root: Sendable, Hashable {
    /// A folder, walked recursively; its files are offered to the walk's filter.
    case folder(String)
    /// A file, taken as it is.
    case file(String)
  }

  /// A file the walk found.
  package struct Found: Sendable, Hashable {
    /// The index of its root in the roots walked.
    package var root: Int
    /// The path relative to the root folder (`customers/a/licenses-usage.json`); for a file
    /// root, the path as given.
    package var relativePath: String
    /// The path to open and to show: the root folder as given, one `/`, the relative path.
    package var path: String
    /// The file's name, the last component of the path.
    package var name: String
  }

  /// The paths, relative to `folder` and sorted, of the regular files below it whose name
  /// `include` accepts; with `hidden`, files whose name starts with `.` are offered to
  /// `include` too (hidden folders are still not entered).
  package static func files(
    in folder: String, hidden: Bool = false, where include: @escaping @Sendable (String) -> Bool
  ) throws(FileReadError) -> [String] {
    try map([.folder(folder)], hidden: hidden, where: include) { _ in () }.map(\.found.relativePath)
  }

  /// `transform` of every file of `roots`, run on every core as the folders are read: each
  /// file once, by one thread. The results are in root order, a folder's sorted by relative
  /// path. A folder that cannot be read fails the whole walk with the first such folder in
  /// that order, once the rest is done.
  package static func map<T: Sendable>(
    _ roots: [Root], hidden: Bool = false, where include: @escaping @Sendable (String) -> Bool,
    _ transform: @Sendable (Found) -> T
  ) throws(FileReadError) -> [(found: Found, value: T)] {
    let work = WalkQueue<T>(roots: roots, hidden: hidden, include: include)
    // One file is worked on this thread, whose stack is the main thread's for a command.
    let single = roots.count == 1 && roots.allSatisfy { if case .file = $0 { true } else { false } }
    let workers = single ? 1 : ParallelMap.cores
    if workers <= 1 {
      work.run(transform)
    } else {
      DispatchQueue.concurrentPerform(iterations: workers) { _ in work.run(transform) }
    }
    return try work.result()
  }

  /// An entry of a folder being walked.
  fileprivate enum Entry: Sendable {
    /// A folder to read: `path` is where it is, `relativePath` where it is below its root.
    case folder(root: Int, relativePath: String, path: String)
    case file(Found)
  }

  /// The entries of `folder` (a folder below `root` at `relativePath`, empty for the root).
  fileprivate static func entries(
    of folder: String, root: Int, relativePath: String, hidden: Bool,
    include: (String) -> Bool
  ) throws(FileReadError) -> [Entry] {
    guard let directory = opendir(folder) else { throw FileReadError(path: folder, code: errno) }
    defer { closedir(directory) }
    let prefix = folder.hasSuffix("/") ? folder : folder + "/"
    var entries: [Entry] = []
    while let entry = readdir(directory) {
      let name = withUnsafePointer(to: entry.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
      }
      guard name != "." && name != ".." else { continue }
      let isHidden = name.hasPrefix(".")
      let child = relativePath.isEmpty ? name : relativePath + "/" + name
      let path = prefix + name
      switch Int32(entry.pointee.d_type) {
      case Int32(DT_DIR):
        if !isHidden { entries.append(.folder(root: root, relativePath: child, path: path)) }
      case Int32(DT_REG):
        if (hidden || !isHidden) && include(name) {
          entries.append(.file(Found(root: root, relativePath: child, path: path, name: name)))
        }
      default:
        // A link, or a file system that does not report types: ask, following links, but
        // descend only into real folders.
        var status = stat()
        guard stat(path, &status) == 0 else { continue }
        if (status.st_mode & S_IFMT) == S_IFREG, include(name) {
          entries.append(.file(Found(root: root, relativePath: child, path: path, name: name)))
        } else if (status.st_mode & S_IFMT) == S_IFDIR,
          Int32(entry.pointee.d_type) != Int32(DT_LNK)
        {
          entries.append(.folder(root: root, relativePath: child, path: path))
        }
      }
    }
    return entries
  }
}

/// The entries still to visit, shared by the walk's threads: a thread takes the last one, and
/// a folder's entries join the list when it has been read. The walk is over when the list is
/// empty and no thread holds an entry that could add more.
private final class WalkQueue<T: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  private let hidden: Bool
  private let include: @Sendable (String) -> Bool
  private var pending: [FolderWalk.Entry] = []
  private var busy = 0
  // Apart, so that ordering compares and moves only the concrete `Found`s (code generic over
  // `T` is not specialized across modules).
  private var found: [FolderWalk.Found] = []
  private var values: [T] = []
  private var failures: [(root: Int, relativePath: String, error: FileReadError)] = []

  init(roots: [FolderWalk.Root], hidden: Bool, include: @escaping @Sendable (String) -> Bool) {
    self.hidden = hidden
    self.include = include
    for (index, root) in roots.enumerated().reversed() {
      switch root {
      case .folder(let path): pending.append(.folder(root: index, relativePath: "", path: path))
      case .file(let path):
        let name = path.split(separator: "/").last.map(String.init) ?? path
        pending.append(
          .file(FolderWalk.Found(root: index, relativePath: path, path: path, name: name)))
      }
    }
  }

  /// Visits entries until none is left.
  func run(_ transform: (FolderWalk.Found) -> T) {
    while let entry = take() {
      switch entry {
      case .file(let found):
        let value = transform(found)
        finish {
          $0.found.append(found)
          $0.values.append(value)
        }
      case .folder(let root, let relativePath, let folder):
        do throws(FileReadError) {
          let entries = try FolderWalk.entries(
            of: folder, root: root, relativePath: relativePath, hidden: hidden, include: include)
          finish { $0.pending += entries }
        } catch {
          finish { $0.failures.append((root, relativePath, error)) }
        }
      }
    }
  }

  /// The results in order, or the first folder that could not be read.
  func result() throws(FileReadError) -> [(found: FolderWalk.Found, value: T)] {
    if let first = failures.min(by: { ($0.root, $0.relativePath) < ($1.root, $1.relativePath) }) {
      throw first.error
    }
    let order = found.indices.sorted { first, second in
      let (a, b) = (found[first], found[second])
      return a.root != b.root ? a.root < b.root : a.relativePath < b.relativePath
    }
    return order.map { (found[$0], values[$0]) }
  }

  private func take() -> FolderWalk.Entry? {
    condition.lock()
    defer { condition.unlock() }
    while pending.isEmpty {
      if busy == 0 { return nil }
      condition.wait()
    }
    busy += 1
    return pending.removeLast()
  }

  private func finish(_ change: (WalkQueue) -> Void) {
    condition.lock()
    defer { condition.unlock() }
    change(self)
    busy -= 1
    // A waiting thread has new entries to take, or learns that the walk is over.
    if !pending.isEmpty || busy == 0 { condition.broadcast() }
  }
}
