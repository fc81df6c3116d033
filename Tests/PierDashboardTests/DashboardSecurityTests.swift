import Foundation
import PierTestSupport
import Testing

@testable import PierDashboard

/// Each rule of the dashboard's access, by the request it forbids: that request is made, and refused.
struct DashboardSecurityTests {
    static let token = "t0ken-for-tests"
    /// Every kind of resource the dashboard serves, the event and log streams included.
    static let paths = [
        "/", "/assets/app.js", "/assets/app.css", "/assets/icon.svg", "/api/events", "/api/events?project=x",
        "/api/projects/x/logs", "/api/projects/x/graph", "/api/projects/x/containers/y/environment",
    ]

    @Test func withATokenEveryRequestWithoutItIs401() async throws {
        try await DashboardHarness.with(token: Self.token) { dashboard in
            for path in Self.paths {
                #expect(try await dashboard.request(path).status == 401, "\(path)")
                let wrong = try await dashboard.request(path, headers: ["Authorization": "Bearer wrong"])
                #expect(wrong.status == 401, "\(path) with a wrong token")
            }
            let action = try await dashboard.post("/api/projects/x/actions", #"{"action": "down"}"#)
            #expect(action.status == 401)
            let reveal = try await dashboard.post("/api/projects/x/containers/y/reveal", #"{"variable": "A"}"#)
            #expect(reveal.status == 401)
            #expect(try await dashboard.request("/?token=wrong").status == 401)
        }
    }

    @Test func theTokenOpensEveryRequest() async throws {
        try await DashboardHarness.with(token: Self.token) { dashboard in
            let bearer = try await dashboard.request("/", headers: ["Authorization": "Bearer \(Self.token)"])
            #expect(bearer.status == 200 && bearer.body.contains("<title>Pier dashboard</title>"))
            #expect(try await dashboard.request("/assets/app.js", headers: ["X-Pier-Token": Self.token]).status == 200)
            // The printed URL's token becomes a cookie the page's own requests (its streams too) carry.
            let first = try await dashboard.request("/?token=\(Self.token)")
            #expect(first.status == 303)
            let cookie = try #require(
                first.headers.split(separator: "\r\n").first { $0.lowercased().hasPrefix("set-cookie: pier_token=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
            let sent = ["Cookie": "pier_token=\(Self.token)"]
            #expect(try await dashboard.request("/", headers: sent).status == 200)
            let stream = try await dashboard.request("/api/events", headers: sent, seconds: 1)
            #expect(stream.status == 200 && stream.headers.lowercased().contains("content-type: text/event-stream"))
        }
    }

    /// A page of another site may send requests to the dashboard, but not with a custom header: it is refused.
    @Test func changingRequestsNeedTheRequestKey() async throws {
        try await DashboardHarness.with { dashboard in
            let path = "/api/projects/x/actions"
            let body = #"{"action": "down"}"#
            let bare = try await dashboard.request(
                path, method: "POST", headers: ["Content-Type": "application/json"], body: body)
            #expect(bare.status == 403)
            let form = try await dashboard.request(
                path, method: "POST", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: "action=down")
            #expect(form.status == 403)
            #expect(try await dashboard.post(path, body, headers: ["X-Pier-CSRF": "guessed"]).status == 403)
            let origin = try await dashboard.post(path, body, headers: ["Origin": "http://evil.example"])
            #expect(origin.status == 403)
            let crossSite = try await dashboard.post(path, body, headers: ["Sec-Fetch-Site": "cross-site"])
            #expect(crossSite.status == 403)
            let reveal = try await dashboard.request(
                "/api/projects/x/containers/y/reveal", method: "POST", body: #"{"variable": "A"}"#)
            #expect(reveal.status == 403)
            for method in ["PUT", "DELETE", "PATCH"] {
                let other = try await dashboard.request(
                    path, method: method, headers: ["X-Pier-CSRF": dashboard.configuration.requestKey], body: body)
                #expect(other.status == 405, "\(method)")
            }
            // With the key, from the page's own origin, the request is taken (and fails here for want of a project).
            let taken = try await dashboard.post(path, body, headers: ["Origin": dashboard.base], seconds: 20)
            #expect(taken.status == 200 && taken.events("done").first?["error"] != nil)
        }
    }

    /// Nothing changes on a GET: the action's address answers no GET.
    @Test func noGetChangesAnything() async throws {
        try await DashboardHarness.with { dashboard in
            for path in ["/api/projects/x/actions", "/api/projects/x/actions?action=down", "/api/projects/x/down"] {
                let status = try await dashboard.request(path).status
                #expect(status == 404 || status == 405, "\(path): \(status)")
            }
        }
    }

    /// DNS rebinding: a site whose name resolves to 127.0.0.1 reaches the dashboard with its own name as Host.
    @Test func anotherHostNameIsRefusedOnLoopback() async throws {
        try await DashboardHarness.with { dashboard in
            for path in ["/", "/api/events", "/api/projects/x/logs"] {
                let forged = try await dashboard.request(path, headers: ["Host": "evil.example"], seconds: 30)
                #expect(forged.status == 403, "\(path)")
            }
            let port = dashboard.base.split(separator: ":").last ?? ""
            #expect(try await dashboard.request("/", headers: ["Host": "localhost:\(port)"]).status == 200)
        }
    }

    /// Beyond loopback, `pier dashboard` makes a token and prints it in the URL: a request without it is refused.
    @Test func beyondLoopbackPierMakesAToken() async throws {
        try await TestSupport.launch(
            TestSupport.pierBinary, ["dashboard", "--listen", "0.0.0.0:0"], in: TestSupport.repositoryRoot,
            environment: ProcessInfo.processInfo.environment
        ) { dashboard in
            let printed = await dashboard.waitForOutput(containing: "Every request needs the token", seconds: 30)
            let url = try #require(
                printed.split(whereSeparator: \.isWhitespace).first { $0.hasPrefix("http://") },
                "no URL printed: \(printed) \(dashboard.stderr)")
            let token = try #require(url.split(separator: "?token=").last.map(String.init))
            #expect(token.count == 64 && url.hasPrefix("http://127.0.0.1:"))
            let base = String(url.prefix { $0 != "?" })
            func status(_ headers: [String]) async throws -> String {
                let arguments = ["curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}"] + headers + [base]
                return try await TestSupport.run(
                    URL(fileURLWithPath: "/usr/bin/env"), arguments, in: TestSupport.repositoryRoot,
                    environment: ProcessInfo.processInfo.environment
                ).stdout
            }
            #expect(try await status([]) == "401")
            #expect(try await status(["-H", "Authorization: Bearer \(token)"]) == "200")
        }
    }

    /// The page may load only what the dashboard serves.
    @Test func thePageAllowsOnlyItsOwnAssets() async throws {
        try await DashboardHarness.with { dashboard in
            let page = try await dashboard.request("/")
            #expect(page.headers.contains("default-src 'none'; script-src 'self'"))
            #expect(!page.body.contains("http://") && !page.body.contains("https://"))
            #expect(page.body.contains(dashboard.configuration.requestKey))
        }
    }
}
