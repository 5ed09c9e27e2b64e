/* The search page: Pagefind's API (/pagefind/pagefind.js) behind our own form.
   The address holds the whole search (?q=words&type=...&topic=...&year=...&sort=date), so a
   search can be shared and the back button returns to the one before. Results go into
   space the page reserves for them; the header's field shows the words, and the language
   switch carries the words, years and sort to the other language's search page. */
(function () {
  "use strict";
  var form = document.getElementById("search");
  if (!form) {
    return;
  }
  var data = form.dataset;
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-list");
  var more = form.querySelector(".search__more");
  var field = form.elements.q;
  var header = document.getElementById("site-search-q");
  var PAGE = 10; // results shown at once
  var CARRIED = ["q", "year", "sort"]; // the same in every language
  var plural = new Intl.PluralRules(data.lang);
  var pagefind = null;
  var found = [];
  var shown = 0;
  var latest = 0; // the newest search: an older one that ends later is dropped

  function groups() {
    return Array.prototype.slice.call(form.querySelectorAll("fieldset[data-filter]"));
  }

  // The search as the address writes it, keys in the page's order.
  function query() {
    var params = new URLSearchParams();
    var words = field.value.trim();
    if (words) params.append("q", words);
    groups().forEach(function (group) {
      group.querySelectorAll("input:checked").forEach(function (box) {
        params.append(box.name, box.value);
      });
    });
    var sort = form.querySelector("input[name=sort]:checked");
    if (sort && sort.value) params.append("sort", sort.value);
    return params;
  }

  // Set the form from the address; values the page does not offer are left out.
  function restore() {
    var params = new URLSearchParams(window.location.search);
    field.value = params.get("q") || "";
    if (header) header.value = field.value;
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      box.checked = params.getAll(box.name).indexOf(box.value) !== -1;
    });
    var sort = params.get("sort") === "date" ? "date" : "";
    form.querySelectorAll("input[name=sort]").forEach(function (radio) {
      radio.checked = radio.value === sort;
    });
  }

  // The language switch and hreflang links keep what means the same in every language.
  function carry(params) {
    var kept = new URLSearchParams();
    params.forEach(function (value, key) {
      if (CARRIED.indexOf(key) !== -1) kept.append(key, value);
    });
    var tail = kept.toString();
    document.querySelectorAll(".lang-switch a").forEach(function (link) {
      var url = new URL(link.href);
      url.search = tail;
      link.href = url.href;
    });
  }

  function filters() {
    var chosen = {};
    groups().forEach(function (group) {
      var values = [];
      group.querySelectorAll("input:checked").forEach(function (box) {
        values.push(box.value);
      });
      if (values.length) chosen[group.dataset.filter] = { any: values };
    });
    return chosen;
  }

  function say(text) {
    status.textContent = text;
  }

  function count(n) {
    var pattern = plural.select(n) === "one" ? data.one : data.other;
    return pattern.replace("{count}", n.toLocaleString(data.lang));
  }

  // Pagefind's excerpt is text with <mark> around the words found: keep exactly that.
  function excerpt(html) {
    var holder = document.createElement("p");
    holder.className = "search-result__excerpt";
    var parsed = new DOMParser().parseFromString(html, "text/html").body;
    parsed.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        holder.appendChild(mark);
      } else {
        holder.appendChild(document.createTextNode(node.textContent));
      }
    });
    return holder;
  }

  function item(result) {
    var li = document.createElement("li");
    li.className = "search-result";
    var title = document.createElement("h2");
    title.className = "search-result__title";
    var link = document.createElement("a");
    link.href = result.url;
    link.textContent = result.meta.title || result.url;
    title.appendChild(link);
    var meta = document.createElement("p");
    meta.className = "search-result__meta";
    var type = document.createElement("span");
    type.className = "teaser-type";
    type.textContent = result.meta[data.metaType] || "";
    meta.appendChild(type);
    meta.appendChild(document.createTextNode(" · " + (result.meta[data.metaDate] || "")));
    li.appendChild(title);
    li.appendChild(meta);
    li.appendChild(excerpt(result.excerpt || ""));
    return li;
  }

  function showMore(token) {
    var next = found.slice(shown, shown + PAGE);
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (results) {
      if (token !== latest) return;
      results.forEach(function (result) { list.appendChild(item(result)); });
      shown += next.length;
      more.hidden = shown >= found.length;
    });
  }

  function run() {
    var token = ++latest;
    var words = field.value.trim();
    var chosen = filters();
    list.textContent = "";
    more.hidden = true;
    found = [];
    shown = 0;
    if (!words && !Object.keys(chosen).length) {
      say("");
      return Promise.resolve();
    }
    say(data.busy);
    var options = { filters: chosen };
    if (form.querySelector("input[name=sort][value=date]").checked) {
      options.sort = { date: "desc" };
    }
    return load().then(function (api) {
      return api.search(words || null, options);
    }).then(function (search) {
      if (token !== latest) return;
      found = search.results;
      say(found.length ? count(found.length) : data.none);
      return showMore(token);
    }).catch(function () {
      if (token === latest) say(data.failed);
    });
  }

  function load() {
    if (!pagefind) {
      var here = document.baseURI;
      pagefind = import(new URL(data.bundle + "pagefind.js", here).href).then(function (api) {
        return api.options({ baseUrl: new URL(data.site, here).pathname }).then(function () {
          return api;
        });
      });
    }
    return pagefind;
  }

  // A new search is a new entry of the history; typing refines the current one.
  function update(push) {
    var params = query();
    var address = window.location.pathname + (params.toString() ? "?" + params : "");
    if (address !== window.location.pathname + window.location.search) {
      window.history[push ? "pushState" : "replaceState"](null, "", address);
    }
    if (header) header.value = field.value;
    carry(params);
    return run();
  }

  var typing = null;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(typing);
    update(true);
  });
  field.addEventListener("input", function () {
    window.clearTimeout(typing);
    typing = window.setTimeout(function () { update(false); }, 300);
  });
  form.addEventListener("change", function (event) {
    if (event.target !== field) update(true);
  });
  more.addEventListener("click", function () { showMore(latest); });
  window.addEventListener("popstate", function () {
    restore();
    carry(query());
    run();
  });

  restore();
  carry(query());
  run();
})();
