import JSONCore

/// One failed assertion: an output unit of the JSON Schema specification (section 12.3).
public struct ValidationError: Sendable, Hashable, CustomStringConvertible {
  /// Where in the instance the failing value is.
  public var instanceLocation: JSONPointer
  /// The keyword's path as it was reached, through `$ref`s.
  public var keywordLocation: JSONPointer
  /// The keyword's absolute URI in the schema resource that holds it.
  public var absoluteKeywordLocation: String
  /// The keyword that failed (`maximum`, `required`, …).
  public var keyword: String
  /// What was expected and what was found, for a person.
  public var message: String

  /// Creates an output unit.
  public init(
    instanceLocation: JSONPointer, keywordLocation: JSONPointer, absoluteKeywordLocation: String,
    keyword: String, message: String
  ) {
    self.instanceLocation = instanceLocation
    self.keywordLocation = keywordLocation
    self.absoluteKeywordLocation = absoluteKeywordLocation
    self.keyword = keyword
    self.message = message
  }

  /// `/items/3/usagePercent: 140.5 is greater than the maximum 100`.
  public var description: String {
    (instanceLocation.isRoot ? "(root)" : instanceLocation.description) + ": " + message
  }
}

/// The outcome of validating one instance.
public struct ValidationResult: Sendable, Equatable {
  /// Whether the instance is valid.
  public var isValid: Bool
  /// The errors: all of them, or the first, as the ``ValidationMode`` asked.
  public var errors: [ValidationError]

  /// The specification's "basic" output format: `{"valid": …, "errors": [output units]}`.
  public var basicOutput: JSONValue {
    var root = JSONObject()
    root["valid"] = .bool(isValid)
    if !isValid {
      root["errors"] = .array(
        errors.map { error in
          var unit = JSONObject()
          unit["keywordLocation"] = .string(error.keywordLocation.description)
          unit["absoluteKeywordLocation"] = .string(error.absoluteKeywordLocation)
          unit["instanceLocation"] = .string(error.instanceLocation.description)
          unit["error"] = .string(error.message)
          return .object(unit)
        })
    }
    return .object(root)
  }
}

/// How much a validation reports.
public enum ValidationMode: Sendable {
  /// Stop at the first error: the fast path for a yes or no with a reason.
  case firstError
  /// Report every error.
  case allErrors
}
