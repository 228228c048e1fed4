#!/usr/bin/env python3
"""Generate a realistic XZuFi 2.2.0 "schreibe" message of about SIZE_MB megabytes for benchmarks.

Usage: scripts/gen_xzufi.py SIZE_MB OUT

Stdlib only. LeiKa keys and names come from ../shared/data/leika_leistungen_ozg_mapping.csv when it
exists (real keys); otherwise a small built-in list of real keys is cycled. Ids, names of
Organisationseinheiten, URLs and DestinationSignatures are synthetic (benchmark data, not real records).
The output is not meant to be committed.
"""

import base64
import csv
import json
import os
import sys
from xml.sax.saxutils import escape

NS = "http://xoev.de/schemata/xzufi/2_2_0"
FALLBACK = [
    ("99107023017000", "Wohngeld Bewilligung"),
    ("99001001002000", "Abfallgebühr Festsetzung"),
    ("99001002004000", "Altpapier Entsorgung"),
    ("99001006004000", "Gewerbemüll Entsorgung"),
]
# Real Regionalschlüssel prefixes: Land SH, Kiel, Panketal (BB), the routing examples of the brief.
GEBIETE = ["01", "010020000000", "120600181181", "064350014014", "120645410"]


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def leika_rows():
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "..", "shared", "data", "leika_leistungen_ozg_mapping.csv")
    rows = []
    if os.path.exists(path):
        with open(path, encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                key = r.get("leika_schluessel", "")
                if len(key) == 14 and key.startswith("99") and key.isdigit():
                    rows.append((key, r.get("bezeichnung", "")))
    return rows or FALLBACK


def leistung(i, key, name):
    obj = key[:8] + "000000"
    return f"""    <xzufi:leistung>
      <xzufi:id>L{i:07d}-{key}</xzufi:id>
      <xzufi:referenzLeiKa>
        <code>{key}</code>
      </xzufi:referenzLeiKa>
      <xzufi:modulText>
        <xzufi:leikaTextmodul>
          <code>02</code>
        </xzufi:leikaTextmodul>
        <xzufi:inhalt languageCode="de">{escape(name)}</xzufi:inhalt>
      </xzufi:modulText>
      <xzufi:modulText>
        <xzufi:leikaTextmodul>
          <code>03</code>
        </xzufi:leikaTextmodul>
        <xzufi:inhalt languageCode="de">{escape(name)} &#8211; Antrag und Auskunft</xzufi:inhalt>
      </xzufi:modulText>
      <xzufi:struktur xsi:type="xzufi:LeistungsstrukturObjektMitVerrichtung">
        <xzufi:leistungsobjektID>{obj}</xzufi:leistungsobjektID>
        <xzufi:verrichtung>
          <xzufi:verrichtungLeiKa>
            <code>{key[8:11]}</code>
          </xzufi:verrichtungLeiKa>
        </xzufi:verrichtung>
      </xzufi:struktur>
      <xzufi:typisierung listURI="urn:de:fim:leika:typisierung">
        <code>2/3</code>
      </xzufi:typisierung>
      <xzufi:versionsinformation>
        <xzufi:geaendertDatumZeit>2024-02-01T12:00:00+01:00</xzufi:geaendertDatumZeit>
      </xzufi:versionsinformation>
    </xzufi:leistung>
"""


def organisationseinheit(i, key):
    gebiet = GEBIETE[i % len(GEBIETE)]
    payload = json.dumps(
        {
            "services": [
                {
                    "gebietIDs": [f"urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs:{gebiet}"],
                    "leistungIDs": [f"urn:de:fim:leika:leistung:{key}"],
                }
            ],
            "destinationId": f"00000000-0000-4000-8000-{i:012d}",
        },
        separators=(",", ":"),
    ).encode()
    header = b64(b'{"alg":"PS512"}')
    sig = f"{header}.{b64(payload)}.{b64(b'synthetic-benchmark-signature')}"
    return f"""    <xzufi:organisationseinheit>
      <xzufi:id>O{i:07d}</xzufi:id>
      <xzufi:name>
        <xzufi:name languageCode="de">Fachdienst {i} (synthetisch)</xzufi:name>
      </xzufi:name>
      <xzufi:zustaendigkeit>
        <xzufi:leistungID>urn:de:fim:leika:leistung:{key}</xzufi:leistungID>
        <xzufi:gebietID>urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs:{gebiet}</xzufi:gebietID>
        <xzufi:rolle>
          <code>01</code>
        </xzufi:rolle>
        <xzufi:idSekundaer schemeID="urn:de:fitko:fit-connect:xzufi:destination" schemeAgencyId="urn:de:fitko">{sig}</xzufi:idSekundaer>
      </xzufi:zustaendigkeit>
    </xzufi:organisationseinheit>
"""


def onlinedienst(i, name):
    return f"""    <xzufi:onlinedienst>
      <xzufi:id>D{i:07d}</xzufi:id>
      <xzufi:bezeichnung languageCode="de">{escape(name)} online</xzufi:bezeichnung>
      <xzufi:link>
        <xzufi:typ listURI="urn:xoev-de:fim:codeliste:onlinedienstlinktyp">
          <code>01</code>
        </xzufi:typ>
        <xzufi:link>https://dienst{i}.example.org/antrag?x=1&amp;y=2</xzufi:link>
      </xzufi:link>
    </xzufi:onlinedienst>
"""


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    target = int(float(sys.argv[1]) * 1_000_000)
    rows = leika_rows()
    written = 0
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        head = f"""<?xml version="1.0" encoding="UTF-8"?>
<xzufi:nachricht xmlns:xzufi="{NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xzufiVersion="2.2.0" produktbezeichnung="gen_xzufi.py" produkthersteller="ozg contributors">
  <xzufi:nachrichtenkopf>
    <xzufi:nachrichtUUID>00000000-0000-4000-8000-000000000000</xzufi:nachrichtUUID>
  </xzufi:nachrichtenkopf>
  <xzufi:schreibe>
"""
        out.write(head)
        written += len(head.encode())
        i = 0
        while written < target:
            key, name = rows[i % len(rows)]
            chunk = leistung(i, key, name) + organisationseinheit(i, key)
            if i % 4 == 0:
                chunk += onlinedienst(i, name)
            out.write(chunk)
            written += len(chunk.encode())
            i += 1
        out.write("  </xzufi:schreibe>\n</xzufi:nachricht>\n")


if __name__ == "__main__":
    main()
