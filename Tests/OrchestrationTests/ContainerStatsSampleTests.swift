import DockerEngine
import Foundation
import Testing

@testable import Orchestration

/// A stats sample computed as `docker stats` computes it, on an answer of Docker Engine 20.10 (cgroup v1).
struct ContainerStatsSampleTests {
    static let answer = """
        {"name":"/demo-web-1","pids_stats":{"current":3},
         "blkio_stats":{"io_service_bytes_recursive":[{"major":8,"minor":0,"op":"Read","value":4096},
           {"major":8,"minor":0,"op":"Write","value":8192},{"major":8,"minor":0,"op":"Sync","value":12288}]},
         "cpu_stats":{"cpu_usage":{"total_usage":300000000,"percpu_usage":[150000000,150000000]},
           "system_cpu_usage":20000000000,"online_cpus":2},
         "precpu_stats":{"cpu_usage":{"total_usage":100000000},"system_cpu_usage":18000000000},
         "memory_stats":{"usage":10485760,"limit":104857600,"stats":{"total_inactive_file":2097152}},
         "networks":{"eth0":{"rx_bytes":1440,"tx_bytes":0},"eth1":{"rx_bytes":60,"tx_bytes":30}}}
        """

    @Test func computesWhatTheDockerCLIShows() throws {
        let stats = try JSONDecoder().decode(JSONValue.self, from: Data(Self.answer.utf8))
        let sample = ContainerStatsSample(stats: stats)
        #expect(sample.name == "demo-web-1")
        // 0.2 s of CPU over 2 s of the system's two CPUs: 20 %.
        #expect(abs(sample.cpuPercent - 20) < 0.0001)
        // The page cache (inactive files) is not counted.
        #expect(sample.memoryUsage == 8_388_608)
        #expect(sample.memoryLimit == 104_857_600)
        #expect(abs(sample.memoryPercent - 8) < 0.0001)
        #expect(sample.networkReceived == 1500 && sample.networkSent == 30)
        #expect(sample.blockRead == 4096 && sample.blockWritten == 8192)
        #expect(sample.pids == 3)
    }

    /// A stopped container's answer is all zeros, and shows zeros, not a division by zero.
    @Test func aStoppedContainerIsZeros() throws {
        let stats = try JSONDecoder().decode(JSONValue.self, from: Data(#"{"name":"/x","memory_stats":{}}"#.utf8))
        let sample = ContainerStatsSample(stats: stats)
        #expect(sample.cpuPercent == 0 && sample.memoryPercent == 0 && sample.pids == 0)
    }
}
