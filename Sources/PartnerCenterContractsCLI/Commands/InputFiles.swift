import Foundation
import PartnerCenterContracts

/// The inputs named on a command line: files as given, `-` for standard input, folders walked
/// recursively (hidden entries skipped) while their files are checked, in sorted order.
enum InputFiles {

  /// One input as named: a file, a folder, or standard input.
  enum Source: Sendable, Hashable {
    case file(String)
    case folder(String)
    case standardInput

    var isFolder: Bool {
      if case .folder = self { true } else { false }
    }
  }

  /// One input read and checked.
  struct Checked<T: Sendable>: Sendable {
    /// As findings and reports name it: the path, or `<stdin>`.
    var name: String
    var value: T
  }

  static let standardInputName = "<stdin>"

  /// Whether a folder's file is an input: by its name's extension.
  private static let isInput: @Sendable (String) -> Bool = {
    FileNames.hasExtension($0, in: FileNames.inputExtensions)
  }

  /// What `arguments` name; a name that is neither a file nor a folder is the error.
  static func sources(_ arguments: [String]) throws(InputReadError) -> [Source] {
    try arguments.map { argument throws(InputReadError) -> Source in
      if argument == "-" { return .standardInput }
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
        throw .unreadable(argument, reason: "no such file or folder")
      }
      return isDirectory.boolValue ? .folder(argument) : .file(argument)
    }
  }

  /// `check` of every input of `sources` (a folder's files with an input extension) with its
  /// bytes, on every core as the folders are walked; in the sources' order, a folder's files
  /// sorted by path. A folder that cannot be walked is the error, else the first input (in
  /// order) that cannot be read.
  static func map<T: Sendable>(
    _ sources: [Source], standardInput: [UInt8]?,
    _ check: @Sendable (_ name: String, _ bytes: [UInt8]) -> T
  ) throws(InputReadError) -> [Checked<T>] {
    let roots = sources.map { source -> FolderWalk.Root in
      switch source {
      case .file(let path): .file(path)
      case .folder(let path): .folder(path)
      case .standardInput: .file(standardInputName)
      }
    }
    let visited: [(found: FolderWalk.Found, value: Result<T, InputReadError>)]
    do throws(FileReadError) {
      visited = try FolderWalk.map(roots, where: isInput) { found -> Result<T, InputReadError> in
        if sources[found.root] == .standardInput {
          return .success(check(standardInputName, standardInput ?? []))
        }
        do throws(FileReadError) {
          return .success(check(found.path, try FileContents.bytes(atPath: found.path)))
        } catch {
          return .failure(.unreadable(error.path, reason: error.reason))
        }
      }
    } catch {
      throw .unreadable(error.path, reason: error.reason)
    }
    return try visited.map { found, value throws(InputReadError) in
      Checked(name: found.path, value: try value.get())
    }
  }
}

/// An input that could not be read; the command prints it on one line and exits 3.
enum InputReadError: Error, Sendable, CustomStringConvertible {
  /// The file or folder could not be opened or read.
  case unreadable(String, reason: String)
  /// Standard input held more than the limit.
  case tooLarge(String, limit: Int)
  /// The folders named hold no file to check.
  case noInput([String])

  var description: String {
    switch self {
    case .unreadable(let path, let reason): "cannot read '\(path)': \(reason)"
    case .noInput(let names):
      "no input to check in \(names.map { "'\($0)'" }.joined(separator: ", ")) (folders are searched for files ending in "
        + FileNames.inputExtensions.sorted().map { "." + $0 }.joined(separator: ", ") + ")"
    case .tooLarge(let path, let limit):
      "\(path) is larger than \(limit >> 30) GiB; save it to a file and validate that"
    }
  }
}
