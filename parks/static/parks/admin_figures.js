// Figures keep the order in which the form shows them. "Move up" and "Move down" move a figure past its
// neighbour; the hidden position fields are numbered from the order on the page whenever it changes, and
// just before the form is sent if they no longer follow it (a figure added with "Add another" has none yet).
// Positions that already follow the page are sent as they are: renumbering them (the demo's start at 0) made
// every save count as a change of the figures, named in the history and shown, empty, in the review.
"use strict";
{
  const isFigure = (element) =>
    element.classList.contains("inline-related") && !element.classList.contains("empty-form");

  const neighbour = (row, step) => {
    let element = step < 0 ? row.previousElementSibling : row.nextElementSibling;
    while (element && !isFigure(element)) {
      element = step < 0 ? element.previousElementSibling : element.nextElementSibling;
    }
    return element;
  };

  const number = (group) => {
    let position = 0;
    for (const row of group.querySelectorAll(".inline-related:not(.empty-form)")) {
      const input = row.querySelector("input.figure-position");
      if (input) {
        position += 1;
        input.value = position;
      }
    }
  };

  const inOrder = (group) => {
    let previous = -1;
    for (const input of group.querySelectorAll(".inline-related:not(.empty-form) input.figure-position")) {
      const position = input.value.trim() === "" ? Number.NaN : Number(input.value);
      if (!(position > previous)) {
        return false;
      }
      previous = position;
    }
    return true;
  };

  document.addEventListener("click", (event) => {
    const button = event.target.closest(".figure-up, .figure-down");
    if (!button) {
      return;
    }
    const row = button.closest(".inline-related");
    const up = button.classList.contains("figure-up");
    const other = neighbour(row, up ? -1 : 1);
    if (other) {
      other.parentElement.insertBefore(up ? row : other, up ? other : row);
      number(row.closest(".figures"));
      button.focus();
    }
  });

  document.addEventListener(
    "submit",
    () => {
      document.querySelectorAll(".figures").forEach((group) => {
        if (!inOrder(group)) {
          number(group);
        }
      });
    },
    true,
  );
}
