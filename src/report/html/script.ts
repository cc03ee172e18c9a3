/**
 * The page's only script: sort a table by the clicked column (numbers by data-value, text
 * otherwise; blanks last in either direction), and open every <details> before printing.
 */
export const REPORT_SCRIPT = `(() => {
  for (const table of document.querySelectorAll("table.sortable")) {
    const headers = Array.from(table.tHead.rows[0].cells);
    headers.forEach((th, column) => {
      const button = th.querySelector("button");
      if (!button) return;
      button.addEventListener("click", () => {
        const ascending = th.getAttribute("aria-sort") !== "ascending";
        for (const other of headers) other.setAttribute("aria-sort", "none");
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        const numeric = button.dataset.sort === "num";
        const key = (row) => {
          const cell = row.cells[column];
          return numeric ? cell.dataset.value : cell.textContent.trim();
        };
        const body = table.tBodies[0];
        const rows = Array.from(body.rows).sort((a, b) => {
          const x = key(a);
          const y = key(b);
          if (x === "" || y === "") return (x === "" ? 1 : 0) - (y === "" ? 1 : 0);
          const order = numeric ? Number(x) - Number(y) : x.localeCompare(y, "en", { numeric: true });
          return ascending ? order : -order;
        });
        body.append(...rows);
      });
    });
  }
  window.addEventListener("beforeprint", () => {
    for (const details of document.querySelectorAll("details")) details.open = true;
  });
})();`;
