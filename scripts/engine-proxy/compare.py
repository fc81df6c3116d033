import json, subprocess, sys, urllib.parse
log, dump, project = sys.argv[1], sys.argv[2], sys.argv[3]
ids = {}
out = subprocess.run(["docker","ps","-a","--no-trunc","--filter",f"label=com.docker.compose.project={project}","--format","{{.ID}} {{.Names}}"],capture_output=True,text=True).stdout
for line in out.split("\n"):
    if line: i,n = line.split(" ",1); ids[i] = "ID:"+n
SORTED = {"Binds","Env","ExtraHosts","Links","CapAdd","CapDrop"}
def empty(v): return v in (None, False, 0, "", {}, [], [0,0])
def sub(v):
    if isinstance(v,str):
        for i,n in ids.items():
            v = v.replace(i, n)
        return v
    return v
IGNORED = {"IPAddress", "IPv6Gateway", "GlobalIPv6Address"}  # output-only endpoint fields Compose fills oddly
def norm(v, key=None):
    if isinstance(v, dict):
        r = {}
        for k,x in v.items():
            if k in IGNORED: continue
            nx = norm(x, k)
            if k in ("Cmd","Entrypoint") and x is not None: r[k]=nx; continue
            if not empty(nx): r[k]=nx
        return r
    if isinstance(v, list):
        items = [norm(x) for x in v]
        if key in SORTED: items = sorted(items)
        if key == "Mounts": items = sorted(items, key=lambda m: m.get("Target",""))
        if key == "Ulimits": items = sorted(items, key=lambda m: m.get("Name",""))
        return items
    return sub(v)
def fix(body):
    b = json.loads(json.dumps(body))
    labels = b.get("Labels") or {}
    labels.pop("com.docker.compose.config-hash", None)
    if "com.docker.compose.image" in labels: labels["com.docker.compose.image"] = "IMAGE"
    if labels.get("com.docker.compose.depends_on"): labels["com.docker.compose.depends_on"] = ",".join(sorted(labels["com.docker.compose.depends_on"].split(",")))
    return norm(b)
ref = {}; refconn = {}; refres = {}
for l in open(log):
    e = json.loads(l); parts = e["request"].split(" ")
    if len(parts) < 2: continue
    req = parts[1]
    u = urllib.parse.urlparse(req); q = urllib.parse.parse_qs(u.query)
    if u.path.endswith("/containers/create"):
        ref[q["name"][0]] = {"body": fix(e["body"]), "platform": q.get("platform",[None])[0]}
    elif u.path.endswith("/networks/create") or u.path.endswith("/volumes/create"):
        refres[e["body"]["Name"]] = fix(e["body"])
    elif u.path.endswith("/connect"):
        net = u.path.split("/")[-2]; c = sub(e["body"]["Container"])
        refconn.setdefault(c[3:], []).append({"network": net, "endpoint": norm(e["body"]["EndpointConfig"])})
ok = True
def diff(a, b, path=""):
    global ok
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a)|set(b)):
            if k not in a: print(f"  {path}/{k}: only Pier: {json.dumps(b[k])[:300]}"); ok=False
            elif k not in b: print(f"  {path}/{k}: only Compose: {json.dumps(a[k])[:300]}"); ok=False
            else: diff(a[k], b[k], f"{path}/{k}")
    elif a != b:
        print(f"  {path}: Compose {json.dumps(a)[:300]} != Pier {json.dumps(b)[:300]}"); ok=False
mine = {}
for l in open(dump):
    e = json.loads(l)
    if "name" in e: mine[e["name"]] = e
    else:
        body = e.get("network") or e.get("volume"); n = body["Name"]
        print(f"== resource {n}")
        if n not in refres: print("  not created by Compose"); continue
        diff(refres[n], fix(body))
for name, r in ref.items():
    print(f"== {name}")
    if name not in mine: print("  missing in Pier dump"); ok=False; continue
    m = mine[name]
    diff(r["body"], fix(m["body"]))
    if r["platform"] != m["platform"]: print("  platform", r["platform"], m["platform"])
    mc = [{"network": c["network"], "endpoint": norm(c["endpoint"])} for c in m["connections"]]
    if refconn.get(name, []) != mc: print("  connections differ:", json.dumps(refconn.get(name)), "vs", json.dumps(mc)); ok=False
    if m["warnings"]: print("  Pier warnings:", m["warnings"])
    if m["files"]: print("  Pier files:", m["files"])
print("ALL MATCH" if ok else "DIFFERENCES")
