import JSONCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// Measures the JSON core on a generated Partner Center customer licenses-usage collection.
//
// To add a measurement (for example `validate` or `parse+validate`): write a function
// `(BenchmarkOptions) -> Void` that loads the input with `loadInput(_:)`, times its work
// with `Measurement(...).run { ... }` and calls `printPeakMemory()`; then add it to
// `measurements` below. Parsing, the options and `--help` need no change.

/// The measurements, by subcommand, in the order `--help` lists them.
let measurements: [(name: String, summary: String, run: (BenchmarkOptions) -> Void)] = [
  ("parse", "parse the collection into a JSONValue (the default)", runParse),
  ("validate", "validate the parsed collection, all errors, formats asserted", runValidate),
  ("parse-validate", "parse, validate, and both from bytes, each timed", runParseAndValidate),
  ("command", "pc-contract validate vs the core, each a fresh process on one file", runCommand),
  (
    "core-once", "read --input FILE, parse and validate it once (what 'command' times)", runCoreOnce
  ),
  ("contract", "ContractValidator (declared schema and rules) vs the raw validator", runContract),
  ("diff", "diff the collection against a drifted copy, and parse both, each timed", runDiff),
  ("replay", "requests/s of the replay server, 16 keep-alive loopback clients", runReplay),
  ("capture", "capture synthesized customers from a local replay with latency", runCapture),
]

/// Parsing only.
func runParse(_ options: BenchmarkOptions) {
  let input = loadInput(options)
  let measurement = Measurement(
    name: "parse", bytes: input.count, repetitions: options.repetitions, verbose: options.verbose)
  do {
    try measurement.run { try JSONParser.parse(input) }
  } catch {
    fail("parse failed: \(error)", exitCode: 1)
  }
  printPeakMemory()
}

// MARK: - Command line

/// The parsed command line.
struct BenchmarkOptions {
  var command = "parse"
  var writePath: String?
  var inputPath: String?
  var collection = CustomerCollection()
  var repetitions = 5
  var verbose = false
  var capture = CaptureBenchmarkOptions()
}

@MainActor func usageText() -> String {
  let commandLines = measurements.map {
    "  \($0.name.padding(toLength: 16, withPad: " ", startingAt: 0)) \($0.summary)"
  }
  return """
    usage: pc-contract-benchmarks [COMMAND] [options]
           pc-contract-benchmarks --write FILE [options]

    Times the JSON core on a generated Partner Center customer licenses-usage collection
    (200,000 items, about 82 MB compact, 10 items planted invalid), printing MB/s (best of 5)
    and peak memory.

    commands:
    \(commandLines.joined(separator: "\n"))
      --write FILE     write the collection to FILE and exit (for comparing other tools)

    options:
      --items N        number of items (default 200000)
      --seed N         generator seed (default \(CustomerCollection().seed))
      --pretty         two-space indented layout instead of compact
      --one-customer   one customer id and distinct item identities, as a real response
      --input FILE     measure FILE instead of a generated collection
      --repetitions N  runs per measurement; the fastest is reported (default 5)
      --verbose        print every run's wall-clock and thread CPU time

    capture options:
      --customers N    synthesized customers to capture (default 5000)
      --latency MS     the replay's latency per response (default 50)
      --concurrency N  the capture's concurrency (default 16)
      --throttle RATE  the share of 429s in the second run (default 0.05)
    """
}

@MainActor func parseArguments(_ arguments: [String]) -> BenchmarkOptions? {
  var options = BenchmarkOptions()
  var remaining = arguments[...]
  while let argument = remaining.popFirst() {
    switch argument {
    case _ where measurements.contains { $0.name == argument }:
      options.command = argument
    case "--write":
      guard let path = remaining.popFirst() else { return nil }
      options.command = "--write"
      options.writePath = path
    case "--input":
      guard let path = remaining.popFirst() else { return nil }
      options.inputPath = path
    case "--items":
      guard let count = remaining.popFirst().flatMap({ Int($0) }), count >= 0 else { return nil }
      options.collection.itemCount = count
    case "--seed":
      guard let seed = remaining.popFirst().flatMap({ UInt64($0) }) else { return nil }
      options.collection.seed = seed
    case "--pretty": options.collection.layout = .pretty
    case "--one-customer": options.collection.oneCustomer = true
    case "--repetitions":
      guard let count = remaining.popFirst().flatMap({ Int($0) }), count > 0 else { return nil }
      options.repetitions = count
    case "--verbose": options.verbose = true
    case "--customers", "--latency", "--concurrency", "--throttle":
      guard let value = remaining.popFirst(), options.capture.set(argument, value) else {
        return nil
      }
    default: return nil
    }
  }
  return options
}

/// The bytes to measure: `--input`'s file, or the generated collection. Prints what it is.
func loadInput(_ options: BenchmarkOptions) -> [UInt8] {
  if let path = options.inputPath {
    guard let bytes = readFile(path) else { fail("cannot read \(path)", exitCode: 3) }
    print("input: \(path), \(fixed(Double(bytes.count) / 1_000_000, 1)) MB")
    return bytes
  }
  let collection = options.collection
  let bytes = collection.generate()
  print(
    "input: generated \(collection.layout.rawValue) collection, \(collection.itemCount) items "
      + "(\(collection.plantedDefects.count) planted invalid), "
      + "\(fixed(Double(bytes.count) / 1_000_000, 1)) MB")
  return bytes
}

func printPeakMemory() {
  if let peak = peakResidentBytes() {
    print("peak memory: \(fixed(Double(peak) / 1_000_000, 1)) MB (VmHWM)")
  }
}

func fail(_ message: String, exitCode: Int32) -> Never {
  let line = "error: \(message)\n"
  _ = line.withCString { write(2, $0, strlen($0)) }
  exit(exitCode)
}

guard let options = parseArguments(Array(CommandLine.arguments.dropFirst())) else {
  print(usageText())
  exit(2)
}
if options.command == "--write" {
  let bytes = options.collection.generate()
  guard let path = options.writePath, writeFile(path, bytes) else {
    fail("cannot write \(options.writePath ?? "")", exitCode: 3)
  }
  print("wrote \(bytes.count) bytes to \(path)")
} else if let measurement = measurements.first(where: { $0.name == options.command }) {
  measurement.run(options)
}
