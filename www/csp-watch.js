// Records Content-Security-Policy violations, so the test can assert there are none.
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.cspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`);
});
