// The site header: the phone menu toggle and closing the user menu (no inline script in pages).
// Phones: the menu folds behind the “Menu” button (CSS decides below which width).
(function () {
  var header = document.querySelector(".site-header");
  var toggle = header.querySelector(".nav-toggle");
  header.classList.add("has-nav-toggle");
  toggle.hidden = false;
  toggle.addEventListener("click", function () {
    var open = header.classList.toggle("nav-open");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  });
  // A click elsewhere closes an open user menu.
  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.user-menu[open]").forEach(function (menu) {
      if (!menu.contains(event.target)) menu.open = false;
    });
  });
  // Escape closes an open user menu and gives the focus back to its summary.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll("details.user-menu[open]").forEach(function (menu) {
      menu.open = false;
      menu.querySelector("summary").focus();
    });
  });
})();
