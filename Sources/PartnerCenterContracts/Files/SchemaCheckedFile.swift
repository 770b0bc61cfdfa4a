import JSONCore
import JSONSchemaValidation

/// A JSON file read through the schema that states its shape: parsed (a repeated member is
/// an error), validated against the schema with formats asserted, and the problem placed at
/// a file, line, column and JSON Pointer. A reader then maps ``value`` to its type without
/// checking the shape again, and reports what the schema cannot say (a pattern's syntax, a
/// known name) through ``problem(at:_:atName:)``, placed the same way.
struct SchemaCheckedFile {
  /// The file as the user named it.
  let file: String
  /// The file's value, valid against the schema.
  let value: JSONValue
  private let locator: JSONSourceLocator

  /// Reads `bytes`; throws the problem a person should fix first.
  init(_ bytes: [UInt8], file: String, schema: DeclaredSchemas.Schema) throws(JSONFileError) {
    self.file = file
    locator = JSONSourceLocator(bytes)
    let document: JSONDocument
    do {
      document = try JSONParser.parse(bytes)
    } catch {
      throw .malformedJSON(file: file, error)
    }
    value = document.value
    if let duplicate = document.duplicateMembers.first {
      throw .invalid(
        file: file, line: duplicate.location.line, column: duplicate.location.column,
        pointer: duplicate.objectPointer.appending(duplicate.key).description,
        message: "the member \"\(duplicate.key)\" appears twice")
    }
    // Every error, to choose the one to show, only for a file of a size people write by hand:
    // a large hostile one could hold millions of them.
    let detailed = bytes.count <= SchemaProblem.detailedLimit
    if let problem = SchemaProblem(value, schema: schema, detailed: detailed) {
      throw self.problem(at: problem.pointer, problem.message, atName: problem.isAtName)
    }
  }

  /// A problem with the value at `pointer`, placed at the value, or at its member name.
  func problem(at pointer: JSONPointer, _ message: String, atName: Bool = false)
    -> JSONFileError
  {
    let match = locator.locate(pointer)
    let location = atName ? (match?.name ?? match?.value) : match?.value
    return .invalid(
      file: file, line: location?.line, column: location?.column, pointer: pointer.description,
      message: message)
  }

  /// Where each of `pointers` is in the file, in one pass.
  func locations(of pointers: [JSONPointer]) -> [JSONSourceLocation?] {
    let matches = locator.locate(pointers)
    return pointers.map { matches[$0]?.value }
  }
}

/// The one problem to show a person when a value breaks its schema. Detailed: the deepest
/// error in the value (the most specific), and of those the first the validator found, an
/// alternative's wrapper (with what each alternative needs) before the alternatives. Else the
/// first error the validator finds, at the cost of a valid prefix: for inputs of any size,
/// where every error of a hostile file could fill memory. Either way an unknown member comes
/// with the names the schema declares there.
struct SchemaProblem: Sendable {
  /// The most bytes of a file whose every error is worked out to choose the one to show.
  static let detailedLimit = 1 << 20

  /// Where the problem is.
  var pointer: JSONPointer
  /// What is wrong, for a person.
  var message: String
  /// Whether it is about a member's name (an unknown member) rather than its value.
  var isAtName: Bool

  /// The problem of `value`, or nil when it is valid: the yes/no quick path first, errors
  /// worked out only for a value that has one, all of them only when `detailed`.
  init?(_ value: JSONValue, schema: DeclaredSchemas.Schema, detailed: Bool = false) {
    guard !schema.validator.isValid(value) else { return nil }
    let errors = schema.validator.validate(value, mode: detailed ? .allErrors : .firstError)
      .errors
    let depth = errors.map(\.instanceLocation.tokens.count).max() ?? 0
    let deepest = errors.filter { $0.instanceLocation.tokens.count == depth }
    guard
      let error = deepest.first(where: { $0.keyword == "anyOf" || $0.keyword == "oneOf" })
        ?? deepest.first
    else { return nil }
    var message = error.message
    if error.keyword == "anyOf" || error.keyword == "oneOf" {
      // The alternatives' own errors say what would do.
      let alternatives = errors.filter {
        $0.instanceLocation == error.instanceLocation
          && $0.keywordLocation.hasPrefix(error.keywordLocation)
          && $0.keywordLocation != error.keywordLocation
      }
      if !alternatives.isEmpty {
        message += ": " + alternatives.map(\.message).joined(separator: ", or ")
      }
    }
    if error.keyword == "additionalProperties", let known = Self.declaredNames(error, schema) {
      message += "; expected one of " + known.map { "\"\($0)\"" }.joined(separator: ", ")
    }
    pointer = error.instanceLocation
    self.message = message
    isAtName = error.keyword == "additionalProperties" || error.keyword == "propertyNames"
  }

  /// The property names the schema object holding `error`'s keyword declares, but `$schema`.
  private static func declaredNames(_ error: ValidationError, _ schema: DeclaredSchemas.Schema)
    -> [String]?
  {
    guard let hash = error.absoluteKeywordLocation.firstIndex(of: "#"),
      let keyword = try? JSONPointer(
        uriFragment: String(error.absoluteKeywordLocation[hash...])),
      let holder = keyword.parent,
      let properties = holder.appending("properties").resolve(in: schema.document)?.objectValue
    else { return nil }
    return properties.keys.filter { $0 != "$schema" }
  }
}
