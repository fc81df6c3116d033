import Foundation
import PierTestSupport
import Testing

/// The seeds' backup and restore of a real PostgreSQL through `exec -T`: `pg_dump > backup.sql`, then
/// `psql < backup.sql` into an emptied database, which finishes only because end of file reaches psql.
@Suite(.requiresEngine, .requiresImage(PostgresImage.name, remedy: "scripts/seed-images.sh builds it"))
struct PostgresBackupTests {
    static let compose = """
        services:
          db:
            image: \(PostgresImage.name)
            environment: {POSTGRES_PASSWORD: secret, POSTGRES_DB: notes}
            healthcheck: {test: ["CMD-SHELL", "pg_isready -U postgres -d notes"], interval: 1s, retries: 60}
        """

    @Test func backupAndRestoreThroughExec() async throws {
        try await ScratchProject.with(Self.compose) { project in
            let up = try await project.pier("up", "-d", "--wait")
            try #require(up.status == 0, "\(up.stderr)")
            let psql = ["exec", "-T", "db", "psql", "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-q"]
            let fill = try await project.pier(
                psql + [
                    "-d", "notes", "-c",
                    "create table notes(id int primary key, body text); insert into notes select g, md5(g::text) "
                        + "|| repeat('x', 40) from generate_series(1, 100000) g;",
                ])
            try #require(fill.status == 0, "\(fill.stderr)")
            let digestQuery = "select count(*), md5(string_agg(body, ',' order by id)) from notes"
            let before = try await project.pier(psql + ["-d", "notes", "-tA", "-c", digestQuery])

            let environment = project.environment
            let binary = "'\(TestSupport.pierBinary.path)'"
            let dump = try await InteractiveSupport.shell(
                "\(binary) exec -T db pg_dump -U postgres -d notes > backup.sql", in: project.directory,
                environment: environment)
            #expect(dump.status == 0, "\(dump.stderr)")
            let size =
                try FileManager.default.attributesOfItem(
                    atPath: project.directory.appendingPathComponent("backup.sql").path)[.size] as? Int ?? 0
            #expect(size > 5_000_000, "the dump is \(size) bytes")

            _ = try await project.pier(
                psql + ["-d", "postgres", "-c", "drop database notes", "-c", "create database notes"])
            let restore = try await InteractiveSupport.shell(
                "\(binary) exec -T db psql -U postgres -d notes -v ON_ERROR_STOP=1 -q < backup.sql > /dev/null",
                in: project.directory, environment: environment)
            #expect(restore.status == 0, "\(restore.stderr)")
            let after = try await project.pier(psql + ["-d", "notes", "-tA", "-c", digestQuery])
            #expect(after.stdout == before.stdout && after.stdout.hasPrefix("100000|"), "\(after)")
        }
    }
}

/// The PostgreSQL image `scripts/seed-images.sh` builds offline (the `seeds` work); the test runs where it exists.
enum PostgresImage {
    static let name = ProcessInfo.processInfo.environment["PIER_POSTGRES_IMAGE"] ?? "pier-seed/postgres:15"
}
