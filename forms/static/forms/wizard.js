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

  // Dates are typed day/month/year: the slashes are added after the day and the
  // month, and eight digits pasted at once are split the same way. The server
  // parses what is sent and says so when it is not a real date.
  function maskDate(value) {
    if (/^\d{8}$/.test(value)) return value.slice(0, 2) + "/" + value.slice(2, 4) + "/" + value.slice(4);
    if (/^\d{2}$/.test(value) || /^\d{1,2}\/\d{2}$/.test(value)) return value + "/";
    return value;
  }
  form.querySelectorAll("input[data-date-mask]").forEach(function (input) {
    input.addEventListener("input", function (event) {
      // Deleting is left alone, or the slash would come back under the cursor.
      if (event.inputType && event.inputType.indexOf("insert") !== 0) return;
      var masked = maskDate(input.value);
      if (masked !== input.value) input.value = masked;
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
