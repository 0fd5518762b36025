"""The page in a real headless Chromium (Debian's chromium + chromedriver, driven by Selenium).

Skipped with the reason when the browser is not installed here; .ci/run installs it.
"""
from __future__ import annotations

import time

import pytest

from tests.browser import chromium, missing
from tests.serve_fixture import HOSTILE_NAME, KgServe, sample_store

pytestmark = pytest.mark.skipif(missing() is not None, reason=f"no headless browser: {missing()}")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    store = sample_store(tmp_path_factory.mktemp("serve-browser") / "store")
    with KgServe(store) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as driver:
        yield driver


def wait_for(driver, script: str, timeout: float = 10.0):
    """Poll a JavaScript expression until it is truthy; return its value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = driver.execute_script("try { return " + script + " } catch (e) { return null }")
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for: {script}")


def outside_requests(driver, origin: str) -> list[str]:
    names = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)"
                                  ".concat([location.href])")
    return [n for n in names if not n.startswith(origin + "/")]


def test_search_network_timeline_and_evidence(server, browser):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    browser.get(server + "/")
    wait_for(browser, "window.kgGraph && kgGraph.nodes().length > 0")
    box = browser.find_element(By.ID, "q")
    box.send_keys("netanya")                                  # suggestions as you type
    wait_for(browser, "document.querySelector('#suggestions li') !== null")
    first = browser.find_element(By.CSS_SELECTOR, "#suggestions li")
    assert "Benjamin Netanyahu" in first.text
    first.click()
    labels = wait_for(browser, "kgGraph.nodes('[center = 1]').length && kgGraph.nodes().map(n => n.data('label'))")
    assert "Vladimir Putin" in labels and "Benjamin Netanyahu" in labels
    assert HOSTILE_NAME in labels                             # shown as text: nothing it carries ran
    assert browser.execute_script("return window.kgPwned") is None

    # a real click in the middle of the Netanyahu–Putin line
    point = browser.execute_script(
        "const e = kgGraph.edges().filter(e => [e.source(), e.target()].some(n => n.data('label') === 'Vladimir Putin'))[0];"
        "const p = e.renderedMidpoint(); const r = document.getElementById('network').getBoundingClientRect();"
        "return [p.x, p.y, r.width, r.height];")
    canvas = browser.find_element(By.ID, "network")
    ActionChains(browser).move_to_element_with_offset(canvas, point[0] - point[2] / 2, point[1] - point[3] / 2).click().perform()
    wait_for(browser, "document.querySelector('#evidence blockquote.sentence') !== null")
    card = browser.find_element(By.CSS_SELECTOR, "#evidence .ev-card")
    assert "2019-09-12" in card.text and "Sochi" in card.text and "happened" in card.text
    marks = [m.text for m in card.find_elements(By.TAG_NAME, "mark")]
    assert "Vladimir Putin" in marks and "Benjamin Netanyahu" in marks
    link = card.find_element(By.CSS_SELECTOR, "a.source-link")
    assert link.get_attribute("href") == "https://example.org/demo/sochi-talks"
    assert "/article?iri=" in card.find_element(By.CSS_SELECTOR, "a.article-facts").get_attribute("href")

    browser.find_element(By.ID, "tab-timeline").click()
    wait_for(browser, "document.querySelector('.tl-item') !== null")
    items = [i.text for i in browser.find_elements(By.CSS_SELECTOR, ".tl-item")]
    assert any("2019-09-12" in t and "Sochi" in t and "Vladimir Putin" in t for t in items)
    hostile = [i for i in browser.find_elements(By.CSS_SELECTOR, ".tl-item") if "2020-02-03" in i.text][0]
    hostile.click()                                           # the hostile sentence shows as text
    wait_for(browser, "document.querySelector('#evidence blockquote.sentence') !== null"
                      " && document.querySelector('#evidence').textContent.includes('onerror')")
    assert browser.execute_script("return window.kgPwned") is None
    assert browser.find_elements(By.CSS_SELECTOR, "#evidence img, #evidence b, #evidence script") == []

    assert outside_requests(browser, server) == []
    errors = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
    assert errors == []


def test_person_and_article_pages_load_clean(server, browser):
    from selenium.webdriver.common.by import By

    browser.get(server + "/?q=Putin")
    wait_for(browser, "!document.getElementById('person-link').hidden")
    browser.find_element(By.ID, "person-link").click()
    wait_for(browser, "document.querySelector('h1') && document.querySelector('h1').textContent === 'Vladimir Putin'")
    assert "President of Russia" in browser.find_element(By.TAG_NAME, "main").text
    browser.find_element(By.LINK_TEXT, "article").click()
    wait_for(browser, "location.pathname === '/article'")
    assert "Netanyahu and Putin talk security in Sochi" in browser.find_element(By.TAG_NAME, "h1").text
    browser.get(server + "/person?iri=https%3A%2F%2Fw3id.org%2Fkg-news%2Fid%2Fperson%2Feve")
    assert browser.execute_script("return window.kgPwned") is None
    assert "<script>" in browser.find_element(By.TAG_NAME, "h1").text
    assert outside_requests(browser, server) == []
    assert [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")] == []
