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
            "sequences are appended with duplicates", "image: a\nsecurity_opt: [a]\ngroup_add: [1]\npost_start: [{command: a}]",
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
            "top-level resources merge", "networks: {n: {driver: bridge, driver_opts: {a: '1'}}}\nsecrets: {s: {file: ./a}}",
            "networks: {n: {driver_opts: {b: '2'}}}\nsecrets: {s: {file: ./b}}",
            "networks: {n: {driver: bridge, driver_opts: {a: '1', b: '2'}}}\nsecrets: {s: {file: ./b}}"),
    ]

    static let replaced: [MergeCase] = [
        .service(
            "command and entrypoint are replaced", "image: a\ncommand: [a, b]\nentrypoint: x y", "command: c d\nentrypoint: [z]",
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
            "logging with another driver is replaced", "image: a\nlogging: {driver: json-file, options: {a: '1'}, x-e: 1}",
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
            "build args labels contexts", "build: {context: ., args: [A=1], labels: {l: 1}, additional_contexts: [c=./c]}",
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
            "keyed sets drop duplicates in place", "image: a\ncap_add: [A, B]\ncap_drop: [C]\ndns_opt: [x]\nprofiles: [p]\nlinks: [db]",
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
    static let unique: [MergeCase] = [
        .service(
            "ports replace the same host ip, published, target and protocol",
            "image: a\nports: ['80:80', '443:443', '127.0.0.1:53:53/udp']",
            "ports: ['8443:443', '0.0.0.0:80:80', {target: 53, published: '53', host_ip: 127.0.0.1, protocol: udp}]",
            "image: a\nports: ['0.0.0.0:80:80', '443:443', {target: 53, published: '53', host_ip: 127.0.0.1, protocol: udp}, '8443:443']"),
        .service(
            "ports ignore mode, name and app_protocol", "image: a\nports: [{target: 80, name: a}]",
            "ports: [{target: '80', name: b, mode: host, app_protocol: http}]",
            "image: a\nports: [{target: '80', name: b, mode: host, app_protocol: http}]"),
        .service(
            "ports tell host ips and protocols apart", "image: a\nports: ['127.0.0.1:80:80', '80:80']",
            "ports: ['[::1]:80:80', '80:80/udp', {target: 80, published: '80', protocol: TCP}]",
            "image: a\nports: ['127.0.0.1:80:80', '80:80', '[::1]:80:80', '80:80/udp', {target: 80, published: '80', protocol: TCP}]"),
        .service(
            "a published number is not a published string", "image: a\nports: ['80:80', 90]",
            "ports: [{target: 80, published: 80}, '90', {target: 90, published: 90}]",
            "image: a\nports: ['80:80', '90', {target: 80, published: 80}, {target: 90, published: 90}]"),
        .service(
            "port ranges count one port each", "image: a\nports: ['127.0.0.1:8000-8002:80-82/udp', '90-91']",
            "ports: ['127.0.0.1:8001:81/udp', '91']",
            "image: a\nports: ['127.0.0.1:8000:80/udp', '127.0.0.1:8001:81/udp', '127.0.0.1:8002:82/udp', '90', '91']"),
        .service(
            "a published range with one target stays whole", "image: a\nports: ['8000-8001:80']", "ports: ['8000:80']",
            "image: a\nports: ['8000-8001:80', '8000:80']"),
        .service(
            "duplicates within one file collapse", "image: a\nports: ['80:80', '80:80/tcp']\nvolumes: [./a:/d, ./b:/d/]",
            "image: b", "image: b\nports: ['80:80/tcp']\nvolumes: [./b:/d/]"),
        .service(
            "volumes replace the same target in place", "image: a\nvolumes: ['./a:/data', './c:/c:ro', /anon]",
            "volumes: ['./d:/d', {type: bind, source: ./b, target: /data}, './e:/anon/./']",
            "image: a\nvolumes: [{type: bind, source: ./b, target: /data}, './c:/c:ro', './e:/anon/./', './d:/d']"),
        .service(
            "long volume targets are compared as written", "image: a\nvolumes: ['./a:/data']",
            "volumes: [{type: bind, source: ./b, target: /data/}]",
            "image: a\nvolumes: ['./a:/data', {type: bind, source: ./b, target: /data/}]"),
        .service(
            "a one-letter volume source is a drive", "image: a\nvolumes: ['c:/data', 'c:/x:/y']",
            "volumes: ['./b:/data', './d:/y']", "image: a\nvolumes: ['c:/data', './d:/y', './b:/data']"),
        .service(
            "devices replace the same target", "image: a\ndevices: ['/dev/a:/dev/x', /dev/b, '/dev/c:rwm']",
            "devices: [{source: /dev/b, target: /dev/b, permissions: rw}, '/dev/d:/dev/x:r', /dev/x/]",
            "image: a\ndevices: ['/dev/d:/dev/x:r', {source: /dev/b, target: /dev/b, permissions: rw}, '/dev/c:rwm', /dev/x/]"),
        .service(
            "secrets are identified by target or /run/secrets/source",
            "image: a\nsecrets: [a, {source: b, target: t}, c]",
            "secrets: [{source: a, mode: 0400}, {source: c2, target: t}, {source: b, target: /run/secrets/c}, {source: d, target: a}]",
            "image: a\nsecrets: [{source: a, mode: 0400}, {source: c2, target: t}, {source: b, target: /run/secrets/c}, {source: d, target: a}]"),
        .service(
            "configs are identified by target or /source", "image: a\nconfigs: [a, {source: b, target: /b}, c]",
            "configs: [b, {source: x, target: /a}, {source: y, target: c}]",
            "image: a\nconfigs: [{source: x, target: /a}, b, c, {source: y, target: c}]"),
        .service(
            "network aliases and link-local ips are unique", "image: a\nnetworks: {n: {aliases: [y, x], link_local_ips: [a]}}",
            "networks: {n: {aliases: [z, x], link_local_ips: [b, a]}}",
            "image: a\nnetworks: {n: {aliases: [y, x, z], link_local_ips: [a, b]}}"),
    ]

    static let named: [MergeCase] = [
        MergeCase(
            "depends_on list items start services", "services:\n  s: {depends_on: {d: {condition: service_healthy, restart: true, required: false}}}",
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
            "depends_on: {d: {restart: true}}", "depends_on: {d: {condition: service_healthy, required: false, restart: true}}"),
        .service(
            "service networks merge by name", "image: a\nnetworks: {a: {aliases: [x], priority: 1, driver_opts: {o: 1}}}",
            "networks:\n  a: {aliases: [y], ipv4_address: 10.0.0.2, priority: 2, driver_opts: {p: 2}}\n  b:",
            "image: a\nnetworks: {a: {aliases: [x, y], ipv4_address: 10.0.0.2, priority: 2, driver_opts: {o: 1, p: 2}}, b: null}"),
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
            "ipam pools with the same subnet merge", "networks: {n: {ipam: {config: [{subnet: 10.0.0.0/24, gateway: 10.0.0.1}]}}}",
            "networks: {n: {ipam: {config: [{subnet: 10.0.0.0/24, ip_range: 10.0.0.0/25}, {subnet: 10.2.0.0/24}]}}}",
            "networks: {n: {ipam: {config: [{subnet: 10.0.0.0/24, gateway: 10.0.0.1, ip_range: 10.0.0.0/25}, {subnet: 10.2.0.0/24}]}}}"),
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

extension MergeCases {
    static let tags: [MergeCase] = [
        .service(
            "reset removes a value whatever it holds",
            "image: a\nlabels: {a: 1}\nports: ['80']\ncommand: [x]\nx-a: {b: 1}\nuser: root",
            "labels: !reset {}\nports: !reset ['81']\ncommand: !reset null\nx-a: !reset\nuser: !reset root", "image: a"),
        .service(
            "reset reaches into mappings", "image: a\nhealthcheck: {test: [CMD, x], interval: 1s}\ndeploy: {resources: {limits: {cpus: '1', memory: 1G}}}",
            "healthcheck:\n  interval: !reset\n  timeout: 2s\ndeploy:\n  resources:\n    limits:\n      cpus: !reset",
            "image: a\nhealthcheck: {test: [CMD, x], timeout: 2s}\ndeploy: {resources: {limits: {memory: 1G}}}"),
        .service(
            "reset removes a key of a mapping-form attribute", "image: a\nenvironment: {A: 1, B: 2}\nextra_hosts: {a: 1.1.1.1, b: 2.2.2.2}",
            "environment:\n  A: !reset\n  C: 3\nextra_hosts:\n  a: !reset\n  c: 3.3.3.3",
            "image: a\nenvironment: {B: 2, C: 3}\nextra_hosts: [b=2.2.2.2, c=3.3.3.3]"),
        .service(
            "reset does not reach list-form items", "image: a\nenvironment: [A=1, B=2]\nlabels: [a=1]\nextra_hosts: [a=1.1.1.1]",
            "environment:\n  A: !reset\n  C: 3\nlabels:\n  a: !reset\nextra_hosts:\n  a: !reset",
            "image: a\nenvironment: {A: '1', B: '2', C: 3}\nlabels: {a: '1'}\nextra_hosts: [a=1.1.1.1]"),
        .service(
            "reset removes a list-form dependency or network",
            "image: a\ndepends_on: [x, y]\nnetworks: [n, m]\nmodels: [m1]\nbuild: {context: ., ssh: [default, k=/x]}",
            "depends_on:\n  x: !reset\nnetworks:\n  n: !reset\nmodels:\n  m1: !reset\nbuild:\n  ssh:\n    k: !reset",
            "image: a\ndepends_on: {y: {condition: service_started, required: true}}\nnetworks: {m: null}\nmodels: {}\nbuild: {context: ., ssh: {default: ''}}"),
        .service(
            "reset reaches a build string's context", "build: ./a", "build:\n  context: !reset\n  dockerfile: D",
            "build: {dockerfile: D}"),
        .service(
            "reset items are dropped from their own list", "image: a\nports: [!reset '79', '80', '81']",
            "ports: [!reset '81', '82']", "image: a\nports: ['80', '81', '82']"),
        MergeCase(
            "reset removes services and sections", "services:\n  s: {image: a}\n  t: {image: b}\nnetworks: {n: {}}",
            "services:\n  s: !reset\n  u: !reset {image: c}\nnetworks: !reset", "services:\n  t: {image: b}"),
        MergeCase(
            "reset in the first file removes the value", "services:\n  s: {image: a, labels: !reset {a: b}, user: !override u}",
            "services:\n  s: {image: b}", "services:\n  s: {image: b, user: u}"),
        .service(
            "override replaces instead of merging",
            "image: a\nlabels: {a: 1}\nports: ['80']\nenvironment: {A: 1}\nhealthcheck: {test: [CMD, x], interval: 1s}",
            "labels: !override {b: 2}\nports: !override ['81', '81']\nenvironment: !override [B=2]\nhealthcheck: !override {timeout: 3s}",
            "image: a\nlabels: {b: 2}\nports: ['81']\nenvironment: [B=2]\nhealthcheck: {timeout: 3s}"),
        .service(
            "override on an entry replaces that entry",
            "image: a\ndepends_on: {d: {condition: service_healthy, restart: true}}\nnetworks: {n: {aliases: [x]}}",
            "depends_on:\n  d: !override {condition: service_started}\nnetworks:\n  n: !override {ipv4_address: 10.0.0.1}",
            "image: a\ndepends_on: {d: {condition: service_started}}\nnetworks: {n: {ipv4_address: 10.0.0.1}}"),
        MergeCase(
            "override replaces a whole service", "services:\n  s: {image: a, labels: {a: 1}}\n  t: {image: t}",
            "services:\n  s: !override {image: c}", "services:\n  s: {image: c}\n  t: {image: t}"),
        .service(
            "tags inside a new value are applied", "image: a", "x-a: !override {b: !reset 1, c: 2}\nlabels: {a: !reset 1}",
            "image: a\nx-a: {c: 2}\nlabels: {}"),
    ]

    static let failures: [MergeFailure] = [
        MergeFailure(
            "a mapping cannot become a scalar", wrapService("image: a\nx-a: {b: 1}"), wrapService("x-a: 1"),
            "cannot override services.s.x-a"),
        MergeFailure(
            "a sequence cannot become a scalar", wrapService("image: a\nx-a: [1]"), wrapService("x-a: 2"),
            "cannot override services.s.x-a"),
        MergeFailure(
            "a sequence cannot become a mapping", wrapService("image: a\ndeploy: {placement: {constraints: [a]}}"),
            wrapService("deploy: {placement: {constraints: {a: b}}}"), "cannot override services.s.deploy.placement.constraints"),
        MergeFailure(
            "a service cannot become a string", "services:\n  s: {image: a}", "services:\n  s: foo",
            "cannot override services.s"),
        MergeFailure(
            "gpus all cannot follow a list", wrapService("image: a\ngpus: [{driver: nvidia}]"), wrapService("gpus: all"),
            "cannot override services.s.gpus"),
        MergeFailure(
            "gpus all cannot follow gpus all", wrapService("image: a\ngpus: all"), wrapService("gpus: all"),
            "cannot override services.s.gpus"),
        MergeFailure(
            "a later ssh list cannot follow", wrapService("build: {context: ., ssh: [default]}"),
            wrapService("build: {ssh: [other=/p]}"), "cannot override services.s.build.ssh"),
        MergeFailure(
            "secret labels of both forms", "secrets: {s: {file: ./x, labels: [a=1]}}", "secrets: {s: {labels: {b: 2}}}",
            "cannot override secrets.s.labels"),
        MergeFailure(
            "a long device needs a target", wrapService("image: a\ndevices: [/dev/a, /dev/b]"),
            wrapService("devices: [/dev/c, {source: /dev/c}]"),
            "service device services.s.devices.[3] is missing a mount target"),
        MergeFailure(
            "a long port needs a target", wrapService("image: a\nports: ['80']"), wrapService("ports: [{published: '81'}]"),
            "service ports services.s.ports.[1] is missing a target port"),
        MergeFailure(
            "a long volume needs a target", wrapService("image: a"), wrapService("volumes: [{type: bind, source: /x}]"),
            "service volume services.s.volumes.[0] is missing a mount target"),
        MergeFailure(
            "a long env_file needs a path", wrapService("image: a\nenv_file: [a]"), wrapService("env_file: [{required: false}]"),
            "environment path attribute services.s.env_file.[1] is missing"),
    ]
}
