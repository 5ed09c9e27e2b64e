/* Start Pagefind's interface on the search page and run the words of ?q= (the header's field).
   The page gives the bundle and site folders; they may be relative (development builds),
   so they are resolved against the page before Pagefind sees them. */
(function () {
  "use strict";
  var element = document.getElementById("search");
  if (!element || typeof PagefindUI === "undefined") {
    return;
  }
  var here = document.baseURI;
  var builtIn = ["title", "image", "image_alt"];
  var beforeColon = element.dataset.beforeColon || "";

  // Pagefind writes each result detail as "name: value"; some languages (French)
  // put a space before the colon, which Pagefind trims from the names it indexes.
  function spaced(result) {
    var meta = {};
    Object.keys(result.meta).forEach(function (name) {
      var shown = builtIn.indexOf(name) === -1 ? name + beforeColon : name;
      meta[shown] = result.meta[name];
    });
    result.meta = meta;
    return result;
  }

  var ui = new PagefindUI({
    element: "#search",
    bundlePath: new URL(element.dataset.bundle, here).pathname,
    baseUrl: new URL(element.dataset.site, here).pathname,
    showImages: false,
    showSubResults: false,
    resetStyles: false,
    processResult: spaced
  });
  var words = new URLSearchParams(window.location.search).get("q");
  if (words) {
    ui.triggerSearch(words);
  }
})();
