import { existsSync } from "node:fs";
import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { cellAnchor } from "../../src/report/html/format.js";
import { renderHtmlReport } from "../../src/report/html.js";
import type { RunDocument } from "../../src/report/run-document.js";
import { headlineFigures } from "../../src/report/terminal.js";
import type { CellResult } from "../../src/types.js";
import { runCli } from "../helpers/run-cli.js";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
/** Where a human can look at the last rendered report. */
const SHARED_SCREENSHOT = "/tmp/cab-report.png";

const chromiumMissing = !existsSync(CHROMIUM);

const tempDirs: string[] = [];
afterAll(async () => {
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
});

describe("report.html in a browser", () => {
  it.skipIf(chromiumMissing)(
    `shows the headline figures of a real run offline, sorts its table, and makes no request${
      chromiumMissing ? ` — skipped: Debian's chromium is not at ${CHROMIUM} (apt-get install chromium)` : ""
    }`,
    async () => {
      const run = await runCli([
        "check",
        "--tui",
        "oracle",
        "--task",
        "polyglot/js-async-foreach",
        "--task",
        "polyglot/python-reverse-string",
        "--json",
      ]);
      expect(run.code, run.stderr).toBe(0);
      const document = JSON.parse(run.stdout) as RunDocument;
      expect(document.cells).toHaveLength(2);

      const dir = await mkdtemp(join(tmpdir(), "cab-report-browser-"));
      tempDirs.push(dir);
      const reportFile = join(dir, "report.html");
      await writeFile(reportFile, renderHtmlReport(document));
      const reportUrl = pathToFileURL(reportFile).href;

      const context = await chromium.launchPersistentContext(join(dir, "profile"), {
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_ARGS,
        viewport: { width: 1280, height: 900 },
      });
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        const requests: string[] = [];
        const problems: string[] = [];
        page.on("request", (request) => requests.push(request.url()));
        page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
        // A CSP violation (an inline thing the policy blocks) shows up as a console error.
        page.on("console", (message) => {
          if (message.type() === "error") problems.push(`console: ${message.text()}`);
        });
        await page.goto(reportUrl);

        const banner = page.locator(".banner");
        expect(await banner.isVisible()).toBe(true);
        expect(await banner.textContent()).toBe(document.notice);
        expect(await page.getByRole("button", { name: "Composite", exact: true }).isVisible()).toBe(true);

        for (const [index, cell] of document.cells.entries()) {
          const figures = new Map(headlineFigures(cell));
          const composite = figures.get("Composite") as string;
          expect(composite).toMatch(/^\d\.\d{3}$/);
          const card = page.locator(`#${cellAnchor(cell, index)} [data-figure="Composite"] .value`);
          expect(await card.isVisible()).toBe(true);
          expect(await card.textContent()).toBe(composite);
          const row = page.locator("table.comparison tbody tr").nth(index);
          expect(await row.locator("td").last().textContent()).toBe(composite);
          expect(await row.getByText(cell.run_identity.task_id).isVisible()).toBe(true);
        }

        // Task: the first click sorts ascending, the second descending — the rows swap.
        const taskOrder = () => page.locator("table.comparison tbody tr td:nth-child(3)").allTextContents();
        const before = await taskOrder();
        const taskHeader = page.locator("table.comparison th", { hasText: "Task" });
        await taskHeader.getByRole("button").click();
        expect(await taskHeader.getAttribute("aria-sort")).toBe("ascending");
        const ascending = await taskOrder();
        expect(ascending).toEqual([...before].sort());
        await taskHeader.getByRole("button").click();
        expect(await taskHeader.getAttribute("aria-sort")).toBe("descending");
        const descending = await taskOrder();
        expect(descending).toEqual([...ascending].reverse());
        expect(descending).not.toEqual(ascending);

        // The row's link jumps to the cell's section.
        const firstAnchor = cellAnchor(document.cells[0] as CellResult, 0);
        await page.locator(`table.comparison a[href="#${firstAnchor}"]`).click();
        expect(new URL(page.url()).hash).toBe(`#${firstAnchor}`);

        const screenshot = join(dir, "report.png");
        await page.screenshot({ path: screenshot, fullPage: true });
        await copyFile(screenshot, SHARED_SCREENSHOT);
        const png = await readFile(screenshot);
        expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
        expect(png.length).toBeGreaterThan(10_000);

        expect(problems).toEqual([]);
        expect(requests.length).toBeGreaterThan(0);
        expect(requests.filter((url) => url.split("#")[0] !== reportUrl)).toEqual([]);
      } finally {
        await context.close();
      }
    },
    120_000,
  );
});
