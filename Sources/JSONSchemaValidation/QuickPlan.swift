import JSONCore

/// The schema graph again, reduced to what a yes-or-no answer needs, for the evaluator's quick
/// path (see `Evaluator+Quick.swift`).
///
/// A node made only of assertions, `properties`, `additionalProperties` without
/// `patternProperties`, `items` without `prefixItems`, and `$ref` is *quick*: its checks are
/// plain values, its children node numbers, so walking an instance against it copies and
/// retains nothing per member. Every other node is *general* and goes to the general
/// evaluator, which stays the only place that records errors.
struct QuickPlan: Sendable {
  /// One entry per schema node, by node number.
  let nodes: [QuickNode]
  /// The leaf checks of all nodes; a node owns the range ``QuickNode/checks``.
  let checks: [QuickCheck]
  /// For quick nodes with `properties`: the child node of each table entry, from
  /// ``QuickNode/firstChild``.
  let children: [Int]
  /// Bounds and divisors that ``QuickCheck/index`` points at.
  let numbers: [JSONNumber]
  /// `const` values, and `format` checks, that ``QuickCheck/index`` points at.
  let values: [JSONValue]
  let formats: [@Sendable (UTF8Bytes) -> Bool]
  /// Assertions without a quick form, evaluated by the general code without recording.
  let assertions: [CompiledKeyword]
  /// Keeps alive the tables that nodes reference without retaining them.
  private let tables: [PropertyTable]

  /// Plans `graph`; with `enabled` false every node is general, which tests use to compare the
  /// quick path with the general one.
  init(_ graph: [SchemaNode], enabled: Bool = true) {
    var builder = Builder()
    nodes = graph.map {
      enabled ? builder.node($0) : QuickNode(resource: $0.resource, isLeaf: $0.isLeaf)
    }
    checks = builder.checks
    children = builder.children
    numbers = builder.numbers
    values = builder.values
    formats = builder.formats
    assertions = builder.assertions
    tables = builder.tables
  }

  private struct Builder {
    var checks: [QuickCheck] = []
    var children: [Int] = []
    var numbers: [JSONNumber] = []
    var values: [JSONValue] = []
    var formats: [@Sendable (UTF8Bytes) -> Bool] = []
    var assertions: [CompiledKeyword] = []
    var tables: [PropertyTable] = []

    mutating func node(_ schema: SchemaNode) -> QuickNode {
      var node = QuickNode(resource: schema.resource, isLeaf: schema.isLeaf)
      if let boolean = schema.boolean {
        node.kind = .boolean
        node.boolean = boolean
        return node
      }
      // A node whose annotations someone reads cannot be quick; `needsAnnotations` covers the
      // node's own `unevaluated*`, and the callers check that theirs do not collect.
      guard !schema.needsAnnotations else { return node }
      let start = checks.count
      for keyword in schema.keywords {
        guard add(keyword, to: &node) else {
          checks.removeSubrange(start...)
          return QuickNode(resource: schema.resource, isLeaf: schema.isLeaf)
        }
      }
      node.kind = .quick
      node.checks = start..<checks.count
      return node
    }

    /// Adds `keyword` to `node`; `false` when the keyword has no quick form.
    private mutating func add(_ keyword: CompiledKeyword, to node: inout QuickNode) -> Bool {
      switch keyword.check {
      case .type(let mask):
        checks.append(QuickCheck(kind: .type, types: mask))
      case .minimum(let bound): addNumber(.minimum, bound)
      case .maximum(let bound): addNumber(.maximum, bound)
      case .exclusiveMinimum(let bound): addNumber(.exclusiveMinimum, bound)
      case .exclusiveMaximum(let bound): addNumber(.exclusiveMaximum, bound)
      case .constant(let value):
        checks.append(QuickCheck(kind: .constant, index: values.count))
        values.append(value)
      case .format(let name, let asserted):
        guard asserted else { return true }
        guard let check = FormatChecker.byteCheck(for: name) else {
          addAssertion(keyword)
          return true
        }
        checks.append(QuickCheck(kind: .format, index: formats.count))
        formats.append(check)
      case .ref(let target):
        guard node.reference < 0 else { return false }
        node.reference = target
      case .properties(let table, let required):
        node.properties = table
        tables.append(table)
        node.firstChild = children.count
        children.append(contentsOf: table.nodes)
        node.fusedRequired = required?.mask ?? 0
      case .additionalProperties(let child, let declared, let patterns):
        guard patterns.isEmpty else { return false }
        node.additional = child
        node.declared = declared
        if let declared { tables.append(declared) }
      case .items(let child, let start):
        guard start == 0 else { return false }
        node.items = child
      default:
        guard keyword.check.isAssertion else { return false }
        addAssertion(keyword)
      }
      return true
    }

    private mutating func addNumber(_ kind: QuickCheck.Kind, _ bound: JSONNumber) {
      checks.append(QuickCheck(kind: kind, index: numbers.count))
      numbers.append(bound)
    }

    private mutating func addAssertion(_ keyword: CompiledKeyword) {
      checks.append(QuickCheck(kind: .assertion, index: assertions.count))
      assertions.append(keyword)
    }
  }
}

/// One schema node as the quick path sees it. Plain data: the tables are referenced without
/// retaining them (``QuickPlan`` keeps them alive), so copying a node costs nothing.
struct QuickNode: Sendable {
  enum Kind: UInt8, Sendable {
    /// Needs the general evaluator.
    case general
    /// `true` or `false`.
    case boolean
    /// Decided by the quick path.
    case quick
  }

  var kind = Kind.general
  var boolean = false
  /// The schema resource, entered (for `$dynamicRef` below) as the general evaluator does.
  var resource: Int
  /// ``SchemaNode/isLeaf``: the general evaluator neither counts depth nor enters resources
  /// for leaves, and the quick path must agree on depth to reach the same verdicts.
  var isLeaf: Bool
  var checks: Range<Int> = 0..<0
  /// `$ref`'s target, or -1.
  var reference = -1
  unowned(unsafe) var properties: PropertyTable? = nil
  var firstChild = 0
  /// Bits of `properties` entries that `required` names (see ``FusedRequired``).
  var fusedRequired: UInt64 = 0
  /// `additionalProperties`' node, or -1.
  var additional = -1
  unowned(unsafe) var declared: PropertyTable? = nil
  /// `items`' node, or -1.
  var items = -1

  init(resource: Int, isLeaf: Bool) {
    self.resource = resource
    self.isLeaf = isLeaf
  }
}

/// One assertion of a quick node, as plain data.
struct QuickCheck: Sendable {
  enum Kind: UInt8, Sendable {
    case type
    case minimum
    case maximum
    case exclusiveMinimum
    case exclusiveMaximum
    case constant
    case format
    /// Any other assertion, through ``QuickPlan/assertions``.
    case assertion
  }

  var kind: Kind
  var types = TypeMask()
  /// Into ``QuickPlan/numbers``, ``QuickPlan/values``, ``QuickPlan/formats`` or
  /// ``QuickPlan/assertions``, by kind.
  var index = 0
}
