/// Where a command reads and writes: standard input, output and error, passed in so tests can
/// feed and read them.
public protocol CommandIO: Sendable {
  /// Writes `text` to standard output.
  func out(_ text: String)
  /// Writes `text` to standard error.
  func err(_ text: String)
  /// Whether standard output is a terminal (color and progress only then).
  var isOutputTerminal: Bool { get }
  /// Whether standard error is a terminal.
  var isErrorTerminal: Bool { get }
  /// Whether standard input is a terminal (nothing piped in).
  var isInputTerminal: Bool { get }
  /// Reads standard input to its end, at most `limit` bytes; nil when it holds more.
  func readStandardInput(limit: Int) throws -> [UInt8]?
}

extension CommandIO {
  /// Not a terminal unless the stream says so.
  public var isOutputTerminal: Bool { false }
  /// Not a terminal unless the stream says so.
  public var isErrorTerminal: Bool { false }
  /// Not a terminal unless the stream says so.
  public var isInputTerminal: Bool { false }
  /// No standard input unless the stream provides it.
  public func readStandardInput(limit: Int) throws -> [UInt8]? { [] }
}
