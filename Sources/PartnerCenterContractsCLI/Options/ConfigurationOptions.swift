import PartnerCenterContracts

/// `--config FILE` and `--today`: which `pc-contract.json` applies, and the day its accepted
/// drift expires against. One declaration and one reading for every command that reads the
/// configuration; each command says in its own help what it takes from the file.
enum ConfigurationOptions {
  /// `--config FILE`, with the command's own help line.
  static func config(help: String) -> ArgumentSpec.Option {
    .value(configName, valueName: "FILE", help: help)
  }

  /// `--today YYYY-MM-DD`.
  static let today: ArgumentSpec.Option = .value(
    "--today", valueName: "YYYY-MM-DD",
    help: "The date accepted-drift expiry is checked against (default: today, UTC).")

  private static let configName = "--config"

  /// The file `--config` names, if given: read by name, since each command declares the
  /// option with its own help.
  static func file(_ arguments: ParsedArguments) -> String? {
    arguments.values[configName]?.last
  }

  /// The configuration `--config` names, else the nearest `pc-contract.json`, else defaults.
  static func load(_ arguments: ParsedArguments) throws(ConfigurationLoadError)
    -> ContractConfiguration
  {
    try ConfigurationFile.load(file(arguments))
  }

  /// The day `--today` gives, else today in UTC; a value that is no day is a usage error.
  static func day(_ arguments: ParsedArguments) throws(UsageError) -> String {
    guard let text = arguments.value(today) else { return UTCDate.today }
    if let problem = UTCDate.dayProblem(text) {
      throw .invalid("option '--today' needs a date YYYY-MM-DD, not '\(text)': \(problem)")
    }
    return text
  }
}
