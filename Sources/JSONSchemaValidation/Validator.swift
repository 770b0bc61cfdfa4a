import JSONCore

/// A compiled schema, ready to validate many instances, from any thread.
///
/// Compile once with ``SchemaRegistry/validator(for:options:)``; regular expressions and
/// references are resolved then, not per instance.
public struct Validator: Sendable {
  let graph: SchemaGraph
  let root: Int

  /// Compilation choices.
  public struct Options: Sendable, Hashable {
    /// Whether `format` asserts (fails invalid values) for the formats this library knows,
    /// rather than only annotating. A meta-schema with the format-assertion vocabulary turns it
    /// on for its schemas regardless.
    public var assertFormats: Bool

    /// Creates options.
    public init(assertFormats: Bool = false) {
      self.assertFormats = assertFormats
    }
  }

  /// Validates `instance`, reporting errors as `mode` asks.
  public func validate(_ instance: JSONValue, mode: ValidationMode = .allErrors) -> ValidationResult
  {
    var evaluator = Evaluator(graph: graph, mode: mode == .allErrors ? .allErrors : .firstError)
    var annotations = Annotations(collecting: false)
    let valid =
      evaluator.provenValid(root, instance) || evaluator.evaluate(root, instance, &annotations)
    return ValidationResult(isValid: valid, errors: evaluator.errors)
  }

  /// The validator of the boolean schema `false`, which rejects every instance: for a caller
  /// left without the schema it meant to use, so that nothing passes unchecked.
  public static let rejectingEverything = Validator(
    graph: SchemaGraph(
      nodes: [
        SchemaNode(
          boolean: false, keywords: [], resource: 0, absoluteLocation: "urn:pc-contract:false",
          quickPath: true)
      ],
      resourceURIs: ["urn:pc-contract:false"], dynamicAnchors: [[:]]),
    root: 0)

  /// This validator with the quick path off: the general evaluator alone, for tests that hold
  /// the two to the same verdicts and errors.
  var withoutQuickPath: Validator {
    let general = SchemaGraph(
      nodes: graph.nodes.map(\.withoutQuickPath), resourceURIs: graph.resourceURIs,
      dynamicAnchors: graph.dynamicAnchors)
    return Validator(graph: general, root: root)
  }

  /// Whether `instance` is valid; records nothing, so it is the fastest check.
  public func isValid(_ instance: JSONValue) -> Bool {
    var evaluator = Evaluator(graph: graph, mode: .flagOnly)
    var annotations = Annotations(collecting: false)
    return evaluator.evaluate(root, instance, &annotations)
  }
}

extension SchemaRegistry {
  /// Compiles the schema `uri` names (an absolute URI, possibly with a fragment), and every
  /// schema it reaches, into a validator.
  public func validator(for uri: String, options: Validator.Options = Validator.Options())
    throws(SchemaError) -> Validator
  {
    var compiler = SchemaCompiler(registry: self, assertFormats: options.assertFormats)
    let (graph, root) = try compiler.compile(uri)
    return Validator(graph: graph, root: root)
  }

  /// Adds `schema` to a copy of this registry and compiles it.
  public func validator(for schema: JSONValue, options: Validator.Options = Validator.Options())
    throws(SchemaError) -> Validator
  {
    var registry = self
    let uri = try registry.add(schema)
    return try registry.validator(for: uri, options: options)
  }
}
