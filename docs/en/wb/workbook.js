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
      var ui = new PagefindUI({
        element: "#wb-search",
        // An absolute address: Pagefind imports its modules from it.
        bundlePath: new URL(root + "pagefind/", window.location.href).href,
        showSubResults: true,
        showImages: false,
        resetStyles: false,
        translations: translations
      });
      // `?search=WORD` in the address searches at once: a search can be linked, and
      // .ci/book searches as a reader would.
      var asked = new URLSearchParams(window.location.search).get("search");
      if (asked) { ui.triggerSearch(asked); }
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
  // `?layout` in the address: what .ci/book checks of the page as the browser laid it
  // out, written into the page (data-wb-layout on <html>) for `chromium --dump-dom`.
  function layout() {
    var width = document.documentElement.clientWidth;
    var facts = { width: width, overflow: [], tablesScrolled: 0, wire: null, questions: 0, answers: 0 };
    // What stands in the page's flow must end inside the screen; a table's wrapper
    // scrolls it sideways (counted: none may need to at 1280 px).
    document.querySelectorAll("main .table-wrapper, main pre, main p, main ol, main ul").forEach(function (el) {
      var box = el.getBoundingClientRect();
      if (box.right > width + 1) { facts.overflow.push(el.tagName + ":" + Math.round(box.right)); }
    });
    document.querySelectorAll("main .table-wrapper").forEach(function (el) {
      if (el.scrollWidth > el.clientWidth + 1) { facts.tablesScrolled += 1; }
    });
    var wire = document.querySelector("main img.wire");
    if (wire) {
      var box = wire.getBoundingClientRect();
      // The picture is drawn at 360 px with 13 px labels: the labels' size on screen.
      facts.wire = { loaded: wire.complete && wire.naturalWidth > 0, shown: Math.round(box.width),
        label: Math.round(13 * box.width / 360 * 10) / 10, inside: box.left >= 0 && box.right <= width + 1 };
    }
    var check = document.getElementById("check-yourself") || document.getElementById("自测");
    if (check) {
      var el = check.closest("h2") || check;
      for (var next = el.nextElementSibling; next && next.tagName !== "H2"; next = next.nextElementSibling) {
        facts.questions += next.tagName === "OL" ? next.children.length : 0;
        facts.answers += next.querySelectorAll("details").length;
      }
    }
    document.documentElement.setAttribute("data-wb-layout", JSON.stringify(facts));
  }
  if (/[?&]layout\b/.test(window.location.search)) {
    window.addEventListener("load", layout);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
