// Lighthouse on several pages from one Node process and one Chromium (tests/test_lighthouse.py).
// Arguments: the categories (comma-separated), then one "form|report file|URL" per audit;
// each audit's JSON report is written to its file. Lighthouse resets the page's storage and
// cache before each audit, as it does when the command line starts a browser per page.
import { writeFileSync } from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";

const [categories, ...audits] = process.argv.slice(2);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: ["--headless=new", "--no-sandbox"],
});
try {
  for (const audit of audits) {
    const [form, report, url] = audit.split("|");
    const flags = {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: categories.split(","),
    };
    const result = await lighthouse(url, flags, form === "desktop" ? desktopConfig : undefined);
    writeFileSync(report, result.report);
  }
} finally {
  chrome.kill();
}
