document.getElementById("crash").addEventListener("click", () => {
  document.getElementById("target").innerHTML = '<div id="crashing" data-cop-widget="hello" data-simulate="panic"></div>';
});
