// The JMasq dashboard: a MASQNode-UIv2 client of the Node that served this page (docs/UI.md).
'use strict';

const $ = (id) => document.getElementById(id);
const STEPS = ['Starting', 'NotConnected', 'ConnectedToNeighbor', 'RouteFound'];
const MAX_LOG_LINES = 200;
const FINANCIALS_EVERY_MS = 3000;

let socket = null;
let nextContextId = 1;
let retryMs = 500;
const pending = new Map();
const view = { selfKey: null, hood: null, routes: [] };

// ---- the connection -------------------------------------------------------------------------

function connect() {
  showLink('connecting', 'connecting…');
  socket = new WebSocket(`ws://${location.host}/`, 'MASQNode-UIv2');
  socket.onopen = () => {
    retryMs = 500;
    showLink('open', 'connected');
    refresh();
  };
  socket.onmessage = (event) => receive(JSON.parse(event.data));
  socket.onclose = () => {
    pending.forEach((p) => p.reject({ message: 'the connection closed' }));
    pending.clear();
    // A Node that is still starting refuses the upgrade (503): keep asking, a little slower.
    showLink('closed', 'not connected: the Node is starting or stopped; retrying');
    showStage('Starting');
    setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, 5000);
  };
}

function ask(opcode, payload = {}) {
  return new Promise((resolve, reject) => {
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      reject({ message: 'not connected' });
      return;
    }
    const contextId = nextContextId++;
    pending.set(contextId, { resolve, reject });
    socket.send(JSON.stringify({ opcode, contextId, payload }));
  });
}

const BROADCASTS = {
  connectionChange: (p) => showStage(p.stage),
  trafficChange: showTraffic,
  neighborhoodChange: showNeighborhood,
  logBroadcast: addLogLine,
};

function receive(message) {
  const waiting = pending.get(message.contextId);
  if (message.contextId !== undefined && waiting) {
    pending.delete(message.contextId);
    if (message.error) waiting.reject(message.error);
    else waiting.resolve(message.payload);
    return;
  }
  const show = BROADCASTS[message.opcode];
  if (show) show(message.payload);
}

function refresh() {
  ask('connectionStatus').then((p) => showStage(p.stage), note('control-note'));
  ask('descriptor').then(showDescriptor, note('control-note'));
  ask('traffic').then(showTraffic, (e) => notServed('traffic-note', 'traffic', e));
  ask('neighborhood').then(showNeighborhood, (e) => notServed('graph-note', 'neighborhood', e));
  refreshFinancials();
  refreshExitCountries();
  drawGraph();
}

// With showCountries the Node changes nothing: it tells which countries a route can exit in now.
function refreshExitCountries() {
  ask('exitLocation', { showCountries: true }).then(showExitCountries, note('exit-note'));
}

function showExitCountries(p) {
  const countries = p.exitCountries || [];
  $('exit-countries').textContent = countries.length ? countries.join(', ') : '(none known)';
  const groups = p.exitCountrySelection || [];
  $('exit-selection').textContent = groups.length
    ? groups.map((g) => g.countryCodes.join(', ')).join(' | ') + (p.fallbackRouting ? ' (falls back)' : ' (no fallback)')
    : '(any country)';
}

// The Node answers one client's requests in order, so while a scan runs the questions would pile up.
let financialsAsked = false;

function refreshFinancials() {
  if (financialsAsked) return;
  financialsAsked = true;
  ask('financials', { statsRequired: true, topRecordsOpt: { count: 100, orderedBy: 'Balance' } })
    .then(showFinancials, note('financials-note'))
    .finally(() => { financialsAsked = false; });
}

setInterval(() => {
  if (socket && socket.readyState === WebSocket.OPEN) {
    refreshFinancials();
    refreshExitCountries();
  }
}, FINANCIALS_EVERY_MS);

// ---- what the Node says ---------------------------------------------------------------------

function showLink(state, text) {
  $('link').dataset.state = state;
  $('link').textContent = text;
}

function showStage(stage) {
  $('stage').textContent = stage;
  $('stage').dataset.stage = stage;
  const at = STEPS.indexOf(stage);
  $('stage-progress').value = Math.max(at, 0);
  $('stage-progress-label').textContent = `${Math.max(at, 0)}/3`;
  for (const li of $('steps').children) {
    li.className = STEPS.indexOf(li.dataset.step) <= at ? 'done' : '';
  }
}

function showDescriptor(p) {
  // Originate-only and consume-only Nodes have no public address, so no descriptor.
  $('descriptor').textContent = p.nodeDescriptorOpt || '(none: this Node has no public address)';
}

function showTraffic(p) {
  $('streams-open').textContent = p.streamsOpen;
  $('bytes-consumed').textContent = p.bytesConsumed;
  $('bytes-relayed').textContent = p.bytesRelayed;
  $('bytes-exited').textContent = p.bytesExited;
  $('earned-wei').textContent = p.earnedWei;
  $('spent-wei').textContent = p.spentWei;
  served('traffic-note');
  view.routes = p.routes || [];
  // A route's id names every hop both ways: too long for a cell, so it is the row's tooltip.
  fillTable('routes', view.routes.map((r, i) => [`#${i + 1}`, r.hops.join(' › '), r.exit, r.exitCountry || 'ZZ', r.streams]));
  document.querySelectorAll('#routes tbody tr').forEach((tr, i) => { tr.title = view.routes[i].routeId; });
  drawGraph();
}

function showNeighborhood(p) {
  view.hood = p;
  view.selfKey = p.self || view.selfKey;
  served('graph-note');
  drawGraph();
}

function showFinancials(p) {
  const stats = p.statsOpt || {};
  $('total-payable').textContent = stats.totalUnpaidAndPendingPayableGwei ?? '—';
  $('total-receivable').textContent = stats.totalUnpaidReceivableGwei ?? '—';
  const results = p.queryResultsOpt || {};
  fillTable('payables', (results.payableOpt || []).map((a) =>
    [a.wallet, a.ageS, a.balanceGwei, a.pendingPayableHashOpt || '']));
  fillTable('receivables', (results.receivableOpt || []).map((a) =>
    [a.wallet, a.ageS, a.balanceGwei]));
  $('financials-note').textContent = '';
}

function addLogLine(p) {
  const li = document.createElement('li');
  li.className = String(p.logLevel).toLowerCase();
  li.textContent = p.msg;
  const log = $('log');
  log.prepend(li);
  while (log.children.length > MAX_LOG_LINES) log.lastChild.remove();
}

function fillTable(id, rows) {
  const body = $(id).tBodies[0];
  body.replaceChildren(...rows.map((cells) => {
    const tr = document.createElement('tr');
    for (const c of cells) {
      const td = document.createElement('td');
      td.textContent = c;
      tr.append(td);
    }
    return tr;
  }));
}

function note(id) {
  return (error) => { $(id).textContent = error.message; };
}

function served(id) {
  $(id).textContent = '';
  $(id).dataset.served = 'true';
}

function notServed(id, what, error) {
  $(id).textContent = `${what}: not served by this Node (${error.message})`;
  $(id).dataset.served = 'false';
}

// ---- the neighborhood graph -----------------------------------------------------------------

const SVG = 'http://www.w3.org/2000/svg';

/** This Node in the middle, its neighbors around it, the other Nodes of routes in use outside. */
function drawGraph() {
  const svg = $('graph');
  svg.replaceChildren();
  // Until the Node names itself (neighborhood), it is drawn unnamed, with the routes it uses.
  const self = view.selfKey || 'this Node';
  const shortOf = new Map();
  const neighbors = [];
  for (const n of (view.hood && view.hood.nodes) || []) {
    shortOf.set(n.key, n.shortKey);
    if (n.neighbor && n.shortKey !== self) neighbors.push(n.shortKey);
  }
  const onRoutes = new Set(view.routes.flatMap((r) => [...r.hops, r.exit]));
  const outer = [...onRoutes].filter((k) => k !== self && !neighbors.includes(k));
  const at = new Map([[self, { x: 240, y: 160 }]]);
  ring(neighbors, 95, at);
  ring(outer, 145, at);
  const edges = ((view.hood && view.hood.edges) || [])
    .map((e) => [shortOf.get(e.from) || e.from, shortOf.get(e.to) || e.to])
    .filter(([a, b]) => at.has(a) && at.has(b));
  for (const k of neighbors) edges.push([self, k]);
  for (const [a, b] of edges) svg.append(line(at.get(a), at.get(b), 'edge'));
  for (const r of view.routes) {
    const path = [self, ...r.hops, r.exit].filter((k, i, all) => k !== all[i - 1]);
    for (let i = 1; i < path.length; i++) {
      if (at.has(path[i - 1]) && at.has(path[i])) {
        svg.append(line(at.get(path[i - 1]), at.get(path[i]), 'route-edge'));
      }
    }
  }
  for (const [key, p] of at) {
    const kind = key === self ? 'self' : neighbors.includes(key) ? 'neighbor' : 'route';
    svg.append(node(key, p, kind, onRoutes.has(key)));
  }
}

function ring(keys, radius, at) {
  keys.forEach((k, i) => {
    const angle = (2 * Math.PI * i) / keys.length - Math.PI / 2;
    at.set(k, { x: 240 + radius * Math.cos(angle) * 1.4, y: 160 + radius * Math.sin(angle) });
  });
}

function line(a, b, cls) {
  const l = document.createElementNS(SVG, 'line');
  l.setAttribute('x1', a.x); l.setAttribute('y1', a.y);
  l.setAttribute('x2', b.x); l.setAttribute('y2', b.y);
  l.setAttribute('class', cls);
  return l;
}

function node(key, p, kind, onRoute) {
  const g = document.createElementNS(SVG, 'g');
  g.setAttribute('class', `node ${kind}${onRoute ? ' on-route' : ''}`);
  g.dataset.key = key;
  const c = document.createElementNS(SVG, 'circle');
  c.setAttribute('cx', p.x); c.setAttribute('cy', p.y); c.setAttribute('r', kind === 'self' ? 14 : 10);
  const t = document.createElementNS(SVG, 'text');
  t.setAttribute('x', p.x); t.setAttribute('y', p.y + (kind === 'self' ? 28 : 22));
  t.textContent = kind === 'self' && !view.selfKey ? 'this Node' : key.substring(0, 8);
  const title = document.createElementNS(SVG, 'title');
  title.textContent = key;
  g.append(c, t, title);
  return g;
}

// ---- controls -------------------------------------------------------------------------------

function done(what) {
  return () => { $('control-note').textContent = `${what}: done`; };
}

$('min-hops-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const value = $('min-hops').value;
  ask('setConfiguration', { name: 'min-hops', value })
    .then(done(`min-hops ${value}`), note('control-note'));
});

$('scan-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const scanType = $('scan-type').value;
  $('control-note').textContent = `scan ${scanType}: running…`;
  ask('scan', { scanType }).then(() => {
    done(`scan ${scanType}`)();
    refreshFinancials();
  }, note('control-note'));
});

$('shutdown').addEventListener('click', () => {
  if (!confirm('Shut the Node down? It stops serving and this page loses it.')) return;
  ask('shutdown').then(done('shutdown'), note('control-note'));
});

showStage('Starting');
connect();
