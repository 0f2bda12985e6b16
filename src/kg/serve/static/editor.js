// The explorer's SPARQL highlighter: a textarea over a <pre> that shows the same text in colour.
// Tokens are written with textContent, never as HTML, so nothing typed can become markup.
"use strict";
(function () {
  const KEYWORDS = new Set(("BASE PREFIX SELECT CONSTRUCT DESCRIBE ASK WHERE FROM NAMED DISTINCT REDUCED AS " +
    "GROUP BY ORDER ASC DESC HAVING LIMIT OFFSET VALUES OPTIONAL UNION MINUS GRAPH SERVICE SILENT FILTER BIND " +
    "NOT EXISTS IN UNDEF A TRUE FALSE COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT SEPARATOR").split(" "));
  const TOKEN = new RegExp([
    /("""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')/.source,  // 1 string
    /(<[^<>"{}|^`\\\s]*>)/.source,                                                  // 2 IRI
    /(#[^\n]*)/.source,                                                             // 3 comment
    /([?$][\w\u00B7\u00C0-\uFFFF]+)/.source,                                        // 4 variable
    /((?:[A-Za-z_][\w.\-]*)?:(?:[\w\-.:%]|\\.)*)/.source,                           // 5 prefixed name
    /([A-Za-z_][\w\-]*)/.source,                                                    // 6 word
    /(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?)/.source,                                      // 7 number
    /(@[A-Za-z]+(?:-[A-Za-z0-9]+)*)/.source,                                        // 8 language tag
  ].join("|"), "g");
  const CLASSES = [null, "str", "iri", "com", "var", "pn", "word", "num", "lang"];

  function highlight(text, target) {
    const out = document.createDocumentFragment();
    let last = 0;
    for (const m of text.matchAll(TOKEN)) {
      if (m.index > last) out.append(text.slice(last, m.index));
      const group = m.findIndex((g, i) => i > 0 && g !== undefined);
      let cls = CLASSES[group];
      if (cls === "word") cls = KEYWORDS.has(m[0].toUpperCase()) ? "kw" : "fn";
      const span = document.createElement("span");
      span.className = "tok-" + cls;
      span.textContent = m[0];
      out.append(span);
      last = m.index + m[0].length;
    }
    out.append(text.slice(last) + "\n");  // a final newline keeps the overlay as tall as the textarea
    target.replaceChildren(out);
  }

  function editor(area) {
    const code = area.parentElement.querySelector("pre.highlight code");
    const pre = code.parentElement;
    const sync = () => {
      highlight(area.value, code);
      pre.scrollTop = area.scrollTop;
      pre.scrollLeft = area.scrollLeft;
    };
    area.addEventListener("input", sync);
    area.addEventListener("scroll", sync);
    area.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        area.form.requestSubmit();
      } else if (event.key === "Tab" && !event.shiftKey) {
        event.preventDefault();
        area.setRangeText("  ", area.selectionStart, area.selectionEnd, "end");
        sync();
      }
    });
    sync();
    document.body.dataset.editor = "ready";
  }

  document.querySelectorAll("textarea.sparql-editor").forEach(editor);
  document.querySelectorAll("pre.sparql code").forEach((code) => highlight(code.textContent, code));
})();
