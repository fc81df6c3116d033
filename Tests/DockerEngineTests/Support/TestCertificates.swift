import Foundation
import NIOSSL
import PierTestSupport

/// A CA, a server certificate for 127.0.0.1 and localhost, and a client certificate, made with `openssl` in a
/// scratch folder (named as DOCKER_CERT_PATH expects: ca.pem, cert.pem, key.pem for the client).
struct TestCertificates: Sendable {
    let directory: TemporaryDirectory
    var caPath: String { directory.url.appendingPathComponent("ca.pem").path }
    var clientCertificatePath: String { directory.url.appendingPathComponent("cert.pem").path }
    var clientKeyPath: String { directory.url.appendingPathComponent("key.pem").path }
    var otherCAPath: String { directory.url.appendingPathComponent("other-ca.pem").path }

    static func make() async throws -> TestCertificates {
        let directory = try TemporaryDirectory()
        let ec = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
        let script = """
            set -e
            openssl req -x509 \(ec) -keyout ca-key.pem -out ca.pem -days 2 -subj '/CN=Pier Test CA' \
              -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
            openssl req -x509 \(ec) -keyout other-ca-key.pem -out other-ca.pem -days 2 -subj '/CN=Other CA' \
              -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
            printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\\nextendedKeyUsage=serverAuth\\n' > server.ext
            printf 'extendedKeyUsage=clientAuth\\n' > client.ext
            openssl req \(ec) -keyout server-key.pem -out server.csr -subj '/CN=localhost'
            openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 2 \
              -extfile server.ext -out server-cert.pem
            openssl req \(ec) -keyout key.pem -out client.csr -subj '/CN=pier-client'
            openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 2 \
              -extfile client.ext -out cert.pem
            """
        let result = try await TestSupport.run(
            URL(fileURLWithPath: "/bin/sh"), ["-c", script], in: directory.url,
            environment: ProcessInfo.processInfo.environment)
        guard result.status == 0 else {
            throw TestSetupError("openssl failed to make test certificates (status \(result.status)): \(result.stderr)")
        }
        return TestCertificates(directory: directory)
    }

    /// A server context presenting the server certificate; with `requireClientCertificate`, it accepts only
    /// clients whose certificate the CA signed.
    func serverContext(requireClientCertificate: Bool) throws -> NIOSSLContext {
        let certificate = try NIOSSLCertificate.fromPEMFile(
            directory.url.appendingPathComponent("server-cert.pem").path)
        let key = try NIOSSLPrivateKey(file: directory.url.appendingPathComponent("server-key.pem").path, format: .pem)
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: certificate.map { .certificate($0) }, privateKey: .privateKey(key))
        if requireClientCertificate {
            configuration.certificateVerification = .noHostnameVerification
            configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caPath))
        }
        return try NIOSSLContext(configuration: configuration)
    }
}
