import PartnerCenterContracts

/// `pc-contract rules`: every finding kind, with its severity and what it means (the text SARIF
/// rule help and the README's "Finding kinds" section show).
public enum RulesCommand: Command {
  public static let name = "rules"

  public static let arguments = ArgumentSpec(
    commandName: "pc-contract rules",
    overview: "List every finding kind with its severity and what it means.",
    usage: "[--quiet]",
    options: [OutputOptions.quiet],
    maximumPositionals: 0,
    discussion: """
      Kinds in a family share its text: schema.<keyword> (schema.required, schema.type, ...),
      request.<check>, input.<problem>. Each contract rule is listed on its own. See
      'pc-contract explain KIND' for one kind and how to accept it.

      EXIT CODES: 0 listed, 2 usage error.
      """)

  nonisolated(nonsending) public static func run(
    _ arguments: ParsedArguments, environment: [String: String], io: some CommandIO
  ) async throws(UsageError) -> Int32 {
    io.out(FindingKind.all.map(entry).joined(separator: "\n"))
    return ExitCode.success
  }

  /// One kind: `kind (severities): title`, then its explanation indented and wrapped.
  static func entry(_ kind: FindingKind) -> String {
    let severities = kind.severities.map(\.rawValue).joined(separator: " or ")
    return "\(kind.id) (\(severities.isEmpty ? "varies" : severities)): "
      + "\(kind.title)\n" + wrapped(kind.explanation, indent: 2)
  }

  /// `text` in lines of at most `width` characters, each after `indent` spaces.
  static func wrapped(_ text: String, indent: Int, width: Int = 88) -> String {
    let prefix = String(repeating: " ", count: indent)
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
      if !line.isEmpty, prefix.count + line.count + 1 + word.count > width {
        lines.append(prefix + line)
        line = ""
      }
      line += (line.isEmpty ? "" : " ") + word
    }
    if !line.isEmpty { lines.append(prefix + line) }
    return lines.joined(separator: "\n") + "\n"
  }
}
