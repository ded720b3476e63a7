/* The assessment report: draws the page from its JSON data block.
 *
 * Every piece of text from the data goes into the page through textContent
 * (or an attribute set here), never as markup. The what-if panel evaluates
 * the exported circuit exactly as assess does (semantics/prob/model.py and
 * wmc.py: the same operations in the same order, so the same doubles).
 */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("report-data").textContent);
  /* Okabe & Ito's colour-blind-safe palette, without its yellow, which does
   * not show on white; after seven lines the marker's shape changes too. */
  var PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
                 "#000000"];
  var SHAPES = ["circle", "square", "diamond", "triangle"];
  var SVG = "http://www.w3.org/2000/svg";

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }

  function svg(tag, attrs, children) {
    var node = document.createElementNS(SVG, tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }

  function setAttrs(node, attrs) {
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] !== null && attrs[k] !== undefined) { node.setAttribute(k, String(attrs[k])); }
    });
  }

  function append(node, children) {
    (Array.isArray(children) ? children : [children]).forEach(function (c) {
      if (c === null || c === undefined) { return; }
      node.appendChild(typeof c === "string" || typeof c === "number"
        ? document.createTextNode(String(c)) : c);
    });
  }

  /* -- ICD 203 words (analysis/icd203.py) ---------------------------------- */

  var BANDS = DATA.circuit.bands;  /* [term, low, high], lowest first */
  var EDGE_TOLERANCE = 1e-9;

  function clamp(p) { return Math.min(1, Math.max(0, p)); }

  function snap(p) {
    for (var i = 0; i < BANDS.length; i++) {
      for (var k = 1; k <= 2; k++) {
        if (Math.abs(p - BANDS[i][k]) <= EDGE_TOLERANCE) { return BANDS[i][k]; }
      }
    }
    return p;
  }

  function bandIndex(p) {
    p = snap(p);
    var middle = 3, i;
    if (p <= 0.5) {
      for (i = middle; i >= 0; i--) { if (p >= BANDS[i][1] || i === 0) { return i; } }
    }
    for (i = middle; i < BANDS.length; i++) {
      if (p <= BANDS[i][2] || i === BANDS.length - 1) { return i; }
    }
    return BANDS.length - 1;
  }

  function term(p) {
    p = snap(clamp(p));
    if (p === 0) { return "no chance on this evidence (0 %)"; }
    if (p === 1) { return "certain on this evidence (100 %)"; }
    if (p < BANDS[0][1]) { return "remote (below 1 %)"; }
    if (p > BANDS[BANDS.length - 1][2]) { return "nearly certain (above 99 %)"; }
    return BANDS[bandIndex(p)][0];
  }

  function termClass(p) {
    p = clamp(p);
    return p === 0 ? -1 : p === 1 ? 99 : bandIndex(p);
  }

  function percent(p) {
    var v = clamp(p) * 100;
    if (v === 0 || v === 100 || (v >= 1 && v <= 99)) { return v.toFixed(0) + " %"; }
    for (var d = 1; d < 7; d++) {
      var t = v.toFixed(d);
      if (parseFloat(t) !== 0 && parseFloat(t) !== 100) { return t + " %"; }
    }
    return v < 1 ? "below 0.000001 %" : "above 99.999999 %";
  }

  function signed(x, digits) {
    if (x === "+inf" || x === "-inf") { return x === "+inf" ? "+\u221e" : "-\u221e"; }
    return (x > 0 ? "+" : "") + x.toFixed(digits);
  }

  /* -- page frame -------------------------------------------------------- */

  var app = document.getElementById("app");
  var SECTIONS = [["judgements", "Judgements"], ["matrix", "ACH matrix"],
                  ["map", "Argument map"], ["sensitivity", "Sensitivity"],
                  ["track", "Track"], ["whatif", "What if"]];

  function section(id, title, intro) {
    var s = el("section", {id: id}, [el("h2", {}, title)]);
    if (intro) { s.appendChild(el("p", {"class": "intro"}, intro)); }
    app.appendChild(s);
    return s;
  }

  function header() {
    var nav = el("nav", {}, SECTIONS.map(function (s) {
      return el("a", {href: "#" + s[0]}, s[1]);
    }));
    app.appendChild(el("header", {}, [
      el("h1", {}, DATA.title),
      el("p", {"class": "files"}, "Files: " + DATA.files.join(", ") + " \u00b7 assess " +
         DATA.version),
      nav]));
  }

  /* -- judgements -------------------------------------------------------- */

  function judgementsSection() {
    var s = section("judgements", "Judgements",
      "Each competing set, most probable first: the likelihood in ICD 203's words, the " +
      "strongest argument for and against with the report it rests on, and, apart, the " +
      "confidence in the judgement.");
    var byName = {};
    DATA.run.hypotheses.forEach(function (h) { byName[h.name] = h; });
    DATA.words.sets.forEach(function (set) {
      var box = el("div", {"class": "set", "data-set": set.name || ""},
                   [el("h3", {}, set.heading)]);
      set.members.forEach(function (name) { box.appendChild(judgementCard(byName[name])); });
      s.appendChild(box);
    });
    if (DATA.words.underived.length) {
      s.appendChild(el("p", {"class": "note"}, "No instance is derived on this evidence: " +
                       DATA.words.underived.join(", ") + "."));
    }
    var others = DATA.run.queries.filter(function (q) { return !byName[q.atom]; });
    if (others.length) {
      var list = el("ul", {"class": "queries"});
      others.forEach(function (q) {
        list.appendChild(el("li", {"data-atom": q.atom, "data-probability": q.probability},
                            q.atom + ": " + percent(q.probability) + " (" + term(q.probability) +
                            ")"));
      });
      s.appendChild(el("div", {"class": "set"}, [el("h3", {}, "other queries"), list]));
    }
  }

  function judgementCard(h) {
    var w = DATA.words.judgements[h.name];
    var card = el("article", {"class": "judgement", "data-hypothesis": h.name,
                              "data-probability": h.probability, "data-estimate": h.estimate}, [
      el("h4", {}, [el("span", {"class": "badge band-" + (judgedOf(h) === null ? "none"
        : bandIndex(clamp(judgedOf(h))))}, shown(judgedOf(h))), " ", w.head]),
      el("p", {"class": "description"}, "\u201c" + w.description + "\u201d")]);
    card.appendChild(argumentBlock("For", w["for"], h["for"]));
    card.appendChild(argumentBlock("Against", w.against, h.against));
    if (w.contest) { card.appendChild(el("p", {"class": "contest"}, w.contest)); }
    card.appendChild(el("p", {"class": "confidence confidence-" + h.confidence.level},
                        w.confidence));
    return card;
  }

  /* the number a judgement reads: P(h), or P(h | c) (null: c cannot hold) */
  function judgedOf(h) { return h.given ? h.given.probability : h.probability; }

  function argumentBlock(side, sentence, data) {
    var box = el("div", {"class": "argument " + side.toLowerCase()}, [el("p", {}, sentence)]);
    if (data && data.report) {
      var r = data.report, source = DATA.sources[r.source] || {};
      var grade = (source.reliability || "?") + r.credibility;
      box.appendChild(el("dl", {"class": "report"}, [
        el("dt", {}, "Source"), el("dd", {}, r.source + " \u2014 " + (source.description || "")),
        el("dt", {}, "Grade"), el("dd", {}, grade),
        el("dt", {}, "Date"), el("dd", {}, r.date || "undated"),
        el("dt", {}, "Quote"), el("dd", {"class": "quote"}, r.quote || "(none)"),
        el("dt", {}, "Rule"), el("dd", {}, (data.rule ? "[" + data.rule + "] " : "") +
                                  data.file + ":" + data.line)]));
    }
    return box;
  }

  /* -- ACH matrix -------------------------------------------------------- */

  function weightValue(w) {
    return w === "+inf" ? Infinity : w === "-inf" ? -Infinity : w;
  }

  function heat(w) {
    var v = weightValue(w), t = Math.min(1, Math.abs(v) / 15);
    if (v === 0) { return "#f7f7f7"; }
    var base = v > 0 ? [0, 114, 178] : [213, 94, 0];
    var mix = base.map(function (c) { return Math.round(255 + (c - 255) * (0.15 + 0.7 * t)); });
    return "rgb(" + mix.join(",") + ")";
  }

  function matrixSection() {
    var s = section("matrix", "ACH matrix",
      "Weight of evidence of each indicator's reports for each hypothesis, in decibans " +
      "(10\u00b7log10 of the factor on its odds): blue consistent, orange inconsistent. " +
      "Click a header to sort by it.");
    DATA.matrices.forEach(function (m) { s.appendChild(matrixTable(m)); });
    if (!DATA.matrices.length) { s.appendChild(el("p", {"class": "note"}, "No competing set.")); }
  }

  function matrixTable(m) {
    var table = el("table", {"class": "matrix", "data-set": m.set});
    var head = el("tr", {});
    var columns = [["indicator", "Indicator"], ["sources", "Sources"]];
    m.hypotheses.forEach(function (h) { columns.push(["h:" + h.name, h.name]); });
    columns.push(["diagnosticity", "Diagnosticity"]);
    var body = el("tbody", {});
    columns.forEach(function (c, i) {
      var th = el("th", {"data-key": c[0], tabindex: 0, role: "button"}, c[1]);
      th.addEventListener("click", function () { sortRows(body, i, th); });
      head.appendChild(th);
    });
    m.rows.forEach(function (row) {
      var tr = el("tr", {"data-indicator": row.indicator}, [
        el("td", {"class": "name", title: row.description || ""}, row.indicator),
        el("td", {}, row.sources.join(", "))]);
      row.cells.forEach(function (cell) {
        var td = el("td", {"class": "cell", "data-hypothesis": cell.hypothesis,
                           "data-weight": cell.weight, "data-mark": cell.mark,
                           "data-sort": String(weightValue(cell.weight))},
                    [el("span", {"class": "w"}, signed(cell.weight, 1)), " ",
                     el("span", {"class": "mark"}, cell.mark)]);
        td.style.backgroundColor = heat(cell.weight);
        tr.appendChild(td);
      });
      tr.appendChild(el("td", {"class": "diagnosticity", "data-sort":
        String(weightValue(row.diagnosticity))},
        row.diagnosticity === "+inf" ? "\u221e" : row.diagnosticity.toFixed(1)));
      tr.firstChild.setAttribute("data-sort", row.indicator);
      tr.childNodes[1].setAttribute("data-sort", row.sources.join(","));
      body.appendChild(tr);
    });
    var foot = el("tfoot", {});
    var probs = el("tr", {}, [el("th", {}, "P(hypothesis)"), el("td", {})]);
    var against = el("tr", {}, [el("th", {}, "dB against"), el("td", {})]);
    m.hypotheses.forEach(function (h) {
      probs.appendChild(el("td", {"data-probability": h.probability}, percent(h.probability)));
      against.appendChild(el("td", {"data-inconsistency": h.inconsistency},
                             h.inconsistency.toFixed(1)));
    });
    probs.appendChild(el("td", {}));
    against.appendChild(el("td", {}));
    foot.appendChild(probs);
    foot.appendChild(against);
    table.appendChild(el("caption", {}, m.set + " \u2014 least inconsistent first"));
    table.appendChild(el("thead", {}, head));
    table.appendChild(body);
    table.appendChild(foot);
    var legend = el("p", {"class": "legend"},
      "CC/C: consistent (at least +5 / +1 dB), N: neutral, I/II: inconsistent (at least " +
      "-1 / -5 dB); diagnosticity: the spread of an indicator's weights across hypotheses.");
    return el("div", {"class": "matrix-box"}, [table, legend]);
  }

  function sortRows(body, column, th) {
    var descending = th.getAttribute("data-order") !== "desc";
    Array.prototype.forEach.call(th.parentNode.children, function (h) {
      h.removeAttribute("data-order");
    });
    th.setAttribute("data-order", descending ? "desc" : "asc");
    var rows = Array.prototype.slice.call(body.children);
    rows.sort(function (a, b) {
      var x = a.children[column].getAttribute("data-sort");
      var y = b.children[column].getAttribute("data-sort");
      var nx = parseFloat(x), ny = parseFloat(y), r;
      if (!isNaN(nx) && !isNaN(ny)) { r = nx === ny ? 0 : nx < ny ? -1 : 1; }
      else { r = x < y ? -1 : x > y ? 1 : 0; }
      return descending ? -r : r;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  /* -- argument map ------------------------------------------------------ */

  /* The styles are the legend's (explain/mapdata.py LEGEND): one home. */
  var SHAPES_OF = {box: "rectangle", ellipse: "ellipse", note: "tag",
                   doubleoctagon: "octagon"};

  function shapeOf(entry) {
    if (entry.shape === "box" && /rounded/.test(entry.style || "")) { return "round-rectangle"; }
    return SHAPES_OF[entry.shape] || "round-rectangle";
  }
  var ARROWS_OF = {normal: "triangle", tee: "tee", odot: "circle", diamond: "diamond",
                   dot: "circle", empty: "triangle"};

  function legendEntries(element) {
    return DATA.map.legend.filter(function (l) { return l.element === element; });
  }

  function nodeLabel(n) {
    var count = n.count > 1 ? " \u00d7" + n.count : "";
    if (n.probability === null || n.probability === undefined) { return n.label + count; }
    if (n.kind === "argument") {
      return n.label + count + "\n" + (n.weight !== null ? "w " + n.weight + ", " : "") +
        "fires " + percent(n.probability);
    }
    if (n.given) {  // a member of a set given c: as run judges it, then P(h) overall
      var judged = n.given[1] === null ? "no judgement" : percent(n.given[1]) + " if " + n.given[0];
      return n.label + count + "\n" + judged + " \u00b7 " + percent(n.probability) + " overall";
    }
    return n.label + count + "\n" + percent(n.probability);
  }

  var cy = null;
  var NODES = {};     /* every node, grouped and expanded, by id */
  var OWNER = {};     /* expanded node id -> the node that shows it now */
  var EXPANDABLE = {};  /* collapsed node id -> its members' ids */

  function mapSection() {
    var s = section("map", "Argument map",
      "Grouped by competing set, each contrary beside what it contradicts; the instances " +
      "of one rule and the reports of one atom are one node (\u00d7 how many: click it, " +
      "then expand). Scroll to zoom, drag to pan; click a node for its explanation.");
    var legend = el("ul", {"class": "map-legend"});
    legendEntries("node").concat(legendEntries("edge")).forEach(function (l) {
      var mark = l.element === "node"
        ? el("span", {"class": "swatch"}) : el("span", {"class": "line"});
      if (l.element === "node") {
        mark.style.backgroundColor = l.fill || "#ffffff";
        mark.style.borderColor = l.colour;
        mark.style.borderStyle = /dashed/.test(l.style || "") ? "dashed" : "solid";
        mark.style.borderWidth = /bold/.test(l.style || "") ? "3px" : "1px";
      } else {
        mark.style.borderTopColor = l.colour;
        mark.style.borderTopStyle = l.style === "bold" ? "solid" : (l.style || "solid");
      }
      legend.appendChild(el("li", {"data-kind": l.kind}, [mark, l.text]));
    });
    var tools = el("div", {"class": "map-tools"});
    [["start", "Hypotheses"], ["fit", "Whole map"], ["in", "Zoom in"],
     ["out", "Zoom out"], ["collapse", "Collapse all"]].forEach(function (b) {
      var button = el("button", {type: "button", "data-action": b[0]}, b[1]);
      button.addEventListener("click", function () { mapAction(b[0]); });
      tools.appendChild(button);
    });
    var canvas = el("div", {id: "cy", "class": "map-canvas"});
    var panel = el("aside", {id: "node-detail", "class": "detail"},
                   [el("p", {"class": "note"}, "Click a node to see its explanation.")]);
    s.appendChild(el("div", {"class": "map-head"}, [legend, tools]));
    s.appendChild(el("div", {"class": "map-body"}, [canvas, panel]));
    drawMap(canvas, panel);
  }

  function resetOwners() {
    OWNER = {};
    EXPANDABLE = {};
    DATA.expanded.nodes.forEach(function (n) { OWNER[n.id] = n.id; });
    DATA.map.nodes.forEach(function (n) {
      (n.members || []).forEach(function (m) { OWNER[m.id] = n.id; });
      if (n.count > 1) {
        EXPANDABLE[n.id] = (n.members || []).map(function (m) { return m.id; });
      }
    });
  }

  function groupOf(id) {
    var n = NODES[id];
    return n && n.group ? "group:" + n.group : undefined;
  }

  /* The visible map: the expanded map with each node shown by its owner. */
  function elements() {
    var out = [], shown = {}, edges = {};
    DATA.map.groups.forEach(function (g) {
      out.push({group: "nodes", data: {id: "group:" + g.id, label: g.label,
                                       kind: "group", gkind: g.kind}});
    });
    DATA.expanded.nodes.forEach(function (n) {
      var id = OWNER[n.id];
      if (shown[id]) { return; }
      shown[id] = true;
      var node = NODES[id], label = nodeLabel(node), lines = label.split("\n");
      var longest = Math.max.apply(null, lines.map(function (l) { return l.length; }));
      var size = node.kind === "argument" || node.kind === "evidence" ? 6.2 : 7.2;
      out.push({group: "nodes", data: {
        id: id, label: label, kind: node.kind, parent: groupOf(id),
        contrary: node.contrary ? "yes" : "no", collapsed: EXPANDABLE[id] ? "yes" : "no",
        w: Math.max(40, longest * size + 16), h: lines.length * 15 + 12}});
    });
    DATA.expanded.edges.forEach(function (e) {
      var a = OWNER[e.source], b = OWNER[e.target], key = a + " " + b + " " + e.kind;
      if (a === b || edges[key]) { return; }
      edges[key] = true;
      out.push({group: "edges", data: {id: "e:" + key, source: a, target: b, kind: e.kind}});
    });
    return out;
  }

  function mapStyle() {
    var style = [{selector: "node", style: {
      "label": "data(label)", "text-wrap": "wrap", "text-valign": "center",
      "text-halign": "center", "font-size": 12, "font-family": "Helvetica, Arial, sans-serif",
      "width": "data(w)", "height": "data(h)", "text-max-width": "240px"}},
      {selector: "node[kind = \"group\"]", style: {
        "shape": "round-rectangle", "text-valign": "top", "text-halign": "center",
        "font-size": 14, "font-weight": "bold", "color": "#333", "padding": "14px",
        "border-width": 1, "background-opacity": 1}},
      {selector: "node[collapsed = \"yes\"]", style: {"border-style": "double",
                                                      "border-width": 4}},
      {selector: "node:selected", style: {"border-color": "#CC79A7", "border-width": 4,
                                          "overlay-opacity": 0}}];
    legendEntries("node").forEach(function (l) {
      var selector = l.kind === "contrary" ? "node[contrary = \"yes\"]"
        : "node[kind = \"" + l.kind + "\"]";
      var small = l.kind === "argument" || l.kind === "evidence";
      style.push({selector: selector, style: {
        "shape": shapeOf(l), "background-color": l.fill || "#fff",
        "border-color": l.colour, "border-width": /bold/.test(l.style || "") ? 3 : 1.5,
        "border-style": /dashed/.test(l.style || "") ? "dashed" : "solid",
        "font-weight": l.kind === "hypothesis" ? "bold" : "normal",
        "font-size": small ? 11 : 12}});
    });
    legendEntries("group").forEach(function (l) {
      style.push({selector: "node[gkind = \"" + l.kind + "\"]", style: {
        "background-color": l.fill || "#fafafa", "border-color": l.colour}});
    });
    legendEntries("edge").forEach(function (l) {
      style.push({selector: "edge[kind = \"" + l.kind + "\"]", style: {
        "line-color": l.colour, "target-arrow-color": l.colour,
        "line-style": l.style === "bold" ? "solid" : (l.style || "solid"),
        "width": l.style === "bold" ? 3 : 1.5,
        "target-arrow-shape": ARROWS_OF[l.shape] || "triangle",
        "target-arrow-fill": l.shape === "empty" || l.shape === "odot" ? "hollow" : "filled",
        "curve-style": "bezier", "arrow-scale": 1.1}});
    });
    return style;
  }

  function layoutOptions() {
    return typeof cytoscapeDagre === "function"
      ? {name: "dagre", rankDir: "LR", nodeSep: 8, rankSep: 60, edgeSep: 4}
      : {name: "breadthfirst", directed: true};
  }

  /* Attacks are left out of the layout: a contrary is not pushed a rank away
   * from what it contradicts, and sits beside it in its group. */
  function layout() {
    cy.elements().not("edge[kind = \"attack\"]").layout(layoutOptions()).run();
    DATA.map.groups.forEach(function (g) {
      if (g.kind === "competing" || g.kind === "hypotheses") { stack(g); }
    });
  }

  /* A set's members one under the other in the model's drawing order (each
   * contrary right after its positive), in the column the layout gave them. */
  function stack(group) {
    var order = [], seen = {};
    group.nodes.forEach(function (id) {
      var shown = OWNER[id] || id;
      if (!seen[shown] && cy.getElementById(shown).length) {
        seen[shown] = true;
        order.push(cy.getElementById(shown));
      }
    });
    if (order.length < 2) { return; }
    var x = order.reduce(function (t, n) { return t + n.position("x"); }, 0) / order.length;
    var y = Math.min.apply(null, order.map(function (n) { return n.boundingBox().y1; }));
    order.forEach(function (n) {
      var h = n.boundingBox().h;
      n.position({x: x, y: y + h / 2});
      y += h + 10;
    });
  }

  function drawMap(canvas, panel) {
    if (typeof cytoscape !== "function") {
      canvas.appendChild(el("p", {"class": "note"}, "The map library did not load."));
      return;
    }
    if (typeof cytoscapeDagre === "function") { cytoscape.use(cytoscapeDagre); }
    DATA.expanded.nodes.forEach(function (n) { NODES[n.id] = n; });
    DATA.map.nodes.forEach(function (n) { NODES[n.id] = n; });
    resetOwners();
    cy = cytoscape({container: canvas, elements: elements(), style: mapStyle(),
                    minZoom: 0.05, maxZoom: 3});
    layout();
    startView();
    cy.on("tap", "node", function (event) {
      if (event.target.data("kind") !== "group") { showDetail(panel, event.target.id()); }
    });
    window.assessMap = cy;
  }

  function redraw() {
    cy.elements().remove();
    cy.add(elements());
    layout();
  }

  function expand(id) {
    (EXPANDABLE[id] || []).forEach(function (m) { OWNER[m] = m; });
    delete EXPANDABLE[id];
    redraw();
    var members = cy.collection();
    DATA.expanded.nodes.forEach(function (n) {
      if (OWNER[n.id] === n.id && NODES[id] && (NODES[id].members || []).some(function (m) {
        return m.id === n.id; })) { members = members.union(cy.getElementById(n.id)); }
    });
    if (members.length) { cy.fit(members.closedNeighborhood(), 40); }
  }

  /* The whole map of a large assessment is too small to read: start at a
   * zoom that reads, on the hypotheses (the rightmost column, evidence
   * flowing in from the left), their tops at the top of the view. */
  var READABLE_ZOOM = 0.8;

  function startView() {
    var hypotheses = cy.nodes("[kind = \"hypothesis\"]");
    cy.fit(undefined, 20);
    if (cy.zoom() >= READABLE_ZOOM || !hypotheses.length) { return; }
    var box = hypotheses.boundingBox();
    cy.zoom(READABLE_ZOOM);
    cy.pan({x: cy.width() - 40 - READABLE_ZOOM * box.x2, y: 40 - READABLE_ZOOM * box.y1});
  }

  function mapAction(action) {
    if (!cy) { return; }
    if (action === "fit") { cy.fit(undefined, 20); return; }
    if (action === "start") { startView(); return; }
    if (action === "collapse") { resetOwners(); redraw(); startView(); return; }
    var factor = action === "in" ? 1.4 : 1 / 1.4;
    cy.zoom({level: cy.zoom() * factor,
             renderedPosition: {x: cy.width() / 2, y: cy.height() / 2}});
  }

  function showDetail(panel, id) {
    var node = NODES[id];
    var d = DATA.details[id] || {};
    panel.textContent = "";
    panel.setAttribute("data-node", id);
    panel.appendChild(el("h3", {}, node.label + (node.count > 1 ? " \u00d7" + node.count : "")));
    panel.appendChild(el("p", {"class": "kind"}, node.kind + (node.probability !== null &&
      node.probability !== undefined ? ": " + percent(node.probability) : "") +
      (node.detail ? " \u00b7 " + node.detail : "")));
    if (EXPANDABLE[id]) {
      var button = el("button", {type: "button", id: "expand-node"},
                      "Expand into its " + node.count + " instances");
      button.addEventListener("click", function () { expand(id); showDetail(panel, id); });
      panel.appendChild(button);
    }
    if (node.members && node.members.length > 1) {
      var list = el("ul", {"class": "members"});
      node.members.forEach(function (m) {
        var link = el("button", {type: "button", "class": "member", "data-member": m.id},
                      m.label + (m.probability !== null ? ": " + percent(m.probability) : ""));
        link.addEventListener("click", function () { showDetail(panel, m.id); });
        list.appendChild(el("li", {}, [link, m.premises && m.premises.length
          ? " \u2190 " + m.premises.join(", ") : ""]));
      });
      panel.appendChild(el("h4", {}, "Instances (click one for its explanation)"));
      panel.appendChild(list);
    }
    if (d.why) {
      panel.appendChild(el("h4", {}, "Why (assess why)"));
      panel.appendChild(el("pre", {"class": "why"}, d.why));
    }
    if (d.sensitivity) {
      panel.appendChild(el("h4", {}, "Sensitivity (assess sensitivity)"));
      panel.appendChild(el("pre", {"class": "sensitivity"}, d.sensitivity));
    } else if (d.why) {
      panel.appendChild(el("p", {"class": "note"}, "Sensitivity is shown for hypotheses, " +
        "queries and contraries; run assess sensitivity for this atom."));
    }
    if (d.rule) {
      panel.appendChild(el("h4", {}, "Rule"));
      panel.appendChild(el("pre", {"class": "rule"}, d.rule + "\n" + d.place));
    }
    (d.reports || []).forEach(function (r) {
      panel.appendChild(el("dl", {"class": "report"}, [
        el("dt", {}, "Report"), el("dd", {}, r.key),
        el("dt", {}, "Source"), el("dd", {}, r.source + " \u2014 " + r.description),
        el("dt", {}, "Grade"), el("dd", {}, r.grade + " (" + r.words + "), " +
                                  percent(r.probability)),
        el("dt", {}, "Date"), el("dd", {}, r.date || "undated"),
        el("dt", {}, "Quote"), el("dd", {"class": "quote"}, r.quote || "(none)"),
        el("dt", {}, "Place"), el("dd", {}, r.place)]));
    });
  }

  /* -- sensitivity (tornado) --------------------------------------------- */

  var TORNADO_BARS = 8;

  function sensitivitySection() {
    var s = section("sensitivity", "Sensitivity",
      "For each hypothesis, the inputs that move it most: the exact derivative of its " +
      "probability with respect to each report, rule weight and source grade (bars to the " +
      "right raise it, to the left lower it), and the value at which it would change term; " +
      "for a member of a set given a condition c, of P(h | c), as the judgements read it.");
    var grid = el("div", {"class": "tornadoes"});
    DATA.sensitivities.forEach(function (r) { grid.appendChild(tornado(r)); });
    s.appendChild(grid);
  }

  function tornado(r) {
    var levers = r.levers.slice(0, TORNADO_BARS);
    var width = 560, row = 22, left = 230, top = 8, height = top + row * levers.length + 24;
    var biggest = Math.max.apply(null, levers.map(function (l) {
      return Math.abs(l.derivative); }).concat([1e-12]));
    var half = (width - left - 20) / 2, mid = left + half;
    var chart = svg("svg", {width: width, height: height, viewBox: "0 0 " + width + " " + height,
                            role: "img", "aria-label": "sensitivity of " + r.atom});
    chart.appendChild(svg("line", {x1: mid, x2: mid, y1: top - 4, y2: height - 20,
                                   stroke: "#444"}));
    levers.forEach(function (l, i) {
      var y = top + i * row, size = Math.abs(l.derivative) / biggest * (half - 40);
      var x = l.derivative >= 0 ? mid : mid - size;
      chart.appendChild(svg("text", {x: left - 6, y: y + 14, "text-anchor": "end",
                                     "class": "lever"}, l.kind + " " + l.name));
      chart.appendChild(svg("rect", {x: x, y: y + 3, width: Math.max(size, 1), height: row - 6,
                                     fill: l.derivative >= 0 ? PALETTE[0] : PALETTE[5]}));
      var tx = l.derivative >= 0 ? mid + size + 4 : mid - size - 4;
      chart.appendChild(svg("text", {x: tx, y: y + 14, "class": "value",
                                     "text-anchor": l.derivative >= 0 ? "start" : "end"},
                            signed(l.derivative, 3)));
    });
    /* explain/sensitivity: a member of a set given c moves P(h | c) */
    var moved = r.given ? "P(" + r.atom + " | " + r.given.condition + ")" : "P";
    chart.appendChild(svg("text", {x: mid, y: height - 6, "text-anchor": "middle",
                                   "class": "axis"}, "\u2202" + moved + "/\u2202input"));
    var caption = r.probability === null ? moved + ": " + r.term
      : (r.given ? moved : r.atom) + ": " + percent(r.probability) + " (" + r.term + ")";
    if (r.given) {
      caption += "; " + r.given.condition + " " + percent(r.given.condition_probability) + ", " +
        r.atom + " " + percent(r.given.overall) + " overall";
    }
    var box = el("figure", {"class": "tornado", "data-atom": r.atom,
                            "data-probability": r.probability}, [
      el("figcaption", {}, caption), chart]);
    if (r.probability === null) {
      box.appendChild(el("p", {"class": "note"}, "There is no judgement to move."));
    } else if (!levers.length) {
      box.appendChild(el("p", {"class": "note"}, "No input moves it."));
    }
    var words = DATA.sensitivity_words[r.atom];
    if (words) {
      var more = el("details", {}, [el("summary", {}, "every lever, as assess sensitivity " +
                                       "prints it"), el("pre", {}, words)]);
      box.appendChild(more);
    }
    return box;
  }

  /* -- track --------------------------------------------------------------- */

  function trackSection() {
    var s = section("track", "Track");
    var t = DATA.track;
    if (!t || !t.snapshots || t.snapshots.length < 2) {
      s.appendChild(el("p", {"class": "note", id: "track-absent"},
        "No track: the report was given one body of evidence whose reports carry at most " +
        "one date. Pass evidence snapshots with assess report \u2026 --track SNAPSHOT to " +
        "follow the judgements over time."));
      return;
    }
    s.appendChild(el("p", {"class": "intro"}, "Each question across the snapshots, spaced " +
      "by date where every snapshot has one (as assess track --format svg spaces them); " +
      "each point is marked, and labelled where the value changes."));
    var at = DATA.track_positions;
    var width = 1180, height = 420, left = 50, right = 240, top = 20, bottom = 60;
    var plotW = width - left - right, plotH = height - top - bottom;
    function X(i) { return left + plotW * at[i]; }
    function Y(p) { return top + plotH * (1 - clamp(p)); }
    var chart = svg("svg", {width: width, height: height, viewBox: "0 0 " + width + " " +
                            height, role: "img", "aria-label": "track", id: "track-chart"});
    [0, 0.25, 0.5, 0.75, 1].forEach(function (p) {
      chart.appendChild(svg("line", {x1: left, x2: left + plotW, y1: Y(p), y2: Y(p),
                                     stroke: "#ddd"}));
      chart.appendChild(svg("text", {x: left - 6, y: Y(p) + 4, "text-anchor": "end",
                                     "class": "axis"}, percent(p)));
    });
    var lastLabel = -Infinity;
    t.snapshots.forEach(function (snap, i) {
      chart.appendChild(svg("line", {x1: X(i), x2: X(i), y1: top + plotH, y2: top + plotH + 5,
                                     stroke: "#555"}));
      if (X(i) - lastLabel < 70 && i !== t.snapshots.length - 1) { return; }
      lastLabel = X(i);
      chart.appendChild(svg("text", {x: X(i), y: top + plotH + 18, "text-anchor": "middle",
                                     "class": "axis"}, snap.date || snap.name));
      if (snap.date && snap.name !== snap.date) {
        chart.appendChild(svg("text", {x: X(i), y: top + plotH + 34, "text-anchor": "middle",
                                       "class": "axis small"}, snap.name));
      }
    });
    t.series.forEach(function (line, k) {
      var colour = PALETTE[k % PALETTE.length], shape = SHAPES[Math.floor(k / PALETTE.length) %
        SHAPES.length];
      /* render/track._runs: a line breaks where a condition cannot hold (null) */
      var runs = [[]];
      line.probabilities.forEach(function (p, i) {
        if (p === null) { runs.push([]); } else { runs[runs.length - 1].push(X(i) + "," + Y(p)); }
      });
      runs.forEach(function (points) {
        if (!points.length) { return; }
        chart.appendChild(svg("polyline", {points: points.join(" "), fill: "none",
                                           stroke: colour, "stroke-width": 2}));
      });
      line.probabilities.forEach(function (p, i) {
        if (p === null) { return; }
        chart.appendChild(marker(shape, X(i), Y(p), colour, line.atom, p));
        var previous = i === 0 ? null : line.probabilities[i - 1];
        var changed = previous === null ? i > 0 : Math.abs(p - previous) > 0.005;
        if (changed || i === line.probabilities.length - 1) {
          chart.appendChild(svg("text", {x: X(i) + 6, y: Y(p) - 6, "class": "value",
                                         fill: colour}, percent(p)));
        }
      });
      var ly = top + 16 * k;
      chart.appendChild(marker(shape, left + plotW + 50, ly, colour, line.atom, null));
      chart.appendChild(svg("text", {x: left + plotW + 60, y: ly + 4, "class": "legend"},
                            trackLabel(line) + " (" + shown(line.probabilities[
                              line.probabilities.length - 1]) + ")"));
    });
    s.appendChild(chart);
    if (t.changes.length) {
      var list = el("ul", {"class": "changes"});
      t.changes.forEach(function (c) {
        var causes = c.causes.slice(0, 3).map(function (x) {
          return x.change + " " + x.report.atom + "@" + x.report.source + " (" +
            (x.effect === null ? "decides whether " + c.condition + " can hold"
             : signed(x.effect * 100, 1) + " points") + ")";
        }).join("; ");
        list.appendChild(el("li", {}, (c.condition === null ? c.atom : c.atom + " | " +
          c.condition) + ": " + c.term_before + " \u2192 " + c.term_after + " (" +
          shown(c.probability_before) + " \u2192 " + shown(c.probability_after) + ")" +
          (causes ? ": " + causes : "")));
      });
      s.appendChild(el("h3", {}, "Changes of term"));
      s.appendChild(list);
    }
  }

  /* render/track.label: h, or h | c for a member read given c */
  function trackLabel(line) {
    return line.given ? line.atom + " | " + line.given.condition : line.atom;
  }

  function marker(shape, x, y, colour, atom, p) {
    var attrs = {fill: colour, stroke: "#fff", "stroke-width": 1, "data-atom": atom,
                 "data-probability": p === null ? null : p};
    if (shape === "square") {
      return svg("rect", Object.assign(attrs, {x: x - 4, y: y - 4, width: 8, height: 8}));
    }
    if (shape === "diamond") {
      return svg("polygon", Object.assign(attrs, {points: [x, y - 5, x + 5, y, x, y + 5,
                                                           x - 5, y].join(" ")}));
    }
    if (shape === "triangle") {
      return svg("polygon", Object.assign(attrs, {points: [x, y - 5, x + 5, y + 4,
                                                           x - 5, y + 4].join(" ")}));
    }
    return svg("circle", Object.assign(attrs, {cx: x, cy: y, r: 4}));
  }

  /* -- what-if: the circuit in the page -------------------------------------- */

  var C = DATA.circuit;
  var GRADES = {};
  C.grades.forEach(function (g) { GRADES[g[0]] = g[1]; });
  var RELIABILITY = {};
  C.reliability.forEach(function (r) { RELIABILITY[r[0]] = r[1]; });

  /* changes.weights: each report choice is the best grade of its reports left. */
  function inputProbabilities(dropped, regraded) {
    var probs = C.base.slice();
    C.choices.forEach(function (choice) {
      var best = null;
      choice[1].forEach(function (r) {
        if (dropped[r.key]) { return; }
        var letter = regraded[r.source] || RELIABILITY[r.source];
        var p = GRADES[letter + r.credibility];
        if (best === null || p > best) { best = p; }
      });
      probs[choice[0]] = best === null ? 0 : best;
    });
    return probs;
  }

  /* model._level_weights and choices.chain_weights */
  function levelWeights(probs) {
    var out = [], start = 0;
    C.slots.forEach(function (size) {
      if (size === 1) { out.push(probs[start]); }
      else {
        var rest = 1;
        for (var i = start; i < start + size; i++) {
          out.push(rest !== 0 ? probs[i] / rest : rest * 0);
          rest = rest - probs[i];
        }
      }
      start += size;
    });
    return out;
  }

  /* wmc.Circuit.forward, then P(q | evidence) = wmc(q) / wmc(evidence) */
  function evaluate(dropped, regraded) {
    var w = levelWeights(inputProbabilities(dropped, regraded));
    var level = C.level, low = C.low, high = C.high, values = new Float64Array(level.length);
    values[0] = 0; values[1] = 1;
    for (var n = 2; n < level.length; n++) {
      var x = w[level[n]];
      values[n] = x * values[high[n]] + (1 - x) * values[low[n]];
    }
    var e = values[C.roots[0]];
    if (e === 0) { return null; }
    var out = C.questions.map(function (q, i) {
      return {probability: values[C.roots[i + 1]] / e, given: null};
    });
    /* a member of a set given c: P(h | c) = P(h ∧ c | e) / P(c | e), as
       competing.SetReadout.of divides them (0 where P(c) is 0) */
    C.given.forEach(function (g) {
      var c = values[C.roots[g.condition_root]] / e, joint = values[C.roots[g.joint]] / e;
      out[g.question].given = {condition: g.condition, undefined: g.undefined,
                               probability: c, member: c > 0 ? joint / c : 0};
    });
    return out;
  }

  /* explain/reading.Reading: the number a row's term reads (null where the
     condition has probability 0), and its words (icd203.given_phrase) */
  function judged(r) {
    if (r.given === null) { return r.probability; }
    return clamp(r.given.probability) === 0 ? null : r.given.member;
  }

  function judgedTerm(r) {
    if (r.given === null) { return term(r.probability); }
    if (clamp(r.given.probability) === 0) { return r.given.undefined; }
    return term(r.given.member);
  }

  function shown(p) { return p === null ? "\u2014" : percent(p); }

  /* render/levers.given_text */
  function givenText(b, a) {
    return "if " + b.given.condition + " holds (" + percent(b.given.probability) + " -> " +
      percent(a.given.probability) + "); overall " + percent(b.probability) + " -> " +
      percent(a.probability);
  }

  function whatifSection() {
    var s = section("whatif", "What if",
      "Withdraw reports or regrade sources and see every judgement move, computed here from " +
      "the compiled circuit exported with the report, as assess what-if --drop and --grade " +
      "compute it; a member of a set given a condition reads its probability given the " +
      "condition, as assess run judges it. (Assumed reports and rule weights need assess " +
      "what-if: they may change the circuit itself.)");
    var dropped = {}, regraded = {};
    var before = evaluate({}, {});
    var controls = el("div", {"class": "whatif-controls"});
    var reportBox = el("fieldset", {"class": "reports"}, [el("legend", {}, "Reports (untick to drop)")]);
    var keys = [], seen = {};
    C.choices.forEach(function (choice) {
      choice[1].forEach(function (r) {
        if (!seen[r.key]) { seen[r.key] = true; keys.push(r.key); }
      });
    });
    keys.sort();
    keys.forEach(function (key) {
      var box = el("input", {type: "checkbox", "data-report": key});
      box.checked = true;
      box.addEventListener("change", function () {
        if (box.checked) { delete dropped[key]; } else { dropped[key] = true; }
        update();
      });
      reportBox.appendChild(el("label", {"class": "toggle"}, [box, " " + key]));
    });
    var gradeBox = el("fieldset", {"class": "grades"}, [el("legend", {}, "Source reliability")]);
    C.reliability.forEach(function (pair) {
      var select = el("select", {"data-source": pair[0]});
      ["A", "B", "C", "D", "E", "F"].forEach(function (letter) {
        var option = el("option", {value: letter}, letter + (letter === pair[1] ? " (declared)"
                                                                            : ""));
        if (letter === pair[1]) { option.selected = true; }
        select.appendChild(option);
      });
      select.addEventListener("change", function () {
        if (select.value === pair[1]) { delete regraded[pair[0]]; }
        else { regraded[pair[0]] = select.value; }
        update();
      });
      gradeBox.appendChild(el("label", {"class": "grade"}, [pair[0] + " ", select]));
    });
    var reset = el("button", {type: "button", id: "whatif-reset"}, "Reset");
    reset.addEventListener("click", function () {
      dropped = {}; regraded = {};
      reportBox.querySelectorAll("input").forEach(function (b) { b.checked = true; });
      gradeBox.querySelectorAll("select").forEach(function (sel) {
        sel.value = RELIABILITY[sel.getAttribute("data-source")];
      });
      update();
    });
    controls.appendChild(reportBox);
    controls.appendChild(gradeBox);
    var table = el("table", {"class": "whatif", id: "whatif-table"});
    table.appendChild(el("thead", {}, el("tr", {}, ["Question", "Before", "After", "Change",
      "Term before", "Term after"].map(function (h) { return el("th", {}, h); }))));
    var body = el("tbody", {});
    table.appendChild(body);
    var status = el("p", {"class": "status", id: "whatif-status"});
    s.appendChild(el("div", {"class": "whatif-layout"}, [
      controls, el("div", {"class": "whatif-results"}, [reset, status, table])]));

    function update() {
      var after = evaluate(dropped, regraded);
      body.textContent = "";
      var changes = Object.keys(dropped).length + Object.keys(regraded).length;
      if (after === null) {
        status.textContent = "The evidence is impossible under these changes: nothing can be " +
          "conditioned on.";
        return;
      }
      status.textContent = changes ? changes + " change(s)." : "No change: as assessed.";
      C.questions.forEach(function (q, i) {
        var b = judged(before[i]), a = judged(after[i]);
        var moved = (b === null ? null : termClass(b)) !== (a === null ? null : termClass(a));
        var attrs = {"data-atom": q, "data-before": String(b), "data-after": String(a),
                     "data-term-after": judgedTerm(after[i]), "class": moved ? "moved" : ""};
        var question = [q];
        if (after[i].given !== null) {
          attrs["data-condition-after"] = after[i].given.probability;
          attrs["data-overall-after"] = after[i].probability;
          question.push(el("div", {"class": "given"}, givenText(before[i], after[i])));
        }
        body.appendChild(el("tr", attrs, [
          el("td", {}, question), el("td", {}, shown(b)), el("td", {"class": "after"}, shown(a)),
          el("td", {}, a === null || b === null ? "\u2014" : signed((a - b) * 100, 1) + " pts"),
          el("td", {}, judgedTerm(before[i])),
          el("td", {}, judgedTerm(after[i]) + (moved ? " (changed)" : ""))]));
      });
    }
    update();
  }

  function guard(name, draw) {
    try { draw(); } catch (error) {
      app.appendChild(el("p", {"class": "error"}, "The " + name + " section failed: " +
                         String(error)));
      console.error(error);
    }
  }

  header();
  guard("judgements", judgementsSection);
  guard("matrix", matrixSection);
  guard("map", mapSection);
  guard("sensitivity", sensitivitySection);
  guard("track", trackSection);
  guard("what-if", whatifSection);
  document.body.setAttribute("data-ready", "true");
}());
