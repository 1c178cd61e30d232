/* The follow form: when the page chose the time zone itself (no zone asked for), take the browser's instead, and
   refresh the preview for it. Without JavaScript the page's default zone stays, and the form still works. */
(function () {
  "use strict";
  var select = document.getElementById("tz");
  if (!select || !select.hasAttribute("data-guess-zone") || !window.Intl) { return; }
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone || zone === select.value) { return; }
  var known = Array.prototype.some.call(select.options, function (option) { return option.value === zone; });
  if (!known) {
    var option = document.createElement("option");
    option.value = zone;
    option.textContent = zone;
    select.appendChild(option);
  }
  select.value = zone;
  select.dispatchEvent(new Event("change", { bubbles: true }));
})();
