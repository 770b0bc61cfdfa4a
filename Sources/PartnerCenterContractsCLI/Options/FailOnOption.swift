import PartnerCenterContracts

/// `--fail-on LEVEL`: one declaration, one set of values and one reading for every command
/// whose exit code follows its findings.
enum FailOnOption {
  /// The values `--fail-on` takes; `breaking` is another name for `error`.
  static let levels = ["breaking", "error", "warning", "info", "none"]

  /// The option, as every command declares it.
  static let declaration: ArgumentSpec.Option = .value(
    "--fail-on", valueName: "LEVEL", allowed: levels,
    help:
      "Exit 1 on findings this severe: breaking or error (default), warning, info, none.")

  /// The level `--fail-on` gives, else `configured` (pc-contract.json's `failOn`), else
  /// errors.
  static func level(_ arguments: ParsedArguments, configured: FailLevel? = nil) -> FailLevel {
    arguments.value(declaration).flatMap(FailLevel.init) ?? configured ?? .atLeast(.error)
  }
}
