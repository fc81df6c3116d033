import Foundation
import HTTPTypes
import Hummingbird

/// Who may use the dashboard, checked before any route runs:
/// - without a token (loopback only), the `Host` header must name a loopback address, so that a page of another
///   site whose name was made to resolve to 127.0.0.1 (DNS rebinding) is refused;
/// - with a token, every request carries it (`Authorization: Bearer`, `X-Pier-Token`, the cookie the page's first
///   load sets, or `?token=` on that first load), else 401;
/// - every request that changes something is a POST with the page's request key in `X-Pier-CSRF` (a header no
///   other site can set without the browser asking first, which the dashboard never allows), else 403.
struct AccessMiddleware<Context: RequestContext>: RouterMiddleware {
    let configuration: DashboardConfiguration

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if configuration.token == nil, !AccessRules.isLoopbackHost(request.head.authority) {
            throw HTTPError(.forbidden, message: "this dashboard answers only to localhost, 127.0.0.1 and [::1]")
        }
        if let token = configuration.token {
            let query = request.uri.queryParameters["token"].map(String.init)
            let presented =
                AccessRules.bearer(request.headers[.authorization]) ?? request.headers[AccessRules.tokenHeader]
                ?? request.cookies[AccessRules.cookieName]?.value ?? query
            guard let presented, AccessRules.equal(presented, token) else {
                var response = Response(status: .unauthorized)
                response.headers[.wwwAuthenticate] = "Bearer realm=\"pier dashboard\""
                return response
            }
            if query != nil, request.method == .get, request.uri.path == "/" {
                // The URL printed carries the token once: keep it in a cookie, and out of the address bar.
                var response = Response(status: .seeOther)
                response.headers[.location] = request.uri.path
                response.setCookie(
                    Cookie(name: AccessRules.cookieName, value: token, path: "/", httpOnly: true, sameSite: .strict))
                return response
            }
        }
        if request.method != .get && request.method != .head {
            try AccessRules.checkSameSite(request, requestKey: configuration.requestKey)
        }
        return try await next(request, context)
    }
}

/// The rules ``AccessMiddleware`` applies, apart from any request context.
enum AccessRules {
    static let cookieName = "pier_token"
    static let requestKeyHeader = HTTPField.Name("X-Pier-CSRF")!
    static let tokenHeader = HTTPField.Name("X-Pier-Token")!

    /// Refuses a changing request that another site could have made.
    static func checkSameSite(_ request: Request, requestKey: String) throws {
        guard request.method == .post else {
            throw HTTPError(.methodNotAllowed, message: "only POST requests change anything")
        }
        guard let key = request.headers[requestKeyHeader], equal(key, requestKey) else {
            throw HTTPError(.forbidden, message: "missing or wrong X-Pier-CSRF header: reload the dashboard")
        }
        if request.headers[.secFetchSite] == "cross-site" {
            throw HTTPError(.forbidden, message: "cross-site request refused")
        }
        if let origin = request.headers[.origin], let host = request.head.authority,
            origin != "http://\(host)"
        {
            throw HTTPError(.forbidden, message: "request from another origin (\(origin)) refused")
        }
    }

    /// The host part of a `Host` header, without the port.
    static func isLoopbackHost(_ header: String?) -> Bool {
        guard var host = header?.lowercased() else { return false }
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
            host = String(host[host.index(after: host.startIndex)..<close])
        } else if let colon = host.lastIndex(of: ":") {
            host = String(host[..<colon])
        }
        return DashboardConfiguration.isLoopback(host)
    }

    static func bearer(_ header: String?) -> String? {
        guard let header, header.lowercased().hasPrefix("bearer ") else { return nil }
        return String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
    }

    /// Compares in time that depends on the lengths only, not on where the strings differ.
    static func equal(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8)
        let b = Array(right.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

extension HTTPField.Name {
    static var secFetchSite: Self { Self("Sec-Fetch-Site")! }
}

/// A dashboard failure reaches the page as `422` and its words (`{"error": {"message": …}}`), as Hummingbird
/// words its own errors.
extension DashboardError: HTTPResponseError {
    public var status: HTTPResponse.Status { .unprocessableContent }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        try HTTPError(status, message: description).response(from: request, context: context)
    }
}
