// Lighthouse on several pages from one Node process and one Chromium (tests/test_lighthouse.py).
// Arguments: the categories (comma-separated), then one "form|report file|URL" per audit;
// each audit's JSON report is written to its file. Lighthouse resets the page's storage and
// cache before each audit, as it does when the command line starts a browser per page.
//
// The mobile audits emulate one phone whatever the machine. Lighthouse scales the main-thread
// time it observes by a CPU slowdown (4x by default, meant for a desktop-class machine), so on
// a slower or busier machine the same page scores lower. Lighthouse's throttling guide asks for
// the slowdown to be calibrated from the machine's benchmark index; before each mobile audit
// this script runs Lighthouse's own benchmark in the browser and sets the slowdown to that
// index over PHONE_INDEX, never below 1. The desktop preset's slowdown (none) is kept.
// Each report gets a "<report>.cpu.json" beside it: the index measured and the slowdown used.
import { writeFileSync } from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { throttling } from "lighthouse/core/config/constants.js";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { pageFunctions } from "lighthouse/core/lib/page-functions.js";
import puppeteer from "puppeteer-core";

// The phone emulated: Lighthouse's default 4x on the fastest machine of its high-end desktop
// class (benchmark index 2,000), which it places among mid-tier phones.
const PHONE_INDEX = 500;

/** Lighthouse's benchmark index of this machine now, measured in a blank tab. */
async function benchmarkIndex(browser) {
  const tab = await browser.newPage();
  try {
    return await tab.evaluate(pageFunctions.computeBenchmarkIndex);
  } finally {
    await tab.close();
  }
}

/** The mobile audit's throttling for a machine of this index. */
function mobileThrottling(index) {
  const cpuSlowdownMultiplier = Math.max(1, Math.round((index / PHONE_INDEX) * 100) / 100);
  return { ...throttling.mobileSlow4G, cpuSlowdownMultiplier };
}

const [categories, ...audits] = process.argv.slice(2);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: ["--headless=new", "--no-sandbox"],
});
const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
try {
  for (const audit of audits) {
    const [form, report, url] = audit.split("|");
    const flags = {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: categories.split(","),
    };
    let calibration = { index: null, cpuSlowdownMultiplier: 1 };
    if (form !== "desktop") {
      const index = await benchmarkIndex(browser);
      flags.throttling = mobileThrottling(index);
      calibration = { index, cpuSlowdownMultiplier: flags.throttling.cpuSlowdownMultiplier };
    }
    const result = await lighthouse(url, flags, form === "desktop" ? desktopConfig : undefined);
    writeFileSync(report, result.report);
    writeFileSync(`${report}.cpu.json`, JSON.stringify(calibration));
  }
} finally {
  await browser.disconnect();
  chrome.kill();
}
