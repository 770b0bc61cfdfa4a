import JSONCore
import JSONSchemaValidation

/// Reads `pc-contract.json` strictly, locating every error in the file.
struct ConfigurationReader {
  let bytes: [UInt8]
  let file: String
  private var locator: JSONSourceLocator

  init(bytes: [UInt8], file: String) {
    self.bytes = bytes
    self.file = file
    self.locator = JSONSourceLocator(bytes)
  }

  private static let members = [
    "$schema", "baseURL", "customers", "ignore", "identityKeys", "failOn", "acceptedDrift",
  ]
  private static let entryMembers = ["fingerprint", "path", "kind", "reason", "expires"]

  mutating func read() throws(ConfigurationError) -> ContractConfiguration {
    let document: JSONDocument
    do {
      document = try JSONParser.parse(bytes)
    } catch {
      throw .malformedJSON(file: file, error)
    }
    if let duplicate = document.duplicateMembers.first {
      throw .invalid(
        file: file, line: duplicate.location.line, column: duplicate.location.column,
        pointer: duplicate.objectPointer.appending(duplicate.key).description,
        message: "the member \"\(duplicate.key)\" appears twice")
    }
    let root = document.value
    guard let object = root.objectValue else { throw fail([], "expected an object") }
    try onlyKnown(object, Self.members, at: [])
    var configuration = ContractConfiguration()
    if let value = object["baseURL"] {
      guard let text = value.stringValue, text.hasPrefix("https://") || text.hasPrefix("http://")
      else { throw fail(["baseURL"], "expected an http:// or https:// URL") }
      configuration.baseURL = text
    }
    if let value = object["customers"] {
      configuration.customers = try customers(value)
    }
    if let value = object["ignore"] {
      configuration.ignore = try strings(value, at: ["ignore"]).enumerated().map {
        (index, text) throws(ConfigurationError) in
        try pattern(text, at: ["ignore", String(index)])
      }
    }
    if let value = object["identityKeys"] {
      configuration.identityKeys = try identityKeys(value)
    }
    if let value = object["failOn"] {
      guard let text = value.stringValue, let level = FailLevel(text) else {
        throw fail(["failOn"], "expected one of \"breaking\", \"warning\", \"info\", \"none\"")
      }
      configuration.failOn = level
    }
    if let value = object["acceptedDrift"] {
      guard let entries = value.arrayValue else {
        throw fail(["acceptedDrift"], "expected an array of accepted drift entries")
      }
      for (index, entry) in entries.enumerated() {
        configuration.acceptedDrift.append(
          try acceptedDrift(entry, at: ["acceptedDrift", String(index)]))
      }
      // Every entry's place in one pass over the file, not one pass per entry.
      let pointers = entries.indices.map { JSONPointer(tokens: ["acceptedDrift", String($0)]) }
      let places = locator.locate(pointers)
      for (index, pointer) in pointers.enumerated() {
        let location = places[pointer]?.value
        configuration.acceptedDrift[index].source = SourceReference(
          file: file, line: location?.line, column: location?.column)
      }
    }
    return configuration
  }

  private func customers(_ value: JSONValue) throws(ConfigurationError)
    -> ContractConfiguration.Customers
  {
    if value.stringValue == "all" { return .all }
    guard value.arrayValue != nil else {
      throw fail(["customers"], "expected \"all\" or an array of customer ids")
    }
    let ids = try strings(value, at: ["customers"])
    for (index, id) in ids.enumerated() where id.isEmpty || id.contains("/") {
      throw fail(["customers", String(index)], "expected a customer id, found \"\(id)\"")
    }
    return .ids(ids)
  }

  private func identityKeys(_ value: JSONValue) throws(ConfigurationError) -> IdentityKeys {
    guard let object = value.objectValue else {
      throw fail(["identityKeys"], "expected an object of endpoint ids to arrays of member names")
    }
    var keys = IdentityKeys.default
    for member in object.members {
      let at = ["identityKeys", member.key]
      guard let endpoint = EndpointID(rawValue: member.key) else {
        let known = EndpointID.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        throw fail(at, "unknown endpoint \"\(member.key)\"; expected one of \(known)", name: true)
      }
      let names = try strings(member.value, at: at)
      guard !names.isEmpty else { throw fail(at, "expected at least one member name") }
      keys.identities[endpoint] = ItemIdentity(keys: names)
    }
    return keys
  }

  private func acceptedDrift(_ value: JSONValue, at pointer: [String])
    throws(ConfigurationError) -> AcceptedDrift
  {
    guard let object = value.objectValue else {
      throw fail(
        pointer, "expected an object with \"reason\" and \"fingerprint\" or \"path\" and \"kind\"")
    }
    try onlyKnown(object, Self.entryMembers, at: pointer)
    func text(_ name: String) throws(ConfigurationError) -> String? {
      guard let member = object[name] else { return nil }
      guard let string = member.stringValue, !string.isEmpty else {
        throw fail(pointer + [name], "expected a non-empty string")
      }
      return string
    }
    let fingerprint = try text("fingerprint")
    if let fingerprint,
      fingerprint.count != 16 || !fingerprint.allSatisfy({ $0.isHexDigit && !$0.isUppercase })
    {
      throw fail(
        pointer + ["fingerprint"], "expected 16 lowercase hex digits, found \"\(fingerprint)\"")
    }
    let path = try text("path").map { (text) throws(ConfigurationError) in
      try pattern(text, at: pointer + ["path"])
    }
    let kindID = try text("kind")
    let kind = kindID.flatMap(FindingKind.init(id:))
    if let kindID, kind == nil {
      throw fail(
        pointer + ["kind"],
        "unknown finding kind \"\(kindID)\"; expected one such as \"drift.property-added\" (the README's \"Finding kinds\" lists them)"
      )
    }
    guard let reason = try text("reason") else {
      throw fail(pointer, "an accepted drift needs a \"reason\"")
    }
    if fingerprint == nil && (path == nil || kind == nil) {
      throw fail(pointer, "an accepted drift needs a \"fingerprint\", or a \"path\" and a \"kind\"")
    }
    let expires = try text("expires")
    if let expires, RFC3339Explanation.dateProblem(expires) != nil {
      let reason = RFC3339Explanation.impossibleDay(expires).map { ": \($0)" } ?? ""
      throw fail(
        pointer + ["expires"], "expected a date YYYY-MM-DD, found \"\(expires)\"\(reason)")
    }
    return AcceptedDrift(
      fingerprint: fingerprint, path: path, kind: kind, reason: reason, expires: expires)
  }

  private func strings(_ value: JSONValue, at pointer: [String]) throws(ConfigurationError)
    -> [String]
  {
    guard let elements = value.arrayValue else {
      throw fail(pointer, "expected an array of strings")
    }
    var result: [String] = []
    for (index, element) in elements.enumerated() {
      guard let text = element.stringValue else {
        throw fail(pointer + [String(index)], "expected a string")
      }
      result.append(text)
    }
    return result
  }

  private func pattern(_ text: String, at pointer: [String]) throws(ConfigurationError)
    -> PointerPattern
  {
    guard !text.isEmpty else {
      throw fail(
        pointer,
        "an empty pattern would match every finding, breaking drift included; name a path such as /items/*/processedDateTime"
      )
    }
    do {
      return try PointerPattern(parsing: text)
    } catch {
      throw fail(
        pointer, "expected a JSON Pointer pattern such as /items/*/processedDateTime: \(error)")
    }
  }

  private func onlyKnown(_ object: JSONObject, _ known: [String], at pointer: [String])
    throws(ConfigurationError)
  {
    for member in object.members where !known.contains(member.key) {
      let list = known.filter { $0 != "$schema" }.map { "\"\($0)\"" }.joined(separator: ", ")
      throw fail(pointer + [member.key], "unknown member; expected one of \(list)", name: true)
    }
  }

  private func fail(_ pointer: [String], _ message: String, name: Bool = false)
    -> ConfigurationError
  {
    let match = locator.locate(JSONPointer(tokens: pointer))
    let location = name ? (match?.name ?? match?.value) : match?.value
    return .invalid(
      file: file, line: location?.line, column: location?.column,
      pointer: JSONPointer(tokens: pointer).description, message: message)
  }
}
