// The socket workbook's additions to mdBook's pages: the same file in docs/en/wb/ and
// docs/zh/wb/ (a test keeps them equal).
//
// 1. Search with Pagefind, which .ci/book runs over each built book: it splits Chinese
//    into words (mdBook's own search splits on spaces only, so it finds no Chinese word).
//    The box stands at the top of every page, its words in the page's language.
// 2. Print: on print.html, and whenever the reader prints, every folded hint and answer
//    is opened.
(function () {
  "use strict";
  var zh = (document.documentElement.lang || "").toLowerCase().indexOf("zh") === 0;
  var root = typeof path_to_root === "string" ? path_to_root : "";
  var printing = /print\.html$/.test(window.location.pathname);

  function openAll() {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  }
  window.addEventListener("beforeprint", openAll);
  if (printing) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", openAll);
    } else {
      openAll();
    }
    return;
  }

  var words = zh ? {
    placeholder: "搜索本练习册",
    clear_search: "清除",
    load_more: "显示更多结果",
    search_label: "搜索本练习册",
    filters_label: "筛选",
    zero_results: "没有找到 [SEARCH_TERM]",
    many_results: "找到 [COUNT] 个结果：[SEARCH_TERM]",
    one_result: "找到 1 个结果：[SEARCH_TERM]",
    alt_search: "没有找到 [SEARCH_TERM]，下面是 [DIFFERENT_TERM] 的结果",
    search_suggestion: "没有找到 [SEARCH_TERM]，换个词试试：",
    searching: "正在搜索 [SEARCH_TERM]……",
    offline: "搜索要在网页服务器上才能用：先运行 .ci/book，再运行 python3 -m http.server -d target/book，打开 http://127.0.0.1:8000/docs/zh/"
  } : {
    placeholder: "Search the workbook",
    search_label: "Search the workbook",
    offline: "Search works when the book is served: run .ci/book, then python3 -m http.server -d target/book and open http://127.0.0.1:8000/docs/en/"
  };

  function start() {
    var main = document.querySelector("main");
    if (!main) { return; }
    var box = document.createElement("div");
    box.id = "wb-search";
    box.setAttribute("role", "search");
    main.insertBefore(box, main.firstChild);
    if (window.location.protocol === "file:") {
      // A browser fetches no index from file://: say how to serve the book instead.
      var note = document.createElement("p");
      note.className = "wb-search-note";
      note.textContent = words.offline;
      box.appendChild(note);
      return;
    }
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = root + "pagefind/pagefind-ui.css";
    document.head.appendChild(css);
    var script = document.createElement("script");
    script.src = root + "pagefind/pagefind-ui.js";
    script.onload = function () {
      var translations = {};
      Object.keys(words).forEach(function (key) {
        if (key !== "offline") { translations[key] = words[key]; }
      });
      // eslint-disable-next-line no-undef
      new PagefindUI({
        element: "#wb-search",
        bundlePath: root + "pagefind/",
        showSubResults: true,
        showImages: false,
        resetStyles: false,
        translations: translations
      });
    };
    document.head.appendChild(script);
    // `s` or `/` puts the cursor in the box, as mdBook's own search did.
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA");
      if (!typing && (event.key === "s" || event.key === "/")) {
        var input = box.querySelector("input");
        if (input) { event.preventDefault(); input.focus(); }
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
