"""Headless Chromium (Debian's package) and axe-core, for the accessibility tests in tests/browser."""

from __future__ import annotations

import os
import re
import shutil
from typing import Any

from tests.conftest import PROJECT_ROOT

AXE_SOURCE = PROJECT_ROOT / "portal" / "static" / "vendor" / "axe" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCRIPT_TAG = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL | re.IGNORECASE)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    assert path, (
        "Chromium is needed for the accessibility tests: `make test` installs it (scripts/ensure-chromium)"
    )
    return path


class AxeAudit:
    """Open a page as a person would (with or without JavaScript) and run axe-core on it."""

    def __init__(self, browser: Any) -> None:
        self.browser = browser

    def open(self, url: str, javascript: bool) -> Any:
        # axe itself needs JavaScript, so the no-JavaScript page is what the server
        # sends with every script removed: the DOM a reader without JavaScript gets.
        context = self.browser.new_context(bypass_csp=True, viewport={"width": 390, "height": 844})
        page = context.new_page()
        if not javascript:
            html = page.request.get(url).text()

            def serve_without_scripts(route: Any) -> None:
                route.fulfill(
                    status=200, content_type="text/html; charset=utf-8", body=SCRIPT_TAG.sub("", html)
                )

            page.route(url, serve_without_scripts)
        page.goto(url, wait_until="load")
        return page

    def violations(self, page: Any) -> list[dict[str, Any]]:
        page.add_script_tag(path=str(AXE_SOURCE))
        return list(
            page.evaluate(
                """async (tags) => {
                    const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
                    return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.slice(0, 3).map(n => n.html)}));
                }""",
                WCAG_22_AA,
            )
        )
