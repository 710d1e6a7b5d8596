// Make the addresses printed in the outputs of executed examples clickable.
// cachelib's messages end with "More: https://cachelib-kb.github.io/cachelib/...": an address
// under the site's own address is linked to this copy of the site (a local build, a preview),
// any other one as it is. Runs on every page, also after Material's instant navigation.
(function () {
  "use strict";
  var SITE = "https://cachelib-kb.github.io/cachelib/";
  var ADDRESS = /https?:\/\/[^\s<>"'`]+/g;

  // The address of this copy of the site's root (from Material's configuration), with a slash.
  function siteRoot() {
    var config = document.getElementById("__config");
    var base = ".";
    try {
      base = JSON.parse(config.textContent).base || ".";
    } catch (error) {
      // No configuration: the page is at the site's root.
    }
    return new URL(base.replace(/\/?$/, "/"), window.location.href).href;
  }
  window.cachelibKb = { siteRoot: siteRoot }; // runner.js uses it too

  function target(address) {
    return address.indexOf(SITE) === 0 ? siteRoot() + address.slice(SITE.length) : address;
  }

  function linkify(node, root) {
    var text = node.nodeValue;
    ADDRESS.lastIndex = 0;
    if (!ADDRESS.test(text)) {
      return;
    }
    ADDRESS.lastIndex = 0;
    var fragment = document.createDocumentFragment();
    var last = 0;
    var match;
    while ((match = ADDRESS.exec(text)) !== null) {
      var address = match[0].replace(/[.,;:!?)\]]+$/, "");
      fragment.appendChild(document.createTextNode(text.slice(last, match.index)));
      var link = document.createElement("a");
      link.className = "kbexec-link";
      link.href = target(address);
      link.textContent = address;
      fragment.appendChild(link);
      last = match.index + address.length;
      ADDRESS.lastIndex = last;
    }
    fragment.appendChild(document.createTextNode(text.slice(last)));
    node.parentNode.replaceChild(fragment, node);
  }

  function run() {
    var outputs = document.querySelectorAll(".kbexec > .highlight ~ .highlight code");
    outputs.forEach(function (code) {
      var walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
      var nodes = [];
      while (walker.nextNode()) {
        if (!walker.currentNode.parentNode.closest("a")) {
          nodes.push(walker.currentNode);
        }
      }
      nodes.forEach(function (node) {
        linkify(node, code);
      });
    });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(run); // Material: every page load, instant navigation included
  } else {
    document.addEventListener("DOMContentLoaded", run);
  }
})();
