import JSONCore

/// The bodies the Partner Center API answers errors with (reference, "Errors").
enum PartnerCenterErrorBody {
  /// `{"code": .., "description": .., "data": [], "source": "PartnerFD"}`: the API sends the
  /// code as a number although the docs call it a string.
  static func error(code: Int, description: String, data: [String] = []) -> [UInt8] {
    var object = JSONObject()
    object["code"] = .number(JSONNumber(code))
    object["description"] = .string(String(description.prefix(1024)))
    object["data"] = .array(data.map { .string($0) })
    object["source"] = .string("PartnerFD")
    return JSONWriter.compactBytes(.object(object))
  }

  /// The throttling body, which has its own shape: `{"statusCode": 429, "message": ..}`.
  static func throttled(retryAfterSeconds: Int) -> [UInt8] {
    var object = JSONObject()
    object["statusCode"] = .number(JSONNumber(429))
    object["message"] = .string(
      "Rate limit is exceeded. Try again in \(retryAfterSeconds) seconds.")
    return JSONWriter.compactBytes(.object(object))
  }

  /// An error response with the Partner Center body.
  static func response(
    _ status: Int, code: Int, description: String, headers: HTTPHeaders = [:]
  ) -> HTTPResponse {
    .json(status, error(code: code, description: description), headers: headers)
  }
}
