/// Why a schema could not be loaded or compiled.
public enum SchemaError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A keyword's value is not what draft 2020-12 allows (`minLength: -1`, `type: 5`).
  case invalidKeyword(location: String, message: String)
  /// A `$ref` or `$dynamicRef` names a schema that is not loaded; nothing is fetched.
  case unresolvableReference(reference: String, location: String)
  /// Two different schemas claim the same `$id`.
  case duplicateIdentifier(String)
  /// `compile` was asked for a URI that no loaded schema has.
  case unknownSchema(String)
  /// A `pattern` or `patternProperties` name is not a valid ECMA-262 regular expression.
  case invalidPattern(location: String, pattern: String, reason: String)
  /// A schema file could not be read or parsed.
  case unreadableSchema(path: String, reason: String)
  /// A schema's `$schema` requires a vocabulary this implementation does not know.
  case unsupportedVocabulary(vocabulary: String, location: String)

  public var description: String {
    switch self {
    case .invalidKeyword(let location, let message):
      return "invalid schema at \(location): \(message)"
    case .unresolvableReference(let reference, let location):
      return
        "cannot resolve reference '\(reference)' at \(location): no loaded schema has that URI (remote schemas are never fetched; load them first)"
    case .duplicateIdentifier(let uri):
      return "two different schemas have the identifier '\(uri)'"
    case .unknownSchema(let uri):
      return "no loaded schema has the URI '\(uri)'"
    case .invalidPattern(let location, let pattern, let reason):
      return "invalid regular expression '\(pattern)' at \(location): \(reason)"
    case .unreadableSchema(let path, let reason):
      return "cannot read schema \(path): \(reason)"
    case .unsupportedVocabulary(let vocabulary, let location):
      return "schema at \(location) requires the unknown vocabulary '\(vocabulary)'"
    }
  }
}
