// Languages and directions: the page's language is followed, right-to-left lays out mirrored.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { axeViolations, setUp, shadowStyle, state, text } from "./helpers.mjs";

let env;
before(async () => (env = await setUp()));
after(() => env.close());

test("a right-to-left page lays the widget out right to left", async () => {
  const page = await env.open("/rtl.html");
  assert.equal(await state(page, "rtl-widget"), "ready");
  const root = await shadowStyle(page, "rtl-widget", ".cop-root", ["direction", "text-align"]);
  assert.equal(root.direction, "rtl");
  // The alert's accent border is on the inline start: the right, in right-to-left.
  const alert = await shadowStyle(page, "rtl-error", ".cop-alert", ["border-right-width", "border-left-width"]);
  assert.deepEqual(alert, { "border-right-width": "4px", "border-left-width": "1px" });
  // Arabic has no catalog yet: messages fall back to English, dates use Arabic through Intl.
  const shown = await text(page, "rtl-widget");
  assert.match(shown, /cop-widgets is working/);
  assert.match(shown, /data-locale\s+ar/);
  assert.deepEqual(await axeViolations(page), []);
});

test("on an Arabic page the form's English fallback is marked English and laid out left to right; typed text finds its own direction", async () => {
  const page = await env.open("/rtl.html");
  const form = await page.$eval("#rtl-story", (el) => {
    const section = el.shadowRoot.querySelector(".cop-story");
    const field = el.shadowRoot.getElementById("cop-f-title");
    return { lang: section.lang, dir: section.dir, direction: getComputedStyle(section).direction, field: field.dir, text: section.textContent };
  });
  assert.match(form.text, /Tell the story/, "English: Arabic has no catalog");
  assert.deepEqual([form.lang, form.dir, form.direction, form.field], ["en", "ltr", "ltr", "auto"]);
  const root = await shadowStyle(page, "rtl-story", ".cop-root", ["direction"]);
  assert.equal(root.direction, "rtl", "the widget's box still follows the page");
});

test("without data-locale the widget follows <html lang>, then the browser", async () => {
  const page = await env.open("/index.html", { contextOptions: { locale: "es-ES" } });
  assert.match(await text(page, "index-hello"), /data-locale\s+en/, "html lang=en wins over the browser");
  await page.evaluate(() => {
    document.documentElement.removeAttribute("lang");
    const el = document.createElement("div");
    el.id = "browser-language";
    el.setAttribute("data-cop-widget", "hello");
    document.body.appendChild(el);
  });
  await page.waitForFunction(() => document.getElementById("browser-language").dataset.copState === "ready");
  const shown = await text(page, "browser-language");
  assert.match(shown, /cop-widgets funciona/);
  assert.match(shown, /data-locale\s+es-ES/);
});

for (const [locale, title] of [["pt-BR", "cop-widgets está funcionando"], ["fr", "cop-widgets fonctionne"], ["de", "cop-widgets funktioniert"], ["es", "cop-widgets funciona"]]) {
  test(`data-locale=${locale} shows the ${locale} catalog`, async () => {
    const page = await env.open("/index.html");
    await page.evaluate((locale) => {
      const el = document.createElement("div");
      el.id = "localized";
      el.setAttribute("data-cop-widget", "hello");
      el.setAttribute("data-locale", locale);
      el.setAttribute("data-theme", "purple");
      document.body.appendChild(el);
    }, locale);
    await page.waitForFunction(() => document.getElementById("localized").dataset.copState === "error");
    const shown = await text(page, "localized");
    assert.ok(!shown.includes("This widget is not set up correctly"), `translated error box: ${shown}`);
    assert.ok(shown.includes("purple") && shown.includes("data-theme"), shown);
    await page.evaluate(() => document.getElementById("localized").removeAttribute("data-theme"));
    await page.waitForFunction(() => document.getElementById("localized").dataset.copState === "ready");
    assert.match(await text(page, "localized"), new RegExp(title));
  });
}

// Catalogs other than English are files next to the wasm, fetched once per language a page shows.
const addHello = (page, id, locale) =>
  page.evaluate(([id, locale]) => {
    const el = document.createElement("div");
    el.id = id;
    el.setAttribute("data-cop-widget", "hello");
    el.setAttribute("data-locale", locale);
    document.body.appendChild(el);
  }, [id, locale]);

test("a page fetches the catalogs of each language it shows once (the platform's and the kind's), and none for English", async () => {
  const page = await env.open("/index.html");
  const catalogs = () => page.requests.filter((url) => url.includes("cop_i18n_"));
  assert.deepEqual(catalogs(), [], "English is inside the wasm");
  await addHello(page, "de-1", "de");
  await addHello(page, "de-2", "de-AT");
  await page.waitForFunction(() => ["de-1", "de-2"].every((id) => document.getElementById(id).dataset.copState === "ready"));
  assert.match(await text(page, "de-1"), /cop-widgets funktioniert/);
  assert.match(await text(page, "de-2"), /cop-widgets funktioniert/);
  // The platform's German and the diagnostic widget's own (its chunk's part of the catalog).
  assert.equal(catalogs().length, 2, catalogs().join("\n"));
  assert.deepEqual(catalogs().map((url) => url.match(/\/cop_i18n_(\w+)-[0-9a-f]{16}\.json$/)?.[1]).sort(), ["de", "de_hello"]);
});

test("a catalog that cannot be fetched leaves the widget working, in English", async () => {
  const page = await env.open("/index.html");
  await page.route("**/cop_i18n_*", (route) => route.abort());
  await addHello(page, "fr-offline", "fr");
  await page.waitForFunction(() => document.getElementById("fr-offline").dataset.copState === "ready");
  const shown = await text(page, "fr-offline");
  assert.match(shown, /cop-widgets is working/);
  assert.match(shown, /data-locale\s+fr/, "dates and numbers still follow the locale");
});
