import Foundation
import JSONCore
import PartnerCenterContracts
import Testing

/// Raw-socket clients: malformed requests, slow clients, keep-alive, many connections, faults.
@Suite struct ReplayRobustnessTests {
  static let shortLimits = HTTPLimits(idleTimeoutMilliseconds: 300, requestTimeoutMilliseconds: 300)

  @Test func malformedRequestsGet400AndTheServerKeepsServing() throws {
    let server = try ReplayFixture.startServer()
    defer { server.stop() }
    let garbage = [
      "GET / HTTP/1.1\nHost: a\n\n", "\u{0}\u{1}\u{2}\r\n\r\n",
      "GET /v1 HTTP/1.1\r\nHost: a\r\nX : y\r\n\r\n",
      "GET /v1 HTTP/1.1\r\nHost: a\r\nContent-Length: x\r\n\r\n",
    ]
    for text in garbage {
      let connection = try RawConnection(port: server.port)
      connection.send(text)
      let answer = connection.readToEnd()
      #expect(statusCode(of: answer) == 400, "\(text.debugDescription)")
    }
    let huge = try RawConnection(port: server.port)
    huge.send("GET /" + String(repeating: "a", count: 20_000) + " HTTP/1.1\r\n")
    #expect(statusCode(of: huge.readToEnd()) == 414)
    let fine = try RawConnection(port: server.port)
    fine.send(rawRequest("/v1/analytics/licenses/usage"))
    #expect(statusCode(of: fine.readResponse().map { Array($0.head.utf8) } ?? []) == 200)
  }

  @Test func keepsConnectionsAliveAndAnswersPipelinedRequestsInOrder() throws {
    let server = try ReplayFixture.startServer()
    defer { server.stop() }
    let connection = try RawConnection(port: server.port)
    connection.send(
      rawRequest("/v1/analytics/licenses/usage")
        + rawRequest("/v1/customers/\(ReplayFixture.customerA)/analytics/licenses/usage"))
    let first = try #require(connection.readResponse())
    let second = try #require(connection.readResponse())
    #expect(first.head.hasPrefix("HTTP/1.1 200"))
    #expect(try JSONParser.parse(first.body).value == ReplayFixture.partnerBody())
    #expect(try JSONParser.parse(second.body).value == ReplayFixture.customerBody(name: "Contoso"))
    connection.send(rawRequest("/v1/nothing", extra: "Connection: close\r\n"))
    let last = connection.readToEnd()
    #expect(statusCode(of: last) == 404)
    #expect(String(decoding: last, as: UTF8.self).contains("Connection: close"))
  }

  @Test func aSlowClientGets408AndAnIdleOneIsClosed() throws {
    let server = try ReplayFixture.startServer { $0.limits = Self.shortLimits }
    defer { server.stop() }
    let slow = try RawConnection(port: server.port)
    slow.send("GET /v1/analytics/licenses/usage HTTP/1.1\r\nHo")
    #expect(statusCode(of: slow.readToEnd()) == 408)
    let idle = try RawConnection(port: server.port)
    #expect(idle.readToEnd().isEmpty)
  }

  @Test func servesSixtyFourConcurrentConnections() async throws {
    let server = try ReplayFixture.startServer()
    defer { server.stop() }
    let connections = try (0..<64).map { _ in try RawConnection(port: server.port) }
    for connection in connections { connection.send(rawRequest("/v1/analytics/licenses/usage")) }
    var ok = 0
    for connection in connections {
      if let response = connection.readResponse(), response.head.hasPrefix("HTTP/1.1 200") {
        ok += 1
      }
    }
    #expect(ok == 64)
    #expect(server.requestCount == 64)
  }

  @Test func stopEndsOpenConnectionsAndReturns() throws {
    let server = try ReplayFixture.startServer()
    let connections = try (0..<8).map { _ in try RawConnection(port: server.port) }
    connections[0].send("GET / HTTP/1.1\r\n")
    server.stop()
    server.stop()
    #expect(connections.allSatisfy { $0.readToEnd().isEmpty })
    #expect(throws: (any Error).self) { try RawConnection(port: server.port, timeoutSeconds: 1) }
  }

  @Test func injectsEachFaultWithItsShape() throws {
    func answer(_ kind: FaultPlan.Kind) throws -> [UInt8] {
      let server = try ReplayFixture.startServer {
        $0.faults = FaultPlan(faults: [FaultPlan.Fault(kind: kind, rate: 1)])
      }
      defer { server.stop() }
      let connection = try RawConnection(port: server.port)
      connection.send(rawRequest("/v1/analytics/licenses/usage", extra: "Connection: close\r\n"))
      return connection.readToEnd()
    }
    let full = JSONWriter.compactBytes(ReplayFixture.partnerBody()).count
    let throttled = String(decoding: try answer(.throttle), as: UTF8.self)
    #expect(throttled.hasPrefix("HTTP/1.1 429"))
    #expect(throttled.contains("Retry-After: 1\r\n"))
    #expect(throttled.contains(#""statusCode":429"#))
    #expect(statusCode(of: try answer(.internalError)) == 500)
    #expect(String(decoding: try answer(.unavailable), as: UTF8.self).contains("Retry-After"))
    for kind in [FaultPlan.Kind.truncate, .reset] {
      let broken = try answer(kind)
      let text = String(decoding: broken, as: UTF8.self)
      #expect(text.contains("Content-Length: \(full)\r\n"))
      let body = text.components(separatedBy: "\r\n\r\n").dropFirst().joined()
      #expect(body.utf8.count < full, "\(kind)")
    }
    let slow = String(decoding: try answer(.slow), as: UTF8.self)
    #expect(slow.components(separatedBy: "\r\n\r\n").dropFirst().joined().utf8.count == full)
  }

  @Test func aRecordedHeaderNameCannotSplitTheResponse() {
    let response = HTTPResponse(
      status: 200,
      headers: [
        "X-Good": "1", "X-Bad\r\nSet-Cookie: session=stolen": "2", "X Space": "3", "X:Colon": "4",
      ], body: Array("{}".utf8))
    let head = String(decoding: response.head(keepAlive: false), as: UTF8.self)
    #expect(head.contains("X-Good: 1\r\n"))
    #expect(!head.contains("Set-Cookie") && !head.contains("X Space") && !head.contains("X:Colon"))
    #expect(head.components(separatedBy: "\r\n").count == 6)
  }

  @Test func faultDecisionsFollowTheSeed() {
    let plan = FaultPlan(
      latencyMilliseconds: 10, jitterMilliseconds: 5,
      faults: [.init(kind: .throttle, rate: 0.3), .init(kind: .reset, rate: 0.3)], seed: 7)
    let first = (1...200).map { plan.decide(sequence: $0) }
    let again = (1...200).map { plan.decide(sequence: $0) }
    #expect(first.map(\.fault) == again.map(\.fault))
    #expect(first.map(\.delayMilliseconds) == again.map(\.delayMilliseconds))
    #expect(first.allSatisfy { (10...15).contains($0.delayMilliseconds) })
    let throttled = first.filter { $0.fault == .throttle }.count
    #expect((30...90).contains(throttled))
    var other = plan
    other.seed = 8
    #expect((1...200).map { other.decide(sequence: $0).fault } != first.map(\.fault))
    #expect(FaultPlan.parseFault("reset:5%") == .init(kind: .reset, rate: 0.05))
    #expect(FaultPlan.parseFault("404:0.1") == nil)
    #expect(FaultPlan.parseFault("500:1.5") == nil)
    #expect(FaultPlan.parseLatency("200:50")! == (200, 50))
    #expect(FaultPlan.parseLatency("-1") == nil)
  }
}
