// The site's own code in the web editor (Decap CMS, redactie/bewerken/): the preview shows a page the way the site
// does, with the site's stylesheets, the concept notice and the review line. Loaded by the editor page only.
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
})();
