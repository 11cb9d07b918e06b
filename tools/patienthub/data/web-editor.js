// The site's own code in the web editor (Decap CMS, redactie/bewerken/): the preview shows a page the way the site
// does, with the site's stylesheets, the concept notice and the review line. Loaded by the editor page only.
// In local mode (`make edit`, the editor on 127.0.0.1) the preview also shows the writer's panel: it sends the
// entry being edited to the check service (`patienthub edit-service`, data-check-service) and shows the HTML it
// returns, the same panel `mkdocs serve` puts on a page. After a save it asks again for the file as saved (and a
// new page gets its place in the menu and in CODEOWNERS there).
// Written by patienthub's build from tools/patienthub/data/web-editor.js; no inline script, nothing from elsewhere.
(function () {
  "use strict";
  var CMS = window.CMS;
  var h = window.h;
  var createClass = window.createClass;
  var body = document.body;
  var words = function (name) {
    return (body.getAttribute(name) || "").split(" ").filter(Boolean);
  };

  var service = body.getAttribute("data-check-service") || "";
  var local = /^(127\.0\.0\.1|localhost)$/.test(window.location.hostname) && service !== "";
  var DELAY_MS = 400; // after the last keystroke
  var previews = []; // the mounted previews, told of the panel after a save
  var lastPanel = { key: "", html: "" }; // the panel of the last save, for the preview that mounts after it

  function ask(route, payload) {
    return window
      .fetch(service + route, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(payload),
        credentials: "omit",
      })
      .then(function (response) {
        return response.json();
      });
  }

  // What the service needs to know of an entry: its file (none yet for a new one: its collection, the page type,
  // and its title say where it will be), its fields and its text.
  function request(entry) {
    var data = entry.get("data");
    var fields = data && data.toJS ? data.toJS() : {};
    var text = typeof fields.body === "string" ? fields.body : "";
    delete fields.body;
    return {
      path: entry.get("path") || "",
      collection: entry.get("collection") || "",
      title: fields.title || "",
      data: fields,
      body: text,
    };
  }

  function keyOf(payload) {
    return payload.path || payload.collection + "/" + payload.title;
  }

  words("data-preview-styles").forEach(function (href) {
    CMS.registerPreviewStyle(new URL(href, document.baseURI).href);
  });

  // The label the editor shows for a choice ("NHG: Nederlands Huisartsen Genootschap"), else the value itself.
  function optionLabel(fields, name, value) {
    var label = value;
    fields.forEach(function (field) {
      if (field.get("name") !== name || !field.get("options")) return;
      field.get("options").forEach(function (option) {
        if (option && option.get && option.get("value") === value) label = option.get("label");
      });
    });
    return label;
  }

  var Preview = createClass({
    getInitialState: function () {
      return { panel: "" };
    },
    componentDidMount: function () {
      previews.push(this);
      this.schedule();
    },
    componentWillUnmount: function () {
      previews = previews.filter(function (other) {
        return other !== this;
      }, this);
      window.clearTimeout(this.timer);
      this.gone = true;
    },
    componentDidUpdate: function () {
      this.schedule();
    },
    // The entry as it is in the form, checked a moment after the last change; an older answer never replaces a
    // newer one.
    schedule: function () {
      if (!local) return;
      var payload = request(this.props.entry);
      var sent = JSON.stringify(payload);
      if (sent === this.sent) return;
      this.sent = sent;
      if (!this.state.panel && lastPanel.key === keyOf(payload)) this.setState({ panel: lastPanel.html });
      window.clearTimeout(this.timer);
      var self = this;
      this.timer = window.setTimeout(function () {
        var number = (self.number = (self.number || 0) + 1);
        ask("/check", payload).then(
          function (answer) {
            if (!self.gone && number === self.number && answer.panel) self.setState({ panel: answer.panel });
          },
          function () {} // no service (make edit not running): no panel
        );
      }, DELAY_MS);
    },
    render: function () {
      var data = this.props.entry.get("data");
      var fields = this.props.fields;
      var approved = data.get("status") === "approved";
      var owner = data.get("owner");
      var reviewed = data.get("last_reviewed");
      var notice = approved
        ? null
        : h(
            "aside",
            { className: "ph-notice ph-notice--concept", role: "note" },
            h(
              "p",
              {},
              h("strong", {}, "Let op: deze tekst is nog niet goedgekeurd."),
              " Een vereniging van zorgverleners moet deze tekst nog controleren." +
                " Heeft u vragen over uw klachten? Bel dan uw huisarts."
            )
          );
      var review = h(
        "footer",
        { className: "ph-review" },
        h("p", {}, "Laatst gecontroleerd: " + (reviewed ? String(reviewed) : "(nog geen datum)")),
        h(
          "p",
          {},
          (approved ? "Verantwoordelijk voor deze tekst: " : "Nog te controleren door: ") +
            (owner ? optionLabel(fields, "owner", owner) : "(nog geen organisatie)")
        )
      );
      return h(
        "article",
        { className: "md-content__inner md-typeset ph-editor-preview" },
        // The panel's HTML comes from our own check service (reports/editor_panel.py escapes every text in it).
        this.state.panel ? h("div", { dangerouslySetInnerHTML: { __html: this.state.panel } }) : null,
        notice,
        // The title as the heading, as the theme does, unless the text starts with a heading of its own.
        /^\s*# /.test(data.get("body") || "") ? null : h("h1", {}, data.get("title") || ""),
        this.props.widgetFor("body"),
        review
      );
    },
  });

  words("data-collections").forEach(function (name) {
    CMS.registerPreviewTemplate(name, Preview);
  });

  // After a save: the file as saved; a new page is put in the menu and in CODEOWNERS by the service (as
  // `patienthub new --page` does), so it passes `patienthub check` without a step by hand.
  if (local) {
    CMS.registerEventListener({
      name: "postSave",
      handler: function (event) {
        var entry = event.entry;
        var payload = request(entry);
        payload["new"] = entry.get("newRecord") === true;
        delete payload.data;
        delete payload.body;
        ask("/saved", payload).then(
          function (answer) {
            if (!answer.panel) return;
            lastPanel = { key: keyOf(payload), html: answer.panel };
            previews.forEach(function (preview) {
              preview.setState({ panel: answer.panel });
            });
          },
          function () {}
        );
      },
    });
  }
})();
