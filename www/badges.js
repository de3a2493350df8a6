// The host page's own member directory: 300 water engineers, each with a
// participation pill. The pills' data comes in two batched requests, whatever the page does.
const directory = document.getElementById("directory");
for (let n = 1; n <= 300; n++) {
  const row = document.createElement("li");
  const name = document.createElement("span");
  name.textContent = `Member w-${n}`;
  const pill = document.createElement("span");
  pill.id = `pill-${n}`;
  pill.setAttribute("data-cop-widget", "participation-badge");
  pill.setAttribute("data-variant", "pill");
  pill.setAttribute("data-community", "water-engineers");
  pill.setAttribute("data-member", `w-${n}`);
  row.append(name, " ", pill);
  directory.appendChild(row);
}
