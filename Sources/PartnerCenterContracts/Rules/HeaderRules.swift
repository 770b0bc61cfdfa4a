// The rules about the response headers: tracking ids and the content type.
extension RuleContext {
  func checkHeaders(into findings: inout [Finding]) {
    guard let headers = input.response.headers else { return }
    let requestHeaders = input.response.request?.headers
    for name in ["MS-RequestId", "MS-CorrelationId"] {
      guard let value = headers[name] else { continue }
      guard GUID.isValid(value) else {
        findings.append(
          breach(
            .trackingHeaderGUID, "response header \(name) is \"\(value)\", not a GUID",
            part: .responseHeaders, pointer: "/\(name)"))
        continue
      }
      if let sent = requestHeaders?[name], GUID.isValid(sent),
        sent.lowercased() != value.lowercased()
      {
        findings.append(
          breach(
            .trackingHeaderEcho,
            "response header \(name) is \(value) but the request sent \(sent)",
            part: .responseHeaders, pointer: "/\(name)"))
      }
    }
    checkContentType(headers, into: &findings)
  }

  private func checkContentType(_ headers: HTTPHeaders, into findings: inout [Finding]) {
    // An empty body has no content type to declare.
    guard input.response.body != nil || input.response.bodyProblem != nil else { return }
    guard let contentType = headers["Content-Type"] else {
      findings.append(
        breach(
          .contentTypeJSON, "the response has a body but no Content-Type header",
          part: .responseHeaders, pointer: "/Content-Type"))
      return
    }
    let mediaType =
      contentType.split(separator: ";", maxSplits: 1).first.map {
        $0.trimmingHTTPWhitespace.lowercased()
      } ?? ""
    if mediaType != "application/json" && !mediaType.hasSuffix("+json") {
      findings.append(
        breach(
          .contentTypeJSON, "Content-Type is \"\(contentType)\", not JSON (application/json)",
          part: .responseHeaders, pointer: "/Content-Type"))
    }
  }
}
