import Foundation
import JSONCore
import Testing

@testable import PartnerCenterContracts

/// One way to break a documentation example, and the finding it must produce.
struct Mutation: Sendable, CustomTestStringConvertible {
  var name: String
  var customer: Bool
  var pointer: String
  var value: JSONValue?
  var kind: String
  var at: String

  var testDescription: String { name }
}

@Suite struct SchemaMutationTests {
  static let mutations: [Mutation] = [
    Mutation(
      name: "partner: missing workloadName", customer: false, pointer: "/items/0/workloadName",
      value: nil, kind: "schema.required", at: "/items/0"),
    Mutation(
      name: "partner: percent as a string", customer: false,
      pointer: "/items/1/proratedLicensesUsagePercent", value: "0", kind: "schema.type",
      at: "/items/1/proratedLicensesUsagePercent"),
    Mutation(
      name: "partner: percent 100.5", customer: false,
      pointer: "/items/2/proratedLicensesUsagePercent", value: 100.5, kind: "schema.maximum",
      at: "/items/2/proratedLicensesUsagePercent"),
    Mutation(
      name: "partner: percent -1", customer: false,
      pointer: "/items/2/proratedLicensesUsagePercent", value: -1, kind: "schema.minimum",
      at: "/items/2/proratedLicensesUsagePercent"),
    Mutation(
      name: "partner: date without offset", customer: false, pointer: "/items/0/processedDateTime",
      value: "2017-03-10T00:00:00", kind: "schema.format", at: "/items/0/processedDateTime"),
    Mutation(
      name: "partner: 2017-02-30", customer: false, pointer: "/items/4/processedDateTime",
      value: "2017-02-30T00:00:00+00:00", kind: "schema.format", at: "/items/4/processedDateTime"),
    Mutation(
      name: "partner: wrong item objectType", customer: false,
      pointer: "/items/3/attributes/objectType", value: "CustomerLicensesUsageInsights",
      kind: "schema.const", at: "/items/3/attributes/objectType"),
    Mutation(
      name: "partner: wrong envelope objectType", customer: false,
      pointer: "/attributes/objectType", value: "Collections", kind: "schema.const",
      at: "/attributes/objectType"),
    Mutation(
      name: "partner: totalCount as a string", customer: false, pointer: "/totalCount",
      value: "5", kind: "schema.type", at: "/totalCount"),
    Mutation(
      name: "partner: missing items", customer: false, pointer: "/items", value: nil,
      kind: "schema.required", at: ""),
    Mutation(
      name: "customer: missing customerName", customer: true, pointer: "/items/0/customerName",
      value: nil, kind: "schema.required", at: "/items/0"),
    Mutation(
      name: "customer: licensesActive as a string", customer: true,
      pointer: "/items/1/licensesActive", value: "0", kind: "schema.type",
      at: "/items/1/licensesActive"),
    Mutation(
      name: "customer: licensesQualified 1.5", customer: true,
      pointer: "/items/1/licensesQualified", value: 1.5, kind: "schema.type",
      at: "/items/1/licensesQualified"),
    Mutation(
      name: "customer: licensesQualified -1", customer: true,
      pointer: "/items/1/licensesQualified", value: -1, kind: "schema.minimum",
      at: "/items/1/licensesQualified"),
    Mutation(
      name: "customer: usagePercent 100.5", customer: true, pointer: "/items/2/usagePercent",
      value: 100.5, kind: "schema.maximum", at: "/items/2/usagePercent"),
    Mutation(
      name: "customer: usagePercent -1", customer: true, pointer: "/items/2/usagePercent",
      value: -1, kind: "schema.minimum", at: "/items/2/usagePercent"),
    Mutation(
      name: "customer: date without offset", customer: true, pointer: "/items/0/processedDateTime",
      value: "2017-03-09T00:00:00", kind: "schema.format", at: "/items/0/processedDateTime"),
    Mutation(
      name: "customer: 2017-02-30", customer: true, pointer: "/items/0/processedDateTime",
      value: "2017-02-30T00:00:00+00:00", kind: "schema.format", at: "/items/0/processedDateTime"),
    Mutation(
      name: "customer: non-GUID customerId", customer: true, pointer: "/items/3/customerId",
      value: "contoso-005", kind: "schema.format", at: "/items/3/customerId"),
    Mutation(
      name: "customer: wrong objectType", customer: true, pointer: "/items/4/attributes/objectType",
      value: "PartnerLicensesUsageInsights", kind: "schema.const",
      at: "/items/4/attributes/objectType"),
    Mutation(
      name: "customer: workloadName as a number", customer: true, pointer: "/items/0/workloadName",
      value: 3, kind: "schema.type", at: "/items/0/workloadName"),
  ]

  @Test(arguments: mutations)
  func mutationIsFoundWhereExpected(_ mutation: Mutation) throws {
    let recording = mutation.customer ? try Examples.customer() : try Examples.partner()
    let body = try #require(recording.response.body.json)
    let broken = Examples.setting(mutation.pointer, to: mutation.value, in: body)
    let verdict = Examples.validator().validate(Examples.response(recording, body: broken))
    #expect(verdict.has(mutation.kind, at: mutation.at), "\(verdict.summary)")
    #expect(
      verdict.findings.allSatisfy {
        $0.severity < .error || $0.kind.id.hasPrefix("schema.") || $0.kind.id.hasPrefix("rule.")
      })
  }

  @Test func schemaFindingsCarryKeywordLocationAndSubject() throws {
    let recording = try Examples.customer()
    let body = try #require(recording.response.body.json)
    let broken = Examples.setting("/items/2/usagePercent", to: 100.5, in: body)
    let verdict = Examples.validator().validate(Examples.response(recording, body: broken))
    let finding = try #require(verdict.findings.first { $0.kind.id == "schema.maximum" })
    #expect(finding.severity == .error)
    #expect(
      finding.expectation
        == "https://partnercenter-contracts.example/schemas/customer-licenses-usage-insights.schema.json#/properties/usagePercent/maximum"
    )
    #expect(finding.subject == "customer-licenses-usage/\(Examples.customerID)")
    #expect(finding.part == .responseBody)
  }

  @Test func strictRejectsAnUndocumentedPropertyThatDefaultAccepts() throws {
    let recording = try Examples.customer()
    let body = try #require(recording.response.body.json)
    var broken = Examples.setting("/items/1/licenseTier", to: "gold", in: body)
    broken = Examples.setting("/attributes/etag2", to: "x", in: broken)
    let lenient = Examples.validator().validate(Examples.response(recording, body: broken))
    #expect(lenient.problems.isEmpty, "\(lenient.summary)")
    let strict = Examples.validator(strict: true).validate(
      Examples.response(recording, body: broken))
    #expect(
      strict.has("schema.undocumented-property", at: "/items/1/licenseTier"), "\(strict.summary)")
    #expect(
      strict.has("schema.undocumented-property", at: "/attributes/etag2"), "\(strict.summary)")
    #expect(strict.problems.count == 2, "\(strict.summary)")
  }

  @Test func strictAcceptsDocumentedOptionalFields() throws {
    let recording = try Examples.customer()
    let body = try #require(recording.response.body.json)
    var extended = Examples.setting(
      "/items/0/customerId", to: .string(Examples.customerID), in: body)
    extended = Examples.setting("/items/0/workloadCode", to: "EXO", in: extended)
    extended = Examples.setting("/items/0/serviceCode", to: "O365", in: extended)
    let verdict = Examples.validator(strict: true).validate(
      Examples.response(recording, body: extended))
    #expect(verdict.problems.isEmpty, "\(verdict.summary)")
  }
}
