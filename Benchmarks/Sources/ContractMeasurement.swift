import Foundation
import JSONCore
import PartnerCenterContracts

/// `ContractValidator` on the parsed collection (declared customer response schema, formats
/// asserted, all errors, every rule), next to the raw validator on the same schema, so the
/// cost of the contract layer shows: schema choice, findings, and the rules.
func runContract(_ options: BenchmarkOptions) {
  let input = loadInput(options)
  let document: JSONDocument
  do {
    document = try JSONParser.parse(input)
  } catch {
    fail("parse failed: \(error)", exitCode: 1)
  }
  let schemas = DeclaredSchemas.embedded
  guard let schema = schemas.schema(named: "customer-licenses-usage-response") else {
    fail("the embedded schemas have no customer-licenses-usage-response", exitCode: 3)
  }
  let validator = ContractValidator(schemas: schemas, now: Date())
  let response = ResponseUnderTest(
    status: 200, headers: ["Content-Type": "application/json; charset=utf-8"],
    body: document.value, duplicateMembers: document.duplicateMembers)
  let repetitions = options.repetitions
  let raw = Measurement(
    name: "raw validator (declared schema)", bytes: input.count, repetitions: repetitions,
    verbose: options.verbose
  ).run { schema.validator.validate(document.value, mode: .allErrors) }
  let contract = Measurement(
    name: "contract", bytes: input.count, repetitions: repetitions, verbose: options.verbose
  ).run { validator.validate(response) }
  let rules = ContractRules(now: Date())
  let ruleInput = RuleInput(
    response: response, endpoint: nil, itemType: .customerLicensesUsage)
  Measurement(
    name: "rules alone", bytes: input.count, repetitions: repetitions, verbose: options.verbose
  ).run { rules.check(ruleInput, subject: nil) }
  let findings = validator.validate(response).findings
  var byKind: [String: Int] = [:]
  for finding in findings { byKind[finding.kind.id, default: 0] += 1 }
  let kinds = byKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
  print("findings: \(findings.count) (\(kinds.joined(separator: ", ")))")
  // Thread CPU time as well as wall time: other processes competing for the cores inflate
  // wall time, not this thread's CPU time.
  print(
    "contract overhead: \(fixed((contract.bestSeconds / raw.bestSeconds - 1) * 100, 1))% wall, "
      + "\(fixed((contract.bestCPUSeconds / raw.bestCPUSeconds - 1) * 100, 1))% thread CPU "
      + "over the raw validator (raw \(fixed(raw.bestCPUSeconds, 3)) s CPU, "
      + "contract \(fixed(contract.bestCPUSeconds, 3)) s CPU)")
  printPeakMemory()
}
