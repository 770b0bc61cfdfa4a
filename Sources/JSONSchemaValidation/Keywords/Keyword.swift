import JSONCore

/// A keyword's name and absolute location, for the output units of its errors.
struct KeywordSite: Sendable {
  /// The keyword's name, the last token of its keyword location.
  let name: String
  let absoluteLocation: String
}

/// One JSON Schema keyword, compiled, as the evaluator sees it: a subclass per keyword, so that
/// the quick path can call a keyword without retaining it (see ``SchemaNode``).
///
/// The classes below are abstract: each keyword is a final subclass that also conforms to
/// ``Keyword``.
///
/// Keywords are immutable: every subclass holds only `let` properties of `Sendable` types, which
/// is what lets ``SchemaNode`` be `Sendable`.
class CompiledKeyword {
  let site: KeywordSite

  init(site: KeywordSite) { self.site = site }

  /// Whether `instance` passes, recording errors as `evaluator`'s mode asks and adding what the
  /// keyword evaluated to `annotations` when they are collected.
  func evaluate(
    _ instance: JSONValue, _ evaluator: inout Evaluator, _ annotations: inout Annotations
  ) -> Bool {
    preconditionFailure("\(Self.self) must override evaluate")
  }
}

/// A keyword that can answer yes or no on its own, recording nothing and collecting no
/// annotations: every keyword but the two `unevaluated*`, which read their siblings'
/// annotations. These answers make up the evaluator's quick path (see `Evaluator+YesNo.swift`).
class YesNoKeyword: CompiledKeyword {
  /// Whether the value at `instance` passes; records nothing. The value is read where it lies
  /// and its parts are handed on the same way, so a yes-or-no walk copies no value.
  func isValid(_ instance: UnsafePointer<JSONValue>, _ evaluator: inout Evaluator) -> Bool {
    preconditionFailure("\(Self.self) must override isValid")
  }
}

/// A keyword that looks only at the value itself and applies no subschema. Its evaluation is its
/// yes-or-no check, and on a no, its explanation.
class AssertionKeyword: YesNoKeyword {
  /// Records why `instance` fails; called only after ``YesNoKeyword/isValid(_:_:)`` said no and
  /// only when errors are recorded. Keywords that find several failures record one unless the
  /// mode is all errors.
  func explain(_ instance: JSONValue, _ evaluator: inout Evaluator) {
    preconditionFailure("\(Self.self) must override explain")
  }

  override final func evaluate(
    _ instance: JSONValue, _ evaluator: inout Evaluator, _ annotations: inout Annotations
  ) -> Bool {
    if withUnsafePointer(to: instance, { isValid($0, &evaluator) }) { return true }
    if evaluator.recordsErrors { explain(instance, &evaluator) }
    return false
  }
}

/// One JSON Schema keyword's definition: its name, its vocabulary, and how it compiles from a
/// schema object; its class says how it evaluates.
///
/// Each keyword (or a keyword with the ones it reads, as `if` reads `then` and `else`) is one
/// final class in one file under `Keywords/`, listed once in ``keywordTable``. Adding a keyword
/// means writing that class and adding it to the table; the compiler and the evaluator need no
/// change.
protocol Keyword: CompiledKeyword {
  /// The member of a schema object that holds the keyword.
  static var name: String { get }
  static var vocabulary: Vocabulary { get }

  /// Compiles the keyword from `schema`; `nil` when the schema does not have it. `compiler`
  /// compiles the keyword's subschemas and resolves its references.
  static func compile(_ schema: inout CompilingSchema, _ compiler: inout SchemaCompiler)
    throws(SchemaError) -> Self?
}

/// A keyword whose value is an array of subschemas (`allOf`, `anyOf`, `oneOf`, `prefixItems`).
class SubschemaListKeyword: YesNoKeyword {
  let nodes: [Int]

  required init(site: KeywordSite, nodes: [Int]) {
    self.nodes = nodes
    super.init(site: site)
  }
}

extension Keyword where Self: SubschemaListKeyword {
  static var vocabulary: Vocabulary { .applicator }

  static func compile(_ schema: inout CompilingSchema, _ compiler: inout SchemaCompiler)
    throws(SchemaError) -> Self?
  {
    try schema.subschemaArray(name, &compiler).map { Self(site: schema.site(name), nodes: $0) }
  }
}

/// A keyword whose value is one subschema and nothing else to read (`not`, `propertyNames`).
class SubschemaKeyword: YesNoKeyword {
  let node: Int

  required init(site: KeywordSite, node: Int) {
    self.node = node
    super.init(site: site)
  }
}

extension Keyword where Self: SubschemaKeyword {
  static var vocabulary: Vocabulary { .applicator }

  static func compile(_ schema: inout CompilingSchema, _ compiler: inout SchemaCompiler)
    throws(SchemaError) -> Self?
  {
    try schema.subschema(name, &compiler).map { Self(site: schema.site(name), node: $0) }
  }
}
