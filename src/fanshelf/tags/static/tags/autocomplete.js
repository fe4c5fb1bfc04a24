// Tag autocomplete: enhances plain text inputs marked data-tag-autocomplete="TYPE" into ARIA
// comboboxes. Without JavaScript they stay plain inputs, where any typed name works.
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.dataset.url;
  if (!url || window.fanshelfTagAutocomplete) return;
  window.fanshelfTagAutocomplete = true;
  var counter = 0;

  function split(input) {
    var value = input.value;
    if (!input.dataset.tagList) return { head: "", piece: value };
    var cut = Math.max(value.lastIndexOf(","), value.lastIndexOf("，")) + 1;
    return { head: value.slice(0, cut), piece: value.slice(cut) };
  }

  function enhance(input) {
    var id = "tag-suggestions-" + ++counter;
    var list = document.createElement("ul");
    var status = document.createElement("p");
    var active = -1;
    var timer = null;
    var asked = "";
    list.id = id;
    list.className = "tag-suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggested tags");
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.insertAdjacentElement("afterend", list);
    list.insertAdjacentElement("afterend", status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);

    function close() {
      list.hidden = true;
      list.textContent = "";
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      var options = list.children;
      if (!options.length) return;
      active = (index + options.length) % options.length;
      for (var i = 0; i < options.length; i++) {
        options[i].setAttribute("aria-selected", i === active ? "true" : "false");
      }
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    }

    function choose(option) {
      var parts = split(input);
      var head = parts.head ? parts.head.replace(/\s*$/, " ") : "";
      input.value = head + option.dataset.name + (input.dataset.tagList ? ", " : "");
      close();
      input.focus();
    }

    function show(results) {
      close();
      results.forEach(function (result, index) {
        var option = document.createElement("li");
        option.id = id + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.name = result.name;
        option.textContent = result.name;
        if (result.matched !== result.name) {
          var note = document.createElement("span");
          note.className = "matched";
          note.textContent = " (" + result.matched + ")";
          option.appendChild(note);
        }
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(option);
        });
        list.appendChild(option);
      });
      status.textContent = results.length
        ? results.length + " suggestion" + (results.length === 1 ? "" : "s") + ", use the arrow keys"
        : "";
      if (results.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
    }

    function ask() {
      var query = split(input).piece.trim();
      if (query === asked) return;
      asked = query;
      if (!query) return close();
      var params = new URLSearchParams({ type: input.dataset.tagAutocomplete, q: query });
      fetch(url + "?" + params.toString(), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (asked === query) show(data.results); })
        .catch(close);
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 120);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
      else if (event.key === "Enter" && active >= 0) { event.preventDefault(); choose(list.children[active]); }
      else if (event.key === "Escape") { close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  document.querySelectorAll("input[data-tag-autocomplete]").forEach(enhance);
})();
