// Progressive enhancement of the form wizard: the server checks everything again.
(function () {
  "use strict";
  var form = document.querySelector(".wizard-form");
  if (!form) return;

  function answer(name) {
    var inputs = form.querySelectorAll('[name$="-' + name + '"]');
    var values = [];
    inputs.forEach(function (input) {
      if ((input.type === "radio" || input.type === "checkbox") && !input.checked) return;
      if (input.value) values.push(input.value);
    });
    return values;
  }

  function holds(condition) {
    var given = answer(condition.field);
    var matches = given.some(function (v) { return condition.values.indexOf(v) !== -1; });
    return condition.operator === "not_in" ? !matches : matches;
  }

  function refresh() {
    form.querySelectorAll("[data-condition]").forEach(function (element) {
      var condition = JSON.parse(element.getAttribute("data-condition"));
      if ((condition.effect || "show") !== "show") return;
      element.hidden = !holds(condition);
    });
  }

  form.addEventListener("change", refresh);
  refresh();

  // Repeating groups: show the rows in use, and add one more on request.
  form.querySelectorAll(".group-field").forEach(function (group) {
    var extra = Array.prototype.slice.call(group.querySelectorAll("[data-extra-row]"));
    var button = group.querySelector(".add-row");
    if (!extra.length || !button) return;
    extra.forEach(function (row) { row.hidden = true; });
    button.hidden = false;
    button.addEventListener("click", function () {
      var next = extra.shift();
      if (next) {
        next.hidden = false;
        var input = next.querySelector("input, select, textarea");
        if (input) input.focus();
      }
      if (!extra.length) button.hidden = true;
    });
  });

  // Address: load the communes and wards of the chosen province.
  form.querySelectorAll("select[data-wards-of]").forEach(function (wardSelect) {
    var province = document.getElementById(wardSelect.getAttribute("data-wards-of"));
    if (!province) return;
    province.addEventListener("change", function () {
      var first = wardSelect.options[0];
      wardSelect.innerHTML = "";
      wardSelect.appendChild(first);
      if (!province.value) return;
      var base = form.getAttribute("data-wards-url") || "/bieu-mau/dia-gioi/";
      fetch(base + province.value + "/").then(function (r) { return r.json(); }).then(function (data) {
        data.wards.forEach(function (pair) {
          var option = document.createElement("option");
          option.value = pair[0];
          option.textContent = pair[1];
          wardSelect.appendChild(option);
        });
      });
    });
  });
})();
