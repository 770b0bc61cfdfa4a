import JSONCore

/// A member name with its hash computed once, for the per-item look-ups of the rules: with
/// the parser's hash stored in every member, a look-up compares integers, not strings.
struct FieldName: Sendable {
  let name: String
  let hash: UInt32

  init(_ name: String) {
    self.name = name
    hash = JSONObject.keyHash(name)
  }

  static let attributes = FieldName("attributes")
  static let objectType = FieldName("objectType")
  static let customerID = FieldName("customerId")
  static let licensesActive = FieldName("licensesActive")
  static let licensesQualified = FieldName("licensesQualified")
  static let usagePercent = FieldName("usagePercent")
  static let processedDateTime = FieldName("processedDateTime")
}

extension JSONObject {
  /// The value of the member `field` names.
  subscript(field: FieldName) -> JSONValue? {
    for member in members
    where member.keyHash == field.hash && member.key.codePointsEqual(field.name) {
      return member.value
    }
    return nil
  }
}

extension JSONValue {
  /// The value of the member `field` names, when this is an object.
  subscript(field: FieldName) -> JSONValue? {
    guard case .object(let object) = self else { return nil }
    return object[field]
  }
}
