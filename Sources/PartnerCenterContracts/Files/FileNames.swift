/// How file names are matched, the same way in every command: an extension counts as written,
/// in lower case (`licenses-usage.json`, not `partner.JSON`), as file names on Linux are.
package enum FileNames {
  /// The extensions `validate` picks up inside folders (a named file is read whatever its name).
  package static let inputExtensions: Set<String> = ["json", "har", "http", "txt"]
  /// The extension of recording files.
  package static let recordingExtensions: Set<String> = ["json"]
  /// The suffix of the temporary files written files pass through; `.gitignore` holds
  /// `*.pc-contract-tmp`, and every writing command removes leftovers of killed runs.
  package static let temporarySuffix = ".pc-contract-tmp"

  /// Whether `name` (a file name or path) ends in `.<extension>` for one of `extensions`.
  package static func hasExtension(_ name: String, in extensions: Set<String>) -> Bool {
    guard let dot = name.lastIndex(of: "."), !name[dot...].contains("/") else { return false }
    return extensions.contains(String(name[name.index(after: dot)...]))
  }

  /// Whether `name` is a temporary file this tool writes (`.<name>.<uuid>.pc-contract-tmp`).
  package static func isTemporary(_ name: String) -> Bool {
    name.hasPrefix(".") && name.hasSuffix(temporarySuffix)
  }
}
