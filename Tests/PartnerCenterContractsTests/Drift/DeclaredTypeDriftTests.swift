import ContractTestSupport
import Foundation
import JSONCore
import Testing

@testable import PartnerCenterContracts

/// Type drift judged against the declared schema first: JSON Schema counts an integer as a
/// number, so a `number` field that starts carrying fractions has not changed type.
@Suite struct DeclaredTypeDriftTests {
  func diff(_ change: (inout JSONObject, Int) -> Void) -> [Finding] {
    DriftEngine().diff(old: DriftFixtures.recording(), new: DriftFixtures.mutated(change))
  }

  @Test func theDeclaredTypesOfTheCustomerEndpointComeFromItsSchemaFiles() {
    let types = DeclaredTypes.of(.customerLicensesUsage, in: .embedded).byPointer
    #expect(types["/items/*/usagePercent"] == [.integer, .fraction])
    #expect(types["/items/*/licensesActive"] == .integer)
    #expect(types["/totalCount"] == .integer)
    #expect(types["/items/*/customerId"] == .string)
    #expect(types["/attributes/objectType"] == .string)
  }

  @Test func aNumberFieldThatGainsFractionsIsNoTypeChange() {
    let findings = diff { item, index in if index == 0 { item["usagePercent"] = 2.13 } }
    #expect(!findings.contains { $0.kind.id == "drift.type-changed" }, "\(findings.map(\.message))")
    #expect(findings.contains { $0.kind.id == "drift.value-changed" })
  }

  @Test func theShippedPartnerRecordingWithAFractionalPercentageHasNoBreakingDrift() throws {
    let path = packageRoot().appendingPathComponent("recordings/partner/licenses-usage.json").path
    let old = try RecordingCodec.decode(FileContents.bytes(atPath: path))
    guard case .json(var body) = old.response.body, case .object(var root) = body,
      var items = root["items"]?.arrayValue, case .object(var first) = items[0]
    else {
      Issue.record("the shipped partner recording is not a collection")
      return
    }
    first["proratedLicensesUsagePercent"] = 2.13
    items[0] = .object(first)
    root["items"] = .array(items)
    body = .object(root)
    var new = old
    new.response.body = .json(body)
    let findings = DriftEngine().diff(old: old, new: new)
    #expect(!findings.contains { $0.severity == .error }, "\(findings.map(\.message))")
  }

  @Test func anIntegerFieldThatGainsFractionsIsATypeChange() {
    let findings = diff { item, index in if index == 0 { item["licensesActive"] = 2.5 } }
    #expect(findings.contains { $0.kind.id == "drift.type-changed" && $0.severity == .error })
  }

  @Test func onePointZeroIsOne() {
    let findings = diff { item, index in
      if index == 0 { item["licensesActive"] = .number(JSONNumber(text: "5.0")!) }
    }
    #expect(findings.isEmpty, "\(findings.map(\.message))")
  }

  @Test func aStringWhereANumberIsDeclaredIsStillATypeChange() {
    let findings = diff { item, _ in item["usagePercent"] = "50" }
    #expect(findings.contains { $0.kind.id == "drift.type-changed" })
  }

  @Test func withoutDeclaredSchemasTheRecordingsDecide() {
    var options = DriftOptions()
    options.declaredSchemas = nil
    let findings = DriftEngine(options: options).diff(
      old: DriftFixtures.recording(),
      new: DriftFixtures.mutated { item, index in if index == 0 { item["usagePercent"] = 2.13 } })
    #expect(findings.contains { $0.kind.id == "drift.type-changed" })
  }

  @Test func rangeMessagesPrintNumbersAsWrittenAndUnboundedRangesAsBounds() throws {
    let huge = diff { item, index in
      if index == 0 { item["usagePercent"] = .number(JSONNumber(text: "1e400")!) }
    }
    let declared = try #require(
      huge.first { $0.kind.id == "drift.range-changed" && $0.severity == .error })
    #expect(declared.message.contains("now ranges 20...1e+400, outside the declared 0...100"))
    let negative = diff { item, index in if index == 0 { item["licensesActive"] = -3 } }
    let count = try #require(
      negative.first { $0.kind.id == "drift.range-changed" && $0.severity == .error })
    #expect(count.message.contains("outside the declared >= 0"), "\(count.message)")
    #expect(!count.message.contains("1.7976931348623157e+308"))
  }
}
