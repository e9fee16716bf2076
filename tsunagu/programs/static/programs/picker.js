/* A searchable picker for a long <select multiple data-picker> (the matcher's countries).
 *
 * Without JavaScript the select stays as it is. With it, the select is hidden (it still holds
 * the choice and is what the form sends) and replaced by the chosen items, each with a button
 * to remove it, and a combobox: type part of a name (Japanese — hiragana finds katakana —,
 * English or the ISO code) and the list shows the matches. Keys: ↓/↑ move, Enter chooses or
 * drops the highlighted item, Esc closes the list, Backspace in an empty box drops the item
 * chosen last. The best matches (a whole word, then a word's start) are listed first. Texts come from the select's data-* attributes (translated by Django).
 */
(function () {
  "use strict";

  function fold(text) {
    // Full-width to half-width, lower case, katakana to hiragana.
    return (text || "").normalize("NFKC").toLowerCase().replace(/[\u30a1-\u30f6]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0x60);
    });
  }

  function setUp(select, number) {
    var id = select.id || "picker-" + number;
    var listId = id + "-list";
    var wrapper = document.createElement("div");
    wrapper.className = "picker";

    var chosen = document.createElement("ul");
    chosen.className = "picker-chosen";
    chosen.setAttribute("aria-label", select.dataset.chosen || "");
    chosen.setAttribute("aria-live", "polite");

    var input = document.createElement("input");
    input.type = "text";
    input.className = "picker-input";
    input.autocomplete = "off";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.placeholder = select.dataset.placeholder || "";
    // The page's <label for> now names the box a person types into.
    select.id = id + "-select";
    input.id = id;
    var help = select.getAttribute("aria-describedby");
    if (help) input.setAttribute("aria-describedby", help);

    var list = document.createElement("ul");
    list.id = listId;
    list.className = "picker-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-multiselectable", "true");
    list.hidden = true;

    var none = document.createElement("p");
    none.className = "picker-none";
    none.textContent = select.dataset.none || "";
    none.hidden = true;

    var items = Array.prototype.map.call(select.options, function (option, index) {
      var li = document.createElement("li");
      li.id = listId + "-" + index;
      li.setAttribute("role", "option");
      li.textContent = option.textContent;
      li.dataset.value = option.value;
      li.dataset.index = index;
      li.addEventListener("mousedown", function (event) { event.preventDefault(); });
      li.addEventListener("click", function () { toggle(index); input.focus(); });
      list.appendChild(li);
      return { option: option, li: li, words: fold(option.textContent + " " + (option.dataset.search || "")) };
    });
    var active = -1;

    function visible() {  // in the order they are listed
      return Array.prototype.filter.call(list.children, function (li) { return !li.hidden; })
        .map(function (li) { return items[Number(li.dataset.index)]; });
    }

    function highlight(item) {
      items.forEach(function (other) { other.li.classList.remove("active"); });
      if (!item) { active = -1; input.removeAttribute("aria-activedescendant"); return; }
      active = items.indexOf(item);
      item.li.classList.add("active");
      input.setAttribute("aria-activedescendant", item.li.id);
      item.li.scrollIntoView({ block: "nearest" });
    }

    function open() {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      list.hidden = true;
      none.hidden = true;
      input.setAttribute("aria-expanded", "false");
      highlight(null);
    }

    function rank(item, words) {
      // 0: a whole word (VN, ベトナム), 1: the start of a word, 2: anywhere in a word.
      var own = item.words.split(" ");
      return Math.max.apply(null, words.map(function (word) {
        if (own.indexOf(word) !== -1) return 0;
        return own.some(function (w) { return w.indexOf(word) === 0; }) ? 1 : 2;
      }).concat([0]));
    }

    function filter() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var ranked = [];
      items.forEach(function (item, index) {
        item.li.hidden = !words.every(function (word) { return item.words.indexOf(word) !== -1; });
        if (!item.li.hidden) ranked.push({ item: item, rank: rank(item, words), index: index });
      });
      // The best matches first (then the select's own order).
      ranked.sort(function (a, b) { return a.rank - b.rank || a.index - b.index; });
      ranked.forEach(function (entry) { list.appendChild(entry.item.li); });
      none.hidden = ranked.length > 0;
      // Nothing typed: nothing highlighted, so Enter still sends the form.
      highlight(ranked.length && words.length ? ranked[0].item : null);
    }

    // The chosen ones in the order they were chosen (the select's order for the page's own choice).
    var picked = [];
    items.forEach(function (item, index) { if (item.option.selected) picked.push(index); });

    function renderChosen() {
      chosen.textContent = "";
      items.forEach(function (item) {
        item.li.setAttribute("aria-selected", item.option.selected ? "true" : "false");
      });
      picked.forEach(function (index) {
        var item = items[index];
        var chip = document.createElement("li");
        chip.className = "picker-chip";
        chip.dataset.value = item.option.value;
        var name = document.createElement("span");
        name.textContent = item.option.textContent;
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "picker-remove";
        remove.textContent = "×";
        remove.setAttribute("aria-label", (select.dataset.remove || "") + " " + item.option.textContent);
        remove.addEventListener("click", function () { toggle(index); input.focus(); });
        chip.appendChild(name);
        chip.appendChild(remove);
        chosen.appendChild(chip);
      });
    }

    function toggle(index) {
      var option = items[index].option;
      option.selected = !option.selected;
      picked = picked.filter(function (other) { return other !== index; });
      if (option.selected) picked.push(index);
      select.dispatchEvent(new Event("change", { bubbles: true }));
      renderChosen();
    }

    var composing = false;
    input.addEventListener("compositionstart", function () { composing = true; });
    input.addEventListener("compositionend", function () { composing = false; open(); filter(); });
    input.addEventListener("input", function () { if (!composing) { open(); filter(); } });
    input.addEventListener("focus", function () { open(); filter(); });
    input.addEventListener("blur", close);
    input.addEventListener("keydown", function (event) {
      if (composing || event.isComposing) return;  // keys of the input method are its own
      var shown = visible();
      var at = shown.indexOf(items[active]);
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (list.hidden) { open(); filter(); return; }
        var step = event.key === "ArrowDown" ? 1 : -1;
        highlight(shown[Math.min(Math.max(at + step, 0), shown.length - 1)] || null);
      } else if (event.key === "Enter") {
        if (list.hidden || active < 0) return;  // Enter in a closed box sends the form
        event.preventDefault();
        toggle(active);
        input.value = "";
        filter();
      } else if (event.key === "Escape") {
        if (!list.hidden) { event.preventDefault(); close(); }
      } else if (event.key === "Backspace" && input.value === "") {
        if (picked.length) toggle(picked[picked.length - 1]);
      }
    });

    select.hidden = true;
    select.parentNode.insertBefore(wrapper, select);
    wrapper.appendChild(chosen);
    wrapper.appendChild(input);
    wrapper.appendChild(list);
    wrapper.appendChild(none);
    wrapper.appendChild(select);
    renderChosen();
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("select[multiple][data-picker]"), setUp);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
