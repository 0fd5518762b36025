"""Screenshots of `kg serve` for the README, taken with Debian's headless Chromium.

    .venv/bin/kg --store /tmp/demo-store ingest scripts/samples/demo.jsonl
    .venv/bin/python scripts/serve_screenshots.py /tmp/demo-store --out scripts/samples
"""
from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser import chromium  # noqa: E402  (tests/browser.py: the same flags the tests use)

from kg.store import open_store  # noqa: E402
from kg.web.app import make_server  # noqa: E402


def settle(driver, script: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not driver.execute_script("try { return " + script + " } catch (e) {}"):
        time.sleep(0.1)
    time.sleep(0.4)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("store")
    parser.add_argument("--out", default="scripts/samples")
    args = parser.parse_args()
    out = Path(args.out)
    with open_store(args.store, read_only=True) as store:
        server = make_server(store, "127.0.0.1", 0, quiet=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        try:
            with chromium(1400, 860) as driver:
                driver.get(base + "/")
                settle(driver, "window.kgGraph && kgGraph.nodes().length")
                driver.execute_script("kgGraph.edges().filter(e => e.data('kind') === 'host').select().emit('tap')")
                settle(driver, "document.querySelector('#evidence blockquote')")
                driver.save_screenshot(str(out / "serve-network.png"))
                driver.find_element("id", "tab-timeline").click()
                settle(driver, "document.querySelector('.tl-item')")
                driver.find_elements("css selector", ".tl-item")[1].click()
                settle(driver, "document.querySelector('#evidence blockquote')")
                driver.save_screenshot(str(out / "serve-timeline.png"))
        finally:
            server.shutdown()
    print(f"wrote {out / 'serve-network.png'} and {out / 'serve-timeline.png'}")


if __name__ == "__main__":
    main()
