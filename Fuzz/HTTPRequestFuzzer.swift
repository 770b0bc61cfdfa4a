// libFuzzer entry point for the replay server's HTTP request parser. Built by
// `Fuzz/run.sh http` together with HTTPHeaders.swift, HTTPServerRequest.swift and
// HTTPRequestParser.swift as one module, so it calls them without an import.
//
// For every input, with small limits so the limit paths are reached: parse it. An invalid
// input must name a status the server knows. A request must have consumed between 1 and all
// bytes; every shorter prefix must be incomplete (never a different request); its path and
// query must be computable; and writing it back as HTTP and parsing that must give the same
// request, unless the written form outgrows the limits.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

private let fuzzLimits = HTTPLimits(
  maximumRequestLineBytes: 256, maximumHeaderBytes: 1024, maximumHeaderCount: 16,
  maximumBodyBytes: 256)

@_cdecl("LLVMFuzzerTestOneInput")
public func httpRequestFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
  let parser = HTTPRequestParser(limits: fuzzLimits)
  switch parser.parse(bytes[...]) {
  case .incomplete:
    return 0
  case .invalid(let error):
    check([400, 408, 413, 414, 431, 501, 505].contains(error.status), "odd status for \(error)")
    check(!error.description.isEmpty, "empty description")
    return 0
  case .request(let request, let consumed):
    check(consumed >= 1 && consumed <= size, "consumed \(consumed) of \(size)")
    for cut in [consumed - 1, consumed / 2] where cut >= 0 {
      check(
        parser.parse(bytes[..<cut]) == .incomplete, "a prefix of \(cut) bytes is not incomplete")
    }
    _ = request.path
    _ = request.queryItems
    _ = request.keepsAlive
    check(!request.method.isEmpty && !request.target.isEmpty, "empty method or target")
    var text = "\(request.method) \(request.target) HTTP/1.\(request.minorVersion)\r\n"
    for field in request.headers { text += "\(field.name): \(field.value)\r\n" }
    let written = Array((text + "\r\n").utf8) + request.body
    switch parser.parse(written[...]) {
    case .request(let again, let againConsumed):
      check(again == request, "writing and parsing changed the request")
      check(againConsumed == written.count, "the written request was not consumed whole")
    case .invalid(.headerTooLarge), .invalid(.requestLineTooLong):
      break  // Invalid UTF-8 in a value is written back as U+FFFD, which is longer.
    case .incomplete, .invalid:
      fail("the written request does not parse: \(text)")
    }
    return 0
  }
}

private func check(_ condition: Bool, _ message: @autoclosure () -> String) {
  if !condition { fail(message()) }
}

private func fail(_ message: String) -> Never {
  let line = "http-request-fuzzer: \(message)\n"
  _ = line.withCString { write(2, $0, strlen($0)) }
  abort()
}
