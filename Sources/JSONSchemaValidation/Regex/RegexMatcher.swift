/// Runs a `RegexProgram` over an array of code points with an explicit backtracking stack, so
/// neither input length nor pattern nesting deepens the call stack.
struct RegexMatcher {
  private enum Frame {
    case resume(pc: Int, position: Int)
    case restoreCapture(slot: Int, value: Int)
    case restoreRegister(index: Int, value: Int)
    case restoreAllCaptures([Int])
    /// A greedy `repeatAtom` that can still give back code points down to `floor`.
    case greedyRepeat(pc: Int, position: Int, floor: Int, backward: Bool)
    /// A lazy `repeatAtom` that can still take up to `remaining` more code points.
    case lazyRepeat(pc: Int, position: Int, remaining: Int, atom: RegexAtom, backward: Bool)
    /// A running lookaround, entered at `position` with `captures`. Reaching it while
    /// backtracking means the body failed.
    case lookaround(negated: Bool, next: Int, position: Int, captures: [Int])
  }

  private let program: RegexProgram
  private let input: [UInt32]
  private let stepLimit: Int
  private var steps = 0
  private var captures: [Int]
  private var registers: [Int]
  private var stack: [Frame] = []
  /// Stack indices of the `lookaround` frames of the running lookarounds, innermost last.
  private var lookarounds: [Int] = []

  init(program: RegexProgram, input: [UInt32], stepLimit: Int) {
    self.program = program
    self.input = input
    self.stepLimit = stepLimit
    captures = Array(repeating: -1, count: 2 * (program.captureCount + 1))
    registers = Array(repeating: 0, count: program.registerCount)
  }

  /// Whether the program matches starting at any position (ECMA-262 `RegExpBuiltinExec`
  /// advancing `lastIndex`).
  mutating func search() throws(ECMAScriptRegexError) -> Bool {
    let lastStart = program.anchoredAtStart ? 0 : input.count
    for start in 0...lastStart {
      if let firstAtoms = program.firstAtoms,
        start == input.count || !firstAtoms.contains(where: { program.matches($0, input[start]) })
      {
        continue
      }
      if try run(pc: 0, position: start) != nil { return true }
    }
    return false
  }

  private mutating func tick() throws(ECMAScriptRegexError) {
    steps += 1
    if steps > stepLimit { throw .stepLimitExceeded(limit: stepLimit) }
  }

  /// Runs from `pc` until the `match` instruction (returning the position there) or until
  /// every alternative fails (returning nil with the stack empty and captures restored).
  private mutating func run(
    pc startPC: Int, position startPosition: Int
  ) throws(ECMAScriptRegexError) -> Int? {
    var pc = startPC
    var position = startPosition
    while true {
      try tick()
      var failed = false
      switch program.instructions[pc] {
      case .consume(let atom, let backward):
        if let next = advance(atom, from: position, backward: backward) {
          position = next
          pc += 1
        } else {
          failed = true
        }
      case .repeatAtom(let atom, let min, let max, let greedy, let backward):
        var count = 0
        while count < min, let next = advance(atom, from: position, backward: backward) {
          position = next
          count += 1
        }
        steps += count
        if count < min {
          failed = true
        } else if greedy {
          let floor = position
          while count < max, let next = advance(atom, from: position, backward: backward) {
            position = next
            count += 1
            steps += 1
          }
          if position != floor {
            stack.append(
              .greedyRepeat(pc: pc + 1, position: position, floor: floor, backward: backward))
          }
          pc += 1
        } else {
          if count < max {
            stack.append(
              .lazyRepeat(
                pc: pc + 1, position: position, remaining: max - count, atom: atom,
                backward: backward))
          }
          pc += 1
        }
      case .assertStart(let multiline):
        if position == 0 || (multiline && ScalarSet.isLineTerminator(input[position - 1])) {
          pc += 1
        } else {
          failed = true
        }
      case .assertEnd(let multiline):
        if position == input.count || (multiline && ScalarSet.isLineTerminator(input[position])) {
          pc += 1
        } else {
          failed = true
        }
      case .wordBoundary(let negated, let ignoreCase):
        let before =
          position > 0 && ScalarSet.isWordCharacter(input[position - 1], ignoreCase: ignoreCase)
        let after =
          position < input.count
          && ScalarSet.isWordCharacter(input[position], ignoreCase: ignoreCase)
        if (before != after) != negated {
          pc += 1
        } else {
          failed = true
        }
      case .fork(let alternative):
        stack.append(.resume(pc: alternative, position: position))
        pc += 1
      case .jump(let target):
        pc = target
      case .save(let slot):
        setCapture(slot, to: position)
        pc += 1
      case .clearCaptures(let groups):
        for group in groups {
          setCapture(2 * group, to: -1)
          setCapture(2 * group + 1, to: -1)
        }
        pc += 1
      case .backReference(let groups, let ignoreCase, let backward):
        if let next = matchBackReference(
          groups, at: position, ignoreCase: ignoreCase, backward: backward)
        {
          position = next
          pc += 1
        } else {
          failed = true
        }
      case .look(let negated, let next):
        lookarounds.append(stack.count)
        stack.append(
          .lookaround(negated: negated, next: next, position: position, captures: captures))
        pc += 1
      case .lookEnd:
        // Lookarounds are atomic: once the body matches, its backtracking frames are dropped.
        let index = lookarounds.removeLast()
        guard case .lookaround(let negated, let next, let start, let saved) = stack[index] else {
          preconditionFailure("lookaround frame expected at \(index)")
        }
        stack.removeSubrange(index...)
        if negated {
          captures = saved
          failed = true
        } else {
          // One frame undoes whatever captures the body set.
          if captures != saved { stack.append(.restoreAllCaptures(saved)) }
          position = start
          pc = next
        }
      case .loopInit(let counter):
        setRegister(counter, to: 0)
        pc += 1
      case .loopTest(let counter, let min, let max, let greedy, let exit):
        let count = registers[counter]
        if count < min {
          pc += 1
        } else if count >= max {
          pc = exit
        } else if greedy {
          stack.append(.resume(pc: exit, position: position))
          pc += 1
        } else {
          stack.append(.resume(pc: pc + 1, position: position))
          pc = exit
        }
      case .loopIterationStart(let register):
        setRegister(register, to: position)
        pc += 1
      case .loopIterationEnd(let counter, let register, let min, let test):
        let count = registers[counter]
        if registers[register] != position {
          setRegister(counter, to: count + 1)
        } else if count >= min {
          failed = true
        } else {
          // A required iteration matched the empty string. The remaining required iterations
          // start from the same state, so they first take the same empty path: do that in one
          // go (so `(?:){1000000}` is cheap), leaving the one-at-a-time path for backtracking.
          setRegister(counter, to: count + 1)
          stack.append(.resume(pc: test, position: position))
          setRegister(counter, to: min)
        }
        if !failed { pc = test }
      case .match:
        stack.removeAll(keepingCapacity: true)
        lookarounds.removeAll(keepingCapacity: true)
        return position
      }
      if failed {
        guard let resumption = try backtrack() else { return nil }
        (pc, position) = resumption
      }
    }
  }

  /// Pops frames, undoing state changes, until one says where to resume.
  private mutating func backtrack() throws(ECMAScriptRegexError) -> (Int, Int)? {
    while !stack.isEmpty {
      try tick()
      switch stack.removeLast() {
      case .resume(let pc, let position):
        return (pc, position)
      case .restoreCapture(let slot, let value):
        captures[slot] = value
      case .restoreRegister(let index, let value):
        registers[index] = value
      case .restoreAllCaptures(let saved):
        captures = saved
      case .greedyRepeat(let pc, let position, let floor, let backward):
        let next = backward ? position + 1 : position - 1
        if next != floor {
          stack.append(.greedyRepeat(pc: pc, position: next, floor: floor, backward: backward))
        }
        return (pc, next)
      case .lazyRepeat(let pc, let position, let remaining, let atom, let backward):
        guard let next = advance(atom, from: position, backward: backward) else { continue }
        if remaining > 1 {
          stack.append(
            .lazyRepeat(
              pc: pc, position: next, remaining: remaining - 1, atom: atom, backward: backward))
        }
        return (pc, next)
      case .lookaround(let negated, let next, let position, _):
        lookarounds.removeLast()
        // The body failed: a negative lookaround succeeds, a positive one keeps failing.
        if negated { return (next, position) }
      }
    }
    return nil
  }

  private mutating func setCapture(_ slot: Int, to value: Int) {
    guard captures[slot] != value else { return }
    stack.append(.restoreCapture(slot: slot, value: captures[slot]))
    captures[slot] = value
  }

  private mutating func setRegister(_ index: Int, to value: Int) {
    guard registers[index] != value else { return }
    stack.append(.restoreRegister(index: index, value: registers[index]))
    registers[index] = value
  }

  private func advance(_ atom: RegexAtom, from position: Int, backward: Bool) -> Int? {
    let index = backward ? position - 1 : position
    guard index >= 0 && index < input.count else { return nil }
    guard program.matches(atom, input[index]) else { return nil }
    return backward ? position - 1 : position + 1
  }

  private func matchBackReference(
    _ groups: [Int], at position: Int, ignoreCase: Bool, backward: Bool
  ) -> Int? {
    // A group that has not participated (or is still open) matches the empty string.
    guard
      let group = groups.first(where: { captures[2 * $0] >= 0 && captures[2 * $0 + 1] >= 0 })
    else { return position }
    let start = captures[2 * group]
    let length = captures[2 * group + 1] - start
    let from = backward ? position - length : position
    guard length >= 0, from >= 0, from + length <= input.count else { return nil }
    for offset in 0..<length {
      let expected = input[start + offset]
      let actual = input[from + offset]
      if expected != actual
        && !(ignoreCase && CaseFolding.canonical(expected) == CaseFolding.canonical(actual))
      {
        return nil
      }
    }
    return backward ? from : position + length
  }
}
