/// The documentation's examples (`../shared/seeds/004_941583c6972f56d2.txt`, "Get customer
/// licenses usage information"), verbatim, for tests of input decoding and validation.
public enum DocumentationExample {
  /// The request example of the customer licenses-usage page.
  public static let customerRequest = #"""
    GET https://api.partnercenter.microsoft.com/v1/customers/4d3cf487-70f4-4e1e-9ff1-b2bfce8d9f04/analytics/licenses/usage HTTP/1.1
    Authorization: Bearer <token>
    Accept: application/json
    MS-RequestId: f657d2a8-9ed6-41b4-abfc-3cf4abebd62f
    MS-CorrelationId: ae3b8c36-348b-46bc-9a60-398f973153ff
    X-Locale: en-US
    MS-PartnerCenter-Client: Partner Center .NET SDK
    Host: api.partnercenter.microsoft.com
    """#

  /// The response example of the customer licenses-usage page.
  public static let customerResponse = #"""
    HTTP/1.1 200 OK
    Content-Length: 1726
    Content-Type: application/json; charset=utf-8
    MS-CorrelationId: ae3b8c36-348b-46bc-9a60-398f973153ff
    MS-RequestId: f657d2a8-9ed6-41b4-abfc-3cf4abebd62f
    MS-CV: 0mufM0K1kEOoR7oI.0
    MS-ServerId: 030020525
    Date: Wed, 15 Mar 2017 01:19:58 GMT

    {
        "totalCount": 5,
        "items": [{
                "customerName": "DT DEMO CSP CUSTOMER 005",
                "productName": "OFFICE 365 BUSINESS ESSENTIALS",
                "licensesActive": 0,
                "licensesQualified": 1,
                "usagePercent": 0.0,
                "workloadName": "Exchange",
                "processedDateTime": "2017-03-09T00:00:00+00:00",
                "serviceName": "o365",
                "channel": "reseller",
                "attributes": {
                    "objectType": "CustomerLicensesUsageInsights"
                }
            }, {
                "customerName": "DT DEMO CSP CUSTOMER 005",
                "productName": "OFFICE 365 BUSINESS ESSENTIALS",
                "licensesActive": 0,
                "licensesQualified": 1,
                "usagePercent": 0.0,
                "workloadName": "SharePoint",
                "processedDateTime": "2017-03-09T00:00:00+00:00",
                "serviceName": "o365",
                "channel": "reseller",
                "attributes": {
                    "objectType": "CustomerLicensesUsageInsights"
                }
            }, {
                "customerName": "DT DEMO CSP CUSTOMER 005",
                "productName": "OFFICE 365 BUSINESS ESSENTIALS",
                "licensesActive": 0,
                "licensesQualified": 1,
                "usagePercent": 0.0,
                "workloadName": "Skype For Business",
                "processedDateTime": "2017-03-09T00:00:00+00:00",
                "serviceName": "o365",
                "channel": "reseller",
                "attributes": {
                    "objectType": "CustomerLicensesUsageInsights"
                }
            }, {
                "customerName": "DT DEMO CSP CUSTOMER 005",
                "productName": "EXCHANGE ONLINE (PLAN 1)",
                "licensesActive": 0,
                "licensesQualified": 5,
                "usagePercent": 0.0,
                "workloadName": "Exchange",
                "processedDateTime": "2017-03-09T00:00:00+00:00",
                "serviceName": "o365",
                "channel": "reseller",
                "attributes": {
                    "objectType": "CustomerLicensesUsageInsights"
                }
            }, {
                "customerName": "DT DEMO CSP CUSTOMER 005",
                "productName": "EXCHANGE ONLINE ARCHIVING FOR EXCHANGE ONLINE",
                "licensesActive": 0,
                "licensesQualified": 2,
                "usagePercent": 0.0,
                "workloadName": "Exchange",
                "processedDateTime": "2017-03-09T00:00:00+00:00",
                "serviceName": "o365",
                "channel": "reseller",
                "attributes": {
                    "objectType": "CustomerLicensesUsageInsights"
                }
            }
        ],
        "attributes": {
            "objectType": "Collection"
        }
    }
    """#

  /// The request and response as one trace: the request, a blank line, the response.
  public static var customerExchange: String { customerRequest + "\n" + customerResponse }

  /// The body of the response example alone.
  public static var customerBody: String {
    guard let start = customerResponse.range(of: "\n\n") else { return "" }
    return String(customerResponse[start.upperBound...])
  }
}
