import Foundation
import HTTPTypes
import Hummingbird

/// The page and its assets, from the binary: no CDN, no file on disk.
extension DashboardServer {
    struct Asset: Sendable {
        var contentType: String
        var bytes: [UInt8]
    }

    static let assets: [String: Asset] = [
        "/assets/app.js": Asset(contentType: "text/javascript; charset=utf-8", bytes: PackageResources.app_js),
        "/assets/app.css": Asset(contentType: "text/css; charset=utf-8", bytes: PackageResources.app_css),
        "/assets/icon.svg": Asset(contentType: "image/svg+xml", bytes: PackageResources.icon_svg),
    ]

    /// What the browser may load and run: only what this server serves.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    func addPages(to router: Router<BasicRequestContext>) {
        // The request key goes in the page, where only a page of this origin can read it.
        let page = String(decoding: PackageResources.index_html, as: UTF8.self)
            .replacingOccurrences(of: "{{REQUEST_KEY}}", with: configuration.requestKey)
        router.get("/") { _, _ in
            Self.response(Array(page.utf8), contentType: "text/html; charset=utf-8")
        }
        for (path, asset) in Self.assets {
            router.get(RouterPath(path)) { _, _ in Self.response(asset.bytes, contentType: asset.contentType) }
        }
    }

    static func response(_ bytes: [UInt8], contentType: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.cacheControl] = "no-cache"
        headers[HTTPField.Name("Content-Security-Policy")!] = contentSecurityPolicy
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
