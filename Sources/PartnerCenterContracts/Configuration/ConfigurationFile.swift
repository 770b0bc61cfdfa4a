import Foundation

/// Where `pc-contract.json` is and how it is read, for every command that takes `--config`.
public enum ConfigurationFile {
  /// The file's name.
  public static let name = "pc-contract.json"

  /// The configuration in `path`, else in the nearest `pc-contract.json` (``nearest(from:)``),
  /// else the defaults.
  public static func load(_ path: String?) throws(ConfigurationLoadError) -> ContractConfiguration {
    guard let file = path ?? nearest() else { return ContractConfiguration() }
    guard let bytes = try? FileContents.bytes(atPath: file) else {
      throw .unreadable(file)
    }
    do {
      return try ContractConfiguration.parse(bytes, file: file)
    } catch {
      throw .invalid(error)
    }
  }

  /// The `pc-contract.json` that applies in `folder` (the current one by default): the one in
  /// it, else in the nearest parent, looking no higher than the repository's top level (the
  /// first folder holding `.git`); nil when there is none. Relative when found in `folder`.
  public static func nearest(from folder: String = ".") -> String? {
    if FileManager.default.fileExists(atPath: folder + "/" + name) {
      return folder == "." ? name : folder + "/" + name
    }
    var url = URL(fileURLWithPath: folder).standardizedFileURL
    while true {
      if FileManager.default.fileExists(atPath: url.appendingPathComponent(".git").path) {
        return nil
      }
      let parent = url.deletingLastPathComponent()
      guard parent.path != url.path else { return nil }
      url = parent
      let candidate = url.appendingPathComponent(name).path
      if FileManager.default.fileExists(atPath: candidate) { return candidate }
    }
  }
}

/// Why the configuration could not be used: a file that cannot be read (the run cannot
/// happen), or one that says something invalid (the command line is wrong, exit 2).
public enum ConfigurationLoadError: Error, Sendable, CustomStringConvertible {
  /// The named or found file cannot be read.
  case unreadable(String)
  /// The file says something invalid; the description names its line and column.
  case invalid(ConfigurationError)

  public var description: String {
    switch self {
    case .unreadable(let file): "cannot read '\(file)': no such file, or not readable"
    case .invalid(let error): error.description
    }
  }
}
