@testable import ComposeSpec

/// The tables `SchemaTests` runs. Messages differ from the reference's on purpose (a location, one problem at a
/// time, suggestions, the `oneOf` branch that fits); each case notes what the reference says when it helps.
enum SchemaCases {
    /// `services.web` with an image, so each case only adds the lines it is about (from line 4, column 5).
    static let webService = "services:\n  web:\n    image: nginx\n"

    static let invalid: [InvalidSchemaCase] = keys + types + values + branches

    /// Unknown and misspelt keys: `.unknownKey` at the key.
    static let keys: [InvalidSchemaCase] = [
        // reference: services.web additional properties 'imagee' not allowed
        .init(
            "services:\n  web:\n    imagee: nginx\n", .unknownKey,
            #"services.web: unknown key "imagee" (did you mean "image"?)"#, at: 3, 5),
        .init(
            "servics:\n  web:\n    image: nginx\n", .unknownKey,
            #"unknown top-level key "servics" (did you mean "services"?)"#, at: 1, 1),
        .init(webService + "    foo: 1\n", .unknownKey, #"services.web: unknown key "foo""#, at: 4, 5),
        .init(webService + "    X-foo: 1\n", .unknownKey, #"services.web: unknown key "X-foo""#, at: 4, 5),
        .init(
            webService + "    enviroment: {A: 1}\n", .unknownKey,
            #"services.web: unknown key "enviroment" (did you mean "environment"?)"#, at: 4, 5),
        .init(
            webService + "    depends_on:\n      db:\n        conditon: service_started\n", .unknownKey,
            #"services.web.depends_on.db: unknown key "conditon" (did you mean "condition"?)"#, at: 6, 9),
        .init(
            webService + "    ports:\n      - target: 80\n        foo: 1\n", .unknownKey,
            #"services.web.ports.0: unknown key "foo""#, at: 6, 9),
        .init(
            webService + "    blkio_config: {weight: 10, x-foo: 1}\n", .unknownKey,
            #"services.web.blkio_config: unknown key "x-foo""#, at: 4, 32),
        .init(
            webService + "    build: {context: ., dockerfil: Dockerfile}\n", .unknownKey,
            #"services.web.build: unknown key "dockerfil" (did you mean "dockerfile"?)"#, at: 4, 25),
        .init(
            webService + "    env_file:\n      - path: a.env\n        requird: false\n", .unknownKey,
            #"services.web.env_file.0: unknown key "requird" (did you mean "required"?)"#, at: 6, 9),
        .init(
            "networks:\n  n:\n    external: {foo: 1}\n", .unknownKey, #"networks.n.external: unknown key "foo""#,
            at: 3, 16),
        .init(
            "secrets:\n  s:\n    fille: ./s.txt\n", .unknownKey,
            #"secrets.s: unknown key "fille" (did you mean "file"?)"#,
            at: 3, 5),
        .init(
            webService + "    deploy:\n      resources:\n        limit: {cpus: 1}\n", .unknownKey,
            #"services.web.deploy.resources: unknown key "limit" (did you mean "limits"?)"#, at: 6, 9),
        // reference: services additional properties 'we b' not allowed
        .init(
            "services:\n  \"we b\":\n    image: nginx\n", .invalidValue,
            #"services: invalid name "we b", it must match ^[a-zA-Z0-9._-]+$"#, at: 2, 3),
        .init(
            "configs:\n  \"c/1\":\n    file: ./c\n", .invalidValue,
            #"configs: invalid name "c/1", it must match ^[a-zA-Z0-9._-]+$"#, at: 2, 3),
    ]

    /// Wrong kinds of value: `.wrongType` at the value.
    static let types: [InvalidSchemaCase] = [
        .init(webService + "    command: [a, 1]\n", .wrongType, "services.web.command.1 must be a string", at: 4, 18),
        .init("services:\n  web:\n    image: 3\n", .wrongType, "services.web.image must be a string", at: 3, 12),
        .init("services: [a]\n", .wrongType, "services must be a mapping", at: 1, 11),
        .init("services:\n  web: nginx\n", .wrongType, "services.web must be a mapping", at: 2, 8),
        .init("- a\n- b\n", .wrongType, "the compose file must be a mapping", at: 1, 1),
        .init("name: 1\n" + webService, .wrongType, "name must be a string", at: 1, 7),
        .init("version: 3.8\n" + webService, .wrongType, "version must be a string", at: 1, 10),
        .init(
            webService + "    read_only: 1\n", .wrongType, "services.web.read_only must be a boolean or string", at: 4,
            16),
        .init(
            webService + "    deploy:\n      replicas: 3.5\n", .wrongType,
            "services.web.deploy.replicas must be an integer or string", at: 5, 17),
        .init(
            webService + "    deploy:\n      resources:\n        limits:\n          memory: 1073741824\n", .wrongType,
            "services.web.deploy.resources.limits.memory must be a string", at: 7, 19),
        .init(
            webService + "    healthcheck:\n      interval: 10\n", .wrongType,
            "services.web.healthcheck.interval must be a string", at: 5, 17),
        .init(webService + "    cap_add: NET_ADMIN\n", .wrongType, "services.web.cap_add must be a list", at: 4, 14),
        .init(webService + "    networks: [1]\n", .wrongType, "services.web.networks.0 must be a string", at: 4, 16),
        .init(
            webService + "    environment:\n      A: [1]\n", .wrongType,
            "services.web.environment.A must be a boolean, number, string or null", at: 5, 10),
        .init(
            webService + "    develop:\n      watch:\n        - {path: ., action: sync, initial_sync: \"true\"}\n",
            .wrongType, "services.web.develop.watch.0.initial_sync must be a boolean", at: 6, 49),
        .init(
            "models:\n  m:\n    model: ai/x\n    context_size: \"1\"\n", .wrongType,
            "models.m.context_size must be an integer", at: 4, 19),
        .init(
            webService + "    networks:\n      front:\n        priority: \"1\"\n", .wrongType,
            "services.web.networks.front.priority must be a number", at: 6, 19),
    ]

    /// Values outside an enum, a pattern or a range; missing keys; duplicates: `.invalidValue`.
    static let values: [InvalidSchemaCase] = [
        // reference: services.web.cgroup value must be one of 'host', 'private'
        .init(
            webService + "    cgroup: foo\n", .invalidValue,
            #"services.web.cgroup must be "host" or "private", not "foo""#,
            at: 4, 13),
        .init(
            webService + "    depends_on:\n      db: {condition: service_healty}\n", .invalidValue,
            #"services.web.depends_on.db.condition must be one of "service_started", "service_healthy", "#
                + #""service_completed_successfully", not "service_healty" (did you mean "service_healthy"?)"#,
            at: 5, 23),
        .init(
            webService + "    volumes:\n      - {type: bnd, source: /a, target: /b}\n", .invalidValue,
            #"services.web.volumes.0.type must be one of "bind", "volume", "tmpfs", "cluster", "npipe", "image", "#
                + #"not "bnd" (did you mean "bind"?)"#, at: 5, 16),
        .init(
            webService + "    develop:\n      watch:\n        - {path: ., action: reload}\n", .invalidValue,
            #"services.web.develop.watch.0.action must be one of "rebuild", "sync", "restart", "sync+restart", "#
                + #""sync+exec", not "reload""#, at: 6, 29),
        .init(
            webService + "    gpus: some\n", .invalidValue, #"services.web.gpus must be "all", not "some""#, at: 4, 11),
        .init(
            webService + "    pull_policy: sometimes\n", .invalidValue,
            #"services.web.pull_policy "sometimes" does not match pattern "#
                + #""always|never|build|if_not_present|missing|refresh|daily|weekly|every_([0-9]+[wdhms])+""#,
            at: 4, 18),
        .init(
            webService + "    container_name: a\n", .invalidValue,
            #"services.web.container_name "a" does not match pattern "[a-zA-Z0-9][a-zA-Z0-9_.-]+""#, at: 4, 21),
        .init(
            webService + "    cpu_percent: 101\n", .invalidValue,
            "services.web.cpu_percent must be less than or equal to 100", at: 4, 18),
        .init(
            webService + "    cpu_count: -1\n", .invalidValue,
            "services.web.cpu_count must be greater than or equal to 0", at: 4, 16),
        .init(
            webService + "    oom_score_adj: -1001\n", .invalidValue,
            "services.web.oom_score_adj must be greater than or equal to -1000", at: 4, 20),
        .init(
            webService + "    volumes:\n      - type: tmpfs\n        target: /t\n        tmpfs: {size: -1}\n",
            .invalidValue, "services.web.volumes.0.tmpfs.size must be greater than or equal to 0", at: 7, 23),
        // reference: services.web.depends_on.db missing property 'condition'
        .init(
            webService + "    depends_on:\n      db: {restart: true}\n", .invalidValue,
            #"services.web.depends_on.db is missing required key "condition""#, at: 5, 11),
        .init(
            webService + "    develop:\n      watch:\n        - action: sync\n", .invalidValue,
            #"services.web.develop.watch.0 is missing required key "path""#, at: 6, 11),
        .init(
            webService + "    deploy:\n      resources:\n        reservations:\n          devices:\n"
                + "            - driver: nvidia\n              count: 1\n", .invalidValue,
            #"services.web.deploy.resources.reservations.devices.0 is missing required key "capabilities""#,
            at: 8, 15),
        .init(
            "models:\n  m:\n    context_size: 1\n", .invalidValue, #"models.m is missing required key "model""#,
            at: 3, 5),
        // reference: services.web.security_opt items at 0 and 1 are equal
        .init(
            webService + "    security_opt: [label:disable, label:disable]\n", .invalidValue,
            "services.web.security_opt.1 repeats item 0; items must be unique", at: 4, 35),
        .init(
            webService + "    depends_on: [db, db]\n", .invalidValue,
            "services.web.depends_on.1 repeats item 0; items must be unique", at: 4, 22),
        .init(
            "volumes:\n  v:\n    labels: [a=1, a=1]\n", .invalidValue,
            "volumes.v.labels.1 repeats item 0; items must be unique", at: 3, 19),
    ]

    /// `oneOf` failures explain the branch that fits the value's kind, never "does not match oneOf".
    static let branches: [InvalidSchemaCase] = [
        // reference: services.web.volumes.0 must be a string
        .init(
            webService + "    volumes:\n      - target: /a\n", .invalidValue,
            #"services.web.volumes.0 is missing required key "type""#, at: 5, 9),
        // reference: services.web.ulimits.nofile must be a integer or string
        .init(
            webService + "    ulimits:\n      nofile: {soft: 1}\n", .invalidValue,
            #"services.web.ulimits.nofile is missing required key "hard""#, at: 5, 15),
        .init(
            webService + "    ulimits:\n      nofile: true\n", .wrongType,
            "services.web.ulimits.nofile must be an integer, string or mapping", at: 5, 15),
        // reference: services.web.command must be a null
        .init(
            webService + "    command: {a: b}\n", .wrongType, "services.web.command must be a string, list or null",
            at: 4, 14),
        // reference: services.web.extra_hosts must be a mapping
        .init(
            webService + "    extra_hosts: [\"a:1.1.1.1\", \"a:1.1.1.1\"]\n", .invalidValue,
            "services.web.extra_hosts.1 repeats item 0; items must be unique", at: 4, 32),
        // reference: services.web.build.ssh must be a mapping
        .init(
            webService + "    build:\n      context: .\n      ssh: default\n", .wrongType,
            "services.web.build.ssh must be a list or mapping", at: 6, 12),
        .init(
            webService + "    ports: [true]\n", .wrongType, "services.web.ports.0 must be a number, string or mapping",
            at: 4, 13),
        .init(
            webService + "    env_file:\n      - path: 1\n", .wrongType,
            "services.web.env_file.0.path must be a string",
            at: 5, 15),
        .init(
            webService + "    cpu_percent: 2.5\n", .wrongType, "services.web.cpu_percent must be an integer or string",
            at: 4, 18),
        .init(
            webService + "    healthcheck:\n      test: {cmd: x}\n", .wrongType,
            "services.web.healthcheck.test must be a string or list", at: 5, 13),
        .init(
            webService + "    networks:\n      front: [a]\n", .wrongType,
            "services.web.networks.front must be a mapping or null", at: 5, 14),
    ]
}
