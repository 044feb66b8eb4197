// achilles-coach's page: the "open it again" button (no inline script: the CSP forbids it).
document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("open-again").addEventListener("click", () => {
    window.location.replace("/" + window.location.search);
  });
});
