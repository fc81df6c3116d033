/// The merge cases, each checked against `compose-ref -f base.yaml -f override.yaml config`.
enum MergeCases {
    static let all = generic + replaced + keyed + lists + unique + named + special + tags

    static let generic: [MergeCase] = [
        .service("later scalar wins", "image: a\nuser: root", "image: b", "image: b\nuser: root"),
        .service(
            "mappings merge recursively", "image: a\ndeploy: {resources: {limits: {cpus: '1', memory: 1G}}}",
            "deploy: {resources: {limits: {memory: 2G}}, replicas: 2}",
            "image: a\ndeploy: {resources: {limits: {cpus: '1', memory: 2G}}, replicas: 2}"),
        .service(
            "sequences are appended with duplicates",
            "image: a\nsecurity_opt: [a]\ngroup_add: [1]\npost_start: [{command: a}]",
            "security_opt: [b]\ngroup_add: ['1']\npost_start: [{command: a}]",
            "image: a\nsecurity_opt: [a, b]\ngroup_add: [1, '1']\npost_start: [{command: a}, {command: a}]"),
        .service(
            "a later null keeps the earlier value", "image: a\nlabels: {a: '1'}\nports: ['80']\nbuild: .\nx-a: {b: 1}",
            "labels:\nports:\nbuild:\nx-a:", "image: a\nlabels: {a: '1'}\nports: ['80']\nbuild: .\nx-a: {b: 1}"),
        .service("an earlier null takes the later value", "image: a\nx-a:", "x-a: [1]", "image: a\nx-a: [1]"),
        .service("a scalar can become a mapping", "image: a\nx-a: 1", "x-a: {b: 1}", "image: a\nx-a: {b: 1}"),
        .service(
            "extensions merge generically", "image: a\nx-a: {b: 1, c: [1]}", "x-a: {b: 2, c: [2]}",
            "image: a\nx-a: {b: 2, c: [1, 2]}"),
        .service(
            "deploy lists are appended", "image: a\ndeploy: {placement: {constraints: [a==b]}, labels: [a=1]}",
            "deploy: {placement: {constraints: [a==b]}, labels: {b: 2}}",
            "image: a\ndeploy: {placement: {constraints: [a==b, a==b]}, labels: {a: '1', b: 2}}"),
        MergeCase(
            "a service only in the later file", "services:\n  s: {image: a}", "services:\n  t: {image: b}",
            "services:\n  s: {image: a}\n  t: {image: b}"),
        MergeCase("later name wins", "name: one\nservices: {}", "name: two", "name: two\nservices: {}"),
        MergeCase(
            "top-level resources merge",
            "networks: {n: {driver: bridge, driver_opts: {a: '1'}}}\nsecrets: {s: {file: ./a}}",
            "networks: {n: {driver_opts: {b: '2'}}}\nsecrets: {s: {file: ./b}}",
            "networks: {n: {driver: bridge, driver_opts: {a: '1', b: '2'}}}\nsecrets: {s: {file: ./b}}"),
    ]

    static let replaced: [MergeCase] = [
        .service(
            "command and entrypoint are replaced", "image: a\ncommand: [a, b]\nentrypoint: x y",
            "command: c d\nentrypoint: [z]",
            "image: a\ncommand: c d\nentrypoint: [z]"),
        .service("a null command removes it", "image: a\ncommand: [a]", "command: null", "image: a\ncommand: null"),
        .service(
            "healthcheck test is replaced, the rest merges", "image: a\nhealthcheck: {test: [CMD, a, b], interval: 1s}",
            "healthcheck: {test: [CMD, c], timeout: 2s}",
            "image: a\nhealthcheck: {test: [CMD, c], interval: 1s, timeout: 2s}"),
        .service(
            "ulimits entries are replaced whole", "image: a\nulimits: {nofile: {soft: 1, hard: 2}, nproc: 5}",
            "ulimits: {nofile: 10, core: {soft: 0, hard: 0}}",
            "image: a\nulimits: {nofile: 10, nproc: 5, core: {soft: 0, hard: 0}}"),
        .service(
            "logging with the same driver merges", "image: a\nlogging: {driver: json-file, options: {max-size: 1m}}",
            "logging: {driver: json-file, options: {max-file: '3'}}",
            "image: a\nlogging: {driver: json-file, options: {max-size: 1m, max-file: '3'}}"),
        .service(
            "logging without a later driver merges", "image: a\nlogging: {driver: json-file, options: {a: '1'}}",
            "logging: {options: {b: '2'}}", "image: a\nlogging: {driver: json-file, options: {a: '1', b: '2'}}"),
        .service(
            "logging with another driver is replaced",
            "image: a\nlogging: {driver: json-file, options: {a: '1'}, x-e: 1}",
            "logging: {driver: syslog}", "image: a\nlogging: {driver: syslog}"),
    ]

    static let keyed: [MergeCase] = [
        .service(
            "environment list and map merge by key", "image: a\nenvironment: [A=1, B, C=]",
            "environment: {B: 2, D: null, A: x=y}", "image: a\nenvironment: {A: x=y, B: 2, C: '', D: null}"),
        .service(
            "a bare key replaces a value", "image: a\nenvironment: {A: 1}", "environment: [A]",
            "image: a\nenvironment: {A: null}"),
        .service(
            "a later null entry replaces a value", "image: a\nlabels: {a: 1, b: 2}", "labels: {a: null}",
            "image: a\nlabels: {a: null, b: 2}"),
        .service(
            "labels annotations sysctls", "image: a\nlabels: {a: 1}\nannotations: [x=1]\nsysctls: {net.a: 1}",
            "labels: [a=2, b]\nannotations: {y: 2}\nsysctls: [net.a=3]",
            "image: a\nlabels: {a: '2', b: null}\nannotations: {x: '1', y: 2}\nsysctls: {net.a: '3'}"),
        .service(
            "build args labels contexts",
            "build: {context: ., args: [A=1], labels: {l: 1}, additional_contexts: [c=./c]}",
            "build: {args: {B: 2}, labels: [m=2], additional_contexts: {c: ./d}}",
            "build: {context: ., args: {A: '1', B: 2}, labels: {l: 1, m: '2'}, additional_contexts: {c: ./d}}"),
        MergeCase(
            "network and volume labels merge by key", "networks: {n: {labels: [a=1]}}\nvolumes: {v: {labels: {a: 1}}}",
            "networks: {n: {labels: {a: null, b: 2}}}\nvolumes: {v: {labels: [b=2]}}",
            "networks: {n: {labels: {a: null, b: 2}}}\nvolumes: {v: {labels: {a: 1, b: '2'}}}"),
        MergeCase(
            "secret labels merge generically", "secrets: {s: {file: ./x, labels: [a=1]}}",
            "secrets: {s: {labels: [b=2]}}", "secrets: {s: {file: ./x, labels: [a=1, b=2]}}"),
        .service(
            "extra_hosts become host=ip items", "image: a\nextra_hosts: ['a:1.1.1.1', 'b=2.2.2.2']",
            "extra_hosts: {a: [1.1.1.1, 9.9.9.9], c: 3.3.3.3}",
            "image: a\nextra_hosts: ['a:1.1.1.1', b=2.2.2.2, a=1.1.1.1, a=9.9.9.9, c=3.3.3.3]"),
        .service(
            "extra_hosts drop exact duplicates", "image: a\nextra_hosts: {a: [1.1.1.1, 1.1.1.2], b: 3.3.3.3}",
            "extra_hosts: {a: 1.1.1.3, b: [3.3.3.4, 3.3.3.3]}",
            "image: a\nextra_hosts: [a=1.1.1.1, a=1.1.1.2, b=3.3.3.3, a=1.1.1.3, b=3.3.3.4]"),
    ]

    static let lists: [MergeCase] = [
        .service(
            "a string is a one-item list", "image: a\ndns: 1.1.1.1\ndns_search: [a.com]\ntmpfs: /t1",
            "dns: [8.8.8.8, 1.1.1.1]\ndns_search: b.com\ntmpfs: /t2",
            "image: a\ndns: [1.1.1.1, 8.8.8.8]\ndns_search: [a.com, b.com]\ntmpfs: [/t1, /t2]"),
        .service(
            "keyed sets drop duplicates in place",
            "image: a\ncap_add: [A, B]\ncap_drop: [C]\ndns_opt: [x]\nprofiles: [p]\nlinks: [db]",
            "cap_add: [C, A]\ncap_drop: [C]\ndns_opt: [x, y]\nprofiles: [p, q]\nlinks: ['db:db', db]",
            "image: a\ncap_add: [A, B, C]\ncap_drop: [C]\ndns_opt: [x, y]\nprofiles: [p, q]\nlinks: [db, 'db:db']"),
        .service(
            "expose compares text", "image: a\nexpose: ['80', 81, '82/tcp']", "expose: [80, '81', '82']",
            "image: a\nexpose: [80, '81', '82/tcp', '82']"),
        .service(
            "env_file merges by path in place", "image: a\nenv_file: [y, x]",
            "env_file: [{path: y, required: false}, z, x]", "image: a\nenv_file: [{path: y, required: false}, x, z]"),
        .service(
            "label_file keeps duplicates", "image: a\nlabel_file: y", "label_file: [x, y]",
            "image: a\nlabel_file: [y, x, y]"),
        .service(
            "build tags are unique, other build lists appended",
            "build: {context: ., tags: [t1, t2], platforms: [linux/amd64], cache_from: [c]}",
            "build: {tags: [t2, t3], platforms: [linux/amd64], cache_from: [c]}",
            "build: {context: ., tags: [t1, t2, t3], platforms: [linux/amd64, linux/amd64], cache_from: [c, c]}"),
    ]
}

extension MergeCases {
    static let named: [MergeCase] = [
        MergeCase(
            "depends_on list items start services",
            "services:\n  s: {depends_on: {d: {condition: service_healthy, restart: true, required: false}}}",
            "services:\n  s: {depends_on: [d, e]}",
            """
            services:
              s:
                depends_on:
                  d: {condition: service_started, restart: true, required: true}
                  e: {condition: service_started, required: true}
            """),
        .service(
            "depends_on entries merge by field", "depends_on: {d: {condition: service_healthy, required: false}}",
            "depends_on: {d: {restart: true}}",
            "depends_on: {d: {condition: service_healthy, required: false, restart: true}}"),
        .service(
            "service networks merge by name",
            "image: a\nnetworks: {a: {aliases: [x], priority: 1, driver_opts: {o: 1}}}",
            "networks:\n  a: {aliases: [y], ipv4_address: 10.0.0.2, priority: 2, driver_opts: {p: 2}}\n  b:",
            "image: a\nnetworks: {a: {aliases: [x, y], ipv4_address: 10.0.0.2, priority: 2, "
                + "driver_opts: {o: 1, p: 2}}, b: null}"
        ),
        .service(
            "a network list keeps earlier settings", "image: a\nnetworks: {a: {aliases: [x]}}", "networks: [a, b]",
            "image: a\nnetworks: {a: {aliases: [x]}, b: null}"),
        .service(
            "a network list takes later settings", "image: a\nnetworks: [a]", "networks: {a: {aliases: [x]}}",
            "image: a\nnetworks: {a: {aliases: [x]}}"),
        .service(
            "models merge like networks", "image: a\nmodels: [m1]", "models: {m1: {endpoint_var: E}, m2: null}",
            "image: a\nmodels: {m1: {endpoint_var: E}, m2: null}"),
    ]

    static let special: [MergeCase] = [
        .service("a build string is a context", "build: ./a", "build: ./b", "build: {context: ./b}"),
        .service(
            "a build string merges into a mapping", "build: {context: ./a, dockerfile: D}", "build: ./b",
            "build: {context: ./b, dockerfile: D}"),
        .service(
            "a build mapping merges into a string", "build: ./a", "build: {dockerfile: D}",
            "build: {context: ./a, dockerfile: D}"),
        .service(
            "earlier ssh list is read as a mapping", "build: {context: ., ssh: [default, a=/x]}",
            "build: {ssh: {a: /y, b: /z}}", "build: {context: ., ssh: {default: '', a: /y, b: /z}}"),
        .service(
            "an earlier gpus all is one request", "image: a\ngpus: all", "gpus: [{driver: nvidia}]",
            "image: a\ngpus: [{count: -1}, {driver: nvidia}]"),
        .service(
            "gpus lists are appended", "image: a\ngpus: [{driver: nvidia}]", "gpus: [{driver: nvidia}]",
            "image: a\ngpus: [{driver: nvidia}, {driver: nvidia}]"),
        MergeCase(
            "ipam pools with the same subnet merge",
            "networks: {n: {ipam: {config: [{subnet: 10.0.0.0/24, gateway: 10.0.0.1}]}}}",
            "networks: {n: {ipam: {config: [{subnet: 10.0.0.0/24, ip_range: 10.0.0.0/25}, {subnet: 10.2.0.0/24}]}}}",
            "networks: {n: {ipam: {config: [{subnet: 10.0.0.0/24, gateway: 10.0.0.1, ip_range: 10.0.0.0/25}, "
                + "{subnet: 10.2.0.0/24}]}}}"
        ),
        MergeCase(
            "ipam pools missing from the later list disappear",
            "networks: {n: {ipam: {driver: default, config: [{subnet: 10.0.0.0/24}, {subnet: 10.1.0.0/24}]}}}",
            "networks: {n: {ipam: {config: [{subnet: 10.2.0.0/24}]}}}",
            "networks: {n: {ipam: {driver: default, config: [{subnet: 10.2.0.0/24}]}}}"),
        MergeCase(
            "ipam pools are merged in place as the reference does",
            "networks: {n: {ipam: {config: [{subnet: 10.0.0.0/24, gateway: 10.0.0.1}, {subnet: 10.1.0.0/24}]}}}",
            "networks: {n: {ipam: {config: [{subnet: 10.0.0.0/24, ip_range: 10.0.0.0/25}, {subnet: 10.2.0.0/24}]}}}",
            "networks: {n: {ipam: {config: [{subnet: 10.2.0.0/24, ip_range: 10.0.0.0/25}, {subnet: 10.2.0.0/24}]}}}"),
        MergeCase(
            "an empty ipam list empties the pools", "networks: {n: {ipam: {config: [{subnet: 10.0.0.0/24}]}}}",
            "networks: {n: {ipam: {config: []}}}", "networks: {n: {ipam: {config: []}}}"),
    ]
}
