import Foundation
import PartnerCenterContracts

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The inputs named on a command line, expanded and read: files as given, `-` for standard
/// input, folders walked recursively in sorted order.
enum InputFiles {

  /// One input to read: a file path, or standard input.
  enum Source: Sendable, Hashable {
    case file(String)
    case standardInput

    /// As findings and reports name it.
    var displayName: String {
      switch self {
      case .file(let path): path
      case .standardInput: "<stdin>"
      }
    }
  }

  /// Expands `arguments`: folders into their files (sorted by path, hidden entries skipped).
  static func expand(_ arguments: [String]) throws(InputReadError) -> [Source] {
    var sources: [Source] = []
    for argument in arguments {
      if argument == "-" {
        sources.append(.standardInput)
        continue
      }
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
        throw .unreadable(argument, reason: "no such file or folder")
      }
      guard isDirectory.boolValue else {
        sources.append(.file(argument))
        continue
      }
      sources += try filesInFolder(argument).map(Source.file)
    }
    return sources
  }

  private static func filesInFolder(_ folder: String) throws(InputReadError) -> [String] {
    let relativePaths: [String]
    do throws(FileReadError) {
      relativePaths = try FolderWalk.files(in: folder) {
        FileNames.hasExtension($0, in: FileNames.inputExtensions)
      }
    } catch {
      throw .unreadable(error.path, reason: error.reason)
    }
    let prefix = folder.hasSuffix("/") ? folder : folder + "/"
    return relativePaths.map { prefix + $0 }
  }

  /// The whole file at `path` as bytes (``FileContents``).
  static func contents(of path: String) throws(InputReadError) -> [UInt8] {
    do throws(FileReadError) {
      return try FileContents.bytes(atPath: path)
    } catch {
      throw .unreadable(error.path, reason: error.reason)
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
