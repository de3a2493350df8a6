// What `$('body').on('click', false)` does: every click that bubbles to the body has its
// default action cancelled and goes no further.
document.addEventListener("DOMContentLoaded", function () {
  document.body.addEventListener("click", function (event) {
    event.preventDefault();
    event.stopPropagation();
  });
});
