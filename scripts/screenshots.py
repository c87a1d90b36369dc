"""README screenshots of the graph page, taken in the headless Chromium the browser tests use.

    python scripts/screenshots.py [--page out/graph.html] [--out docs]

Writes docs/graph-overview.png (the page as it opens) and docs/graph-detail.png
(after searching "xi jinping": the person's detail panel with roles, speeches and quotes).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import chromium, wait_until_stabilised  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--page", type=Path, default=ROOT / "out" / "graph.html")
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--search", default="xi jinping", help="What to type in the search box for the detail shot.")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with chromium() as driver:
        driver.get(args.page.resolve().as_uri())
        wait_until_stabilised(driver)
        driver.save_screenshot(str(args.out / "graph-overview.png"))
        search = driver.find_element("id", "search")
        search.send_keys(args.search)
        driver.execute_script("document.getElementById('results').hidden = true")
        driver.save_screenshot(str(args.out / "graph-detail.png"))
    print(f"wrote {args.out / 'graph-overview.png'} and {args.out / 'graph-detail.png'}")


if __name__ == "__main__":
    main()
