/// The byte-level engine behind ``JSONParser``.
///
/// One loop walks the text without recursion: values of open containers wait on scratch
/// stacks, and the state of each enclosing container waits on `frames`, so nesting costs
/// heap, never stack. Strings are scanned eight bytes at a time; numbers are accumulated
/// straight into a `UInt64`.
struct ParserEngine: ~Copyable {
  private let base: UnsafePointer<UInt8>
  private let end: Int
  private var position: Int
  private let maximumDepth: Int
  /// Finished values of every open container, innermost last.
  private var values = ScratchStack<JSONValue>(capacity: 256)
  /// Member names of every open object, parallel to their values in `values`.
  private var keys = ScratchStack<PendingKey>(capacity: 128)
  /// The state of each enclosing container; `frames[0]` is the document itself.
  private var frames: [Frame] = []
  /// The decoded bytes of a string that holds escapes.
  private var escapeBuffer: [UInt8] = []
  private var interner: StringInterner
  private var repeatedObjects = RepeatedObjectCache()
  private var duplicates: [FoundDuplicate] = []
  /// Where the elements of every open array start, innermost array's last.
  private var elementStarts: [Int] = []
  /// For each open array, innermost last: where its element offsets start in `elementStarts`,
  /// and where its `[` is. Apart from `frames`, so that objects do not carry them.
  private var openArrays: [(elementStart: Int, openOffset: Int)] = []
  private var arrayIndex = JSONArrayIndex()

  /// The parse state of one open container.
  private struct Frame {
    var isObject: Bool
    /// Where this container's values start in `values`.
    var valueStart: Int
    /// Where this container's names start in `keys`.
    var keyStart: Int
  }

  private struct FoundDuplicate {
    var objectPointer: JSONPointer
    var key: String
    var offset: Int
  }

  /// Where a value is expected, for the error message when none is found.
  private enum ValueContext {
    case document
    case arrayStart
    case afterComma
    case afterColon
  }

  private init(base: UnsafePointer<UInt8>, count: Int, maximumDepth: Int) {
    self.base = base
    self.end = count
    self.position = 0
    self.maximumDepth = maximumDepth
    interner = StringInterner(inputSize: count)
    escapeBuffer.reserveCapacity(256)
  }

  /// Parses a whole document.
  static func parseDocument(_ buffer: UnsafeRawBufferPointer, maximumDepth: Int)
    throws(ParseFailure) -> JSONDocument
  {
    guard let raw = buffer.baseAddress, buffer.count > 0 else {
      throw ParseFailure(offset: 0, message: "expected a JSON value, found end of input")
    }
    var engine = ParserEngine(
      base: raw.assumingMemoryBound(to: UInt8.self), count: buffer.count,
      maximumDepth: maximumDepth)
    let hasByteOrderMark = engine.skipByteOrderMark()
    let value = try engine.parseValue()
    engine.skipWhitespace()
    if engine.position < engine.end {
      throw engine.failure(expected: "end of input after the JSON value", at: engine.position)
    }
    return JSONDocument(
      value: value, hasByteOrderMark: hasByteOrderMark,
      duplicateMembers: engine.duplicateMembers(in: buffer), arrayIndex: engine.arrayIndex)
  }

  private mutating func skipByteOrderMark() -> Bool {
    guard end >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF else { return false }
    position = 3
    return true
  }

  private func duplicateMembers(in buffer: UnsafeRawBufferPointer) -> [JSONDuplicateMember] {
    guard !duplicates.isEmpty else { return [] }
    let sorted = duplicates.sorted { $0.offset < $1.offset }
    let locations = JSONSourceLocation.locations(ofSorted: sorted.map(\.offset), in: buffer)
    return zip(sorted, locations).map { found, location in
      JSONDuplicateMember(objectPointer: found.objectPointer, key: found.key, location: location)
    }
  }

  // MARK: - Structure

  /// Parses one value and everything nested in it.
  private mutating func parseValue() throws(ParseFailure) -> JSONValue {
    // The innermost open container.
    var isObject = false
    var valueStart = 0
    var keyStart = 0
    var context = ValueContext.document
    var value = JSONValue.null
    nextValue: while true {
      skipWhitespace()
      guard position < end else { throw expectedValue(context) }
      switch base[position] {
      case UInt8(ascii: "\""):
        position &+= 1
        value = .string(try parseString())
      case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
        value = .number(try parseNumber())
      case UInt8(ascii: "{"):
        guard frames.count < maximumDepth else { throw tooDeep() }
        position &+= 1
        skipWhitespace()
        if position < end && base[position] == UInt8(ascii: "}") {
          position &+= 1
          value = .object(JSONObject())
        } else {
          frames.append(Frame(isObject: isObject, valueStart: valueStart, keyStart: keyStart))
          isObject = true
          valueStart = values.count
          keyStart = keys.count
          try parseMemberName(afterComma: false)
          context = .afterColon
          continue nextValue
        }
      case UInt8(ascii: "["):
        guard frames.count < maximumDepth else { throw tooDeep() }
        let opening = position
        position &+= 1
        skipWhitespace()
        if position < end && base[position] == UInt8(ascii: "]") {
          position &+= 1
          value = .array([])
        } else {
          frames.append(Frame(isObject: isObject, valueStart: valueStart, keyStart: keyStart))
          openArrays.append((elementStarts.count, opening))
          elementStarts.append(position)
          isObject = false
          valueStart = values.count
          keyStart = keys.count
          context = .arrayStart
          continue nextValue
        }
      case UInt8(ascii: "t"):
        try expectLiteral(0x6575_7274, "true")
        value = .bool(true)
      case UInt8(ascii: "f"):
        try expectLiteral(0x6573_6C61, "false", after: 1)
        value = .bool(false)
      case UInt8(ascii: "n"):
        try expectLiteral(0x6C6C_756E, "null")
        value = .null
      default:
        throw expectedValue(context)
      }

      // A value is complete: add it to its container, closing every container that ends here.
      while true {
        if frames.isEmpty { return value }
        // Move the value onto the stack without retaining it, leaving `value` initialized.
        withUnsafeMutablePointer(to: &value) { pointer in
          values.push(pointer.move())
          pointer.initialize(to: .null)
        }
        skipWhitespace()
        let next: UInt8 = position < end ? base[position] : 0
        if isObject {
          if next == UInt8(ascii: ",") {
            position &+= 1
            skipWhitespace()
            try parseMemberName(afterComma: true)
            context = .afterColon
            continue nextValue
          }
          guard next == UInt8(ascii: "}") else {
            throw failure(expected: "',' or '}' after object member", at: position)
          }
          position &+= 1
          value = .object(closeObject(valueStart: valueStart, keyStart: keyStart))
        } else {
          if next == UInt8(ascii: ",") {
            position &+= 1
            skipWhitespace()
            elementStarts.append(position)
            context = .afterComma
            continue nextValue
          }
          guard next == UInt8(ascii: "]") else {
            throw failure(expected: "',' or ']' after array element", at: position)
          }
          let array = openArrays.removeLast()
          if elementStarts.count - array.elementStart >= JSONArrayIndex.minimumCount {
            arrayIndex.add(
              arrayAt: array.openOffset, starts: elementStarts[array.elementStart...], end: position
            )
          }
          elementStarts.removeSubrange(array.elementStart...)
          position &+= 1
          value = .array(values.popArray(from: valueStart))
        }
        let parent = frames.removeLast()
        isObject = parent.isObject
        valueStart = parent.valueStart
        keyStart = parent.keyStart
      }
    }
  }

  /// Parses `"name"` and the `:` after it; the position is at the opening quote.
  @inline(__always)
  private mutating func parseMemberName(afterComma: Bool) throws(ParseFailure) {
    guard position < end, base[position] == UInt8(ascii: "\"") else {
      throw expectedMemberName(afterComma: afterComma)
    }
    let nameOffset = position
    position &+= 1
    let start = position
    let length = try scanString()
    let key: String
    let fingerprint: UInt64
    if length >= 0 {
      let summary = ByteSummary(base + start, count: length)
      fingerprint = summary.hash
      key =
        length <= StringInterner.maximumLength
        ? interner.string(base + start, summary: summary, hash: fingerprint)
        : makeString(base + start, count: length)
    } else {
      (key, fingerprint) = escapeBuffer.withUnsafeBufferPointer { decoded in
        let pointer = decoded.baseAddress.unsafelyUnwrapped
        let summary = ByteSummary(pointer, count: decoded.count)
        return (makeString(pointer, count: decoded.count), summary.hash)
      }
    }
    keys.push(PendingKey(key: key, fingerprint: fingerprint, offset: nameOffset))
    skipWhitespace()
    guard position < end, base[position] == UInt8(ascii: ":") else {
      throw failure(expected: "':' after object member name", at: position)
    }
    position &+= 1
  }

  /// Builds the object whose names start at `keyStart` and values at `valueStart`, recording
  /// repeated names, or shares the object built from the same text earlier.
  @inline(__always)
  private mutating func closeObject(valueStart: Int, keyStart: Int) -> JSONObject {
    // The object's text from its first name to its closing brace, just consumed.
    let textStart = keys.base[keyStart].offset
    let textLength = position &- textStart
    if textLength <= RepeatedObjectCache.maximumLength && repeatedObjects.shouldLookUp() {
      return closeSmallObject(
        valueStart: valueStart, keyStart: keyStart, textStart: textStart, textLength: textLength)
    }
    return buildObject(valueStart: valueStart, keyStart: keyStart)
  }

  /// ``closeObject(valueStart:keyStart:)`` for an object whose text is short enough to share.
  @inline(never)
  private mutating func closeSmallObject(
    valueStart: Int, keyStart: Int, textStart: Int, textLength: Int
  ) -> JSONObject {
    let summary = ByteSummary(base + textStart, count: textLength)
    switch repeatedObjects.sight(
      base: base, offset: textStart, length: textLength, summary: summary)
    {
    case .shared(let object):
      keys.removeAll(from: keyStart)
      values.removeAll(from: valueStart)
      return object
    case .repeated:
      let duplicatesBefore = duplicates.count
      let object = buildObject(valueStart: valueStart, keyStart: keyStart)
      // Each repeat of a repeated name must be reported where it is, so such an object is
      // built every time.
      if duplicates.count == duplicatesBefore { repeatedObjects.share(object, summary: summary) }
      return object
    case .new:
      return buildObject(valueStart: valueStart, keyStart: keyStart)
    }
  }

  /// Moves the names from `keyStart` and the values from `valueStart` into a new object,
  /// recording repeated names.
  @inline(__always)
  private mutating func buildObject(valueStart: Int, keyStart: Int) -> JSONObject {
    let count = keys.count &- keyStart
    if count > 1 && hasRepeatedName(keyStart: keyStart, count: count) {
      return closeObjectWithRepeatedNames(valueStart: valueStart, keyStart: keyStart)
    }
    let names = keys.base + keyStart
    let memberValues = values.base + valueStart
    var members: [JSONObject.Member] = []
    members.reserveCapacity(count)
    for index in 0..<count {
      let name = (names + index).move()
      members.append(
        JSONObject.Member(
          key: name.key, value: (memberValues + index).move(), fingerprint: name.fingerprint))
    }
    keys.forgetMoved(to: keyStart)
    values.forgetMoved(to: valueStart)
    return JSONObject(uniqueMembers: members)
  }

  /// Whether a name repeats among the `count` names from `keyStart`.
  @inline(__always)
  private func hasRepeatedName(keyStart: Int, count: Int) -> Bool {
    let names = keys.base + keyStart
    if count <= 32 {
      // A 64-bit Bloom filter of fingerprints; a hit is confirmed against earlier names.
      var seen: UInt64 = 0
      for index in 0..<count {
        let fingerprint = names[index].fingerprint
        let bit: UInt64 = 1 &<< (fingerprint &>> 58)
        if seen & bit != 0 {
          for earlier in 0..<index where names[earlier].fingerprint == fingerprint {
            if names[earlier].key.codePointsEqual(names[index].key) { return true }
          }
        }
        seen |= bit
      }
      return false
    }
    var seen = Set<CodePointKey>(minimumCapacity: count)
    for index in 0..<count where !seen.insert(CodePointKey(names[index].key)).inserted {
      return true
    }
    return false
  }

  @inline(never)
  private mutating func closeObjectWithRepeatedNames(valueStart: Int, keyStart: Int) -> JSONObject {
    let pointer = openContainerPointer(valueStart: valueStart, keyStart: keyStart)
    let names = keys.popArray(from: keyStart)
    let memberValues = values.popArray(from: valueStart)
    var object = JSONObject()
    var seen = Set<CodePointKey>(minimumCapacity: names.count)
    for (name, value) in zip(names, memberValues) {
      if !seen.insert(CodePointKey(name.key)).inserted {
        duplicates.append(
          FoundDuplicate(objectPointer: pointer, key: name.key, offset: name.offset))
      }
      object[name.key] = value
    }
    return object
  }

  /// The JSON Pointer of the innermost open container, whose state is passed in.
  private func openContainerPointer(valueStart: Int, keyStart: Int) -> JSONPointer {
    var tokens: [String] = []
    // frames[0] is the document; frames[depth] the container at that depth.
    for depth in 1..<max(frames.count, 1) {
      let container = frames[depth]
      let child =
        depth + 1 < frames.count
        ? frames[depth + 1] : Frame(isObject: true, valueStart: valueStart, keyStart: keyStart)
      if container.isObject {
        tokens.append(keys.base[child.keyStart - 1].key)
      } else {
        tokens.append(String(child.valueStart - container.valueStart))
      }
    }
    return JSONPointer(tokens: tokens)
  }

  // MARK: - Whitespace and literals

  @inline(__always)
  private mutating func skipWhitespace() {
    var index = position
    while index < end {
      let byte = base[index]
      if byte > 0x20 { break }
      if byte == 0x20 || byte == 0x09 || byte == 0x0D {
        index &+= 1
      } else if byte == 0x0A {
        index &+= 1
        // Indentation: skip eight spaces at a time.
        while index &+ 8 <= end
          && UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) == 0x2020_2020_2020_2020
        {
          index &+= 8
        }
      } else {
        break
      }
    }
    position = index
  }

  /// Accepts the literal `text` at the position, comparing 4 bytes from `after` as `word`.
  @inline(__always)
  private mutating func expectLiteral(_ word: UInt32, _ text: StaticString, after: Int = 0)
    throws(ParseFailure)
  {
    let length = text.utf8CodeUnitCount
    guard position &+ length <= end,
      UnsafeRawPointer(base + (position &+ after)).loadUnaligned(as: UInt32.self) == word
    else {
      throw literalFailure(text)
    }
    position &+= length
  }

  // MARK: - Strings

  /// Parses a string whose opening quote is just before the position.
  @inline(__always)
  private mutating func parseString() throws(ParseFailure) -> String {
    let start = position
    let length = try scanString()
    if length >= 0 {
      guard length <= StringInterner.maximumLength else {
        return makeString(base + start, count: length)
      }
      let summary = ByteSummary(base + start, count: length)
      return interner.string(base + start, summary: summary, hash: summary.hash)
    }
    return escapeBuffer.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
  }

  /// Scans a string from just after its opening quote to just after its closing quote,
  /// validating it. Returns the length of its contents when they have no escapes (they are
  /// then the bytes before the closing quote), else `-1` with the decoded contents in
  /// `escapeBuffer`.
  @inline(__always)
  private mutating func scanString() throws(ParseFailure) -> Int {
    let start = position
    var index = start
    while true {
      while index &+ 8 <= end {
        let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
        let mask = stringStopMask(word)
        if mask != 0 {
          index &+= mask.trailingZeroBitCount &>> 3
          break
        }
        index &+= 8
      }
      guard index < end else { throw unterminatedString() }
      let byte = base[index]
      if byte == UInt8(ascii: "\"") {
        position = index &+ 1
        return index &- start
      }
      if byte == UInt8(ascii: "\\") {
        try scanEscapedString(start: start, escape: index)
        return -1
      }
      if byte < 0x20 { throw controlCharacter(at: index) }
      if byte >= 0x80 {
        index &+= try utf8SequenceLength(at: index)
      } else {
        index &+= 1
      }
    }
  }

  /// Decodes a string that holds escapes into `escapeBuffer`: the plain bytes from `start`,
  /// then everything from the first escape (at `escape`) to the closing quote.
  @inline(never)
  private mutating func scanEscapedString(start: Int, escape: Int) throws(ParseFailure) {
    escapeBuffer.removeAll(keepingCapacity: true)
    escapeBuffer.append(contentsOf: UnsafeBufferPointer(start: base + start, count: escape - start))
    var index = escape
    while true {
      guard index < end else { throw unterminatedString() }
      let byte = base[index]
      switch byte {
      case UInt8(ascii: "\""):
        position = index + 1
        return
      case UInt8(ascii: "\\"):
        index = try decodeEscape(at: index)
      case 0..<0x20:
        throw controlCharacter(at: index)
      case 0x80...:
        let length = try utf8SequenceLength(at: index)
        escapeBuffer.append(contentsOf: UnsafeBufferPointer(start: base + index, count: length))
        index += length
      default:
        escapeBuffer.append(byte)
        index += 1
      }
    }
  }

  /// Decodes the escape at `index` (a backslash) into `escapeBuffer`; returns the index after it.
  private mutating func decodeEscape(at index: Int) throws(ParseFailure) -> Int {
    guard index + 1 < end else {
      throw failure(expected: Self.escapeCharacters, at: index + 1)
    }
    let decoded: UInt8
    switch base[index + 1] {
    case UInt8(ascii: "\""): decoded = 0x22
    case UInt8(ascii: "\\"): decoded = 0x5C
    case UInt8(ascii: "/"): decoded = 0x2F
    case UInt8(ascii: "b"): decoded = 0x08
    case UInt8(ascii: "f"): decoded = 0x0C
    case UInt8(ascii: "n"): decoded = 0x0A
    case UInt8(ascii: "r"): decoded = 0x0D
    case UInt8(ascii: "t"): decoded = 0x09
    case UInt8(ascii: "u"):
      let unit = try hexQuad(at: index + 2)
      var scalar = unit
      var next = index + 6
      if unit >= 0xD800 && unit <= 0xDBFF {
        let low = lowSurrogate(at: next)
        guard let low else { throw loneHighSurrogate(unit, at: next) }
        scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
        next += 6
      } else if unit >= 0xDC00 && unit <= 0xDFFF {
        throw ParseFailure(
          offset: index,
          message: "expected a high surrogate (D800-DBFF) before a low surrogate, "
            + "found unpaired \\u\(hexQuadText(unit))")
      }
      appendUTF8(scalar)
      return next
    default:
      throw failure(expected: Self.escapeCharacters, at: index + 1)
    }
    escapeBuffer.append(decoded)
    return index + 2
  }

  private static let escapeCharacters =
    "an escape character (\", \\, /, b, f, n, r, t or u) after '\\'"

  /// The four hex digits at `index` as a number.
  private func hexQuad(at index: Int) throws(ParseFailure) -> UInt32 {
    var value: UInt32 = 0
    for offset in index..<index + 4 {
      guard offset < end, let digit = hexDigitValue(base[offset]) else {
        throw failure(expected: "4 hex digits after '\\u'", at: offset)
      }
      value = value << 4 | UInt32(digit)
    }
    return value
  }

  /// The low surrogate of a `\uDC00`-`\uDFFF` escape at `index`, if there is one.
  private func lowSurrogate(at index: Int) -> UInt32? {
    guard index + 6 <= end, base[index] == UInt8(ascii: "\\"), base[index + 1] == UInt8(ascii: "u")
    else { return nil }
    var value: UInt32 = 0
    for offset in index + 2..<index + 6 {
      guard let digit = hexDigitValue(base[offset]) else { return nil }
      value = value << 4 | UInt32(digit)
    }
    return value >= 0xDC00 && value <= 0xDFFF ? value : nil
  }

  private mutating func appendUTF8(_ scalar: UInt32) {
    switch scalar {
    case 0..<0x80:
      escapeBuffer.append(UInt8(scalar))
    case 0x80..<0x800:
      escapeBuffer.append(UInt8(0xC0 | scalar >> 6))
      escapeBuffer.append(UInt8(0x80 | scalar & 0x3F))
    case 0x800..<0x10000:
      escapeBuffer.append(UInt8(0xE0 | scalar >> 12))
      escapeBuffer.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      escapeBuffer.append(UInt8(0x80 | scalar & 0x3F))
    default:
      escapeBuffer.append(UInt8(0xF0 | scalar >> 18))
      escapeBuffer.append(UInt8(0x80 | scalar >> 12 & 0x3F))
      escapeBuffer.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      escapeBuffer.append(UInt8(0x80 | scalar & 0x3F))
    }
  }

  /// The length of the well-formed UTF-8 sequence at `index`; throws when it is not one.
  private func utf8SequenceLength(at index: Int) throws(ParseFailure) -> Int {
    switch validateUTF8Sequence(base, count: end, at: index) {
    case .valid(let length):
      return length
    case .invalid(let problem):
      throw ParseFailure(offset: index, message: "expected valid UTF-8 in string, found \(problem)")
    }
  }

  // MARK: - Numbers

  /// Parses a number starting at the position (a digit or `-`).
  @inline(__always)
  private mutating func parseNumber() throws(ParseFailure) -> JSONNumber {
    let start = position
    var index = start
    let negative = base[index] == UInt8(ascii: "-")
    if negative { index &+= 1 }
    var significand: UInt64 = 0
    var significantDigits = 0
    var exponent = 0
    var isInteger = true
    guard index < end else { throw failure(expected: "a digit after '-'", at: index) }
    var byte = base[index]
    if byte == UInt8(ascii: "0") {
      index &+= 1
      if index < end && base[index] &- 0x30 < 10 {
        throw failure(
          expected: "'.', 'e' or the end of the number after a leading '0'", at: index,
          hint: " (leading zeros are not allowed)")
      }
    } else if byte &- 0x31 < 9 {
      while true {
        significand = significand &* 10 &+ UInt64(byte &- 0x30)
        significantDigits &+= 1
        index &+= 1
        guard index < end else { break }
        byte = base[index]
        guard byte &- 0x30 < 10 else { break }
      }
    } else {
      throw failure(expected: "a digit after '-'", at: index)
    }
    if index < end && base[index] == UInt8(ascii: ".") {
      isInteger = false
      index &+= 1
      guard index < end, base[index] &- 0x30 < 10 else {
        throw failure(expected: "a digit after '.' in number", at: index)
      }
      repeat {
        let digit = base[index] &- 0x30
        if significand != 0 || digit != 0 {
          significand = significand &* 10 &+ UInt64(digit)
          significantDigits &+= 1
        }
        exponent &-= 1
        index &+= 1
      } while index < end && base[index] &- 0x30 < 10
    }
    if index < end && base[index] | 0x20 == UInt8(ascii: "e") {
      isInteger = false
      index &+= 1
      var exponentNegative = false
      if index < end && (base[index] == UInt8(ascii: "+") || base[index] == UInt8(ascii: "-")) {
        exponentNegative = base[index] == UInt8(ascii: "-")
        index &+= 1
      }
      guard index < end, base[index] &- 0x30 < 10 else {
        throw failure(expected: "a digit in the exponent of the number", at: index)
      }
      var written = 0
      repeat {
        if written <= JSONNumber.maximumExponentMagnitude {
          written = written &* 10 &+ Int(base[index] &- 0x30)
        }
        index &+= 1
      } while index < end && base[index] &- 0x30 < 10
      if written > JSONNumber.maximumExponentMagnitude {
        throw numberOutOfRange(from: start, to: index)
      }
      exponent &+= exponentNegative ? -written : written
    }
    position = index
    if significantDigits > 19 {
      return try parseLongNumber(from: start, to: index)
    }
    if isInteger && significantDigits <= 18 {
      let magnitude = Int64(truncatingIfNeeded: significand)
      return JSONNumber(negative ? -magnitude : magnitude)
    }
    let number = JSONNumber.make(negative: negative, significand: significand, exponent: exponent)
    if exponent > Self.exponentCheckThreshold || exponent < -Self.exponentCheckThreshold,
      number.exceedsExponentLimit
    {
      throw numberOutOfRange(from: start, to: index)
    }
    return number
  }

  /// Within this raw exponent a number of at most 19 significant digits is always within
  /// the limit (canonical form moves the exponent by at most 37).
  private static let exponentCheckThreshold = JSONNumber.maximumExponentMagnitude - 64

  /// Parses the valid number text between `start` and `end` that has more than 19
  /// significant digits.
  @inline(never)
  private func parseLongNumber(from start: Int, to stop: Int) throws(ParseFailure) -> JSONNumber {
    var digits: [UInt8] = []
    digits.reserveCapacity(stop - start)
    var index = start
    let negative = base[index] == UInt8(ascii: "-")
    if negative { index += 1 }
    var exponent = 0
    var inFraction = false
    while index < stop {
      let byte = base[index]
      if byte == UInt8(ascii: ".") {
        inFraction = true
      } else if byte | 0x20 == UInt8(ascii: "e") {
        index += 1
        break
      } else {
        digits.append(byte)
        if inFraction { exponent -= 1 }
      }
      index += 1
    }
    if index < stop {
      let exponentNegative = base[index] == UInt8(ascii: "-")
      if base[index] == UInt8(ascii: "-") || base[index] == UInt8(ascii: "+") { index += 1 }
      var written = 0
      while index < stop {
        written = written * 10 + Int(base[index] - 0x30)
        index += 1
      }
      exponent += exponentNegative ? -written : written
    }
    guard let number = JSONNumber.make(negative: negative, digits: digits, exponent: exponent),
      !number.exceedsExponentLimit
    else { throw numberOutOfRange(from: start, to: stop) }
    return number
  }

  // MARK: - Errors

  /// `expected <expected>, found <what is at offset><hint>`.
  @inline(never)
  private func failure(expected: String, at offset: Int, hint: String = "") -> ParseFailure {
    ParseFailure(
      offset: offset,
      message: "expected \(expected), found \(describeFound(base, count: end, at: offset))\(hint)")
  }

  @inline(never)
  private func expectedValue(_ context: ValueContext) -> ParseFailure {
    var hint = valueHint(base, count: end, at: position)
    let expected: String
    switch context {
    case .document: expected = "a JSON value"
    case .arrayStart: expected = "a JSON value or ']'"
    case .afterColon: expected = "a JSON value after ':'"
    case .afterComma:
      expected = "a JSON value after ','"
      if position < end && base[position] == UInt8(ascii: "]") {
        hint = " (trailing commas are not allowed)"
      }
    }
    return failure(expected: expected, at: position, hint: hint)
  }

  @inline(never)
  private func expectedMemberName(afterComma: Bool) -> ParseFailure {
    var hint = ""
    if position < end {
      switch base[position] {
      case UInt8(ascii: "}") where afterComma: hint = " (trailing commas are not allowed)"
      case UInt8(ascii: "'"): hint = " (strings use double quotes)"
      case UInt8(ascii: "/"), UInt8(ascii: "#"): hint = " (comments are not allowed in JSON)"
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "_"), UInt8(ascii: "$"):
        hint = " (member names must be quoted)"
      default: hint = whitespaceHint(base, count: end, at: position)
      }
    }
    let expected = afterComma ? "a string member name after ','" : "a string member name or '}'"
    return failure(expected: expected, at: position, hint: hint)
  }

  @inline(never)
  private func literalFailure(_ text: StaticString) -> ParseFailure {
    let expected = text.withUTF8Buffer { Array($0) }
    var offset = position
    for byte in expected {
      guard offset < end, base[offset] == byte else { break }
      offset += 1
    }
    return failure(expected: "'\(text)'", at: offset)
  }

  @inline(never)
  private func tooDeep() -> ParseFailure {
    ParseFailure(
      offset: position,
      message: "nesting deeper than \(maximumDepth) levels: found "
        + "\(describeFound(base, count: end, at: position)) at depth \(frames.count + 1)")
  }

  @inline(never)
  private func unterminatedString() -> ParseFailure {
    failure(expected: "'\"' to end the string", at: end)
  }

  @inline(never)
  private func controlCharacter(at offset: Int) -> ParseFailure {
    failure(
      expected: "a string character or '\"'", at: offset,
      hint: " (control characters must be escaped in strings)")
  }

  @inline(never)
  private func loneHighSurrogate(_ unit: UInt32, at offset: Int) -> ParseFailure {
    var found = describeFound(base, count: end, at: offset)
    if offset + 6 <= end, base[offset] == UInt8(ascii: "\\"), base[offset + 1] == UInt8(ascii: "u")
    {
      found =
        "'" + String(decoding: UnsafeBufferPointer(start: base + offset, count: 6), as: UTF8.self)
        + "'"
    }
    return ParseFailure(
      offset: offset,
      message: "expected a low surrogate escape (\\uDC00-\\uDFFF) after high surrogate "
        + "\\u\(hexQuadText(unit)), found \(found)")
  }

  @inline(never)
  private func numberOutOfRange(from start: Int, to stop: Int) -> ParseFailure {
    let shown = min(stop - start, 40)
    var text = String(
      decoding: UnsafeBufferPointer(start: base + start, count: shown), as: UTF8.self)
    if shown < stop - start { text += "..." }
    return ParseFailure(
      offset: start,
      message: "expected a number with an exponent within ±\(JSONNumber.maximumExponentMagnitude), "
        + "found \(text)")
  }
}

/// A mask with the high bit set in each byte of `word` that stops a string scan: `"`, `\`,
/// a control character or a non-ASCII byte. The lowest set bit marks the first such byte
/// exactly (higher bits may be spurious).
@inline(__always)
private func stringStopMask(_ word: UInt64) -> UInt64 {
  let controls = (word &- ByteWords.ones &* 0x20) & ~word & ByteWords.highs
  return ByteWords.matches(word, UInt8(ascii: "\"")) | ByteWords.matches(word, UInt8(ascii: "\\"))
    | controls | (word & ByteWords.highs)
}

@inline(__always)
func hexDigitValue(_ byte: UInt8) -> UInt8? {
  switch byte {
  case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
  case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
  case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
  default: return nil
  }
}

/// `D83D`: four upper-case hex digits.
private func hexQuadText(_ value: UInt32) -> String {
  let hex = String(value, radix: 16, uppercase: true)
  return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
}

extension JSONNumber {
  /// Whether the value lies beyond what the parser accepts: written in canonical scientific
  /// notation (`d.ddde±X`, as ``description`` may write it), `X` must be within
  /// ±``maximumExponentMagnitude``, and so must the exponent of its last digit.
  var exceedsExponentLimit: Bool {
    let exponent: Int
    let digitCount: Int
    switch storage {
    case .integer:
      return false
    case .decimal(let significand, let decimalExponent, _):
      exponent = Int(decimalExponent)
      var remaining = significand
      var count = 0
      repeat {
        count += 1
        remaining /= 10
      } while remaining > 0
      digitCount = count
    case .big(let big):
      exponent = big.exponent
      digitCount = big.digits.count
    }
    let limit = Self.maximumExponentMagnitude
    return exponent < -limit || exponent + digitCount - 1 > limit
  }
}
