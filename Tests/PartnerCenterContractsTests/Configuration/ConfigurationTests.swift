import ContractTestSupport
import Foundation
import JSONCore
import Testing

@testable import PartnerCenterContracts

@Suite("pc-contract.json and accepted drift")
struct ConfigurationTests {
  func parse(_ text: String) throws(ConfigurationError) -> ContractConfiguration {
    try ContractConfiguration.parse(Array(text.utf8), file: "pc-contract.json")
  }

  func error(_ text: String) -> String {
    do {
      _ = try parse(text)
      return "no error"
    } catch {
      return error.description
    }
  }

  @Test func readsEveryMember() throws {
    let configuration = try parse(
      """
      {
        "$schema": "./schemas/pc-contract.schema.json",
        "baseURL": "http://127.0.0.1:8080",
        "customers": ["0c39d6d5-c70d-4c55-bc02-f620844f3fd1"],
        "ignore": ["/items/*/processedDateTime", "/response/headers/X-Trace"],
        "identityKeys": { "partner-licenses-usage": ["workloadName"] },
        "failOn": "warning",
        "acceptedDrift": [
          { "fingerprint": "0123456789abcdef", "reason": "known", "expires": "2027-01-31" },
          { "path": "/items/*/licensesAssigned", "kind": "drift.property-added", "reason": "additive" }
        ]
      }
      """)
    #expect(configuration.baseURL == "http://127.0.0.1:8080")
    #expect(configuration.customers == .ids(["0c39d6d5-c70d-4c55-bc02-f620844f3fd1"]))
    #expect(
      configuration.ignore.map(\.text) == [
        "/items/*/processedDateTime", "/response/headers/X-Trace",
      ])
    #expect(configuration.identityKeys.keys(for: .partnerLicensesUsage) == ["workloadName"])
    #expect(
      configuration.identityKeys.keys(for: .customerLicensesUsage) == ItemIdentity.customer.keys)
    #expect(configuration.failOn == .atLeast(.warning))
    #expect(configuration.acceptedDrift.count == 2)
    #expect(configuration.acceptedDrift[0].source?.line == 9)
    #expect(try parse("{}").customers == .all)
  }

  @Test func errorsNameFileLineAndColumn() {
    #expect(
      error("{\n  \"failOn\": \"breaking\",\n  \"ignores\": []\n}")
        == "pc-contract.json:3:3: /ignores: the property \"ignores\" is not allowed (no schema declares it); expected one of \"baseURL\", \"customers\", \"ignore\", \"identityKeys\", \"failOn\", \"acceptedDrift\""
    )
    #expect(
      error(
        "{\"acceptedDrift\": [{\"fingerprint\": \"0123456789abcdef\", \"reason\": \"x\", \"expires\": \"soon\"}]}"
      )
        == "pc-contract.json:1:82: /acceptedDrift/0/expires: \"soon\" is not a valid date: expected YYYY-MM-DD"
    )
    #expect(
      error("{\"acceptedDrift\": [{\"path\": \"/items/*/a\", \"reason\": \"x\"}]}")
        == "pc-contract.json:1:20: /acceptedDrift/0: the value matches none of the 2 alternatives: the required property \"fingerprint\" is missing, or the required property \"kind\" is missing"
    )
    #expect(
      error("{\"failOn\": \"sometimes\"}").hasPrefix(
        "pc-contract.json:1:12: /failOn: \"sometimes\" is not one of"))
    #expect(
      error("{\"failOn\": \"info\", \"failOn\": \"none\"}").hasPrefix(
        "pc-contract.json:1:20: /failOn:"))
    #expect(error("{\"ignore\": [\"items/*\"]}").hasPrefix("pc-contract.json:1:13: /ignore/0:"))
    #expect(error("{\"customers\": \"some\"}").hasPrefix("pc-contract.json:1:15: /customers:"))
    #expect(error("{\n  \"baseURL\": ").hasPrefix("pc-contract.json:2:14: not JSON"))
  }

  @Test func theSchemaStatesTheFileTheReaderAccepts() throws {
    let schema = try #require(DeclaredSchemas.embedded.schema(named: "configuration"))
    let example = try String(
      contentsOf: packageRoot().appendingPathComponent("examples/pc-contract.json"),
      encoding: .utf8)
    let accepted = [
      example, "{}", #"{"customers": ["0c39d6d5-c70d-4c55-bc02-f620844f3fd1"], "failOn": "none"}"#,
      #"{"identityKeys": {"customers": ["id"]}, "$schema": "./schemas/configuration.schema.json"}"#,
    ]
    for text in accepted {
      #expect(schema.validator.isValid(try JSONParser.parse(Array(text.utf8)).value), "\(text)")
      #expect(error(text) == "no error", "\(text)")
    }
    // The schema refuses these, and the reader says so at the place the schema names.
    let refused = [
      (#"{"failon": "none"}"#, "pc-contract.json:1:2: /failon: the property \"failon\""),
      (#"{"identityKeys": {"partner": ["a"]}}"#, "pc-contract.json:1:19: /identityKeys/partner:"),
      (#"{"identityKeys": {"customers": []}}"#, "pc-contract.json:1:32: /identityKeys/customers:"),
      (#"{"customers": ["a/b"]}"#, "pc-contract.json:1:16: /customers/0:"),
      (#"{"baseURL": "ftp://x"}"#, "pc-contract.json:1:13: /baseURL:"),
      (
        #"{"acceptedDrift": [{"fingerprint": "0123456789ABCDEF", "reason": "r"}]}"#,
        "pc-contract.json:1:36: /acceptedDrift/0/fingerprint:"
      ),
      (
        #"{"acceptedDrift": [{"fingerprint": "0123456789abcdef", "reason": "r", "x": 1}]}"#,
        "/acceptedDrift/0/x: the property \"x\" is not allowed (no schema declares it); expected one of \"fingerprint\", \"path\", \"kind\", \"reason\", \"expires\""
      ),
      ("[1]", "pc-contract.json:1:1: expected object, found array"),
    ]
    for (text, message) in refused {
      #expect(!schema.validator.isValid(try JSONParser.parse(Array(text.utf8)).value), "\(text)")
      #expect(error(text).contains(message), "\(error(text))")
    }
  }

  @Test func aFileTooLargeToWriteByHandGetsTheFirstErrorNotEvery() throws {
    let entry = #"{"acceptedDrift": [{"path": "/items/*/a", "reason": "x"}]"#
    let small = error(entry + "}")
    #expect(small.hasSuffix("the required property \"kind\" is missing"), "\(small)")
    // Over the limit, errors are not all worked out (a hostile file could hold millions):
    // the first the validator finds is the one shown, still at its place.
    let patterns = (0..<60_000).map { "\"/items/*/x\($0)\"" }.joined(separator: ",")
    let large = entry + #", "ignore": ["# + patterns + "]}"
    #expect(large.utf8.count > SchemaProblem.detailedLimit)
    let message = error(large)
    #expect(
      message.hasPrefix("pc-contract.json:1:20: /acceptedDrift/0: the value matches none of"),
      "\(message)")
    #expect(!message.contains("is missing"), "\(message)")
  }

  let removal = DriftEngine().diff(
    old: DriftFixtures.recording(),
    new: DriftFixtures.mutated { item, _ in item["customerName"] = nil })

  @Test func acceptedDriftByFingerprintApplies() throws {
    let fingerprint = try #require(removal.first?.fingerprint)
    let accepted = AcceptedDrift(fingerprint: fingerprint, reason: "renamed upstream")
    #expect(removal.count == 1)
    #expect(AcceptedDrift.apply([accepted], to: removal, today: "2026-11-21").isEmpty)
  }

  @Test func acceptedDriftByPathAndKindApplies() throws {
    let accepted = AcceptedDrift(
      path: try PointerPattern(parsing: "/items/*/customerName"), kind: .driftPropertyRemoved,
      reason: "optional now")
    #expect(AcceptedDrift.apply([accepted], to: removal, today: "2026-11-21").isEmpty)
    let otherKind = AcceptedDrift(
      path: try PointerPattern(parsing: "/items/*/customerName"), kind: .driftPropertyAdded,
      reason: "wrong kind")
    let applied = AcceptedDrift.apply([otherKind], to: removal, today: "2026-11-21")
    #expect(Array(applied.dropLast()) == removal)
    // The entry matched nothing: an info says it is stale, at the entry.
    #expect(applied.last?.kind.id == "config.accepted-drift-stale")
    #expect(applied.last?.severity == .info)
    #expect(applied.last?.message.contains("\"wrong kind\") matched nothing") == true)
  }

  @Test func expiredAcceptanceStopsApplyingAndSaysSo() throws {
    let fingerprint = try #require(removal.first?.fingerprint)
    let source = SourceReference(file: "pc-contract.json", line: 4, column: 5)
    let accepted = AcceptedDrift(
      fingerprint: fingerprint, reason: "until the SDK ships", expires: "2026-11-20",
      source: source)
    #expect(AcceptedDrift.apply([accepted], to: removal, today: "2026-11-20").isEmpty)
    let after = AcceptedDrift.apply([accepted], to: removal, today: "2026-11-21")
    #expect(after.map(\.kind.id) == ["drift.property-removed", "config.accepted-drift-expired"])
    #expect(after.last?.severity == .warning)
    #expect(after.last?.source == source)
    #expect(after.last?.message.contains("expired on 2026-11-20") == true)
  }

  @Test func configuredIgnorePatternsDropFindings() throws {
    let configuration = try parse("{\"ignore\": [\"/items/*/customerName\"]}")
    #expect(configuration.apply(to: removal, today: "2026-11-21").isEmpty)
    let engine = DriftEngine(options: configuration.driftOptions)
    #expect(
      engine.diff(
        old: DriftFixtures.recording(),
        new: DriftFixtures.mutated { item, _ in item["customerName"] = nil }
      ).isEmpty)
  }
}
