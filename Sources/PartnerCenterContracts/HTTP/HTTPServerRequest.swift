/// One HTTP/1.1 request as the server received it.
public struct HTTPServerRequest: Sendable, Hashable {
  /// The method, `GET`.
  public var method: String
  /// The request target as sent: a path with an optional query (`/v1/customers?size=10`), or
  /// an absolute URL.
  public var target: String
  /// The minor version: 1 for HTTP/1.1, 0 for HTTP/1.0.
  public var minorVersion: Int
  /// The header fields, in order.
  public var headers: HTTPHeaders
  /// The body (`Content-Length` bytes; empty when there is none).
  public var body: [UInt8]

  /// Creates a request.
  public init(
    method: String, target: String, minorVersion: Int = 1, headers: HTTPHeaders = [:],
    body: [UInt8] = []
  ) {
    self.method = method
    self.target = target
    self.minorVersion = minorVersion
    self.headers = headers
    self.body = body
  }

  /// The target's path: without the query, and without scheme and authority for an absolute URL.
  public var path: String {
    var text = Substring(target)
    if let scheme = text.firstRange(of: "://") {
      let rest = text[scheme.upperBound...]
      text = rest.firstIndex(of: "/").map { rest[$0...] } ?? "/"
    }
    if let query = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = text[..<query] }
    return String(text)
  }

  /// The query parameters in order, percent-decoded (`+` is kept as is).
  public var queryItems: [(name: String, value: String)] {
    guard let question = target.firstIndex(of: "?") else { return [] }
    var query = target[target.index(after: question)...]
    if let fragment = query.firstIndex(of: "#") { query = query[..<fragment] }
    return query.split(separator: "&").map { pair in
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let value = parts.count > 1 ? String(parts[1]) : ""
      return (Self.percentDecoded(String(parts[0])), Self.percentDecoded(value))
    }
  }

  /// Whether the connection stays open after the response: HTTP/1.1 unless `Connection: close`,
  /// HTTP/1.0 only with `Connection: keep-alive`.
  public var keepsAlive: Bool {
    let tokens = headers.values(named: "Connection").flatMap { $0.split(separator: ",") }
      .map { $0.trimmingHTTPWhitespace.lowercased() }
    if minorVersion == 0 { return tokens.contains("keep-alive") }
    return !tokens.contains("close")
  }

  private static func percentDecoded(_ text: String) -> String {
    guard text.utf8.contains(0x25) else { return text }
    var bytes: [UInt8] = []
    var index = text.utf8.startIndex
    let utf8 = text.utf8
    while index != utf8.endIndex {
      let byte = utf8[index]
      if byte == 0x25, let high = utf8.index(index, offsetBy: 1, limitedBy: utf8.endIndex),
        high != utf8.endIndex, let low = utf8.index(high, offsetBy: 1, limitedBy: utf8.endIndex),
        low != utf8.endIndex, let value = hexValue(utf8[high], utf8[low])
      {
        bytes.append(value)
        index = utf8.index(after: low)
      } else {
        bytes.append(byte)
        index = utf8.index(after: index)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  private static func hexValue(_ high: UInt8, _ low: UInt8) -> UInt8? {
    func digit(_ byte: UInt8) -> UInt8? {
      switch byte {
      case 0x30...0x39: byte - 0x30
      case 0x41...0x46: byte - 0x41 + 10
      case 0x61...0x66: byte - 0x61 + 10
      default: nil
      }
    }
    guard let high = digit(high), let low = digit(low) else { return nil }
    return high << 4 | low
  }
}

extension Substring {
  /// Without leading and trailing spaces and tabs.
  var trimmingHTTPWhitespace: Substring {
    var text = self
    while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
    while let last = text.last, last == " " || last == "\t" { text.removeLast() }
    return text
  }
}

/// How much a request may hold before the server refuses it. The defaults suit an API whose
/// requests are small `GET`s.
public struct HTTPLimits: Sendable, Hashable {
  /// The longest request line, in bytes (414 beyond it).
  public var maximumRequestLineBytes: Int
  /// The most bytes of the request line and header fields together (431 beyond it).
  public var maximumHeaderBytes: Int
  /// The most header fields (431 beyond it).
  public var maximumHeaderCount: Int
  /// The largest body (413 beyond it).
  public var maximumBodyBytes: Int
  /// How long a kept-alive connection may sit without a byte before it is closed, in milliseconds.
  public var idleTimeoutMilliseconds: Int
  /// How long a started request may take to arrive completely, in milliseconds (408 beyond it),
  /// so a client trickling one byte at a time cannot hold a connection forever.
  public var requestTimeoutMilliseconds: Int

  /// Creates limits.
  public init(
    maximumRequestLineBytes: Int = 8192, maximumHeaderBytes: Int = 16384,
    maximumHeaderCount: Int = 100, maximumBodyBytes: Int = 1 << 20,
    idleTimeoutMilliseconds: Int = 30_000, requestTimeoutMilliseconds: Int = 10_000
  ) {
    self.maximumRequestLineBytes = maximumRequestLineBytes
    self.maximumHeaderBytes = maximumHeaderBytes
    self.maximumHeaderCount = maximumHeaderCount
    self.maximumBodyBytes = maximumBodyBytes
    self.idleTimeoutMilliseconds = idleTimeoutMilliseconds
    self.requestTimeoutMilliseconds = requestTimeoutMilliseconds
  }
}
