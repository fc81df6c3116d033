// Pier dashboard: the page's behaviour. Everything comes from the server that served this file: live feeds over
// server-sent events (projects, the selected project, stats, logs), the graph as JSON, and actions as POSTs that
// stream their progress. Text from the engine is only ever set as text, never as HTML.
"use strict";

const requestKey = document.querySelector('meta[name="pier-request-key"]').content;
const state = { project: null, overview: null, stats: {}, feed: null, logs: null, graph: null, graphFor: "" };
const maxLogLines = 2000;

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function selectedFromHash() {
  const match = /project=([^&]*)/.exec(location.hash);
  return match ? decodeURIComponent(match[1]) : null;
}

// ---- live feeds

function openFeed() {
  if (state.feed) state.feed.close();
  const query = state.project ? "?project=" + encodeURIComponent(state.project) : "";
  const feed = new EventSource("/api/events" + query);
  const connection = document.getElementById("connection");
  feed.onopen = () => { connection.dataset.state = "live"; connection.textContent = "live"; };
  feed.onerror = () => { connection.dataset.state = "lost"; connection.textContent = "reconnecting…"; };
  feed.addEventListener("projects", (event) => renderProjects(JSON.parse(event.data)));
  feed.addEventListener("project", (event) => {
    const message = JSON.parse(event.data);
    if (message.name === state.project) renderProject(message.overview);
  });
  feed.addEventListener("stats", (event) => { state.stats = JSON.parse(event.data); applyStats(); });
  feed.addEventListener("failure", (event) => showBanner(JSON.parse(event.data).message));
  state.feed = feed;
}

function openLogs() {
  if (state.logs) state.logs.close();
  state.logs = null;
  const box = document.getElementById("logs");
  if (!box || !state.project) return;
  box.replaceChildren();
  const service = document.getElementById("log-service").value;
  let url = "/api/projects/" + encodeURIComponent(state.project) + "/logs?tail=200";
  if (service) url += "&service=" + encodeURIComponent(service);
  const logs = new EventSource(url);
  logs.addEventListener("log", (event) => appendLog(JSON.parse(event.data)));
  state.logs = logs;
}

function appendLog(entry) {
  const box = document.getElementById("logs");
  if (!box) return;
  const atBottom = box.scrollTop + box.clientHeight >= box.scrollHeight - 4;
  const line = el("div", {
    class: entry.isStatus ? "line status" : "line", "data-container": entry.container,
    "data-time": entry.time, "data-received": String(Date.now()),
  }, el("span", { class: "c" }, entry.container), entry.line);
  if (!matchesFilter(line)) line.classList.add("hidden");
  box.append(line);
  while (box.childElementCount > maxLogLines) box.firstElementChild.remove();
  if (atBottom) box.scrollTop = box.scrollHeight;
}

function matchesFilter(line) {
  const input = document.getElementById("log-filter");
  const filter = input ? input.value.trim().toLowerCase() : "";
  return !filter || line.textContent.toLowerCase().includes(filter);
}

function applyFilter() {
  for (const line of document.querySelectorAll("#logs .line")) line.classList.toggle("hidden", !matchesFilter(line));
}

// ---- rendering

function renderProjects(projects) {
  const list = document.getElementById("project-list");
  list.replaceChildren(...projects.map((project) => el("li", {},
    el("a", {
      href: "#project=" + encodeURIComponent(project.name), "data-project": project.name,
      class: project.name === state.project ? "selected" : null,
    }, project.name, el("span", { class: "status" }, project.status || "no containers")))));
  if (!state.project && projects.length === 1) location.hash = "project=" + encodeURIComponent(projects[0].name);
}

function tone(container) {
  if (!container) return "none";
  if (container.health === "unhealthy" || ["exited", "dead"].includes(container.state)) {
    return container.state === "exited" && container.exitCode === 0 ? "none" : "bad";
  }
  if (container.health === "starting" || ["restarting", "paused", "created"].includes(container.state)) return "warn";
  return container.state === "running" ? "ok" : "none";
}

function renderProject(overview) {
  state.overview = overview;
  const main = document.getElementById("main");
  if (!overview) {
    main.replaceChildren(el("p", { class: "empty", id: "project-gone" },
      "Project " + state.project + " has no containers on the engine."));
    return;
  }
  let skeleton = document.getElementById("project-view");
  if (!skeleton || skeleton.dataset.project !== overview.name) {
    skeleton = buildProjectView(overview);
    main.replaceChildren(skeleton);
    openLogs();
  }
  renderHead(overview);
  renderServices(overview);
  renderLogServices(overview);
  loadGraph(overview);
  renderGraph();
}

function buildProjectView(overview) {
  return el("div", { id: "project-view", "data-project": overview.name },
    el("div", { id: "banner" }),
    el("section", { class: "project-head", id: "project-head" }),
    el("section", { class: "wide" }, el("h3", {}, "Services"), el("table", { id: "services" },
      el("thead", {}, el("tr", {}, ["Service", "Container", "State", "Health", "Image", "Ports", "Uptime", "Restarts",
        "CPU", "Memory", ""].map((title) => el("th", {}, title)))),
      el("tbody", {}))),
    el("section", { id: "progress-section", hidden: true }, el("h3", {}, "Progress"), el("ol", { id: "progress" })),
    el("section", {}, el("h3", {}, "Dependencies"), el("div", { id: "graph" })),
    el("section", {}, el("h3", {}, "Logs"),
      el("div", { class: "log-tools" },
        el("select", { id: "log-service", onchange: openLogs }, el("option", { value: "" }, "All services")),
        el("input", { id: "log-filter", type: "search", placeholder: "Filter lines", oninput: applyFilter })),
      el("div", { id: "logs", role: "log" })));
}

function renderHead(overview) {
  const canAct = !overview.actionsUnavailable;
  const head = document.getElementById("project-head");
  head.replaceChildren(...[
    el("h2", {}, overview.name),
    el("span", { class: "badge " + (overview.status ? "ok" : "none"), id: "project-status" },
      overview.status || "no containers"),
    el("div", { class: "toolbar" }, ["up", "restart", "stop", "start", "down"].map((action) =>
      el("button", { "data-action": action, disabled: !canAct, onclick: () => confirmAction(action, null) },
        action))),
    el("div", { class: "files" }, overview.configFiles.join(", ") || "no config files recorded",
      overview.workingDirectory ? " · in " + overview.workingDirectory : ""),
    canAct ? null : el("p", { class: "note" }, "Actions unavailable: " + overview.actionsUnavailable),
  ].filter((node) => node));
}

function renderServices(overview) {
  const canAct = !overview.actionsUnavailable;
  const rows = [];
  for (const service of overview.services) {
    const containers = service.containers.length ? service.containers : [null];
    containers.forEach((container, index) => {
      const first = index === 0;
      rows.push(el("tr", { "data-service": service.name, "data-container": container ? container.name : null },
        el("td", {}, first ? service.name : ""),
        el("td", {}, container ? container.name : "—"),
        el("td", {}, el("span", { class: "badge " + tone(container), "data-role": "state" },
          container ? container.state : "no container")),
        el("td", { "data-role": "health" }, container && container.health ? [
          el("span", { class: "badge " + tone(container) }, container.health),
          container.healthOutput ? el("span", { class: "health-output", title: container.healthOutput },
            container.healthOutput.trim()) : null] : ""),
        el("td", {}, container ? container.image : service.image),
        el("td", {}, container ? container.ports.map((port) => port.url
          ? el("a", { href: portLink(port.url), target: "_blank", rel: "noopener" }, port.text)
          : el("span", {}, port.text)).flatMap((node, i) => i ? [", ", node] : [node]) : ""),
        el("td", { class: "num", "data-started": container && container.state === "running" ? container.startedAt : "" }),
        el("td", { class: "num", "data-role": "restarts" }, container ? String(container.restarts) : ""),
        el("td", { class: "num", "data-cpu": container ? container.id : "" }),
        el("td", { class: "num", "data-memory": container ? container.id : "" }),
        el("td", { class: "service-actions" }, first ? [
          ...["restart", "stop", "start", "up", "down"].map((action) => el("button", {
            class: "small", "data-action": action, "data-service": service.name, disabled: !canAct,
            onclick: () => confirmAction(action, service.name),
          }, action))] : null,
          container ? el("button", { class: "small", onclick: () => showEnvironment(container) }, "env") : null)));
    });
  }
  document.querySelector("#services tbody").replaceChildren(...rows);
  applyStats();
  tick();
}

function portLink(url) {
  return url.startsWith("http://:") ? "http://" + location.hostname + url.slice(6) : url;
}

function renderLogServices(overview) {
  const select = document.getElementById("log-service");
  const names = overview.services.map((service) => service.name);
  const current = [...select.options].slice(1).map((option) => option.value);
  if (names.join() === current.join()) return;
  const value = select.value;
  select.replaceChildren(el("option", { value: "" }, "All services"),
    ...names.map((name) => el("option", { value: name, selected: name === value }, name)));
}

function applyStats() {
  for (const cell of document.querySelectorAll("[data-cpu]")) {
    const sample = state.stats[cell.dataset.cpu];
    cell.textContent = sample ? sample.cpuPercent.toFixed(1) + "%" : "";
  }
  for (const cell of document.querySelectorAll("[data-memory]")) {
    const sample = state.stats[cell.dataset.memory];
    cell.textContent = sample ? bytes(sample.memoryUsage) + (sample.memoryLimit ? " / " + bytes(sample.memoryLimit) : "") : "";
  }
}

function bytes(count) {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let index = 0;
  while (count >= 1024 && index < units.length - 1) { count /= 1024; index++; }
  return count.toFixed(index ? 1 : 0) + " " + units[index];
}

function duration(seconds) {
  if (seconds < 60) return Math.floor(seconds) + "s";
  if (seconds < 3600) return Math.floor(seconds / 60) + "m " + Math.floor(seconds % 60) + "s";
  if (seconds < 86400) return Math.floor(seconds / 3600) + "h " + Math.floor(seconds % 3600 / 60) + "m";
  return Math.floor(seconds / 86400) + "d " + Math.floor(seconds % 86400 / 3600) + "h";
}

// The uptime cells count on the page's clock: nothing is asked of the server.
function tick() {
  for (const cell of document.querySelectorAll("[data-started]")) {
    const started = Date.parse(cell.dataset.started);
    cell.textContent = cell.dataset.started && started ? duration(Math.max(0, Date.now() - started) / 1000) : "";
  }
}

function showBanner(message) {
  const banner = document.getElementById("banner");
  if (banner) banner.replaceChildren(el("div", { class: "banner" }, message));
}

// ---- graph: `pier graph`'s model, services and what they depend on, coloured by the containers' state

async function loadGraph(overview) {
  const key = overview.name + "|" + overview.configFiles.join();
  if (state.graphFor === key || overview.actionsUnavailable) return;
  state.graphFor = key;
  const response = await fetch("/api/projects/" + encodeURIComponent(overview.name) + "/graph");
  state.graph = response.ok ? await response.json() : null;
  renderGraph();
}

const dependencyKinds = ["depends_on", "links", "volumes_from", "network_mode", "ipc", "pid"];

function renderGraph() {
  const box = document.getElementById("graph");
  if (!box) return;
  const graph = state.graph;
  if (!graph || !state.overview || graph.project !== state.overview.name) {
    box.replaceChildren(el("p", { class: "empty" }, state.overview && state.overview.actionsUnavailable
      ? "The graph needs the project's compose files." : "…"));
    return;
  }
  const services = graph.nodes.filter((node) => node.kind === "service").map((node) => node.name);
  const edges = graph.edges.filter((edge) => dependencyKinds.includes(edge.kind))
    .map((edge) => [edge.from.slice(8), edge.to.slice(8)]).filter(([a, b]) => services.includes(a) && services.includes(b));
  const depth = {};
  const depthOf = (name, seen) => {
    if (depth[name] !== undefined) return depth[name];
    if (seen.has(name)) return 0;
    seen.add(name);
    const below = edges.filter(([from]) => from === name).map(([, to]) => depthOf(to, seen) + 1);
    return (depth[name] = Math.max(0, ...below));
  };
  services.forEach((name) => depthOf(name, new Set()));
  const columns = [];
  for (const name of services) (columns[depth[name]] = columns[depth[name]] || []).push(name);
  const width = 150, height = 34, gapX = 60, gapY = 16;
  const position = {};
  columns.forEach((column, x) => column.forEach((name, y) => { position[name] = [x * (width + gapX) + 10, y * (height + gapY) + 10]; }));
  const rows = Math.max(1, ...columns.map((column) => column.length));
  const svgNS = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(svgNS, "svg");
  svg.setAttribute("width", columns.length * (width + gapX) + 20);
  svg.setAttribute("height", rows * (height + gapY) + 20);
  // Each edge ends in an arrow at what is depended on.
  const marker = document.createElementNS(svgNS, "marker");
  for (const [key, value] of Object.entries({ id: "arrow", viewBox: "0 0 8 8", refX: 8, refY: 4, markerWidth: 8,
    markerHeight: 8, orient: "auto" })) marker.setAttribute(key, value);
  const head = document.createElementNS(svgNS, "path");
  head.setAttribute("d", "M0 0 L8 4 L0 8 z");
  marker.append(head);
  const defs = document.createElementNS(svgNS, "defs");
  defs.append(marker);
  svg.append(defs);
  for (const [from, to] of edges) {
    const [x1, y1] = position[from], [x2, y2] = position[to];
    const path = document.createElementNS(svgNS, "path");
    path.setAttribute("marker-end", "url(#arrow)");
    path.setAttribute("d", `M${x1} ${y1 + height / 2} C${x1 - gapX / 2} ${y1 + height / 2} ${x2 + width + gapX / 2} ${y2 + height / 2} ${x2 + width} ${y2 + height / 2}`);
    svg.append(path);
  }
  for (const name of services) {
    const service = state.overview.services.find((candidate) => candidate.name === name);
    const containers = service ? service.containers : [];
    const tones = containers.map(tone);
    const overall = tones.includes("bad") ? "bad" : tones.includes("warn") ? "warn" : tones.includes("ok") ? "ok" : "none";
    const group = document.createElementNS(svgNS, "g");
    group.setAttribute("class", "node " + overall);
    group.setAttribute("id", "graph-" + name);
    group.setAttribute("data-tone", overall);
    const [x, y] = position[name];
    const rect = document.createElementNS(svgNS, "rect");
    for (const [key, value] of Object.entries({ x, y, width, height })) rect.setAttribute(key, value);
    const text = document.createElementNS(svgNS, "text");
    text.setAttribute("x", x + 10);
    text.setAttribute("y", y + 21);
    text.textContent = name + (containers.length > 1 ? " ×" + containers.length : "");
    const title = document.createElementNS(svgNS, "title");
    title.textContent = containers.map((c) => c.name + ": " + c.state + (c.health ? " (" + c.health + ")" : "")).join("\n") || "no container";
    group.append(rect, text, title);
    svg.append(group);
  }
  box.replaceChildren(svg);
}

// ---- actions: confirmed, then streamed

function confirmAction(action, service) {
  const dialog = document.getElementById("confirm");
  const what = service ? `service ${service} of project ${state.project}` : `project ${state.project}`;
  document.getElementById("confirm-text").textContent = `${action[0].toUpperCase() + action.slice(1)} ${what}?`;
  document.getElementById("confirm-ok").textContent = action;
  dialog.returnValue = "";
  dialog.onclose = () => { if (dialog.returnValue === "ok") runAction(action, service); };
  dialog.showModal();
}

async function post(path, body) {
  return fetch(path, {
    method: "POST", body: JSON.stringify(body),
    headers: { "Content-Type": "application/json", "X-Pier-CSRF": requestKey },
  });
}

async function runAction(action, service) {
  const section = document.getElementById("progress-section");
  const list = document.getElementById("progress");
  section.hidden = false;
  list.replaceChildren(el("li", { class: "working" }, `${action} ${service || state.project}…`));
  const lines = {};
  const response = await post("/api/projects/" + encodeURIComponent(state.project) + "/actions", { action, service });
  if (!response.ok) {
    list.append(el("li", { class: "error" }, "refused: " + response.status + " " + await response.text()));
    return;
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const name = (/^event: (.*)$/m.exec(block) || [])[1];
      const data = (/^data: (.*)$/m.exec(block) || [])[1];
      if (!name || !data) continue;
      const message = JSON.parse(data);
      if (name === "progress") {
        const text = `${message.resource}  ${message.text}${message.detail ? ": " + message.detail : ""}`;
        const line = lines[message.resource] || list.appendChild(el("li", {}));
        lines[message.resource] = line;
        line.className = message.status;
        line.textContent = text;
      } else if (name === "done") {
        list.append(el("li", { class: message.error ? "error" : "done", id: "action-result" },
          message.error ? "failed: " + message.error : `${action} done`));
      }
    }
  }
}

// ---- environment: secret-looking values stay masked until revealed one by one

async function showEnvironment(container) {
  const dialog = document.getElementById("environment");
  const base = "/api/projects/" + encodeURIComponent(state.project) + "/containers/" + container.id;
  const response = await fetch(base + "/environment");
  if (!response.ok) return showBanner("cannot read the environment of " + container.name);
  const answer = await response.json();
  document.getElementById("environment-title").textContent = "Environment of " + container.name;
  const reveal = (body, cell) => async () => {
    const revealed = await post(base + "/reveal", body);
    cell.textContent = revealed.ok ? (await revealed.json()).value : "cannot reveal: " + revealed.status;
  };
  const row = (name, value, masked, body) => {
    const cell = el("td", {}, masked ? "••••••" : value);
    return el("tr", {}, el("td", {}, name), cell,
      el("td", {}, masked ? el("button", { class: "small", onclick: reveal(body, cell) }, "reveal") : ""));
  };
  document.getElementById("environment-rows").replaceChildren(
    ...answer.variables.map((variable) =>
      row(variable.name, variable.value, variable.masked, { variable: variable.name })),
    ...answer.secrets.map((secret) =>
      row("secret " + secret.name + " (" + secret.source + ")", "", true, { secret: secret.name })));
  dialog.showModal();
}

// ---- start

function select() {
  state.project = selectedFromHash();
  state.overview = null;
  state.stats = {};
  state.graph = null;
  state.graphFor = "";
  if (state.logs) state.logs.close();
  document.getElementById("main").replaceChildren(el("p", { class: "empty" },
    state.project ? "Loading " + state.project + "…" : "Choose a project."));
  for (const link of document.querySelectorAll("#project-list a")) {
    link.classList.toggle("selected", link.dataset.project === state.project);
  }
  openFeed();
}

window.addEventListener("hashchange", select);
setInterval(tick, 1000);
select();
