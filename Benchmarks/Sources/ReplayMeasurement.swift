import Foundation
import JSONCore
import PartnerCenterContracts

#if canImport(Glibc)
  import Glibc
#endif

/// `replay`: requests per second the replay server answers on loopback, 16 clients each on one
/// kept-alive raw-socket connection, for the recorded partner response of the documentation
/// (five items). Each client sends a request with fresh GUIDs, reads the whole response, and
/// repeats for three seconds; the best of `--repetitions` rounds is reported.
func runReplay(_ options: BenchmarkOptions) {
  let body = Array(
    #"{"totalCount":5,"items":[{"proratedLicensesUsagePercent":0.0,"workloadName":"Microsoft Dynamics CRM","processedDateTime":"2017-03-10T00:00:00+00:00","serviceName":"crm","channel":"reseller","attributes":{"objectType":"PartnerLicensesUsageInsights"}},{"proratedLicensesUsagePercent":0.0,"workloadName":"SharePoint","processedDateTime":"2017-03-10T00:00:00+00:00","serviceName":"crm","channel":"reseller","attributes":{"objectType":"PartnerLicensesUsageInsights"}},{"proratedLicensesUsagePercent":0.0,"workloadName":"Exchange","processedDateTime":"2017-03-09T00:00:00+00:00","serviceName":"o365","channel":"reseller","attributes":{"objectType":"PartnerLicensesUsageInsights"}},{"proratedLicensesUsagePercent":0.0,"workloadName":"SharePoint","processedDateTime":"2017-03-09T00:00:00+00:00","serviceName":"o365","channel":"reseller","attributes":{"objectType":"PartnerLicensesUsageInsights"}},{"proratedLicensesUsagePercent":2.13,"workloadName":"Skype For Business","processedDateTime":"2017-03-09T00:00:00+00:00","serviceName":"o365","channel":"reseller","attributes":{"objectType":"PartnerLicensesUsageInsights"}}],"attributes":{"objectType":"Collection"}}"#
      .utf8)
  let recording = Recording(
    endpoint: .partnerLicensesUsage,
    request: RecordedRequest(
      url: "https://api.partnercenter.microsoft.com/v1/analytics/licenses/usage"),
    response: RecordedResponse(
      status: 200, headers: ["Content-Type": "application/json; charset=utf-8"], bodyBytes: body),
    capturedAt: "2017-03-15T01:18:26Z", toolVersion: "benchmark")
  let server = ReplayServer(configuration: ReplayConfiguration(recordings: [recording]))
  do {
    try server.start()
  } catch {
    fail("replay: \(error)", exitCode: 3)
  }
  defer { server.stop() }
  let clients = 16
  let seconds = 3.0
  var best = 0.0
  for _ in 0..<max(1, options.repetitions) {
    let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: clients)
    counts.initialize(repeating: 0)
    defer { counts.deallocate() }
    let group = DispatchGroup()
    let start = monotonicSeconds()
    for client in 0..<clients {
      group.enter()
      let port = server.port
      nonisolated(unsafe) let slots = counts
      Thread.detachNewThread {
        slots[client] = replayClient(port: port, until: start + seconds)
        group.leave()
      }
    }
    group.wait()
    let elapsed = monotonicSeconds() - start
    let total = counts.reduce(0, +)
    let rate = Double(total) / elapsed
    best = max(best, rate)
    if options.verbose { print("  run: \(total) responses in \(fixed(elapsed, 2)) s") }
  }
  print(
    "replay: \(fixed(best, 0)) requests/s, \(clients) keep-alive clients, partner response "
      + "(\(body.count) bytes), best of \(max(1, options.repetitions)); "
      + "\(server.findings.count) request findings")
  printPeakMemory()
}

/// One client: requests on one connection until `deadline`; returns the responses read whole.
private func replayClient(port: Int, until deadline: Double) -> Int {
  let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  defer { close(descriptor) }
  var timeout = timeval(tv_sec: 5, tv_usec: 0)
  setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
  var one: Int32 = 1
  setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
  var address = sockaddr_in()
  address.sin_family = sa_family_t(AF_INET)
  address.sin_port = in_port_t(UInt16(port).bigEndian)
  address.sin_addr.s_addr = inet_addr("127.0.0.1")
  let connected = withUnsafePointer(to: &address) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
      connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
    }
  }
  guard connected == 0 else { return 0 }
  var responses = 0
  var buffer = [UInt8](repeating: 0, count: 65536)
  while monotonicSeconds() < deadline {
    let request = Array(
      ("GET /v1/analytics/licenses/usage HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Authorization: Bearer benchmark\r\nAccept: application/json\r\n"
        + "MS-RequestId: \(UUID().uuidString)\r\nMS-CorrelationId: \(UUID().uuidString)\r\n\r\n")
        .utf8)
    let sent = request.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
    guard sent == request.count else { return responses }
    var received: [UInt8] = []
    var expected: Int?
    while expected.map({ received.count < $0 }) ?? true {
      let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
      guard count > 0 else { return responses }
      received += buffer[0..<count]
      if expected == nil, let end = received.firstRange(of: [13, 10, 13, 10]) {
        let head = String(decoding: received[..<end.lowerBound], as: UTF8.self).lowercased()
        guard
          let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }
          ),
          let length = Int(
            line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
        else { return responses }
        expected = end.upperBound + length
      }
    }
    responses += 1
  }
  return responses
}
