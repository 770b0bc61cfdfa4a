#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The files below a folder, read with `opendir`/`readdir`: one directory read per folder and
/// no per-file system call where the file system reports the entry's type (Foundation's
/// enumerator with resource keys makes about 26 per file). Hidden entries (a name starting
/// with `.`) are skipped unless asked for; a symbolic link counts when it leads to a regular file, and is not
/// followed into a folder.
package enum FolderWalk {
  /// The paths, relative to `folder` and sorted, of the regular files below it whose name
  /// `include` accepts; with `hidden`, files whose name starts with `.` are offered to
  /// `include` too (hidden folders are still not entered).
  package static func files(
    in folder: String, hidden: Bool = false, where include: (String) -> Bool
  ) throws(FileReadError) -> [String] {
    var folder = folder
    while folder.count > 1 && folder.hasSuffix("/") { folder.removeLast() }
    var found: [String] = []
    var pending: [String] = [""]
    while let relative = pending.popLast() {
      let path = relative.isEmpty ? folder : folder + "/" + relative
      guard let directory = opendir(path) else { throw FileReadError(path: path, code: errno) }
      defer { closedir(directory) }
      while let entry = readdir(directory) {
        let name = withUnsafePointer(to: entry.pointee.d_name) {
          $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
        }
        guard name != "." && name != ".." else { continue }
        let isHidden = name.hasPrefix(".")
        let child = relative.isEmpty ? name : relative + "/" + name
        switch Int32(entry.pointee.d_type) {
        case Int32(DT_DIR): if !isHidden { pending.append(child) }
        case Int32(DT_REG): if (hidden || !isHidden) && include(name) { found.append(child) }
        default:
          // A link, or a file system that does not report types: ask, following links, but
          // descend only into real folders.
          var status = stat()
          guard stat(folder + "/" + child, &status) == 0 else { continue }
          if (status.st_mode & S_IFMT) == S_IFREG, include(name) {
            found.append(child)
          } else if (status.st_mode & S_IFMT) == S_IFDIR,
            Int32(entry.pointee.d_type) != Int32(DT_LNK)
          {
            pending.append(child)
          }
        }
      }
    }
    return found.sorted()
  }
}
