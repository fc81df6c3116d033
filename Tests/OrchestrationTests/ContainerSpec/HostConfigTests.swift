import DockerEngine
import Testing

@testable import Orchestration

/// `HostConfig` fields other than storage and networking, as Docker Compose 2.40.3 sends them.
@Suite struct HostConfigTests {
    static let cases: [BodyCase] = [
        BodyCase(
            attributes: "restart: unless-stopped",
            host: #"{"RestartPolicy": {"Name": "unless-stopped", "MaximumRetryCount": 0}}"#),
        BodyCase(
            attributes: "restart: \"on-failure:5\"",
            host: #"{"RestartPolicy": {"Name": "on-failure", "MaximumRetryCount": 5}}"#),
        BodyCase(attributes: "restart: \"no\"", host: #"{"RestartPolicy": {"Name": "no", "MaximumRetryCount": 0}}"#),
        BodyCase(
            attributes: "deploy:\n  restart_policy: {condition: on-failure, max_attempts: 3}",
            host: #"{"RestartPolicy": {"Name": "on-failure", "MaximumRetryCount": 3}}"#),
        BodyCase(
            attributes: "deploy:\n  restart_policy: {condition: none}",
            host: #"{"RestartPolicy": {"Name": "no", "MaximumRetryCount": 0}}"#),
        // deploy.restart_policy wins over restart.
        BodyCase(
            attributes: "restart: \"no\"\ndeploy:\n  restart_policy: {condition: any}",
            host: #"{"RestartPolicy": {"Name": "always", "MaximumRetryCount": 0}}"#),
        // Upper case, `CAP_` prefixed (not `ALL`), sorted.
        BodyCase(
            attributes: "cap_add: [ALL, sys_admin, CAP_CHOWN]\ncap_drop: [net_raw]",
            host: #"{"CapAdd": ["ALL", "CAP_CHOWN", "CAP_SYS_ADMIN"], "CapDrop": ["CAP_NET_RAW"]}"#),
        BodyCase(
            attributes: "privileged: true\nread_only: true\ninit: true",
            host: #"{"Privileged": true, "ReadonlyRootfs": true, "Init": true}"#),
        BodyCase(attributes: "init: false", host: #"{"Init": false}"#),
        BodyCase(
            attributes: "security_opt: [\"label:disable\", \"apparmor=unconfined\", no-new-privileges]",
            host: #"{"SecurityOpt": ["label:disable", "apparmor=unconfined", "no-new-privileges"]}"#),
        BodyCase(
            attributes: "sysctls:\n  net.core.somaxconn: 1024", host: #"{"Sysctls": {"net.core.somaxconn": "1024"}}"#),
        BodyCase(
            attributes:
                "ipc: shareable\npid: host\nuts: host\nuserns_mode: host\ncgroup: private\ncgroup_parent: mygroup",
            host: #"{"IpcMode": "shareable", "PidMode": "host", "UTSMode": "host", "UsernsMode": "host","#
                + #" "CgroupnsMode": "private", "CgroupParent": "mygroup"}"#),
        BodyCase(
            attributes: "isolation: default\nruntime: runc\nstorage_opt: {size: 1G}\ngroup_add: [mail]",
            host: #"{"Isolation": "default", "Runtime": "runc", "StorageOpt": {"size": "1G"}, "GroupAdd": ["mail"]}"#),
        BodyCase(
            attributes: "dns: [8.8.8.8]\ndns_search: [example.com]\ndns_opt: [use-vc]",
            host: #"{"Dns": ["8.8.8.8"], "DnsSearch": ["example.com"], "DnsOptions": ["use-vc"]}"#),
        BodyCase(
            attributes: "extra_hosts:\n  multi: [\"1.1.1.1\", \"2.2.2.2\"]\n  v6: \"::1\"\n  other: 1.2.3.4",
            host: #"{"ExtraHosts": ["multi:1.1.1.1", "multi:2.2.2.2", "other:1.2.3.4", "v6:::1"]}"#),
        BodyCase(
            attributes: "extra_hosts: [\"somehost:162.242.195.82\"]",
            host: #"{"ExtraHosts": ["somehost:162.242.195.82"]}"#),
        BodyCase(
            attributes: "logging:\n  driver: json-file\n  options: {max-size: 10m}",
            host: #"{"LogConfig": {"Type": "json-file", "Config": {"max-size": "10m"}}}"#),
        BodyCase(attributes: "logging:\n  driver: none", host: #"{"LogConfig": {"Type": "none", "Config": null}}"#),
        BodyCase(
            attributes: "annotations: {com.example.ann: v}", host: #"{"Annotations": {"com.example.ann": "v"}}"#,
            api: (1, 43)),
    ]

    static let resourceCases: [BodyCase] = [
        BodyCase(
            attributes: "mem_limit: 64m\nmemswap_limit: 128m\nmem_reservation: 32m\nshm_size: 64m\nmem_swappiness: 10",
            host: #"{"Memory": 67108864, "MemorySwap": 134217728, "MemoryReservation": 33554432,"#
                + #" "ShmSize": 67108864, "MemorySwappiness": 10}"#),
        BodyCase(attributes: "memswap_limit: -1", host: #"{"MemorySwap": -1}"#),
        BodyCase(
            attributes:
                "cpus: 0.5\ncpu_shares: 512\ncpuset: \"0\"\npids_limit: 100\noom_score_adj: 100\noom_kill_disable: true",
            host: #"{"NanoCpus": 500000000, "CpuShares": 512, "CpusetCpus": "0", "PidsLimit": 100,"#
                + #" "OomScoreAdj": 100, "OomKillDisable": true}"#),
        BodyCase(
            attributes: "cpu_period: 100000\ncpu_quota: 50000", host: #"{"CpuPeriod": 100000, "CpuQuota": 50000}"#),
        BodyCase(
            attributes: "cpu_count: 2\ncpu_rt_runtime: 400\ncpu_rt_period: 1400",
            host: #"{"CpuCount": 2, "CpuRealtimeRuntime": 400, "CpuRealtimePeriod": 1400}"#),
        BodyCase(
            attributes: "deploy:\n  resources:\n    limits: {cpus: \"1.5\", memory: 100M, pids: 50}\n"
                + "    reservations: {memory: 20M}",
            host: #"{"NanoCpus": 1500000000, "Memory": 104857600, "PidsLimit": 50, "MemoryReservation": 20971520}"#),
        BodyCase(
            attributes: "ulimits:\n  nproc: 65535\n  nofile: {soft: 20000, hard: 40000}",
            host: #"{"Ulimits": [{"Name": "nproc", "Soft": 65535, "Hard": 65535},"#
                + #" {"Name": "nofile", "Soft": 20000, "Hard": 40000}]}"#),
        BodyCase(attributes: "ulimits: {nofile: 0}", host: #"{"Ulimits": [{"Name": "nofile", "Soft": 0, "Hard": 0}]}"#),
        BodyCase(
            attributes: "blkio_config:\n  weight: 300\n  weight_device: [{path: /dev/sda, weight: 400}]\n"
                + "  device_read_bps: [{path: /dev/sda, rate: 12mb}]\n  device_write_iops: [{path: /dev/sda, rate: 30}]",
            host: #"{"BlkioWeight": 300, "BlkioWeightDevice": [{"Path": "/dev/sda", "Weight": 400}],"#
                + #" "BlkioDeviceReadBps": [{"Path": "/dev/sda", "Rate": 12582912}],"#
                + #" "BlkioDeviceWriteIOps": [{"Path": "/dev/sda", "Rate": 30}]}"#),
    ]

    static let deviceCases: [BodyCase] = [
        BodyCase(
            attributes: "devices:\n  - /dev/null:/dev/xnull:rwm\n  - /dev/zero\n"
                + "  - {source: /dev/random, target: /dev/xrandom, permissions: r}\n"
                + "device_cgroup_rules: [\"c 1:3 mr\"]",
            host:
                #"{"Devices": [{"PathOnHost": "/dev/null", "PathInContainer": "/dev/xnull", "CgroupPermissions": "rwm"},"#
                + #" {"PathOnHost": "/dev/zero", "PathInContainer": "/dev/zero", "CgroupPermissions": "rwm"},"#
                + #" {"PathOnHost": "/dev/random", "PathInContainer": "/dev/xrandom", "CgroupPermissions": "r"}],"#
                + #" "DeviceCgroupRules": ["c 1:3 mr"]}"#),
        // Reservations first, then CDI names from `devices`, then `gpus`.
        BodyCase(
            attributes: "gpus: all\ndevices: [nvidia.com/gpu=all]\ndeploy:\n  resources:\n    reservations:\n"
                + "      devices:\n        - {capabilities: [gpu], driver: nvidia, count: 2}\n"
                + "        - {capabilities: [gpu, utility], device_ids: [\"0\"], options: {a: b}}",
            host: #"{"DeviceRequests": ["#
                + #"{"Driver": "nvidia", "Count": 2, "DeviceIDs": null, "Capabilities": [["gpu"]], "Options": null},"#
                + #" {"Driver": "", "Count": 0, "DeviceIDs": ["0"], "Capabilities": [["gpu", "utility"]], "Options": {"a": "b"}},"#
                + #" {"Driver": "cdi", "Count": 0, "DeviceIDs": ["nvidia.com/gpu=all"], "Capabilities": null, "Options": null},"#
                + #" {"Driver": "", "Count": -1, "DeviceIDs": null, "Capabilities": [["gpu"]], "Options": null}]}"#),
        BodyCase(
            attributes: "gpus:\n  - {driver: nvidia, count: 1}",
            host: #"{"DeviceRequests": [{"Driver": "nvidia", "Count": 1, "DeviceIDs": null, "Capabilities": [["gpu"]],"#
                + #" "Options": null}]}"#),
    ]

    @Test(arguments: cases) func hostField(_ testCase: BodyCase) throws {
        try testCase.check(try ServiceFixture.request(testCase.yaml, api: testCase.api))
    }

    @Test(arguments: resourceCases) func resourceField(_ testCase: BodyCase) throws {
        try testCase.check(try ServiceFixture.request(testCase.yaml, api: testCase.api))
    }

    @Test(arguments: deviceCases) func deviceField(_ testCase: BodyCase) throws {
        try testCase.check(try ServiceFixture.request(testCase.yaml, api: testCase.api))
    }

    @Test func seccompProfileIsSentInline() throws {
        let request = try ServiceFixture.request(
            BodyCase(attributes: "security_opt: [\"seccomp:sec.json\"]").yaml,
            files: ["sec.json": "{\n  \"defaultAction\": \"SCMP_ACT_ALLOW\",\n  \"names\": [\"a b\"]\n}\n"])
        #expect(
            request[host: "SecurityOpt"] == .strings([#"seccomp={"defaultAction":"SCMP_ACT_ALLOW","names":["a b"]}"#]))
    }

    @Test func cpusWithAQuotaIsAConflict() throws {
        #expect(throws: OrchestrationError.self) {
            try ServiceFixture.request(BodyCase(attributes: "cpus: 0.5\ncpu_quota: 50000").yaml)
        }
    }

    @Test func swarmOnlyDeploySettingsWarn() throws {
        let request = try ServiceFixture.request(
            BodyCase(
                attributes: "deploy:\n  labels: {a: b}\n  placement: {constraints: [\"node.role==manager\"]}\n"
                    + "  restart_policy: {condition: any, delay: 5s}\n  resources: {reservations: {cpus: \"0.25\"}}"
            ).yaml)
        #expect(request.warnings.count == 3)
        #expect(request.warnings[0].message.contains("deploy.labels, deploy.placement"))
    }
}
