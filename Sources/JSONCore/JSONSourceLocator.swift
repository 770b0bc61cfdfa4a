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
    for requested in offsets {
      let target = min(max(requested, 0), count)
      while index < target {
        let byte = base[index]
        if byte == 0x0A {
          line += 1
          column = 1
        } else if byte == 0x0D {
          if index + 1 >= count || base[index + 1] != 0x0A {
            line += 1
            column = 1
          }
        } else if byte & 0xC0 != 0x80 {
          column += 1
        }
        index += 1
      }
      result.append(JSONSourceLocation(offset: requested, line: line, column: column))
    }
    return result
  }
}
