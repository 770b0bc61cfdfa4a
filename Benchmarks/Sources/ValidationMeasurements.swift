import JSONCore
import JSONSchemaValidation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The benchmark schema, `Benchmarks/customer-usage-benchmark.schema.json`, found from this
/// source file so the benchmark runs from any directory of a checkout.
func benchmarkValidator() -> Validator {
  let path = benchmarkSchemaPath()
  do {
    var registry = SchemaRegistry()
    let uri = try registry.addFile(atPath: path)
    return try registry.validator(for: uri, options: Validator.Options(assertFormats: true))
  } catch {
    fail("cannot load the benchmark schema: \(error)", exitCode: 3)
  }
}

/// The path of `Benchmarks/customer-usage-benchmark.schema.json`.
func benchmarkSchemaPath() -> String {
  String(#filePath.dropLast("Sources/ValidationMeasurements.swift".count))
    + "customer-usage-benchmark.schema.json"
}

/// Validation of an already parsed document, all errors reported, formats asserted.
func runValidate(_ options: BenchmarkOptions) {
  let input = loadInput(options)
  let validator = benchmarkValidator()
  let document: JSONValue
  do {
    document = try JSONParser.parse(input).value
  } catch {
    fail("parse failed: \(error)", exitCode: 1)
  }
  let measurement = Measurement(
    name: "validate", bytes: input.count, repetitions: options.repetitions, verbose: options.verbose
  )
  measurement.run { validator.validate(document, mode: .allErrors) }
  print("errors: \(validator.validate(document).errors.count) (all errors mode)")
  printPeakMemory()
}

/// Parsing alone, validation alone and both from bytes, each best of the repetitions.
func runParseAndValidate(_ options: BenchmarkOptions) {
  let input = loadInput(options)
  let validator = benchmarkValidator()
  let repetitions = options.repetitions
  let parse = Measurement(
    name: "parse", bytes: input.count, repetitions: repetitions, verbose: options.verbose)
  let validate = Measurement(
    name: "validate", bytes: input.count, repetitions: repetitions, verbose: options.verbose)
  let both = Measurement(
    name: "parse+validate", bytes: input.count, repetitions: repetitions, verbose: options.verbose)
  do {
    try parse.run { try JSONParser.parse(input) }
    do {
      // Scoped so that its tree is freed before the end-to-end runs measure peak memory.
      let document = try JSONParser.parse(input).value
      validate.run { validator.validate(document, mode: .allErrors) }
      let errors = validator.validate(document).errors
      print(
        "errors: \(errors.count) (all errors mode); first: \(errors.first.map { "\($0)" } ?? "none")"
      )
    }
    try both.run { validator.validate(try JSONParser.parse(input).value, mode: .allErrors) }
  } catch {
    fail("parse failed: \(error)", exitCode: 1)
  }
  printPeakMemory()
}
