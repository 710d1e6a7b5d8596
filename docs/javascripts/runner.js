// Run and edit the executed examples in the reader's browser, with Pyodide served by the site.
// Every `.kbexec` block (tools/kbexec's fence) keeps its pre-rendered output and gets a "Run" and
// an "Edit" button. The first click loads Pyodide from assets/pyodide/ (nothing is loaded
// before it, nothing from another host), installs cachelib from the site's wheel and kbexec's
// execution code (assets/runner/manifest.json, written by tools/runner_assets.py), then runs
// the code exactly as the build did: same isolation, same output form, same masks.
(function () {
  "use strict";

  var DRIVER = [
    "import importlib, sys",
    "sys.path.insert(0, '/home/pyodide/kbrunner')",
    "importlib.invalidate_caches()",
    "from kbexec._execute import run_block",
    "from kbexec._expected import mask",
    "from kbexec._verdict import output_text",
    "def kb_run(source, filename):",
    "    return mask(output_text(run_block(source, filename)))",
  ].join("\n");

  var ready = null; // the promise of a loaded Pyodide with cachelib, shared by every block

  async function fetchOk(url) {
    var response = await fetch(url);
    if (!response.ok) {
      throw new Error("HTTP " + response.status + " for " + url);
    }
    return response;
  }

  async function load() {
    var root = window.cachelibKb.siteRoot(); // kb.js, loaded first
    var index = new URL("assets/pyodide/", root).href;
    var manifest = await (await fetchOk(new URL("assets/runner/manifest.json", root))).json();
    var module = await import(new URL("pyodide.mjs", index).href);
    var pyodide = await module.loadPyodide({
      indexURL: index,
      packageBaseUrl: index, // never the CDN fallback
      lockFileURL: new URL("pyodide-lock.json", index).href,
      fullStdLib: false,
    });
    var wheel = await (await fetchOk(new URL(manifest.wheel, root))).arrayBuffer();
    pyodide.unpackArchive(wheel, "wheel");
    pyodide.FS.mkdirTree("/home/pyodide/kbrunner/kbexec");
    pyodide.FS.writeFile("/home/pyodide/kbrunner/kbexec/__init__.py", "");
    for (var i = 0; i < manifest.kbexec.length; i++) {
      var path = manifest.kbexec[i];
      var text = await (await fetchOk(new URL(path, root))).text();
      pyodide.FS.writeFile("/home/pyodide/kbrunner/kbexec/" + path.split("/").pop(), text);
    }
    pyodide.runPython(DRIVER);
    return { pyodide: pyodide, run: pyodide.globals.get("kb_run"), version: manifest.pyodide };
  }

  function sourceText(block) {
    var code = block.querySelector("[data-kbexec-source] td.code code, [data-kbexec-source] code");
    if (!code) {
      return "";
    }
    var copy = code.cloneNode(true);
    copy.querySelectorAll(".linenos").forEach(function (node) {
      node.remove();
    });
    return copy.textContent.replace(/\n$/, "");
  }

  function outputCode(block) {
    var code = block.querySelector(".highlight:not([data-kbexec-source]) code");
    if (code) {
      return code;
    }
    // A block that printed nothing has no output block: make one for what a run prints.
    var wrapper = document.createElement("div");
    wrapper.className = "highlight kbexec-run-output";
    var pre = document.createElement("pre");
    code = document.createElement("code");
    pre.appendChild(code);
    wrapper.appendChild(pre);
    block.querySelector(".kbexec-toolbar").before(wrapper);
    return code;
  }

  function status(block, text) {
    block.querySelector(".kbexec-status").textContent = text;
  }

  async function run(block, button) {
    var note = block.getAttribute("data-kbexec-note");
    if (block.getAttribute("data-kbexec-browser") === "no") {
      status(block, "This example cannot run in your browser: " + note + ". Its output above is the one of the build.");
      return;
    }
    var editor = block.querySelector("textarea.kbexec-editor");
    var source = editor ? editor.value : sourceText(block);
    button.disabled = true;
    block.setAttribute("data-kbexec-state", "running");
    var started = performance.now();
    try {
      if (ready === null) {
        status(block, "Loading Python (Pyodide, about 13 MB, once)…");
        ready = load();
        ready.catch(function () {
          ready = null; // a failed load is retried on the next click
        });
      } else {
        status(block, "Running…");
      }
      var runtime = await ready;
      var loaded = performance.now();
      // Let the status paint before the (synchronous) run.
      await new Promise(function (resolve) {
        setTimeout(resolve, 0);
      });
      var ranAt = performance.now();
      var output = runtime.run(source, block.getAttribute("data-kbexec-file") || "<example>");
      var finished = performance.now();
      outputCode(block).textContent = output ? output + "\n" : "";
      block.setAttribute("data-kbexec-ran", String(Number(block.getAttribute("data-kbexec-ran") || 0) + 1));
      block.setAttribute("data-kbexec-seconds", ((finished - started) / 1000).toFixed(3));
      status(
        block,
        "Ran in your browser in " + ((finished - ranAt) / 1000).toFixed(2) + " s" +
          (loaded - started > 50 ? " (after " + ((loaded - started) / 1000).toFixed(1) + " s loading Python)" : "") +
          " — Python " + runtime.pyodide.version + " on Pyodide " + runtime.version +
          "; the build ran CPython, so a message may differ slightly."
      );
    } catch (error) {
      status(block, "Could not run the example: " + error);
    } finally {
      button.disabled = false;
      block.setAttribute("data-kbexec-state", "done");
    }
  }

  function toggleEditor(block, button) {
    var source = block.querySelector("[data-kbexec-source]");
    var editor = block.querySelector("textarea.kbexec-editor");
    if (editor) {
      editor.remove();
      source.hidden = false;
      button.textContent = "Edit";
      return;
    }
    editor = document.createElement("textarea");
    editor.className = "kbexec-editor";
    editor.spellcheck = false;
    editor.value = sourceText(block);
    editor.rows = Math.min(30, editor.value.split("\n").length + 1);
    editor.setAttribute("aria-label", "Code of the example " + block.getAttribute("data-kbexec-id"));
    source.after(editor);
    source.hidden = true;
    button.textContent = "Reset";
    editor.focus();
  }

  function toolbarButton(bar, label, className) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = className;
    button.textContent = label;
    bar.appendChild(button);
    return button;
  }

  function equip() {
    document.querySelectorAll(".kbexec").forEach(function (block) {
      if (block.querySelector(".kbexec-toolbar") || !block.querySelector("[data-kbexec-source]")) {
        return;
      }
      var bar = document.createElement("div");
      bar.className = "kbexec-toolbar";
      var runButton = toolbarButton(bar, "Run", "md-button md-button--primary kbexec-run");
      runButton.addEventListener("click", function () {
        run(block, runButton);
      });
      if (block.getAttribute("data-kbexec-browser") !== "no") {
        var editButton = toolbarButton(bar, "Edit", "md-button kbexec-edit");
        editButton.addEventListener("click", function () {
          toggleEditor(block, editButton);
        });
      }
      var line = document.createElement("span");
      line.className = "kbexec-status";
      line.setAttribute("role", "status");
      bar.appendChild(line);
      block.appendChild(bar);
    });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(equip); // Material: every page load, instant navigation included
  } else {
    document.addEventListener("DOMContentLoaded", equip);
  }
})();
