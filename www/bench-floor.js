// The benchmark's floor (issue 16): what a hand-written page costs that does the widgets' job
// for the placeholders bench.js made — pills, cards, the value-story form — in English, with
// no library: at script start it asks the same batch endpoint the widgets ask (200 members a
// request, the same URLs) and fetches the same stylesheet (the wasm's bytes, written by
// scripts/build.sh as pkg/bench_style-<hash>.json, named by ?css=); then, per placeholder, an
// open shadow root, the sheet adopted, the widget's markup written with innerHTML,
// data-cop-state and cop:ready. One delegated listener per page for what the markup asks
// (the form's steps, Escape on a tooltip), where the product has one per widget.
// scripts/bench.mjs checks that the markup equals the product's, widget by widget.
(function () {
  "use strict";
  var d = document;
  var params = new URLSearchParams(location.search);
  var API = "/api";
  var sheet = fetch("/" + params.get("css")).then(function (r) {
    if (!r.ok) throw new Error("floor: stylesheet " + r.status);
    return r.json();
  }).then(function (css) {
    var s = new CSSStyleSheet();
    s.replaceSync(css);
    return s;
  });
  var els = [].slice.call(d.querySelectorAll("[data-cop-widget]"));

  var LEVELS = {
    core: ["Core group", "Takes on the community's work, often with the coordinator."],
    active: ["Active", "Takes part regularly, without leading."],
    occasional: ["Occasional", "Takes part when a topic is of interest."],
    peripheral: ["Peripheral", "Watches and learns; rarely contributes."],
    transactional: ["Transactional", "Comes by to get or give a service."],
  };
  var TRAJECTORIES = {
    inbound: ["moving inward", "↑", "Moving inward: taking part more in the last four weeks than in the four before."],
    insider: ["insider", "◎", "An insider: taking part steadily, at the core or active."],
    peripheral: ["staying at the edge", "→", "Staying at the edge: taking part now and then, steadily."],
    boundary: ["across communities", "↔", "Across communities: taking part here and in other communities, a broker between them."],
    outbound: ["moving out", "↓", "Moving out: taking part less in the last four weeks than in the four before."],
  };
  var MEASURES = { participations: "participations", contributions: "contributions", replies: "replies",
    events: "events", reads: "reads", days_active: "days active" };
  var count = new Intl.NumberFormat("en").format;
  var ESC = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
  function esc(text) { return String(text).replace(/[&<>"']/g, function (c) { return ESC[c]; }); }

  function pill(item) {
    var level = LEVELS[item.level] || [item.level, "A level this community names itself."];
    var cls = LEVELS[item.level] ? "cop-l-" + item.level : "cop-l-other";
    var moving = TRAJECTORIES[item.trajectory];
    var tip = level[0] + ": " + level[1];
    if (moving) tip += " " + moving[2];
    if (item.roles && item.roles.length) tip += " Roles: " + item.roles.join(", ") + ".";
    return '<span class="cop-pill ' + cls + '" tabindex="-1" aria-describedby="cop-tip">'
      + esc(level[0])
      + (moving ? '<span class="cop-arrow" aria-hidden="true">' + moving[1] + '</span><span class="cop-visually-hidden">, ' + esc(moving[0]) + "</span>" : "")
      + '</span><span class="cop-tip" role="tooltip" id="cop-tip">' + esc(tip) + "</span>";
  }

  function initials(name) {
    var words = name.split(/\s+/).filter(Boolean);
    if (!words.length) return "";
    return words.length > 1 ? words[0][0] + words[words.length - 1][0] : words[0][0];
  }

  function card(item, base) {
    var name = item.display_name || item.member;
    var out = '<section class="cop-card cop-member"><div class="cop-member-head"><span class="cop-avatar" aria-hidden="true">'
      + esc(initials(name)) + '</span><div><p class="cop-title">' + esc(name) + "</p><p>" + pill(item) + "</p></div></div>";
    if (item.roles && item.roles.length) out += '<p class="cop-muted">Roles: ' + esc(item.roles.join(", ")) + ".</p>";
    var weekly = item.weekly || [];
    if (weekly.length) {
      var highest = Math.max(1, Math.max.apply(null, weekly));
      out += '<figure class="cop-activity"><figcaption class="cop-muted cop-small">Activity, last ' + weekly.length + " weeks</figcaption>"
        + '<svg class="cop-chart" viewBox="0 0 ' + weekly.length * 10 + ' 32" preserveAspectRatio="none" role="img" aria-label="'
        + esc("Participations per week, oldest first: " + weekly.map(count).join(", ")) + '">';
      weekly.forEach(function (week, i) {
        var h = Math.max(1, Math.floor(week * 30 / highest));
        // As the view builds them: an empty comment in each bar and after the list of bars.
        out += '<rect class="" x="' + (i * 10 + 1) + '" y="' + (32 - h) + '" width="8" height="' + h + '"><!----></rect>';
      });
      out += "<!----></svg></figure>";
    }
    var next = item.next_step;
    if (next && next.missing && next.missing.length) {
      var needs = next.missing.map(function (m) { return count(m.count) + " more (" + (MEASURES[m.measure] || m.measure) + ")"; });
      out += '<p class="cop-next">' + esc((LEVELS[next.level] || [next.level])[0] + " is within reach: " + needs.join(", ") + ".") + "</p>";
    } else if (item.level === "core") {
      out += '<p class="cop-next">At the centre of this community.</p>';
    }
    if (item.open_badge) {
      var url = new URL(item.open_badge, base);
      if (url.protocol === "http:" || url.protocol === "https:") {
        out += '<a class="cop-link" href="' + esc(url.href) + '" download>Download as an Open Badge</a>';
      }
    }
    return out + LEGEND + "</section>";
  }

  // "What do the levels mean?", as the card ends.
  var LEGEND = '<details class="cop-legend"><summary>What do the levels mean?</summary><ul>'
    + Object.keys(LEVELS).map(function (level) {
      return '<li class="cop-l-' + level + '"><span class="cop-dot" aria-hidden="true"></span>' + esc(LEVELS[level].join(": ")) + "</li>";
    }).join("") + "</ul></details>";

  // The value-story form's first step, as the product builds it for a fresh visitor (with the
  // empty comments Leptos leaves where a part is not shown: the same DOM).
  var FORM = '<div class="cop-markup"><section class="cop-card cop-story" lang="en" dir="ltr"><p class="cop-title">Tell the story of what this community did for you</p><!---->'
    + '<p class="cop-muted cop-small">Step 1 of 5</p><!----><form data-cop-action="continue" novalidate=""><div class="cop-field">'
    + '<h2 class="cop-question" tabindex="-1"><label for="cop-f-title">Title of your story <span class="cop-muted">(required)</span></label></h2>'
    + '<p class="cop-hint" id="cop-h-title">A few words about what happened, e.g. “A lesson plan that worked in three schools”.</p><!---->'
    + '<input class="cop-input" type="text" id="cop-f-title" name="title" value="" dir="auto" aria-describedby="cop-h-title"></div>'
    + '<div class="cop-actions"><button class="cop-button" type="submit">Continue</button><!----></div></form></section></div>';

  function show(el, sheet, html) {
    var root = el.attachShadow({ mode: "open" });
    root.adoptedStyleSheets = [sheet];
    root.innerHTML = '<div class="cop-root" lang="en" data-theme="auto">' + html + "</div>";
    el.setAttribute("data-cop-state", "ready");
    el.dispatchEvent(new CustomEvent("cop:ready", { bubbles: true, composed: true, detail: { widget: el.getAttribute("data-cop-widget") } }));
  }

  // The same batches as the widgets: per community, in page order, 200 members a request.
  var groups = {}, answers = [];
  els.forEach(function (el) {
    if (el.getAttribute("data-cop-widget") !== "participation-badge") return;
    var c = el.getAttribute("data-community");
    (groups[c] = groups[c] || []).push(el.getAttribute("data-member"));
  });
  Object.keys(groups).forEach(function (c) {
    for (var i = 0; i < groups[c].length; i += 200) {
      var url = new URL(API + "/communities/" + encodeURIComponent(c) + "/participation?members="
        + groups[c].slice(i, i + 200).map(encodeURIComponent).join("%2C"), d.baseURI).href;
      answers.push(fetch(url).then(function (r) {
        if (!r.ok) throw new Error("floor: " + r.status + " " + r.url);
        return r.json();
      }).then(function (json) { return [c, json.items, url]; }));
    }
  });

  Promise.all([sheet].concat(answers)).then(function (all) {
    var s = all[0], byMember = {};
    all.slice(1).forEach(function (a) {
      a[1].forEach(function (item) { byMember[a[0] + "\u0000" + item.member] = [item, a[2]]; });
    });
    els.forEach(function (el) {
      if (el.getAttribute("data-cop-widget") === "value-story") {
        show(el, s, FORM);
        return el.shadowRoot.addEventListener("submit", onSubmit);
      }
      var found = byMember[el.getAttribute("data-community") + "\u0000" + el.getAttribute("data-member")];
      if (!found) throw new Error("floor: no data for " + el.getAttribute("data-member"));
      show(el, s, el.getAttribute("data-variant") === "card" ? card(found[0], found[1]) : pill(found[0]));
    });
  }).catch(function (e) {
    els.forEach(function (el) {
      el.dispatchEvent(new CustomEvent("cop:error", { bubbles: true, composed: true, detail: { reason: "floor", message: String(e) } }));
    });
  });

  // One listener for the page where events cross the shadow boundary (Escape hides a tooltip
  // until focus moves); `submit` does not, so the form's root has its own: it checks the title.
  function onSubmit(event) {
    event.preventDefault();
    var field = event.target.querySelector("#cop-f-title");
    if (field && !field.value.trim()) field.setAttribute("aria-invalid", "true");
  }
  ["keydown", "focusout"].forEach(function (type) {
    d.addEventListener(type, function (event) {
      var host = event.composedPath().find(function (n) { return n.shadowRoot && n.hasAttribute("data-cop-widget"); });
      var root = host && host.shadowRoot.firstElementChild;
      if (!root) return;
      if (type === "focusout") root.removeAttribute("data-dismissed");
      else if (event.key === "Escape") root.setAttribute("data-dismissed", "");
    });
  });
})();
