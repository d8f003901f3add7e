"""`subkit preview` in a real browser: headless Chromium (Debian's) driven by Playwright."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import ORAL_EXAMPLE, require_tool
from preview_helpers import TORTURE_ASK_ARTICLES, PreviewProcess, save

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser():
    chromium = require_tool("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail("playwright is not installed, and CI must run the browser tests")
        pytest.skip("playwright is not installed")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def draft(tmp_path) -> Path:
    path = tmp_path / "statement.yaml"
    shutil.copy(ORAL_EXAMPLE, path)
    return path


def test_the_page_follows_the_draft_through_an_edit_an_error_and_its_fix(browser, draft):
    from playwright.sync_api import expect

    running = PreviewProcess(draft)
    page = browser.new_page()
    try:
        page.goto(running.url)
        document = page.locator("article.page")
        expect(document).to_contain_text("Thank you for this opportunity")
        expect(document.locator("header.title-block")).to_contain_text("Human Rights Committee")
        expect(document.locator("p.item").nth(1)).to_contain_text("2.Demand that the authorities")
        # Marks this very page: a reload would lose it, an update in place keeps it.
        page.evaluate("window.notReloaded = true")

        text = draft.read_text()
        save(draft, text.replace("Thank you for this", "Many thanks for this"))
        expect(document).to_contain_text("Many thanks for this opportunity", timeout=15_000)
        assert page.evaluate("window.notReloaded") is True

        broken = text.replace(TORTURE_ASK_ARTICLES, TORTURE_ASK_ARTICLES.replace("7", "77"))
        save(draft, broken)
        finding = page.locator('aside.subkit-finding[data-code="SK201"]')
        expect(finding).to_be_visible(timeout=15_000)
        expect(finding).to_contain_text("SK201 error: article 77 is not among")
        expect(finding).to_contain_text("hint:")
        expect(finding).to_contain_text(f"{draft}:")
        # Next to the ask it is about, inside the page; the last good page stays on screen.
        before = finding.evaluate("box => box.previousElementSibling.textContent")
        assert before.startswith("2.Demand that the authorities")
        expect(page.locator("#subkit-panel")).to_have_class("errors")
        expect(document).to_contain_text("Many thanks for this opportunity")

        save(draft, text)
        expect(finding).to_have_count(0, timeout=15_000)
        expect(page.locator("#subkit-panel")).not_to_have_class("errors")
        assert page.evaluate("window.notReloaded") is True
    finally:
        page.close()
        running.stop()
    assert running.process.returncode == 0
