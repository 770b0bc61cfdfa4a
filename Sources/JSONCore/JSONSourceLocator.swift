#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A position in a JSON text.
///
/// `offset` is the 0-based byte offset into the input as given (a byte order mark included).
/// `line` and `column` are 1-based, as editors show them: a line ends at LF, CR LF or a lone
/// CR, and `column` counts Unicode scalars (a tab is one column; a byte order mark at the very
/// start is not counted).
public struct JSONSourceLocation: Sendable, Hashable, CustomStringConvertible {
  /// The 0-based byte offset.
  public var offset: Int
  /// The 1-based line.
  public var line: Int
  /// The 1-based column, in Unicode scalars.
  public var column: Int

  /// Creates a location from its parts.
  public init(offset: Int, line: Int, column: Int) {
    self.offset = offset
    self.line = line
    self.column = column
  }

  /// The location of byte `offset` in `bytes`, its line and column counted from the start.
  ///
  /// An offset past the end is clamped to the end.
  public init(offset: Int, in bytes: [UInt8]) {
    self = bytes.withUnsafeBytes { JSONSourceLocation(offset: offset, in: $0) }
  }

  /// The location of byte `offset` in `buffer`, its line and column counted from the start.
  ///
  /// An offset past the end is clamped to the end.
  public init(offset: Int, in buffer: UnsafeRawBufferPointer) {
    self = JSONSourceLocation.locations(ofSorted: [offset], in: buffer)[0]
  }

  /// `line 3, column 17`.
  public var description: String { "line \(line), column \(column)" }

  /// The locations of `offsets`, which must be in ascending order, in one pass over `buffer`.
  static func locations(ofSorted offsets: [Int], in buffer: UnsafeRawBufferPointer)
    -> [JSONSourceLocation]
  {
    var result: [JSONSourceLocation] = []
    result.reserveCapacity(offsets.count)
    let count = buffer.count
    guard let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self), count > 0 else {
      return offsets.map { JSONSourceLocation(offset: $0, line: 1, column: 1) }
    }
    var line = 1
    var column = 1
    var index = 0
    if count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF { index = 3 }
    // The next LF and CR at or after `index` (or `count`), each found by one memchr that is
    // repeated only once `index` has passed it, so no byte is searched twice.
    var nextLF = -1
    var nextCR = -1
    func next(_ byte: UInt8, from start: Int) -> Int {
      guard start < count, let found = memchr(base + start, Int32(byte), count - start) else {
        return count
      }
      return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }
    for requested in offsets {
      let target = min(max(requested, 0), count)
      while index < target {
        if nextLF < index { nextLF = next(0x0A, from: index) }
        if nextCR < index { nextCR = next(0x0D, from: index) }
        let lineBreak = min(nextLF, nextCR)
        let stop = min(lineBreak, target)
        column &+= characterCount(base + index, stop &- index)
        index = stop
        guard index < target else { break }
        // CR LF is one line break, at the LF; the CR takes no column.
        if !(base[index] == 0x0D && index &+ 1 < count && base[index &+ 1] == 0x0A) {
          line &+= 1
          column = 1
        }
        index &+= 1
      }
      result.append(JSONSourceLocation(offset: requested, line: line, column: column))
    }
    return result
  }
}

/// The number of UTF-8 characters (bytes that do not continue a sequence) in `count` bytes.
private func characterCount(_ start: UnsafePointer<UInt8>, _ count: Int) -> Int {
  var continuations = 0
  var offset = 0
  while offset &+ 32 <= count {
    continuations &+=
      ByteWords.continuationBytes(ByteWords.load(start, offset)).nonzeroBitCount
      &+ ByteWords.continuationBytes(ByteWords.load(start, offset &+ 8)).nonzeroBitCount
      &+ ByteWords.continuationBytes(ByteWords.load(start, offset &+ 16)).nonzeroBitCount
      &+ ByteWords.continuationBytes(ByteWords.load(start, offset &+ 24)).nonzeroBitCount
    offset &+= 32
  }
  while offset < count {
    if start[offset] & 0xC0 == 0x80 { continuations &+= 1 }
    offset &+= 1
  }
  return count &- continuations
}

/// Finds where the values that JSON Pointers designate are in a JSON text, by scanning the
/// text again.
///
/// Meant for reporting: parsing keeps no positions, and a finding's pointer is turned into
/// a line and column only when it is shown. One call answers any number of pointers in a
/// single pass, skipping the parts of the text no pointer enters. When a member name repeats,
/// the last occurrence is the one found, as the parser keeps the last value.
///
/// The text should be JSON that ``JSONParser`` accepts; on other text the scan stops at the
/// first surprise and the pointers not yet found are reported missing.
public struct JSONSourceLocator: Sendable {
  /// Where a value, and the name of the member that holds it, start.
  public struct Match: Sendable, Hashable {
    /// The first byte of the value.
    public var value: JSONSourceLocation
    /// The opening quote of the member name, when the value is an object member.
    public var name: JSONSourceLocation?

    /// Creates a match.
    public init(value: JSONSourceLocation, name: JSONSourceLocation? = nil) {
      self.value = value
      self.name = name
    }
  }

  private let bytes: [UInt8]
  private let arrayIndex: JSONArrayIndex

  /// A locator over the UTF-8 JSON text `bytes`; with the `arrayIndex` parsing the same bytes
  /// recorded (``JSONDocument/arrayIndex``), it jumps over the elements of long arrays that
  /// no pointer enters instead of scanning them.
  public init(_ bytes: [UInt8], arrayIndex: JSONArrayIndex = .empty) {
    self.bytes = bytes
    self.arrayIndex = arrayIndex
  }

  /// A locator over the JSON text `text`.
  public init(_ text: String) { self.init(Array(text.utf8)) }

  /// Where the value `pointer` designates starts, or `nil` when the text has no such value.
  public func locate(_ pointer: JSONPointer) -> Match? {
    locate([pointer])[pointer]
  }

  /// Where the value of each of `pointers` starts, in one pass; pointers that designate
  /// nothing are left out.
  public func locate(_ pointers: [JSONPointer]) -> [JSONPointer: Match] {
    guard !pointers.isEmpty else { return [:] }
    let trie = PointerTrie(pointers)
    let found = bytes.withUnsafeBytes { buffer -> [Int: (value: Int, name: Int?)] in
      guard let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return [:] }
      var scanner = LocatorScanner(
        base: base, end: buffer.count, trie: trie, arrayIndex: arrayIndex)
      return scanner.scan()
    }
    var offsets: [Int] = []
    for (value, name) in found.values {
      offsets.append(value)
      if let name { offsets.append(name) }
    }
    offsets = Array(Set(offsets)).sorted()
    let locations = bytes.withUnsafeBytes {
      JSONSourceLocation.locations(ofSorted: offsets, in: $0)
    }
    var locationOfOffset: [Int: JSONSourceLocation] = [:]
    for (offset, location) in zip(offsets, locations) { locationOfOffset[offset] = location }
    var result: [JSONPointer: Match] = [:]
    for (pointerIndex, offsets) in found {
      guard let value = locationOfOffset[offsets.value] else { continue }
      result[pointers[pointerIndex]] = Match(
        value: value, name: offsets.name.flatMap { locationOfOffset[$0] })
    }
    return result
  }
}

/// The pointers being located, as a tree of their tokens.
private struct PointerTrie {
  struct Node {
    var memberChildren: [CodePointKey: Int] = [:]
    var indexChildren: [Int: Int] = [:]
    /// The keys of `indexChildren`, in order.
    var sortedIndices: [Int] = []
    /// The indices (into the pointer list) of the pointers that end here.
    var pointers: [Int] = []
    var hasChildren: Bool { !memberChildren.isEmpty }
  }

  private(set) var nodes = [Node()]

  init(_ pointers: [JSONPointer]) {
    for (pointerIndex, pointer) in pointers.enumerated() {
      var node = 0
      for token in pointer.tokens {
        if let next = nodes[node].memberChildren[CodePointKey(token)] {
          node = next
          continue
        }
        nodes.append(Node())
        let next = nodes.count - 1
        nodes[node].memberChildren[CodePointKey(token)] = next
        if let index = JSONPointer.arrayIndex(token) { nodes[node].indexChildren[index] = next }
        node = next
      }
      nodes[node].pointers.append(pointerIndex)
    }
    for node in nodes.indices {
      nodes[node].sortedIndices = nodes[node].indexChildren.keys.sorted()
    }
  }

  /// The nodes below `node`, itself included.
  func subtree(of node: Int) -> [Int] {
    var result = [node]
    var index = 0
    while index < result.count {
      result += nodes[result[index]].memberChildren.values
      index += 1
    }
    return result
  }
}

/// The scan behind ``JSONSourceLocator``: walks the text once, descending only into values
/// some pointer enters and skipping the rest.
private struct LocatorScanner {
  let base: UnsafePointer<UInt8>
  let end: Int
  let trie: PointerTrie
  let arrayIndex: JSONArrayIndex
  var position = 0
  var found: [Int: (value: Int, name: Int?)] = [:]
  var entered: Set<Int> = []

  init(base: UnsafePointer<UInt8>, end: Int, trie: PointerTrie, arrayIndex: JSONArrayIndex) {
    self.base = base
    self.end = end
    self.trie = trie
    self.arrayIndex = arrayIndex
  }

  /// An open container on the path of some pointer.
  private struct Frame {
    var node: Int
    var isObject: Bool
    var nextIndex = 0
    var isFirst = true
    /// Where the elements start, for an indexed array, and the position in the node's
    /// `sortedIndices` of the next element to enter.
    var elements: JSONArrayIndex.Elements?
    var wantedIndex = 0
  }

  /// The value and name offsets of every pointer found, keyed by pointer index.
  mutating func scan() -> [Int: (value: Int, name: Int?)] {
    if end >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF { position = 3 }
    skipWhitespace()
    var stack: [Frame] = []
    guard enter(node: 0, name: nil, stack: &stack) else { return found }
    while var frame = stack.popLast() {
      if let elements = frame.elements {
        // Straight to the next element a pointer enters, or past the array.
        let node = trie.nodes[frame.node]
        guard frame.wantedIndex < node.sortedIndices.count,
          case let wanted = node.sortedIndices[frame.wantedIndex], wanted < elements.starts.count,
          let child = node.indexChildren[wanted]
        else {
          position = elements.end + 1
          continue
        }
        position = elements.starts[wanted]
        frame.wantedIndex += 1
        stack.append(frame)
        guard enter(node: child, name: nil, stack: &stack) else { break }
        continue
      }
      skipWhitespace()
      guard position < end else { break }
      let byte = base[position]
      if byte == (frame.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
        position += 1
        continue
      }
      if !frame.isFirst {
        guard byte == UInt8(ascii: ",") else { break }
        position += 1
        skipWhitespace()
      }
      frame.isFirst = false
      var child: Int?
      var nameOffset: Int?
      if frame.isObject {
        nameOffset = position
        guard let key = readString() else { break }
        skipWhitespace()
        guard position < end, base[position] == UInt8(ascii: ":") else { break }
        position += 1
        skipWhitespace()
        child = trie.nodes[frame.node].memberChildren[CodePointKey(key)]
      } else {
        child = trie.nodes[frame.node].indexChildren[frame.nextIndex]
        frame.nextIndex += 1
      }
      stack.append(frame)
      if let child {
        guard enter(node: child, name: nameOffset, stack: &stack) else { break }
      } else {
        guard skipValue() else { break }
      }
    }
    return found
  }

  /// Records the value at the position for the pointers ending at `node`, then either opens
  /// it (when pointers go deeper) or skips it. `false` when the text is not JSON here.
  private mutating func enter(node: Int, name: Int?, stack: inout [Frame]) -> Bool {
    guard position < end else { return false }
    if !entered.insert(node).inserted {
      // A repeated member name: forget what the earlier occurrence's subtree matched.
      for stale in trie.subtree(of: node) {
        for pointer in trie.nodes[stale].pointers { found[pointer] = nil }
      }
    }
    for pointer in trie.nodes[node].pointers { found[pointer] = (position, name) }
    let byte = base[position]
    if trie.nodes[node].hasChildren && (byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[")) {
      let isObject = byte == UInt8(ascii: "{")
      stack.append(
        Frame(
          node: node, isObject: isObject,
          elements: isObject ? nil : arrayIndex.elements(ofArrayAt: position)))
      position += 1
      return true
    }
    return skipValue()
  }

  private mutating func skipWhitespace() {
    while position < end {
      switch base[position] {
      case 0x20, 0x09, 0x0A, 0x0D: position += 1
      default: return
      }
    }
  }

  /// Moves past the value at the position; `false` when there is none.
  private mutating func skipValue() -> Bool {
    guard position < end else { return false }
    switch base[position] {
    case UInt8(ascii: "\""):
      return skipString()
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      return skipContainer()
    default:
      let start = position
      while position < end {
        switch base[position] {
        case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), 0x20, 0x09, 0x0A, 0x0D:
          return position > start
        default:
          position += 1
        }
      }
      return position > start
    }
  }

  /// Moves past the object or array at the position, eight bytes at a time: each word's
  /// quotes, backslashes and brackets are visited in order, and no other byte is looked at.
  private mutating func skipContainer() -> Bool {
    var depth = 0
    var inString = false
    words: while position &+ 8 <= end {
      let word = ByteWords.load(base, position)
      let quotes = ByteWords.exactMatches(word, UInt8(ascii: "\""))
      // `[` and `]` differ from `{` and `}` only in bit 5, and no other byte turns into
      // either when that bit is set.
      let folded = word | (ByteWords.ones &* 0x20)
      let opens = ByteWords.exactMatches(folded, UInt8(ascii: "{"))
      let closes = ByteWords.exactMatches(folded, UInt8(ascii: "}"))
      if ByteWords.matches(word, UInt8(ascii: "\\")) == 0 {
        // Without escapes, a byte is inside a string when an odd number of quotes precede
        // it in the word, flipped if the word starts inside one: a prefix XOR of the quotes.
        var inside = quotes
        inside ^= inside &<< 8
        inside ^= inside &<< 16
        inside ^= inside &<< 32
        if inString { inside ^= ByteWords.highs }
        var brackets = (opens | closes) & ~inside
        while brackets != 0 {
          let bracket = brackets & (0 &- brackets)
          if bracket & opens != 0 {
            depth &+= 1
          } else {
            depth &-= 1
            if depth == 0 {
              position &+= ByteWords.firstIndex(bracket) &+ 1
              return true
            }
          }
          brackets &= brackets &- 1
        }
        inString = inside & (1 &<< 63) != 0
        position &+= 8
        continue
      }
      let backslashes = ByteWords.exactMatches(word, UInt8(ascii: "\\"))
      var stops = quotes | backslashes | opens | closes
      while stops != 0 {
        let stop = stops & (0 &- stops)
        if inString {
          if stop & backslashes != 0 {
            // The escaped byte may be a quote or in the next word: go on after it.
            position &+= ByteWords.firstIndex(stop) &+ 2
            continue words
          }
          if stop & quotes != 0 { inString = false }
        } else if stop & quotes != 0 {
          inString = true
        } else if stop & opens != 0 {
          depth &+= 1
        } else if stop & closes != 0 {
          depth &-= 1
          if depth == 0 {
            position &+= ByteWords.firstIndex(stop) &+ 1
            return true
          }
        }
        stops &= stops &- 1
      }
      position &+= 8
    }
    while position < end {
      let byte = base[position]
      if inString {
        if byte == UInt8(ascii: "\\") {
          position &+= 2
          continue
        }
        if byte == UInt8(ascii: "\"") { inString = false }
      } else {
        switch byte {
        case UInt8(ascii: "\""): inString = true
        case UInt8(ascii: "{"), UInt8(ascii: "["): depth &+= 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
          depth &-= 1
          if depth == 0 {
            position &+= 1
            return true
          }
        default: break
        }
      }
      position &+= 1
    }
    return false
  }

  /// Moves past the string at the position (its opening quote).
  private mutating func skipString() -> Bool {
    position += 1
    while position < end {
      if position &+ 8 <= end {
        let word = ByteWords.load(base, position)
        let stops =
          ByteWords.matches(word, UInt8(ascii: "\"")) | ByteWords.matches(word, UInt8(ascii: "\\"))
        if stops == 0 {
          position &+= 8
          continue
        }
        position &+= ByteWords.firstIndex(stops)
      }
      switch base[position] {
      case UInt8(ascii: "\""):
        position += 1
        return true
      case UInt8(ascii: "\\"):
        position += 2
      default:
        position += 1
      }
    }
    return false
  }

  /// Reads the string at the position, decoding escapes; `nil` when it is not one.
  private mutating func readString() -> String? {
    guard position < end, base[position] == UInt8(ascii: "\"") else { return nil }
    let start = position + 1
    guard skipString() else { return nil }
    let contents = UnsafeBufferPointer(start: base + start, count: position - 1 - start)
    guard contents.contains(UInt8(ascii: "\\")) else {
      return String(decoding: contents, as: UTF8.self)
    }
    // Escapes are rare in names: let the parser decode the string.
    let quoted = UnsafeRawBufferPointer(start: base + start - 1, count: contents.count + 2)
    return try? JSONParser.parse(quoted).value.stringValue
  }
}
