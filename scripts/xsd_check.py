#!/usr/bin/env python3
"""XSD validation like `xmllint --noout --schema XSD FILE...`, through lxml (libxml2's validator).

Used by the Rust XSD tests (ozg-xml/tests/xsd.rs) where xmllint itself is not installed: the test
runs `$OZG_XSD_PYTHON scripts/xsd_check.py --schema schemas/ozg.xsd FILE...`. Exit 0 when every file
validates; otherwise each error is printed as `FILE:LINE: MESSAGE` and the exit status is 3, as
xmllint's for a validation error.
"""

from __future__ import annotations

import sys

from lxml import etree


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[0] != "--schema":
        print("usage: xsd_check.py --schema XSD FILE...", file=sys.stderr)
        return 2
    schema = etree.XMLSchema(etree.parse(argv[1]))
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    failed = False
    for path in argv[2:]:
        try:
            doc = etree.parse(path, parser)
        except etree.XMLSyntaxError as e:
            print(f"{path}: {e}", file=sys.stderr)
            failed = True
            continue
        if schema.validate(doc):
            print(f"{path} validates", file=sys.stderr)
        else:
            failed = True
            for err in schema.error_log:
                print(f"{path}:{err.line}: {err.message}", file=sys.stderr)
            print(f"{path} fails to validate", file=sys.stderr)
    return 3 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
