/// Merge cases about list entries that replace each other, and about the `!reset` / `!override` tags.
extension MergeCases {
    static let unique: [MergeCase] = [
        .service(
            "ports replace the same host ip, published, target and protocol",
            "image: a\nports: ['80:80', '443:443', '127.0.0.1:53:53/udp']",
            "ports: ['8443:443', '0.0.0.0:80:80', {target: 53, published: '53', host_ip: 127.0.0.1, protocol: udp}]",
            "image: a\nports: ['0.0.0.0:80:80', '443:443', "
                + "{target: 53, published: '53', host_ip: 127.0.0.1, protocol: udp}, '8443:443']"
        ),
        .service(
            "ports ignore mode, name and app_protocol", "image: a\nports: [{target: 80, name: a}]",
            "ports: [{target: '80', name: b, mode: host, app_protocol: http}]",
            "image: a\nports: [{target: '80', name: b, mode: host, app_protocol: http}]"),
        .service(
            "ports tell host ips and protocols apart", "image: a\nports: ['127.0.0.1:80:80', '80:80']",
            "ports: ['[::1]:80:80', '80:80/udp', {target: 80, published: '80', protocol: TCP}]",
            "image: a\nports: ['127.0.0.1:80:80', '80:80', '[::1]:80:80', '80:80/udp', "
                + "{target: 80, published: '80', protocol: TCP}]"
        ),
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
            "duplicates within one file collapse",
            "image: a\nports: ['80:80', '80:80/tcp']\nvolumes: [./a:/d, ./b:/d/]",
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
            "image: a\ndevices: ['/dev/d:/dev/x:r', {source: /dev/b, target: /dev/b, permissions: rw}, "
                + "'/dev/c:rwm', /dev/x/]"
        ),
        .service(
            "secrets are identified by target or /run/secrets/source",
            "image: a\nsecrets: [a, {source: b, target: t}, c]",
            "secrets: [{source: a, mode: 0400}, {source: c2, target: t}, "
                + "{source: b, target: /run/secrets/c}, {source: d, target: a}]",
            "image: a\nsecrets: [{source: a, mode: 0400}, {source: c2, target: t}, "
                + "{source: b, target: /run/secrets/c}, {source: d, target: a}]"
        ),
        .service(
            "configs are identified by target or /source", "image: a\nconfigs: [a, {source: b, target: /b}, c]",
            "configs: [b, {source: x, target: /a}, {source: y, target: c}]",
            "image: a\nconfigs: [{source: x, target: /a}, b, c, {source: y, target: c}]"),
        .service(
            "network aliases and link-local ips are unique",
            "image: a\nnetworks: {n: {aliases: [y, x], link_local_ips: [a]}}",
            "networks: {n: {aliases: [z, x], link_local_ips: [b, a]}}",
            "image: a\nnetworks: {n: {aliases: [y, x, z], link_local_ips: [a, b]}}"),
    ]
}

extension MergeCases {
    static let tags: [MergeCase] = [
        .service(
            "reset removes a value whatever it holds",
            "image: a\nlabels: {a: 1}\nports: ['80']\ncommand: [x]\nx-a: {b: 1}\nuser: root",
            "labels: !reset {}\nports: !reset ['81']\ncommand: !reset null\nx-a: !reset\nuser: !reset root",
            "image: a"),
        .service(
            "reset reaches into mappings",
            "image: a\nhealthcheck: {test: [CMD, x], interval: 1s}\n"
                + "deploy: {resources: {limits: {cpus: '1', memory: 1G}}}",
            "healthcheck:\n  interval: !reset\n  timeout: 2s\ndeploy:\n  resources:\n    limits:\n      cpus: !reset",
            "image: a\nhealthcheck: {test: [CMD, x], timeout: 2s}\ndeploy: {resources: {limits: {memory: 1G}}}"),
        .service(
            "reset removes a key of a mapping-form attribute",
            "image: a\nenvironment: {A: 1, B: 2}\nextra_hosts: {a: 1.1.1.1, b: 2.2.2.2}",
            "environment:\n  A: !reset\n  C: 3\nextra_hosts:\n  a: !reset\n  c: 3.3.3.3",
            "image: a\nenvironment: {B: 2, C: 3}\nextra_hosts: [b=2.2.2.2, c=3.3.3.3]"),
        .service(
            "reset does not reach list-form items",
            "image: a\nenvironment: [A=1, B=2]\nlabels: [a=1]\nextra_hosts: [a=1.1.1.1]",
            "environment:\n  A: !reset\n  C: 3\nlabels:\n  a: !reset\nextra_hosts:\n  a: !reset",
            "image: a\nenvironment: {A: '1', B: '2', C: 3}\nlabels: {a: '1'}\nextra_hosts: [a=1.1.1.1]"),
        .service(
            "reset removes a list-form dependency or network",
            "image: a\ndepends_on: [x, y]\nnetworks: [n, m]\nmodels: [m1]\nbuild: {context: ., ssh: [default, k=/x]}",
            "depends_on:\n  x: !reset\nnetworks:\n  n: !reset\nmodels:\n  m1: !reset\nbuild:\n  ssh:\n    k: !reset",
            "image: a\ndepends_on: {y: {condition: service_started, required: true}}\nnetworks: {m: null}\n"
                + "models: {}\nbuild: {context: ., ssh: {default: ''}}"
        ),
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
            "reset in the first file removes the value",
            "services:\n  s: {image: a, labels: !reset {a: b}, user: !override u}",
            "services:\n  s: {image: b}", "services:\n  s: {image: b, user: u}"),
        .service(
            "override replaces instead of merging",
            "image: a\nlabels: {a: 1}\nports: ['80']\nenvironment: {A: 1}\nhealthcheck: {test: [CMD, x], interval: 1s}",
            "labels: !override {b: 2}\nports: !override ['81', '81']\nenvironment: !override [B=2]\n"
                + "healthcheck: !override {timeout: 3s}",
            "image: a\nlabels: {b: 2}\nports: ['81']\nenvironment: [B=2]\nhealthcheck: {timeout: 3s}"),
        .service(
            "override on an entry replaces that entry",
            "image: a\ndepends_on: {d: {condition: service_healthy, restart: true}}\nnetworks: {n: {aliases: [x]}}",
            "depends_on:\n  d: !override {condition: service_started}\n"
                + "networks:\n  n: !override {ipv4_address: 10.0.0.1}",
            "image: a\ndepends_on: {d: {condition: service_started}}\nnetworks: {n: {ipv4_address: 10.0.0.1}}"),
        MergeCase(
            "override replaces a whole service", "services:\n  s: {image: a, labels: {a: 1}}\n  t: {image: t}",
            "services:\n  s: !override {image: c}", "services:\n  s: {image: c}\n  t: {image: t}"),
        .service(
            "tags inside a new value are applied", "image: a",
            "x-a: !override {b: !reset 1, c: 2}\nlabels: {a: !reset 1}",
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
            wrapService("deploy: {placement: {constraints: {a: b}}}"),
            "cannot override services.s.deploy.placement.constraints"),
        MergeFailure(
            "a service cannot become a string", "services:\n  s: {image: a}", "services:\n  s: foo",
            "cannot override services.s"),
        MergeFailure(
            "gpus all cannot follow a list", wrapService("image: a\ngpus: [{driver: nvidia}]"),
            wrapService("gpus: all"),
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
            "a long port needs a target", wrapService("image: a\nports: ['80']"),
            wrapService("ports: [{published: '81'}]"),
            "service ports services.s.ports.[1] is missing a target port"),
        MergeFailure(
            "a long volume needs a target", wrapService("image: a"), wrapService("volumes: [{type: bind, source: /x}]"),
            "service volume services.s.volumes.[0] is missing a mount target"),
        MergeFailure(
            "a long env_file needs a path", wrapService("image: a\nenv_file: [a]"),
            wrapService("env_file: [{required: false}]"),
            "environment path attribute services.s.env_file.[1] is missing"),
    ]
}
