import JSONCore
import PartnerCenterContracts

/// Drift between two collections of the same size: the generated one, and a copy with every
/// 100th item's usage changed, every 1000th removed, 500 items added and a member added to
/// every item. Prints the time to parse both and the time to diff them (target: diff below
/// twice the parse).
func runDiff(_ options: BenchmarkOptions) {
  let oldBytes = loadInput(options)
  let newBytes: [UInt8]
  do {
    newBytes = JSONWriter.compactBytes(drifted(try JSONParser.parse(oldBytes).value))
  } catch {
    fail("parse failed: \(error)", exitCode: 1)
  }
  let bytes = oldBytes.count + newBytes.count
  let parse = Measurement(
    name: "parse both", bytes: bytes, repetitions: options.repetitions, verbose: options.verbose)
  let diff = Measurement(
    name: "diff", bytes: bytes, repetitions: options.repetitions, verbose: options.verbose)
  do {
    let parsed = try parse.run { (try JSONParser.parse(oldBytes), try JSONParser.parse(newBytes)) }
    let old = RecordedResponse(status: 200, body: .json(try JSONParser.parse(oldBytes).value))
    let new = RecordedResponse(status: 200, body: .json(try JSONParser.parse(newBytes).value))
    // The generated items belong to many customers: the customer id joins the identity keys.
    var keys = IdentityKeys.default
    keys.identities[.customerLicensesUsage] = ItemIdentity(
      keys: ["customerId"] + keys.keys(for: .customerLicensesUsage))
    var driftOptions = DriftOptions(identityKeys: keys)
    driftOptions.dataFindingLimit = .max
    let engine = DriftEngine(options: driftOptions)
    let timed = diff.run {
      engine.diff(old: old, new: new, endpoint: .customerLicensesUsage, subject: "benchmark")
    }
    let findings = engine.diff(
      old: old, new: new, endpoint: .customerLicensesUsage, subject: "benchmark")
    var byKind: [String: Int] = [:]
    for finding in findings { byKind[finding.kind.id, default: 0] += 1 }
    if options.verbose {
      let shapeOnly = DriftEngine(options: DriftOptions(identityKeys: IdentityKeys([:])))
      Measurement(name: "  shape only", bytes: bytes, repetitions: options.repetitions).run {
        shapeOnly.diff(old: old, new: new, endpoint: .customerLicensesUsage, subject: "benchmark")
      }
    }
    print(
      "findings: "
        + byKind.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
    print(
      "diff / parse both: \(fixed(timed.bestSeconds / parsed.bestSeconds, 2))x wall, "
        + "\(fixed(timed.bestCPUSeconds / parsed.bestCPUSeconds, 2))x thread CPU (target < 2)")
  } catch {
    fail("parse failed: \(error)", exitCode: 1)
  }
  printPeakMemory()
}

/// The drifted copy of a generated collection.
private func drifted(_ collection: JSONValue) -> JSONValue {
  guard var root = collection.objectValue, let items = root["items"]?.arrayValue else {
    return collection
  }
  var changed: [JSONValue] = []
  changed.reserveCapacity(items.count + 500)
  for (index, item) in items.enumerated() where index % 1000 != 999 {
    guard var object = item.objectValue else {
      changed.append(item)
      continue
    }
    object["licensesAssigned"] = .number(JSONNumber(index % 7))
    if index % 100 == 0 { object["usagePercent"] = 42.5 }
    changed.append(.object(object))
  }
  for index in 0..<500 {
    guard var object = items[index].objectValue else { continue }
    object["customerId"] = .string("00000000-0000-4000-8000-\(String(100_000_000_000 + index))")
    object["licensesAssigned"] = 0
    changed.append(.object(object))
  }
  root["items"] = .array(changed)
  root["totalCount"] = .number(JSONNumber(changed.count))
  return .object(root)
}
