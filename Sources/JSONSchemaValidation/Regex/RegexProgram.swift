/// Something that consumes exactly one code point.
enum RegexAtom: Sendable {
  case scalar(UInt32)
  /// A code point compared by its canonical (case folded) form, which is stored.
  case foldedScalar(UInt32)
  /// An index into `RegexProgram.sets`.
  case set(Int)
  case any
  case anyExceptLineTerminator
}

/// One instruction of the backtracking matcher. Jump targets are instruction indices.
/// `backward` instructions consume to the left of the position (inside lookbehind).
enum RegexInstruction: Sendable {
  case consume(RegexAtom, backward: Bool)
  /// `atom{min,max}`, matched without per-iteration bookkeeping.
  case repeatAtom(RegexAtom, min: Int, max: Int, greedy: Bool, backward: Bool)
  case assertStart(multiline: Bool)
  case assertEnd(multiline: Bool)
  case wordBoundary(negated: Bool, ignoreCase: Bool)
  /// Continue with the next instruction; on failure resume at `alternative`.
  case fork(alternative: Int)
  case jump(Int)
  /// Records the position in capture slot `slot` (group `n` uses slots `2n` and `2n + 1`).
  case save(slot: Int)
  /// Resets capture groups `groups` to undefined (start of a quantifier iteration).
  case clearCaptures(groups: Range<Int>)
  /// Matches the text of the first of `groups` that participated (duplicate names).
  case backReference(groups: [Int], ignoreCase: Bool, backward: Bool)
  /// Starts a lookaround whose body follows and ends with `lookEnd`; execution continues at
  /// `next` once the lookaround has succeeded.
  case look(negated: Bool, next: Int)
  /// The body of the innermost running lookaround has matched.
  case lookEnd
  /// Sets loop counter register `counter` to 0.
  case loopInit(counter: Int)
  /// Loop head: decides between another iteration (the next instruction) and `exit`.
  case loopTest(counter: Int, min: Int, max: Int, greedy: Bool, exit: Int)
  /// Records the position at the start of an iteration in register `position`.
  case loopIterationStart(position: Int)
  /// Ends an iteration: an optional iteration that consumed nothing fails (ECMA-262
  /// RepeatMatcher); otherwise counts it and jumps back to `test`.
  case loopIterationEnd(counter: Int, position: Int, min: Int, test: Int)
  case match
}

/// A compiled pattern.
struct RegexProgram: Sendable {
  var instructions: [RegexInstruction] = []
  var sets: [ScalarSet] = []
  var captureCount = 0
  var registerCount = 0
  /// True when every match must start at position 0, so the search tries only there.
  var anchoredAtStart = false
  /// The code point matchers one of which every match must begin with, when that is known:
  /// the search skips start positions where none matches, and an anchored pattern rejects a
  /// string whose first code point none matches before setting up a match.
  var firstAtoms: [RegexAtom]?

  init(_ parsed: ParsedRegex) {
    captureCount = parsed.captureCount
    var compiler = RegexCompiler(groupsByName: parsed.groupsByName)
    compiler.compile(parsed.root)
    instructions = compiler.instructions
    sets = compiler.sets
    registerCount = compiler.registerCount
    anchoredAtStart = Self.isAnchoredAtStart(parsed.root, flags: [], depth: 0)
    firstAtoms = Self.firstAtoms(of: instructions)
  }

  /// Whether `atom` matches the code point `value`.
  @inline(__always)
  func matches(_ atom: RegexAtom, _ value: UInt32) -> Bool {
    switch atom {
    case .scalar(let expected): value == expected
    case .foldedScalar(let expected): CaseFolding.canonical(value) == expected
    case .set(let set): sets[set].contains(value)
    case .any: true
    case .anyExceptLineTerminator: !ScalarSet.isLineTerminator(value)
    }
  }

  /// Whether the first code point of `scalars` can begin a match (see ``firstAtoms``).
  func canBeginMatch(_ scalars: String.UnicodeScalarView) -> Bool {
    guard let firstAtoms else { return true }
    guard let first = scalars.first?.value else { return false }
    return firstAtoms.contains { matches($0, first) }
  }

  /// What the first code point consumed can be, following every path from instruction 0
  /// through instructions that consume nothing and do not move. `nil` (unknown) when a path
  /// can match without consuming, moves otherwise (lookaround, back reference, lookbehind),
  /// or the paths are too many to follow cheaply.
  private static func firstAtoms(of instructions: [RegexInstruction]) -> [RegexAtom]? {
    var atoms: [RegexAtom] = []
    var pending = [0]
    var visited = Set<Int>()
    while let pc = pending.popLast() {
      guard visited.insert(pc).inserted else { continue }
      guard visited.count <= 256, atoms.count <= 64 else { return nil }
      switch instructions[pc] {
      case .consume(let atom, backward: false):
        atoms.append(atom)
      case .repeatAtom(let atom, let min, _, _, backward: false):
        atoms.append(atom)
        if min == 0 { pending.append(pc + 1) }
      case .assertStart, .wordBoundary, .save, .clearCaptures, .loopInit, .loopIterationStart:
        pending.append(pc + 1)
      case .fork(let alternative):
        pending += [pc + 1, alternative]
      case .jump(let target):
        pending.append(target)
      case .loopTest(_, let min, _, _, let exit):
        // The counter starts at 0 here, so the loop can be left at once only when min is 0.
        pending.append(pc + 1)
        if min == 0 { pending.append(exit) }
      case .consume, .repeatAtom, .assertEnd, .backReference, .look, .lookEnd,
        .loopIterationEnd, .match:
        return nil
      }
    }
    return atoms
  }

  /// Whether `node` can only match at position 0. Gives up (false, which is always safe) below
  /// a small depth, as this is only an optimization.
  private static func isAnchoredAtStart(_ node: RegexNode, flags: RegexFlags, depth: Int) -> Bool {
    guard depth < 16 else { return false }
    switch node {
    case .assertion(.start):
      return !flags.contains(.multiline)
    case .sequence(let nodes):
      return nodes.first.map { isAnchoredAtStart($0, flags: flags, depth: depth + 1) } ?? false
    case .alternation(let nodes):
      return nodes.allSatisfy { isAnchoredAtStart($0, flags: flags, depth: depth + 1) }
    case .capture(_, let body):
      return isAnchoredAtStart(body, flags: flags, depth: depth + 1)
    case .modified(let add, let remove, let body):
      return isAnchoredAtStart(
        body, flags: flags.union(add).subtracting(remove), depth: depth + 1)
    case .quantified(let atom, let min, _, _, _):
      return min > 0 && isAnchoredAtStart(atom, flags: flags, depth: depth + 1)
    default:
      return false
    }
  }
}

/// Compiles a syntax tree with an explicit work list rather than recursion, so nesting depth
/// does not consume call stack. Jump targets are first emitted as label numbers and resolved
/// once every label's position is known.
private struct RegexCompiler {
  private enum Task {
    case node(RegexNode, flags: RegexFlags, backward: Bool)
    case instruction(RegexInstruction)
    /// Places label `label` at the next instruction.
    case label(Int)
  }

  let groupsByName: [String: [Int]]
  private(set) var instructions: [RegexInstruction] = []
  private(set) var sets: [ScalarSet] = []
  private(set) var registerCount = 0
  private var labels: [Int] = []
  private var tasks: [Task] = []

  init(groupsByName: [String: [Int]]) {
    self.groupsByName = groupsByName
  }

  mutating func compile(_ root: RegexNode) {
    tasks = [.node(root, flags: [], backward: false)]
    while let task = tasks.popLast() {
      switch task {
      case .node(let node, let flags, let backward):
        schedule(node, flags: flags, backward: backward)
      case .instruction(let instruction):
        instructions.append(instruction)
      case .label(let label):
        labels[label] = instructions.count
      }
    }
    instructions.append(.match)
    for index in instructions.indices {
      switch instructions[index] {
      case .fork(let label):
        instructions[index] = .fork(alternative: labels[label])
      case .jump(let label):
        instructions[index] = .jump(labels[label])
      case .look(let negated, let label):
        instructions[index] = .look(negated: negated, next: labels[label])
      case .loopTest(let counter, let min, let max, let greedy, let label):
        instructions[index] = .loopTest(
          counter: counter, min: min, max: max, greedy: greedy, exit: labels[label])
      case .loopIterationEnd(let counter, let position, let min, let label):
        instructions[index] = .loopIterationEnd(
          counter: counter, position: position, min: min, test: labels[label])
      default:
        break
      }
    }
  }

  private mutating func newLabel() -> Int {
    labels.append(-1)
    return labels.count - 1
  }

  /// Queues the tasks that emit `node`, in order.
  private mutating func schedule(_ node: RegexNode, flags: RegexFlags, backward: Bool) {
    let ignoreCase = flags.contains(.ignoreCase)
    var steps: [Task] = []
    switch node {
    case .empty:
      break
    case .scalar, .dot, .characterClass:
      if let atom = atom(for: node, flags: flags) {
        steps = [.instruction(.consume(atom, backward: backward))]
      }
    case .sequence(let nodes):
      steps = (backward ? nodes.reversed() : nodes).map {
        .node($0, flags: flags, backward: backward)
      }
    case .alternation(let alternatives):
      let end = newLabel()
      for alternative in alternatives.dropLast() {
        let next = newLabel()
        steps += [
          .instruction(.fork(alternative: next)),
          .node(alternative, flags: flags, backward: backward),
          .instruction(.jump(end)),
          .label(next),
        ]
      }
      if let last = alternatives.last {
        steps.append(.node(last, flags: flags, backward: backward))
      }
      steps.append(.label(end))
    case .capture(let group, let body):
      steps = [
        .instruction(.save(slot: backward ? 2 * group + 1 : 2 * group)),
        .node(body, flags: flags, backward: backward),
        .instruction(.save(slot: backward ? 2 * group : 2 * group + 1)),
      ]
    case .modified(let add, let remove, let body):
      steps = [.node(body, flags: flags.union(add).subtracting(remove), backward: backward)]
    case .assertion(let assertion):
      let multiline = flags.contains(.multiline)
      switch assertion {
      case .start: steps = [.instruction(.assertStart(multiline: multiline))]
      case .end: steps = [.instruction(.assertEnd(multiline: multiline))]
      case .wordBoundary:
        steps = [.instruction(.wordBoundary(negated: false, ignoreCase: ignoreCase))]
      case .notWordBoundary:
        steps = [.instruction(.wordBoundary(negated: true, ignoreCase: ignoreCase))]
      }
    case .look(let behind, let negated, let body):
      let after = newLabel()
      steps = [
        .instruction(.look(negated: negated, next: after)),
        .node(body, flags: flags, backward: behind),
        .instruction(.lookEnd),
        .label(after),
      ]
    case .backReference(let group):
      steps = [
        .instruction(
          .backReference(groups: [group], ignoreCase: ignoreCase, backward: backward))
      ]
    case .namedBackReference(let name):
      steps = [
        .instruction(
          .backReference(
            groups: groupsByName[name] ?? [], ignoreCase: ignoreCase, backward: backward))
      ]
    case .quantified(let body, let min, let max, let greedy, let captures):
      steps = quantifierSteps(
        body, min: min, max: max, greedy: greedy, captures: captures, flags: flags,
        backward: backward)
    }
    tasks += steps.reversed()
  }

  private mutating func quantifierSteps(
    _ body: RegexNode, min: Int, max: Int, greedy: Bool, captures: Range<Int>,
    flags: RegexFlags, backward: Bool
  ) -> [Task] {
    if max == 0 { return [] }
    if min == 1 && max == 1 { return [.node(body, flags: flags, backward: backward)] }
    if let atom = atom(for: body, flags: flags) {
      return [
        .instruction(.repeatAtom(atom, min: min, max: max, greedy: greedy, backward: backward))
      ]
    }
    let counter = registerCount
    let position = registerCount + 1
    registerCount += 2
    let test = newLabel()
    let exit = newLabel()
    var steps: [Task] = [
      .instruction(.loopInit(counter: counter)),
      .label(test),
      .instruction(.loopTest(counter: counter, min: min, max: max, greedy: greedy, exit: exit)),
      .instruction(.loopIterationStart(position: position)),
    ]
    if !captures.isEmpty { steps.append(.instruction(.clearCaptures(groups: captures))) }
    steps += [
      .node(body, flags: flags, backward: backward),
      .instruction(
        .loopIterationEnd(counter: counter, position: position, min: min, test: test)),
      .label(exit),
    ]
    return steps
  }

  /// The single-code-point matcher `node` compiles to, if it is one.
  private mutating func atom(for node: RegexNode, flags: RegexFlags) -> RegexAtom? {
    let ignoreCase = flags.contains(.ignoreCase)
    switch node {
    case .scalar(let value):
      return ignoreCase ? .foldedScalar(CaseFolding.canonical(value)) : .scalar(value)
    case .dot:
      return flags.contains(.dotAll) ? .any : .anyExceptLineTerminator
    case .characterClass(let items, let negated):
      sets.append(ScalarSet(items: items, negated: negated, ignoreCase: ignoreCase))
      return .set(sets.count - 1)
    case .modified(let add, let remove, let body):
      return atom(for: body, flags: flags.union(add).subtracting(remove))
    default:
      return nil
    }
  }
}
