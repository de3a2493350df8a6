// Adds and removes placeholders after load, like a single-page app or an AJAX page.
const app = document.getElementById("app");
let n = 0;
document.getElementById("add").addEventListener("click", () => {
  const section = document.createElement("section");
  section.innerHTML = `<h2>Panel ${++n}</h2><div data-cop-widget="hello" data-community="teachers" data-member="m-${n}"></div>`;
  app.appendChild(section);
});
document.getElementById("remove").addEventListener("click", () => app.lastElementChild?.remove());
document.getElementById("switch").addEventListener("click", () => {
  const first = app.querySelector("[data-cop-widget]");
  first?.setAttribute("data-locale", "de");
  first?.setAttribute("data-theme", "dark");
});
