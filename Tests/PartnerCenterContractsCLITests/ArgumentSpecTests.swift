import Testing

@testable import PartnerCenterContractsCLI

@Suite struct ArgumentSpecTests {
  static let spec = ArgumentSpec(
    commandName: "pc-contract demo", overview: "Demonstrates.", usage: "[options] [INPUT ...]",
    options: [
      .value("--format", valueName: "FORMAT", allowed: ["text", "json"], help: "Output format."),
      .value("--output", short: "-o", valueName: "FILE", repeatable: true, help: "Write here."),
      .flag("--strict", help: "Be strict."),
    ],
    positionals: [("INPUT", "A file, a folder, or - for standard input.")], maximumPositionals: 2)

  @Test func parsesEveryAcceptedForm() throws {
    let parsed = try Self.spec.parse([
      "--format=json", "-o", "a", "--output", "b", "--strict", "-", "--", "--x",
    ])
    let options = Self.spec.options
    #expect(parsed.value(options[0]) == "json")
    #expect(parsed.allValues(options[1]) == ["a", "b"])
    #expect(parsed.flag(options[2]))
    #expect(parsed.positionals == ["-", "--x"])
    #expect(!parsed.wantsHelp)
  }

  @Test func wholeNumbersAreReadWithinTheirRange() throws {
    let count: ArgumentSpec.Option = .value("--count", valueName: "N", help: "How many.")
    let spec = ArgumentSpec(
      commandName: "pc-contract demo", overview: "Demonstrates.", usage: "", options: [count])
    #expect(try spec.parse([]).wholeNumber(count, in: 1...10) == nil)
    #expect(try spec.parse(["--count", "7"]).wholeNumber(count, in: 1...10) == 7)
    for text in ["0", "11", "-3", "2.5", "x"] {
      #expect(
        throws: UsageError.invalid(
          "option '--count' needs a whole number from 1 to 10, not '\(text)'")
      ) {
        try spec.parse(["--count", text]).wholeNumber(count, in: 1...10)
      }
    }
  }

  @Test(arguments: [
    (["--nope"], "unknown option '--nope'; see 'pc-contract demo --help'"),
    (["--format"], "option '--format' needs a value (FORMAT)"),
    (["--format", "xml"], "option '--format' does not accept 'xml'; use one of: text, json"),
    (["--strict=yes"], "option '--strict' takes no value"),
    (["--strict", "--strict"], "option '--strict' given more than once"),
    (["a", "b", "c"], "unexpected argument 'c'; see 'pc-contract demo --help'"),
  ])
  func usageErrorsExplainThemselves(arguments: [String], message: String) {
    #expect {
      try Self.spec.parse(arguments)
    } throws: { error in
      String(describing: error) == message
    }
  }

  @Test func helpListsEveryOption() {
    let help = Self.spec.helpText
    #expect(
      help.hasPrefix("OVERVIEW: Demonstrates.\n\nUSAGE: pc-contract demo [options] [INPUT ...]\n"))
    #expect(help.contains("  -o, --output FILE       Write here.\n"))
    #expect(help.contains("  --format FORMAT         Output format. (text|json)\n"))
    #expect(help.contains("  -h, --help              Show this help.\n"))
  }
}
