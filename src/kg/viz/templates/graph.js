// watchdog-kg graph page. Data arrives as JSON; every string is written with textContent.
(function () {
  "use strict";
  function readJSON(id) { return JSON.parse(document.getElementById(id).textContent); }
  var rawNodes = readJSON("kg-nodes"), rawEdges = readJSON("kg-edges"), meta = readJSON("kg-meta");
  var nodes = new vis.DataSet(rawNodes), edges = new vis.DataSet(rawEdges);
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  // ---------------------------------------------------------------- filters
  var state = { programme: "", kinds: {}, stances: {}, since: null, until: null };
  function inYears(year) {
    if (year === null || year === undefined) return true;
    return (state.since === null || year >= state.since) && (state.until === null || year <= state.until);
  }
  function nodeVisible(n) {
    if (state.programme && (n.programmes || []).indexOf(state.programme) < 0) return false;
    if (n.actor && state.kinds[n.kind] === false) return false;
    return inYears(n.year);
  }
  var nodeView = new vis.DataView(nodes, { filter: nodeVisible });
  var edgeView = new vis.DataView(edges, {
    filter: function (e) {
      if (e.stance && state.stances[e.stance] === false) return false;
      return inYears(e.year);
    }
  });

  var options = KG_OPTIONS;
  var network = new vis.Network($("graph"), { nodes: nodeView, edges: edgeView }, options);
  window.kgNetwork = network;
  window.kgData = { nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView, meta: meta };

  function visibleEdgeCount() {
    return edgeView.get().filter(function (e) { return nodeView.get(e.from) && nodeView.get(e.to); }).length;
  }
  function refresh() {
    nodeView.refresh(); edgeView.refresh();
    $("counts").textContent = nodeView.length + " of " + nodes.length + " nodes · " + visibleEdgeCount() +
      " of " + edges.length + " arrows";
  }

  // programme, kinds, stances, years
  meta.programmes.forEach(function (p) { var o = el("option", p); o.value = p; $("programme").appendChild(o); });
  $("programme").addEventListener("change", function () { state.programme = this.value; refresh(); });
  function checkboxes(containerId, values, store) {
    values.forEach(function (v) {
      var label = el("label"), box = document.createElement("input");
      box.type = "checkbox"; box.checked = true; box.value = v;
      box.addEventListener("change", function () { store[v] = this.checked; refresh(); });
      label.appendChild(box); label.appendChild(document.createTextNode(" " + v));
      $(containerId).appendChild(label); $(containerId).appendChild(document.createElement("br"));
    });
  }
  checkboxes("kind-list", meta.actorKinds, state.kinds);
  checkboxes("stance-list", meta.stances, state.stances);
  $("since").value = meta.minYear === null ? "" : meta.minYear;
  $("until").value = meta.maxYear === null ? "" : meta.maxYear;
  ["since", "until"].forEach(function (id) {
    $(id).addEventListener("change", function () {
      var v = parseInt(this.value, 10); state[id] = isNaN(v) ? null : v; refresh();
    });
  });
  $("physics").checked = !!(options.physics && options.physics.enabled);
  $("physics").addEventListener("change", function () { network.setOptions({ physics: { enabled: this.checked } }); });

  // ---------------------------------------------------------------- search
  var byLabel = {};
  nodes.forEach(function (n) {
    [n.label].concat((n.card && n.card.aliases) || []).forEach(function (name) {
      byLabel[String(name).toLowerCase()] = n.id;
      var o = document.createElement("option"); o.value = name; $("labels").appendChild(o);
    });
  });
  function find(text) {
    var q = String(text).trim().toLowerCase();
    if (!q) return null;
    if (byLabel[q] !== undefined) return byLabel[q];
    var hit = nodes.get({ filter: function (n) { return String(n.label).toLowerCase().indexOf(q) >= 0; } });
    return hit.length ? hit[0].id : null;
  }
  // a node found by search but hidden by a filter: lift each filter that hides it
  // (selecting or focusing a node that is not drawn throws in vis-network)
  function reveal(id) {
    if (nodeView.get(id)) return;
    var n = nodes.get(id);
    if (state.programme && (n.programmes || []).indexOf(state.programme) < 0) { state.programme = ""; $("programme").value = ""; }
    if (n.actor && state.kinds[n.kind] === false) {
      state.kinds[n.kind] = true;
      Array.prototype.forEach.call($("kind-list").querySelectorAll("input"), function (b) { if (b.value === n.kind) b.checked = true; });
    }
    if (!inYears(n.year)) {
      state.since = null; state.until = null;
      $("since").value = meta.minYear === null ? "" : meta.minYear; $("until").value = meta.maxYear === null ? "" : meta.maxYear;
    }
    refresh();
  }
  $("search").addEventListener("change", function () {
    var id = find(this.value);
    if (id === null) { this.setCustomValidity("not found"); this.reportValidity(); return; }
    this.setCustomValidity("");
    reveal(id);
    network.selectNodes([id]); network.focus(id, { scale: 1.3, animation: false }); showNode(id);
  });

  // ---------------------------------------------------------------- panel
  function section(card, title, items, render) {
    if (!items || !items.length) return;
    card.appendChild(el("h3", title));
    var ul = el("ul");
    items.forEach(function (item) { var li = el("li"); render(li, item); ul.appendChild(li); });
    card.appendChild(ul);
  }
  function quote(card, ev) {
    var b = el("blockquote", "\u201c" + ev.quote + "\u201d");
    b.appendChild(el("span", ev.headline + (ev.date ? " (" + ev.date + ")" : "") + " · " + ev.source, "source"));
    card.appendChild(b);
  }
  function open(card) { $("panel").hidden = false; return card; }
  function clear() { var c = $("card"); while (c.firstChild) c.removeChild(c.firstChild); return c; }
  function showNode(id) {
    var n = nodes.get(id); if (!n || !n.card) return;
    var c = open(clear()), k = n.card;
    c.appendChild(el("h2", k.label)); c.appendChild(el("div", k.kind + " · " + k.id, "kind"));
    section(c, "Also called", k.aliases, function (li, a) { li.textContent = a; });
    section(c, "Identifiers", k.identifiers, function (li, a) { li.textContent = a; });
    section(c, "Facts", k.facts, function (li, a) { li.textContent = a; });
    section(c, "Statements", k.out, function (li, s) { li.textContent = s[0] + ": " + s[1]; });
    section(c, "Referred to by", k["in"], function (li, s) { li.textContent = s[1] + " (" + s[0] + ")"; });
    var received = k.assessments.filter(function (a) { return a.role === "received"; });
    var made = k.assessments.filter(function (a) { return a.role === "made"; });
    section(c, "Criticised or answered by", received, function (li, a) {
      li.appendChild(el("strong", a.other)); li.appendChild(document.createTextNode(" · " + a.stance + " · " + (a.date || "undated")));
      if (a.quote) li.appendChild(el("div", "\u201c" + a.quote + "\u201d"));
    });
    section(c, "Assessments made", made, function (li, a) {
      li.textContent = "[" + a.stance + "] " + a.label + " \u2192 " + a.other + " (" + (a.date || "undated") + ")";
    });
    if (k.evidence && k.evidence.length) { c.appendChild(el("h3", "Evidence")); k.evidence.forEach(function (ev) { quote(c, ev); }); }
  }
  function showEdge(id) {
    var e = edges.get(id); if (!e || !e.card) return;
    var c = open(clear()), k = e.card;
    c.appendChild(el("h2", k.label));
    c.appendChild(el("div", k.kind + (k.stance ? " · " + k.stance : "") + " · " + k.id, "kind"));
    c.appendChild(el("p", k.from + " \u2192 " + k.to + (k.date ? " · " + k.date : "")));
    section(c, "Facts", k.facts, function (li, a) { li.textContent = a; });
    c.appendChild(el("h3", "Evidence"));
    (k.evidence || []).forEach(function (ev) { quote(c, ev); });
  }
  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });
  $("close").addEventListener("click", function () { $("panel").hidden = true; });

  // ---------------------------------------------------------------- legend and PNG
  var legend = $("legend-items");
  meta.legend.forEach(function (item) {
    var row = el("div"), mark = el("span", null, item.kind === "node" ? "swatch" : "line" + (item.dashes ? " dashed" : ""));
    if (item.kind === "node") mark.style.background = item.colour; else mark.style.borderTopColor = item.colour;
    row.appendChild(mark); row.appendChild(document.createTextNode(item.label + (item.shape ? " (" + item.shape + ")" : "")));
    legend.appendChild(row);
  });
  $("png").addEventListener("click", function () {
    var canvas = $("graph").querySelector("canvas");
    var a = document.createElement("a");
    a.href = canvas.toDataURL("image/png"); a.download = "watchdog-kg-graph.png";
    document.body.appendChild(a); a.click(); a.remove();
  });

  network.once("afterDrawing", function () { document.body.setAttribute("data-rendered", "true"); });
  // physics lays the graph out once, then stops so that nodes stay where a reader finds them
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } }); $("physics").checked = false;
    document.body.setAttribute("data-stable", "true");
  });
  if (!(options.physics && options.physics.enabled)) document.body.setAttribute("data-stable", "true");
  refresh();
})();
