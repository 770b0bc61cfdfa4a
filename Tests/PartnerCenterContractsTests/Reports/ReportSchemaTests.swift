import ContractTestSupport
import JSONCore
import JSONSchemaValidation
import PartnerCenterContracts
import Testing

@Suite("schemas/report.schema.json describes the JSON report")
struct ReportSchemaTests {
  func validator() throws -> Validator {
    var registry = SchemaRegistry()
    let path = packageRoot().appendingPathComponent("schemas/report.schema.json").path
    let uri = try registry.addFile(atPath: path)
    return try registry.validator(for: uri, options: Validator.Options(assertFormats: true))
  }

  @Test func jsonReportsOfDriftAndCIFixturesAreValid() throws {
    let validator = try validator()
    let drift = DriftEngine().diff(
      old: DriftFixtures.recording(),
      new: DriftFixtures.mutated { item, index in
        item["customerName"] = nil
        item["licensesAssigned"] = 1
        if index == 0 { item["serviceName"] = "Microsoft 365" }
      }, newFile: .init(path: "new.json", bytes: []))
    for report in [
      CIReportTests.report,
      Report(
        command: "diff", subjects: [.init(name: "x")], findings: drift, failLevel: .none),
    ] {
      let value = try JSONParser.parse(Array(JSONReport().render(report).utf8)).value
      let result = validator.validate(value, mode: .allErrors)
      #expect(result.isValid, "\(result.errors.map(\.message))")
    }
  }

  @Test func theSchemaRejectsWhatTheReportNeverHolds() throws {
    let validator = try validator()
    let report = try JSONParser.parse(Array(JSONReport().render(CIReportTests.report).utf8)).value
    guard case .object(var root) = report else { throw ReportSchemaFailure() }
    root["extra"] = true
    #expect(!validator.validate(.object(root)).isValid)
  }
}

struct ReportSchemaFailure: Error {}
